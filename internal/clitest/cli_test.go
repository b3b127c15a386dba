package clitest

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// pdbgo is the binary under test, built once.
var pdbgo string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "pdbgo-clitest-")
	if err != nil {
		panic(err)
	}
	pdbgo = filepath.Join(dir, "pdbgo")
	build := exec.Command("go", "build", "-o", pdbgo, "github.com/pdbgo/pdbgo/cmd/pdbgo")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		os.RemoveAll(dir)
		panic("cannot build pdbgo: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestScripts runs testdata/*.txtar: each a shell-like script over the real binary.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata",
		Setup: func(env *testscript.Env) error {
			env.Setenv("PATH", filepath.Dir(pdbgo)+string(os.PathListSeparator)+os.Getenv("PATH"))
			for _, k := range []string{"GOCACHE", "GOPATH", "GOMODCACHE", "GOROOT", "GOTOOLCHAIN"} {
				if v := goEnv(k); v != "" {
					env.Setenv(k, v)
				}
			}
			env.Setenv("GOFLAGS", "-mod=mod")
			env.Setenv("GOPROXY", "off")
			env.Setenv("NO_COLOR", "1")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// noleftovers checks that no pdbgo temporary binary directory is left behind.
			"noleftovers": func(ts *testscript.TestScript, neg bool, args []string) {
				left, _ := filepath.Glob(filepath.Join(ts.Getenv("TMPDIR"), "pdbgo-*"))
				if len(left) > 0 && !neg {
					ts.Fatalf("temporary binaries left: %v", left)
				}
			},
		},
	})
}

func goEnv(k string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	out, err := exec.Command("go", "env", k).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// buildFixture builds a tiny program with optimizations off and returns its path.
func buildFixture(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/fixture\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "fixture")
	cmd := exec.Command("go", "build", "-gcflags=all=-N -l", "-o", bin, ".")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build fixture: %v\n%s", err, out)
	}
	return bin
}

const spinner = `package main

import (
	"fmt"
	"os"
	"time"
)

func spin(ticks *int) {
	for {
		*ticks++
		time.Sleep(10 * time.Millisecond)
	}
}

func main() {
	fmt.Println("pid", os.Getpid())
	ticks := 0
	spin(&ticks)
}
`

func alive(pid int) bool {
	st, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	return err == nil && !strings.Contains(string(st), ") Z")
}

func waitGone(pid int) bool {
	for range 100 {
		if !alive(pid) {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}

// startProgram starts a program to attach to, gives it time to start, and ends it after the test.
func startProgram(t *testing.T, path string) *exec.Cmd {
	t.Helper()
	prog := exec.Command(path)
	prog.Stdout = io.Discard
	if err := prog.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { prog.Process.Kill(); prog.Wait() })
	time.Sleep(200 * time.Millisecond)
	return prog
}

// TestAttachDetachLeavesProcessRunning attaches to a running program, inspects it and quits:
// the program must go on running.
func TestAttachDetachLeavesProcessRunning(t *testing.T) {
	bin := buildFixture(t, spinner)
	prog := startProgram(t, bin)

	cmd := exec.Command(pdbgo, "attach", strconv.Itoa(prog.Process.Pid))
	cmd.Stdin = strings.NewReader("where\np ticks > 0\nup\nlocals\nq\n")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("pdbgo attach: %v\n%s", err, out)
	}
	text := string(out)
	for _, want := range []string{"Attached to process " + strconv.Itoa(prog.Process.Pid), "main.spin()", "main.main()"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	time.Sleep(300 * time.Millisecond)
	if !alive(prog.Process.Pid) {
		t.Fatalf("the attached program died after quit:\n%s", text)
	}
	// It still runs: not stopped under a tracer.
	st, _ := os.ReadFile("/proc/" + strconv.Itoa(prog.Process.Pid) + "/status")
	if strings.Contains(string(st), "TracerPid:\t"+strconv.Itoa(cmd.Process.Pid)) {
		t.Errorf("the program is still traced after quit")
	}
}

// TestAttachByName attaches to the one process running a program of that name.
func TestAttachByName(t *testing.T) {
	bin := buildFixture(t, spinner)
	name := "spin" + strconv.Itoa(os.Getpid()) // unique on this machine, under 15 bytes
	named := filepath.Join(filepath.Dir(bin), name)
	if err := os.Rename(bin, named); err != nil {
		t.Fatal(err)
	}
	prog := startProgram(t, named)

	cmd := exec.Command(pdbgo, "attach", name)
	cmd.Stdin = strings.NewReader("q\n")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Attached to process "+strconv.Itoa(prog.Process.Pid)) {
		t.Fatalf("pdbgo attach %s: %v\n%s", name, err, out)
	}

	startProgram(t, named)
	out, err = exec.Command(pdbgo, "attach", name).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "2 processes are called") {
		t.Errorf("two processes of one name: %v\n%s", err, out)
	}
}

