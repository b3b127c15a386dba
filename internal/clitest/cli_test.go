//go:build linux

package clitest

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/pdbgo/pdbgo/internal/testenv"
)

// pdbgo is the binary under test, built once.
var pdbgo string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "pdbgo-clitest-")
	if err != nil {
		panic(err)
	}
	// pdbgo's build cache for the tests that run it directly, never the user's.
	os.Setenv("PDBGO_CACHE", filepath.Join(dir, "cache"))
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
			env.Setenv("PDBGO_CACHE", filepath.Join(env.WorkDir, ".pdbgo-cache"))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// noleftovers checks that pdbgo left no temporary file behind: the binaries it
			// builds are kept in its build cache, their temporary files are not.
			"noleftovers": func(ts *testscript.TestScript, neg bool, args []string) {
				if left := leftovers(ts.Getenv("TMPDIR"), ts.Getenv("PDBGO_CACHE")); len(left) > 0 && !neg {
					ts.Fatalf("temporary files left: %v", left)
				}
			},
		},
	})
}

// leftovers lists what pdbgo left in tmp (a temporary binary directory) and in its build cache
// under cache (a build's temporary file).
func leftovers(tmp, cache string) []string {
	left, _ := filepath.Glob(filepath.Join(tmp, "pdbgo-*"))
	inCache, _ := filepath.Glob(filepath.Join(cache, "*", ".*.tmp"))
	return append(left, inCache...)
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

// spinner counts ticks in main.spin and prints every tenth count: a test waits for a tick to
// know the program is in main.spin, and for a higher count to know it runs again.
const spinner = `package main

import (
	"fmt"
	"os"
	"time"
)

func spin(ticks *int) {
	for {
		*ticks++
		if *ticks%10 == 1 {
			fmt.Println("tick", *ticks)
		}
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

// output is what processes write to a pipe, line by line as it comes. Only the test's
// goroutine reads it.
type output struct {
	lines chan string
	seen  strings.Builder // every line read so far, for failure messages
}

// newOutput returns a pipe's write end to give processes as their stdout, and the output
// read from it; the write end is closed after the test, and the output ends when every
// process holding it has exited.
func newOutput(t *testing.T) (*os.File, *output) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	o := &output{lines: make(chan string, 10000)}
	go func() {
		defer close(o.lines)
		defer r.Close()
		br := bufio.NewReader(r)
		for {
			s, err := br.ReadString('\n')
			if s != "" {
				o.lines <- s
			}
			if err != nil {
				return
			}
		}
	}()
	return w, o
}

// waitFor returns the next line that contains sub; the test fails when none comes within 30 s.
func (o *output) waitFor(t *testing.T, sub string) string {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case l, ok := <-o.lines:
			if !ok {
				t.Fatalf("the output ended before %q:\n%s", sub, o.seen.String())
			}
			o.seen.WriteString(l)
			if strings.Contains(l, sub) {
				return l
			}
		case <-deadline:
			t.Fatalf("timed out waiting for %q:\n%s", sub, o.seen.String())
		}
	}
}

// tickAfter waits for the spinner to print a count above n: it runs, and ran after count n.
func (o *output) tickAfter(t *testing.T, n int) int {
	t.Helper()
	for {
		l := o.waitFor(t, "tick ")
		_, count, _ := strings.Cut(strings.TrimSpace(l), "tick ")
		if c, err := strconv.Atoi(count); err == nil && c > n {
			return c
		}
	}
}

// rest is every line left, once the processes writing have ended.
func (o *output) rest() []string {
	var out []string
	for l := range o.lines {
		o.seen.WriteString(l)
		out = append(out, l)
	}
	return out
}

// startProgram starts the spinner (or a renamed copy) to attach to, waits until it ticks in
// main.spin, and ends it after the test.
func startProgram(t *testing.T, path string) (*exec.Cmd, *output) {
	t.Helper()
	stdout, out := newOutput(t)
	prog := exec.Command(path)
	prog.Stdout = stdout
	if err := prog.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { prog.Process.Kill(); prog.Wait() })
	out.tickAfter(t, 0)
	return prog, out
}

// TestAttachDetachLeavesProcessRunning attaches to a running program, inspects it and quits:
// the program must go on running.
func TestAttachDetachLeavesProcessRunning(t *testing.T) {
	bin := buildFixture(t, spinner)
	prog, progOut := startProgram(t, bin)

	cmd := exec.Command(pdbgo, "attach", strconv.Itoa(prog.Process.Pid))
	cmd.Stdin = strings.NewReader("where\np *ticks\nup\nlocals\nq\n")
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
	m := regexp.MustCompile(`(?m)^\(pdbgo\) (\d+)$`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("p *ticks printed no count:\n%s", text)
	}
	stopped, _ := strconv.Atoi(m[1])
	// It counts on after quit: not stopped, nor killed.
	progOut.tickAfter(t, stopped)
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
	prog, _ := startProgram(t, named)

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
	prog, _ := startProgram(t, bin)
	pid := strconv.Itoa(prog.Process.Pid)

	first := exec.Command(pdbgo, "attach", pid)
	stdin, _ := first.StdinPipe()
	stdout, firstOut := newOutput(t)
	first.Stdout = stdout
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	stdout.Close() // pdbgo holds it now: its output ends when it exits
	firstOut.waitFor(t, "Attached to process")
	out, err := exec.Command(pdbgo, "attach", pid).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "cannot attach to pid "+pid) || strings.Count(strings.TrimSpace(string(out)), "\n") > 0 {
		t.Errorf("a second attach: %v\n%s", err, out)
	}
	io.WriteString(stdin, "kill\n")
	stdin.Close()
	firstOut.waitFor(t, "Killed process "+pid)
	if err := first.Wait(); err != nil {
		t.Errorf("pdbgo attach: %v", err)
	}
	prog.Wait()
	if prog.ProcessState == nil || prog.ProcessState.Success() {
		t.Errorf("kill left the attached program running: %v", prog.ProcessState)
	}
}

// TestSignals: Ctrl-C halts the running program and pdbgo prompts; Ctrl-C at the prompt says
// how to quit and stays; SIGTERM ends pdbgo and the program with it; the binary stays in the
// build cache, no temporary file is left. pdbgo reads its commands from a terminal, as a
// person types them.
func TestSignals(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "main.go"), []byte(spinner), 0o644)
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/spin\n\ngo 1.22\n"), 0o644)
	tmp, cache := t.TempDir(), t.TempDir()
	keyboard, tty, err := pty.Open()
	if err != nil {
		testenv.SkipUnlessCI(t, "no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { keyboard.Close(); tty.Close() })
	go io.Copy(io.Discard, keyboard) // the terminal's echo
	stdout, out := newOutput(t)
	cmd := exec.Command(pdbgo, "run", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "TMPDIR="+tmp, "PDBGO_CACHE="+cache)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stdout.Close() // pdbgo and the program hold it now
	progPID := 0
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
		if progPID > 0 && alive(progPID) {
			syscall.Kill(progPID, syscall.SIGKILL)
		}
	})
	typeLine := func(line string) {
		t.Helper()
		if _, err := io.WriteString(keyboard, line+"\n"); err != nil {
			t.Fatal(err)
		}
	}
	pidLine := out.waitFor(t, "pid ")
	progPID, _ = strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(pidLine, "pid ")))
	out.tickAfter(t, 0) // in main.spin
	cmd.Process.Signal(os.Interrupt)
	out.waitFor(t, "Program stopped.")
	out.waitFor(t, "> ")
	typeLine("where")
	if l := out.waitFor(t, "main.spin()"); !strings.HasPrefix(l, ">") && !strings.Contains(l, "(pdbgo) >") {
		t.Errorf("after Ctrl-C the program's frame is not the selected one: %q", l)
	}
	out.waitFor(t, "spin(&ticks)") // main.main's line: the last of where's, then the prompt
	// Ctrl-C at the prompt does not end pdbgo: it says how to.
	cmd.Process.Signal(os.Interrupt)
	out.waitFor(t, "(Ctrl-C stops a running program; q quits)")
	typeLine("p *ticks")
	m := regexp.MustCompile(`\(pdbgo\) (\d+)\n$`).FindStringSubmatch(out.waitFor(t, "(pdbgo) "))
	if m == nil {
		t.Fatalf("p *ticks printed no count:\n%s", out.seen.String())
	}
	stopped, _ := strconv.Atoi(m[1])
	typeLine("c")
	out.tickAfter(t, stopped) // running again
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("pdbgo did not end on SIGTERM")
	}
	if code := cmd.ProcessState.ExitCode(); code != 128+int(syscall.SIGTERM) {
		t.Errorf("exit status %d, want %d", code, 128+int(syscall.SIGTERM))
	}
	for _, l := range out.rest() {
		if strings.Contains(l, "Program stopped.") || strings.Contains(l, "***") {
			t.Errorf("pdbgo said more as SIGTERM ended it: %q", l)
		}
	}
	if progPID > 0 && !waitGone(progPID) {
		t.Errorf("the program (pid %d) outlived pdbgo", progPID)
	}
	if left := leftovers(tmp, cache); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
	if bins, _ := filepath.Glob(filepath.Join(cache, "*", filepath.Base(dir))); len(bins) != 1 {
		t.Errorf("the build cache holds %v, want the program's binary", bins)
	}
}
