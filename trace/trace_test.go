//go:build linux

package trace_test

// These tests run real programs that import the trace package (testdata/*/main.go, built
// with -gcflags=all=-N -l) on a pseudo-terminal, with PDBGO pointing at a pdbgo built once
// from this module, and type pdb commands as a person would.

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/pdbgo/pdbgo/internal/testenv"
)

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// binaries builds pdbgo and the fixture programs once and returns the directory holding
// them: pdbgo, pdbgo-plain (a wrapper forcing line mode), the fixtures of testdata,
// settrace-optimized.
func binaries(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "pdbgo-trace-test-")
		if buildErr != nil {
			return
		}
		run := func(args ...string) {
			if buildErr != nil {
				return
			}
			out, err := exec.Command("go", args...).CombinedOutput()
			if err != nil {
				buildErr = fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
			}
		}
		run("build", "-o", filepath.Join(buildDir, "pdbgo"), "../cmd/pdbgo")
		for _, name := range []string{"settrace", "onpanic", "spin", "concurrent", "onpanicmap"} {
			run("build", "-gcflags=all=-N -l", "-o", filepath.Join(buildDir, name), "./testdata/"+name)
		}
		run("build", "-o", filepath.Join(buildDir, "settrace-optimized"), "./testdata/settrace")
		// The trace package starts "pdbgo attach --trace PID"; on a terminal of its own
		// (PDBGO_TTY) pdbgo would open its TUI, and the tests read the line mode.
		wrapper := "#!/bin/sh\nsub=$1; shift\nexec " + filepath.Join(buildDir, "pdbgo") + " \"$sub\" --plain \"$@\"\n"
		if buildErr == nil {
			buildErr = os.WriteFile(filepath.Join(buildDir, "pdbgo-plain"), []byte(wrapper), 0o755)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return buildDir
}

// lineOf returns the number of the line of a fixture that contains marker.
func lineOf(t *testing.T, fixture, marker string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", fixture, "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(data), "\n") {
		if strings.Contains(line, marker) {
			return fmt.Sprint(i + 1)
		}
	}
	t.Fatalf("no %q in %s", marker, fixture)
	return ""
}

// openPTY opens a pseudo-terminal pair.
func openPTY() (master, slave *os.File, err error) {
	master, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, err
	}
	var unlock int32
	if err := ioctl(master.Fd(), syscall.TIOCSPTLCK, unsafe.Pointer(&unlock)); err != nil {
		master.Close()
		return nil, nil, err
	}
	var n uint32
	if err := ioctl(master.Fd(), syscall.TIOCGPTN, unsafe.Pointer(&n)); err != nil {
		master.Close()
		return nil, nil, err
	}
	slave, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		return nil, nil, err
	}
	return master, slave, nil
}

func ioctl(fd, req uintptr, arg unsafe.Pointer) error {
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, fd, req, uintptr(arg)); errno != 0 {
		return errno
	}
	return nil
}

// terminal is a program running on a pseudo-terminal, as in a person's shell.
type terminal struct {
	t      *testing.T
	cmd    *exec.Cmd
	master *os.File

	mu     sync.Mutex
	out    bytes.Buffer
	pos    int           // what expect has consumed
	closed chan struct{} // the terminal was hung up: every process on it has gone
	done   chan struct{} // the program has exited
	err    error         // its Wait's error
}

// startOnTerminal runs a fixture with the pty as its stdin, stdout, stderr and controlling
// terminal.
func startOnTerminal(t *testing.T, bin string, env ...string) *terminal {
	t.Helper()
	master, slave, err := openPTY()
	if err != nil {
		testenv.SkipUnlessCI(t, "no pseudo-terminal: %v", err)
	}
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	term := &terminal{t: t, cmd: cmd, master: master, closed: make(chan struct{}), done: make(chan struct{})}
	go term.read()
	go func() {
		term.err = cmd.Wait()
		close(term.done)
	}()
	t.Cleanup(func() {
		select {
		case <-term.done:
		default:
			_ = cmd.Process.Kill()
			<-term.done
		}
		master.Close() // hangs up the terminal: a pdbgo still on it detaches and exits
	})
	return term
}

