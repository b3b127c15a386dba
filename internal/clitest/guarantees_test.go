//go:build linux

package clitest

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// writeModule writes a one-package main module into a new directory and returns it.
func writeModule(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/fixture\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// runPdbgo runs pdbgo in dir with stdin and returns what it wrote and its exit status.
func runPdbgo(t *testing.T, dir, stdin string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	cmd := exec.Command(pdbgo, args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		status = exit.ExitCode()
	case err != nil:
		t.Fatalf("pdbgo %s: %v", strings.Join(args, " "), err)
	}
	return out.String(), errOut.String(), status
}

// leavesMark is a program that leaves a file called "ran" in its working directory.
const leavesMark = `package main

import "os"

func main() {
	os.WriteFile("ran", nil, 0o644)
	panic("crash")
}
`

// TestReportFileFlagChecks: --report-file without --report, or into a directory that does not
// exist, is a command-line mistake found before the program runs (exit 2, one line).
func TestReportFileFlagChecks(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--report-file", "crash.json"}, "pdbgo: --report-file needs --report (text, json or sentry)"},
		{[]string{"--report=json", "--report-file", "nosuch/crash.json"}, "pdbgo: --report-file nosuch/crash.json: directory nosuch does not exist"},
	} {
		dir := writeModule(t, leavesMark)
		args := append(append([]string{"run", "--plain"}, tc.args...), ".")
		_, stderr, status := runPdbgo(t, dir, "q\n", args...)
		if status != 2 || strings.TrimSpace(stderr) != tc.want {
			t.Errorf("pdbgo %s: status %d, stderr %q; want 2, %q", strings.Join(args, " "), status, stderr, tc.want)
		}
		if _, err := os.Stat(filepath.Join(dir, "ran")); err == nil {
			t.Errorf("pdbgo %s ran the program", strings.Join(args, " "))
		}
	}
}

// TestKillOfAttachedProcessSparesItsGroup: kill ends an attached process alone. The user's
// shell job it leads (a pipeline partner, a worker in its process group) lives on.
func TestKillOfAttachedProcessSparesItsGroup(t *testing.T) {
	bin := buildFixture(t, spinner)
	stdout, serverOut := newOutput(t)
	server := exec.Command(bin)
	server.Stdout = stdout
	server.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // leads its group, as a job's first process does
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { server.Process.Kill(); server.Wait() })
	partner := exec.Command("sleep", "60")
	partner.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pgid: server.Process.Pid} // `./server | cat`
	if err := partner.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { partner.Process.Kill(); partner.Wait() })
	serverOut.tickAfter(t, 0) // in main.spin

	out, _, status := runPdbgo(t, ".", "where\nkill\n", "attach", strconv.Itoa(server.Process.Pid))
	if status != 0 || !strings.Contains(out, "Killed process "+strconv.Itoa(server.Process.Pid)) {
		t.Fatalf("pdbgo attach + kill: status %d\n%s", status, out)
	}
	server.Wait()
	if !waitGone(server.Process.Pid) {
		t.Errorf("kill left the attached process running")
	}
	// A SIGKILL sent to the group before pdbgo exited shows as pending until the partner is gone.
	if !alive(partner.Process.Pid) || killPending(t, partner.Process.Pid) {
		t.Errorf("kill of the attached process killed its process group's other member")
	}
}

// killPending reports whether a SIGKILL is pending for a process: it was sent and the process
// is about to end.
func killPending(t *testing.T, pid int) bool {
	t.Helper()
	status, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return false // gone
	}
	for _, line := range strings.Split(string(status), "\n") {
		name, mask, ok := strings.Cut(line, ":")
		if ok && (name == "SigPnd" || name == "ShdPnd") {
			if bits, err := strconv.ParseUint(strings.TrimSpace(mask), 16, 64); err == nil && bits&(1<<(syscall.SIGKILL-1)) != 0 {
				return true
			}
		}
	}
	return false
}

// signalsOf is what /proc says of a process's signals: its state, blocked, ignored and caught
// signals.
func signalsOf(t *testing.T, pid int) (state string, dispositions string) {
	t.Helper()
	status, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		t.Fatal(err)
	}
	var disp []string
	for _, line := range strings.Split(string(status), "\n") {
		switch {
		case strings.HasPrefix(line, "State:"):
			state = strings.Fields(line)[1]
		case strings.HasPrefix(line, "SigIgn:"), strings.HasPrefix(line, "SigCgt:"):
			disp = append(disp, line)
		}
	}
	return state, strings.Join(disp, " ")
}

// hangupWatcher spins, ignores SIGUSR2 and reports each SIGHUP it receives on stdout.
const hangupWatcher = `package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func spin(ticks *int) {
	for {
		*ticks++
		time.Sleep(10 * time.Millisecond)
	}
}

func main() {
	signal.Ignore(syscall.SIGUSR2)
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGHUP)
	go func() {
		for s := range c {
			fmt.Println("got", s)
		}
	}()
	fmt.Println("started")
	ticks := 0
	spin(&ticks)
}
`

// TestDetachLeavesProcessAsFound: a process stopped by job control (kill -STOP) when pdbgo
// attached is stopped again when pdbgo detaches, its signal dispositions are as they were,
// and a signal pending while it was stopped still reaches it when it is continued.
func TestDetachLeavesProcessAsFound(t *testing.T) {
	bin := buildFixture(t, hangupWatcher)
	prog := exec.Command(bin)
	stdout, err := prog.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := prog.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { prog.Process.Kill(); prog.Wait() })
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() || lines.Text() != "started" {
		t.Fatalf("the program did not start: %q", lines.Text())
	}
	pid := prog.Process.Pid
	_, before := signalsOf(t, pid)
	syscall.Kill(pid, syscall.SIGSTOP)
	for range 100 {
		if state, _ := signalsOf(t, pid); state == "T" {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	syscall.Kill(pid, syscall.SIGHUP) // pending while the process is stopped

	out, _, status := runPdbgo(t, ".", "where\nq\n", "attach", strconv.Itoa(pid))
	if status != 0 || !strings.Contains(out, "Attached to process") {
		t.Fatalf("pdbgo attach: status %d\n%s", status, out)
	}
	// pdbgo stops it again as it detaches; the stop takes effect when the process next runs.
	state, after := signalsOf(t, pid)
	for deadline := time.Now().Add(5 * time.Second); state != "T" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		state, after = signalsOf(t, pid)
	}
	if state != "T" {
		t.Errorf("the process stopped by job control is in state %s after pdbgo detached, want T (stopped)", state)
	}
	if after != before {
		t.Errorf("signal dispositions changed:\nbefore %s\nafter  %s", before, after)
	}
	syscall.Kill(pid, syscall.SIGCONT)
	got := make(chan string, 1)
	go func() {
		if lines.Scan() {
			got <- lines.Text()
		}
		close(got)
	}()
	select {
	case l := <-got:
		if l != "got hangup" {
			t.Errorf("after SIGCONT the program said %q, want the pending SIGHUP", l)
		}
	case <-time.After(5 * time.Second):
		t.Errorf("the SIGHUP pending while the process was stopped never reached it")
	}
}