// TestAttachErrorsAndKill: a second debugger cannot attach (and says why); kill ends even an
// attached process.
func TestAttachErrorsAndKill(t *testing.T) {
	bin := buildFixture(t, spinner)
	prog := startProgram(t, bin)
	pid := strconv.Itoa(prog.Process.Pid)

	first := exec.Command(pdbgo, "attach", pid)
	stdin, _ := first.StdinPipe()
	var firstOut strings.Builder
	first.Stdout = &firstOut
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	for range 200 {
		if strings.Contains(firstOut.String(), "Attached to process") {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	out, err := exec.Command(pdbgo, "attach", pid).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "cannot attach to pid "+pid) || strings.Count(strings.TrimSpace(string(out)), "\n") > 0 {
		t.Errorf("a second attach: %v\n%s", err, out)
	}
	io.WriteString(stdin, "kill\n")
	stdin.Close()
	if err := first.Wait(); err != nil {
		t.Errorf("pdbgo attach: %v", err)
	}
	prog.Wait()
	if !strings.Contains(firstOut.String(), "Killed process "+pid) {
		t.Errorf("kill did not say so:\n%s", firstOut.String())
	}
	if prog.ProcessState == nil || prog.ProcessState.Success() {
		t.Errorf("kill left the attached program running: %v", prog.ProcessState)
	}
}

// TestSignals: Ctrl-C halts the running program and pdbgo prompts; SIGTERM ends pdbgo and the
// program with it, and the temporary binary is removed.
func TestSignals(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "main.go"), []byte(spinner), 0o644)
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/spin\n\ngo 1.22\n"), 0o644)
	tmp := t.TempDir()
	cmd := exec.Command(pdbgo, "run", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "TMPDIR="+tmp)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := make(chan string, 100)
	go func() {
		r := bufio.NewReader(stdout)
		for {
			s, err := r.ReadString('\n')
			if s != "" {
				lines <- s
			}
			if err != nil {
				close(lines)
				return
			}
		}
	}()
	var seen strings.Builder
	waitFor := func(sub string) string {
		t.Helper()
		deadline := time.After(30 * time.Second)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("pdbgo ended before printing %q:\n%s", sub, seen.String())
				}
				seen.WriteString(l)
				if strings.Contains(l, sub) {
					return l
				}
			case <-deadline:
				t.Fatalf("timed out waiting for %q:\n%s", sub, seen.String())
			}
		}
	}
	pidLine := waitFor("pid ")
	progPID, _ := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(pidLine, "pid ")))
	time.Sleep(300 * time.Millisecond) // into spin
	cmd.Process.Signal(os.Interrupt)
	waitFor("Program stopped.")
	waitFor("> ")
	io.WriteString(stdin, "where\n")
	if l := waitFor("main.spin()"); !strings.HasPrefix(l, ">") && !strings.Contains(l, "(pdbgo) >") {
		t.Errorf("after Ctrl-C the program's frame is not the selected one: %q", l)
	}
	if !alive(cmd.Process.Pid) {
		t.Fatal("Ctrl-C ended pdbgo")
	}
	// Ctrl-C at the prompt does not end pdbgo.
	cmd.Process.Signal(os.Interrupt)
	time.Sleep(300 * time.Millisecond) // let pdbgo's handler see it while at the prompt
	io.WriteString(stdin, "p *ticks > 0\n")
	waitFor("true")
	io.WriteString(stdin, "c\n")
	time.Sleep(200 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("pdbgo did not end on SIGTERM")
	}
	for l := range lines {
		if strings.Contains(l, "Program stopped.") || strings.Contains(l, "***") {
			t.Errorf("pdbgo said more as SIGTERM ended it: %q", l)
		}
	}
	if progPID > 0 && !waitGone(progPID) {
		t.Errorf("the program (pid %d) outlived pdbgo", progPID)
	}
	left, _ := filepath.Glob(filepath.Join(tmp, "pdbgo-*"))
	if len(left) > 0 {
		t.Errorf("temporary binary left behind: %v", left)
	}
}