// Queries a terminal answers: colour libraries ask for the background colour and the cursor
// position, and wait seconds for an answer that a bare pseudo-terminal never gives.
var terminalAnswers = []struct{ query, answer string }{
	{"\x1b]11;?", "\x1b]11;rgb:0000/0000/0000\x1b\\"},
	{"\x1b[6n", "\x1b[1;1R"},
}

// read copies what the processes on the terminal write, answering queries as a terminal
// does, until the terminal is hung up.
func (term *terminal) read() {
	buf := make([]byte, 4096)
	for {
		n, err := term.master.Read(buf)
		for _, q := range terminalAnswers {
			if bytes.Contains(buf[:n], []byte(q.query)) {
				_, _ = term.master.Write([]byte(q.answer))
			}
		}
		term.mu.Lock()
		term.out.Write(buf[:n])
		term.mu.Unlock()
		if err != nil {
			close(term.closed)
			return
		}
	}
}

func (term *terminal) output() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return term.out.String()
}

// expect waits until want appears in the output after what earlier calls matched.
func (term *terminal) expect(want string) {
	term.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		term.mu.Lock()
		out := term.out.String()
		i := strings.Index(out[term.pos:], want)
		if i >= 0 {
			term.pos += i + len(want)
		}
		term.mu.Unlock()
		if i >= 0 {
			return
		}
		if time.Now().After(deadline) {
			term.t.Fatalf("no %q after:\n%s\n--- whole output:\n%s", want, out[term.pos:], out)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// do types a command at the prompt.
func (term *terminal) do(command string) {
	term.t.Helper()
	term.expect("(pdbgo) ")
	if _, err := term.master.Write([]byte(command + "\n")); err != nil {
		term.t.Fatal(err)
	}
	term.expect(command) // the terminal's echo
}

// exit waits for the program to end and for every process on the terminal (pdbgo) to go,
// and returns the program's exit status.
func (term *terminal) exit() int {
	term.t.Helper()
	select {
	case <-term.done:
	case <-time.After(20 * time.Second):
		term.t.Fatalf("the program did not exit:\n%s", term.output())
	}
	select {
	case <-term.closed:
	case <-time.After(10 * time.Second):
		term.t.Fatalf("pdbgo did not exit with the program:\n%s", term.output())
	}
	return exitStatus(term.err)
}

func exitStatus(err error) int {
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

func TestSetTraceInMainAndGoroutine(t *testing.T) {
	dir := binaries(t)
	term := startOnTerminal(t, filepath.Join(dir, "settrace"), "PDBGO="+filepath.Join(dir, "pdbgo"))

	term.expect("Stopped by trace.SetTrace()")
	term.expect("settrace/main.go:" + lineOf(t, "settrace", "// main stop") + " main.main()")
	term.expect("-> \ttrace.SetTrace() // main stop")
	term.do("locals")
	term.expect("count = 41")
	term.expect(`name = "first"`)
	term.do("where")
	term.expect("main.main()")
	// As pdb's after set_trace, next goes to the line after the call.
	term.do("n")
	term.expect("settrace/main.go:" + lineOf(t, "settrace", `fmt.Println("after first stop"`) + " main.main()")
	term.do("c")
	term.expect("after first stop first 41")

	term.expect("Stopped by trace.SetTrace()")
	term.expect("settrace/main.go:" + lineOf(t, "settrace", "// goroutine stop") + " main.step()")
	term.do("args")
	term.expect(`label = "worker-7"`)
	term.do("s")
	term.expect("settrace/main.go:" + lineOf(t, "settrace", "return doubled") + " main.step()")
	term.do("where")
	term.expect("main.worker()")
	term.do("up")
	term.expect("main.worker()")
	term.do("locals")
	term.expect(`label = "worker-7"`)
	term.do("c")
	term.expect("result 22")
	term.expect("bye")
	if status := term.exit(); status != 3 {
		t.Errorf("exit status %d, want 3:\n%s", status, term.output())
	}
	if out := term.output(); strings.Contains(out, "pdbgo/trace.") || strings.Contains(out, "trace.stop") {
		t.Errorf("frames of the trace package are shown:\n%s", out)
	}
}

// panicLine is what Go prints for the fixture's panic.
const panicLine = "panic: runtime error: index out of range [2] with length 2"

func TestOnPanicStopsWherePanickedAndContinues(t *testing.T) {
	dir := binaries(t)
	term := startOnTerminal(t, filepath.Join(dir, "onpanic"), "PDBGO="+filepath.Join(dir, "pdbgo"))
	site := "onpanic/main.go:" + lineOf(t, "onpanic", "// panic site") + " main.lookup()"

	term.expect("start")
	term.expect(panicLine + "\r\n")
	term.expect(site)
	term.do("args")
	term.expect("slot = 2")
	term.do("up")
	term.expect("main.total()")
	term.do("locals")
	term.expect("n = 6")
	term.expect("i = 1")
	term.do("c")
	// The re-panic is an unrecovered panic that pdbgo, still attached, stops at.
	term.expect(panicLine + " [recovered, repanicked]")
	term.expect(site)
	term.do("c")
	term.expect("goroutine 1 [running]:")
	if status := term.exit(); status != 2 {
		t.Errorf("exit status %d, want 2:\n%s", status, term.output())
	}
	if strings.Contains(term.output(), "total ") {
		t.Errorf("run returned after its panic:\n%s", term.output())
	}
}

func TestOnPanicQuitDetaches(t *testing.T) {
	dir := binaries(t)
	term := startOnTerminal(t, filepath.Join(dir, "onpanic"), "PDBGO="+filepath.Join(dir, "pdbgo"))
	term.expect(panicLine + "\r\n")
	term.do("q")
	term.expect(panicLine + " [recovered, repanicked]")
	term.expect("main.lookup(")
	if status := term.exit(); status != 2 {
		t.Errorf("exit status %d, want 2:\n%s", status, term.output())
	}
}

// TestWithoutDebugger runs the fixtures where no debugger can start: each call writes one
// line and returns at once, and the program behaves as without the trace package.
func TestWithoutDebugger(t *testing.T) {
	dir := binaries(t)
	script := func(name, body string) string {
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		return path
	}
	emptyPath := t.TempDir()
	tests := []struct {
		name     string
		terminal bool // run on a pseudo-terminal, else on pipes with no controlling terminal
		env      []string
		message  string
	}{
		{"no terminal", false, []string{"PDBGO=" + filepath.Join(dir, "pdbgo")}, "pdbgo/trace: no terminal for the debugger"},
		{"no binary", true, []string{"PDBGO=" + filepath.Join(dir, "missing")}, "pdbgo/trace: no debugger at PDBGO="},
		{"not in PATH", true, []string{"PDBGO=", "PATH=" + emptyPath}, "pdbgo/trace: no pdbgo in PATH"},
		{"early exit", true, []string{"PDBGO=" + script("fails", "echo cannot attach >&2; exit 4")}, "pdbgo/trace: the debugger exited before attaching (exit status 4)"},
		{"bad PDBGO_TTY", false, []string{"PDBGO=" + filepath.Join(dir, "pdbgo"), "PDBGO_TTY=/dev/null"}, "pdbgo/trace: PDBGO_TTY=/dev/null is not a terminal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			var out string
			var status int
			if tt.terminal {
				term := startOnTerminal(t, filepath.Join(dir, "settrace"), tt.env...)
				status = term.exit()
				out = term.output()
			} else {
				cmd := exec.Command(filepath.Join(dir, "settrace"))
				cmd.Env = append(os.Environ(), tt.env...)
				cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} // no controlling terminal
				var buf bytes.Buffer
				cmd.Stdout, cmd.Stderr = &buf, &buf
				err := cmd.Run()
				status, out = exitStatus(err), buf.String()
			}
			if elapsed := time.Since(start); elapsed > 5*time.Second {
				t.Errorf("took %v", elapsed)
			}
			if status != 3 {
				t.Errorf("exit status %d, want 3", status)
			}
			for _, want := range []string{"after first stop first 41", "result 22", "bye"} {
				if !strings.Contains(out, want) {
					t.Errorf("no %q in the output", want)
				}
			}
			if n := strings.Count(out, tt.message); n != 2 {
				t.Errorf("%q written %d times, want once for each of the 2 calls", tt.message, n)
			}
			if n := strings.Count(out, "pdbgo/trace:"); n != 2 {
				t.Errorf("the trace package wrote %d lines, want 2", n)
			}
			if t.Failed() {
				t.Logf("output:\n%s", out)
			}
		})
	}
}

func TestDisabled(t *testing.T) {
	dir := binaries(t)
	for _, name := range []string{"settrace", "onpanic"} {
		cmd := exec.Command(filepath.Join(dir, name))
		cmd.Env = append(os.Environ(), "PDBGO_DISABLE=1", "PDBGO="+filepath.Join(dir, "missing"))
		out, err := cmd.CombinedOutput()
		want := map[string]int{"settrace": 3, "onpanic": 2}[name]
		if status := exitStatus(err); status != want {
			t.Errorf("%s: exit status %d, want %d", name, status, want)
		}
		if bytes.Contains(out, []byte("pdbgo/trace")) || bytes.Contains(out, []byte("recovered")) {
			t.Errorf("%s: the trace package did something:\n%s", name, out)
		}
	}
}

// TestPDBGO_TTY runs a program with no terminal of its own and the debugger on another one,
// as when a person keeps a terminal free for it.
func TestPDBGO_TTY(t *testing.T) {
	dir := binaries(t)
	master, slave, err := openPTY()
	if err != nil {
		testenv.SkipUnlessCI(t, "no pseudo-terminal: %v", err)
	}
	defer master.Close()
	cmd := exec.Command(filepath.Join(dir, "settrace"))
	cmd.Env = append(os.Environ(), "PDBGO="+filepath.Join(dir, "pdbgo-plain"), "PDBGO_TTY="+slave.Name())
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	var progOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &progOut, &progOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The test keeps the terminal's slave side open: with none open, reading the master
	// fails, and the program opens its own only when it calls SetTrace.
	defer slave.Close()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer func() {
		select {
		case <-done:
		default:
			_ = cmd.Process.Kill()
		}
	}()
	term := &terminal{t: t, master: master, closed: make(chan struct{}), done: make(chan struct{})}
	go term.read()
	defer func() {
		if t.Failed() {
			t.Logf("program output:\n%s", progOut.String())
		}
	}()
	term.expect("settrace/main.go:" + lineOf(t, "settrace", "// main stop") + " main.main()")
	term.do("c")
	term.expect("main.step()")
	term.do("c")
	select {
	case err := <-done:
		if status := exitStatus(err); status != 3 {
			t.Errorf("exit status %d, want 3", status)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("the program did not exit:\n%s", term.output())
	}
	if !strings.Contains(progOut.String(), "bye") {
		t.Errorf("program output:\n%s", progOut.String())
	}
}

// TestUnderPdbgo runs a fixture under pdbgo exec: the trace package finds a tracer already
// and just stops there, and pdbgo explains the stop the same way.
func TestUnderPdbgo(t *testing.T) {
	dir := binaries(t)
	cases := []struct{ name, want, site string }{
		{"settrace", "Stopped by trace.SetTrace()", "settrace/main.go:" + lineOf(t, "settrace", "// main stop") + " main.main()"},
		{"onpanic", panicLine + "\n", "onpanic/main.go:" + lineOf(t, "onpanic", "// panic site") + " main.lookup()"},
	}
	for _, c := range cases {
		cmd := exec.Command(filepath.Join(dir, "pdbgo"), "exec", "--plain", filepath.Join(dir, c.name))
		cmd.Stdin = strings.NewReader("where\nq\n")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
		for _, want := range []string{c.want, c.site} {
			if !strings.Contains(string(out), want) {
				t.Errorf("%s: no %q in:\n%s", c.name, want, out)
			}
		}
	}
}

// TestOptimizedBinary: a program built with optimizations stops the same way, and pdbgo says
// that locals may be missing and how to build it.
func TestOptimizedBinary(t *testing.T) {
	dir := binaries(t)
	term := startOnTerminal(t, filepath.Join(dir, "settrace-optimized"), "PDBGO="+filepath.Join(dir, "pdbgo"))
	term.expect("Stopped by trace.SetTrace()")
	term.expect("locals may be missing or wrong (build with -gcflags=all='-N -l')")
	term.expect("settrace/main.go:" + lineOf(t, "settrace", "// main stop") + " main.main()")
	term.do("c")
	term.expect("main.step()")
	term.do("c")
	if status := term.exit(); status != 3 {
		t.Errorf("exit status %d, want 3:\n%s", status, term.output())
	}
}

// TestCtrlCStopsAttachedProgram: a Ctrl-C while the attached program runs reaches pdbgo and
// the program (one process group on one terminal); pdbgo stops the program, and the program
// does not die of the SIGINT when it goes on.
func TestCtrlCStopsAttachedProgram(t *testing.T) {
	dir := binaries(t)
	term := startOnTerminal(t, filepath.Join(dir, "spin"), "PDBGO="+filepath.Join(dir, "pdbgo"))
	term.expect("spin/main.go:" + lineOf(t, "spin", "// spin stop") + " main.main()")
	term.do("c")
	term.expect("tick 2")
	if _, err := term.master.Write([]byte{3}); err != nil { // ^C
		t.Fatal(err)
	}
	term.expect("Program stopped.")
	term.do("c")
	term.expect("done")
	if status := term.exit(); status != 0 {
		t.Errorf("exit status %d, want 0:\n%s", status, term.output())
	}
}

// TestSignalDetaches: pdbgo ended by SIGTERM or SIGHUP while the program is stopped detaches
// first, and the program goes on (it would die of the trap's SIGTRAP otherwise).
func TestSignalDetaches(t *testing.T) {
	dir := binaries(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			term := startOnTerminal(t, filepath.Join(dir, "spin"), "PDBGO="+filepath.Join(dir, "pdbgo"))
			term.expect("spin/main.go:" + lineOf(t, "spin", "// spin stop") + " main.main()")
			term.expect("(pdbgo) ")
			pids := childrenOf(term.cmd.Process.Pid)
			if len(pids) != 1 {
				t.Fatalf("the program has children %v, want one pdbgo", pids)
			}
			if err := syscall.Kill(pids[0], sig); err != nil {
				t.Fatal(err)
			}
			term.expect("done")
			if status := term.exit(); status != 0 {
				t.Errorf("exit status %d, want 0:\n%s", status, term.output())
			}
		})
	}
}

// childrenOf lists the child processes of pid, made by any of its threads.
func childrenOf(pid int) []int {
	var pids []int
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	for _, path := range tasks {
		data, _ := os.ReadFile(path)
		for _, f := range strings.Fields(string(data)) {
			var child int
			if _, err := fmt.Sscan(f, &child); err == nil {
				pids = append(pids, child)
			}
		}
	}
	return pids
}

// TestConcurrentCalls: three goroutines calling SetTrace at once start one pdbgo and stop in
// it one after the other.
func TestConcurrentCalls(t *testing.T) {
	dir := binaries(t)
	term := startOnTerminal(t, filepath.Join(dir, "concurrent"), "PDBGO="+filepath.Join(dir, "pdbgo"))
	site := "concurrent/main.go:" + lineOf(t, "concurrent", "// concurrent stop") + " main.main.func1()"
	for range 3 {
		term.expect("Stopped by trace.SetTrace()")
		term.expect(site)
		if pids := childrenOf(term.cmd.Process.Pid); len(pids) != 1 {
			t.Errorf("the program has children %v, want one pdbgo", pids)
		}
		term.do("c")
	}
	term.expect("all done")
	if status := term.exit(); status != 0 {
		t.Errorf("exit status %d, want 0:\n%s", status, term.output())
	}
	out := term.output()
	if n := strings.Count(out, "Attached to process"); n != 1 {
		t.Errorf("%d sessions started, want 1:\n%s", n, out)
	}
	if n := strings.Count(out, "went on"); n != 3 {
		t.Errorf("%d goroutines went on, want 3:\n%s", n, out)
	}
}

// TestOnPanicWithoutDebugger: when no debugger can start, OnPanic says so in one line and the
// panic goes on as Go prints it.
func TestOnPanicWithoutDebugger(t *testing.T) {
	dir := binaries(t)
	term := startOnTerminal(t, filepath.Join(dir, "onpanic"), "PDBGO="+filepath.Join(dir, "missing"))
	if status := term.exit(); status != 2 {
		t.Errorf("exit status %d, want 2", status)
	}
	out := term.output()
	for _, want := range []string{"pdbgo/trace: no debugger at PDBGO=", panicLine + " [recovered, repanicked]", "main.lookup("} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
}
