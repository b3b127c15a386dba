//go:build linux

package ui

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"

	"github.com/pdbgo/pdbgo/internal/testenv"
)

// terminal is the far end of a pseudo-terminal a real pdbgo runs in: it keeps everything pdbgo
// wrote and answers the terminal queries a real terminal would.
type terminal struct {
	pty  *os.File
	mu   sync.Mutex
	out  bytes.Buffer
	done chan struct{}
}

func (term *terminal) read() {
	defer close(term.done)
	buf := make([]byte, 32<<10)
	for {
		n, err := term.pty.Read(buf)
		if n > 0 {
			chunk := buf[:n]
			term.mu.Lock()
			term.out.Write(chunk)
			term.mu.Unlock()
			// Background colour and cursor position queries (lipgloss/termenv ask them).
			if bytes.Contains(chunk, []byte("\x1b]11;?")) {
				term.pty.Write([]byte("\x1b]11;rgb:0000/0000/0000\x1b\\"))
			}
			if bytes.Contains(chunk, []byte("\x1b[6n")) {
				term.pty.Write([]byte("\x1b[1;1R"))
			}
		}
		if err != nil {
			return
		}
	}
}

func (term *terminal) raw() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return term.out.String()
}

// screenText is what pdbgo drew, without escape sequences.
func (term *terminal) screenText() string { return ansi.Strip(term.raw()) }

func (term *terminal) waitFor(t *testing.T, timeout time.Duration, want ...string) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		text := term.screenText()
		missing := ""
		for _, w := range want {
			if !strings.Contains(text, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return
		}
		if strings.Contains(text, "operation not permitted") {
			testenv.SkipUnlessCI(t, "ptrace is not permitted here")
		}
		if time.Now().After(deadline) {
			t.Fatalf("the screen never showed %q; it shows:\n%s", missing, tail(text, 3000))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// since is what pdbgo drew after mark (a length of term.raw()), without escape sequences.
func (term *terminal) since(mark int) string {
	raw := term.raw()
	return ansi.Strip(raw[min(mark, len(raw)):])
}

// waitSince waits until pdbgo drew every string in want after mark.
func (term *terminal) waitSince(t *testing.T, mark int, timeout time.Duration, want ...string) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		text := term.since(mark)
		missing := ""
		for _, w := range want {
			if !strings.Contains(text, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the screen never showed %q; it showed since:\n%s", missing, tail(text, 3000))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// send writes keys to pdbgo in one write, as a terminal delivers keys that came in one read
// (key repeat, a slow link, a busy machine), and returns the mark to wait for their effect from.
func (term *terminal) send(t *testing.T, keys string) int {
	t.Helper()
	mark := len(term.raw())
	if _, err := term.pty.Write([]byte(keys)); err != nil {
		t.Fatal(err)
	}
	return mark
}

// TestEndToEnd runs a real pdbgo on a real panicking program in a pseudo-terminal, as a person
// would: the TUI stops at the panic; keys that arrive in one read act as keys ("uu" goes up two
// frames, "d d" down two, "jjjj" moves the source cursor four lines) and never type into the
// console; :rv in the console runs rv; :up shows the caller's locals; ctrl+d quits, and the
// terminal is left as it was found, with the program gone.
func TestEndToEnd(t *testing.T) {
	cmd, term, exited := startTUI(t, "run", "./testdata/crash")
	term.waitFor(t, 90*time.Second, "stopped: panic: runtime error: index out of range [5] with length 2", "slot = 5", "main.lookup")
	children := childrenOf(cmd.Process.Pid)
	if len(children) == 0 {
		t.Error("found no program started by pdbgo")
	}

	mark := term.send(t, "uu")
	term.waitSince(t, mark, 10*time.Second, "frame 2", "Variables  main.main")
	mark = term.send(t, "d d")
	term.waitSince(t, mark, 10*time.Second, "frame 0", "Variables  main.lookup")
	if text := term.since(mark); strings.Contains(text, "(pdbgo) d d") || strings.Contains(text, "(pdbgo) dd") || strings.Contains(text, "unknown command") {
		t.Errorf("d d typed into the console:\n%s", tail(text, 2000))
	}
	mark = term.send(t, "jjjj")
	term.waitSince(t, mark, 10*time.Second, "Source  main.go:14  line 18")
	if text := term.since(mark); strings.Contains(text, "(pdbgo) j") || strings.Contains(text, "j█") {
		t.Errorf("jjjj typed into the console:\n%s", tail(text, 2000))
	}
	mark = term.send(t, ":rv\r")
	term.waitSince(t, mark, 10*time.Second, "*** no return value yet")
	mark = term.send(t, ":up\r")
	term.waitSince(t, mark, 10*time.Second, "main.total()", "sum = 5", "i = 1")

	term.send(t, "\x04") // ctrl+d
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("pdbgo exited with %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("pdbgo did not exit after ctrl+d; screen:\n%s", tail(term.screenText(), 2000))
	}
	checkRestored(t, term, children)
}

// TestEndToEndRunningProgram: a real program blocked reading its standard input. While it runs
// the status line says so and how to halt it; a command typed is echoed at once and queued, one
// that would run the program is refused with the reason; the program's output pane is one key
// away, a line typed there goes to the program and ctrl+d ends its input, so the program reads
// to its end, goes on to its breakpoint, and the queued command runs there.
func TestEndToEndRunningProgram(t *testing.T) {
	_, term, exited := startTUI(t, "run", "-b", "main.go:47", "./testdata/session")
	term.waitFor(t, 90*time.Second, "running: ctrl+c halts it, ctrl+o shows its output", "Source  running", "Variables  running")
	mark := term.send(t, ":p 20+22\r")
	term.waitSince(t, mark, 10*time.Second, "(pdbgo) p 20+22", "(queued: runs at the next stop)")
	mark = term.send(t, "n\r")
	term.waitSince(t, mark, 10*time.Second, "*** not run: the program is running")
	mark = term.send(t, "\x0f") // ctrl+o
	term.waitSince(t, mark, 10*time.Second, "Program output", "(input)")
	term.send(t, "hello\r")
	mark = term.send(t, "\x04") // ctrl+d: end of input
	term.waitSince(t, mark, 30*time.Second, "read 6 bytes", "stopped at breakpoint 1 (main.go:47)")
	mark = term.send(t, "\x0f")
	term.waitSince(t, mark, 10*time.Second, "42")
	term.send(t, "\x04") // ctrl+d in the console: quit
	select {
	case <-exited:
	case <-time.After(15 * time.Second):
		t.Fatalf("pdbgo did not exit after ctrl+d; screen:\n%s", tail(term.screenText(), 2000))
	}
}

// startTUI runs a real pdbgo with args in a 110x30 pseudo-terminal; exited reports pdbgo's end.
// pdbgo is killed after the test if it is still running. It reads no pdbgorc file.
func startTUI(t *testing.T, args ...string) (cmd *exec.Cmd, term *terminal, exited chan error) {
	return startTUIConfig(t, t.TempDir(), args...)
}

// startTUIConfig is startTUI with configDir as XDG_CONFIG_HOME, where pdbgo finds pdbgorc.
func startTUIConfig(t *testing.T, configDir string, args ...string) (cmd *exec.Cmd, term *terminal, exited chan error) {
	t.Helper()
	if b, err := os.ReadFile("/proc/sys/kernel/yama/ptrace_scope"); err == nil && strings.TrimSpace(string(b)) == "3" {
		testenv.SkipUnlessCI(t, "ptrace is disabled (kernel.yama.ptrace_scope = 3)")
	}
	cmd = exec.Command(buildPdbgo(t), args...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "NO_COLOR=1", "XDG_STATE_HOME="+t.TempDir(), "XDG_CONFIG_HOME="+configDir)
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 30, Cols: 110})
	if err != nil {
		t.Fatal(err)
	}
	term = &terminal{pty: ptmx, done: make(chan struct{})}
	go term.read()
	exited = make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
		}
		ptmx.Close()
	})
	return cmd, term, exited
}

// checkRestored checks that pdbgo left the terminal as it found it and its program is gone.
func checkRestored(t *testing.T, term *terminal, children []int) {
	t.Helper()
	// pdbgo has exited, but what it wrote last may still be on its way through the pty: read
	// to the end (the read fails once no process holds the pty's other side).
	select {
	case <-term.done:
	case <-time.After(5 * time.Second):
	}
	raw := term.raw()
	for _, seq := range []struct{ name, seq string }{
		{"alternate screen off", "\x1b[?1049l"},
		{"cursor shown", "\x1b[?25h"},
		{"mouse off", "\x1b[?1002l"},
	} {
		if !strings.Contains(raw[strings.LastIndex(raw, "\x1b[?1049h")+1:], seq.seq) {
			t.Errorf("the terminal was not restored: no %s (%q) after the TUI", seq.name, seq.seq)
		}
	}
	for _, pid := range children {
		if alive(pid) {
			t.Errorf("the program (pid %d) outlived pdbgo", pid)
			syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}

var (
	pdbgoOnce sync.Once
	pdbgoBin  string
	pdbgoErr  error
)

// buildPdbgo builds the real pdbgo once for the end-to-end tests.
func buildPdbgo(t *testing.T) string {
	t.Helper()
	pdbgoOnce.Do(func() {
		pdbgoDir, pdbgoErr = os.MkdirTemp("", "pdbgo-ui-e2e-")
		if pdbgoErr != nil {
			return
		}
		pdbgoBin = filepath.Join(pdbgoDir, "pdbgo")
		if out, err := exec.Command("go", "build", "-o", pdbgoBin, "../../cmd/pdbgo").CombinedOutput(); err != nil {
			pdbgoErr = fmt.Errorf("building pdbgo: %v\n%s", err, out)
		}
	})
	if pdbgoErr != nil {
		t.Fatal(pdbgoErr)
	}
	return pdbgoBin
}

// TestEndToEndSignals: SIGTERM and SIGHUP end the TUI, restore the terminal and end the program.
func TestEndToEndSignals(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd, term, exited := startTUI(t, "run", "./testdata/crash")
			term.waitFor(t, 90*time.Second, "stopped: panic: runtime error")
			children := childrenOf(cmd.Process.Pid)
			cmd.Process.Signal(sig)
			select {
			case <-exited:
			case <-time.After(15 * time.Second):
				t.Fatalf("pdbgo did not exit on %v", sig)
			}
			if code := cmd.ProcessState.ExitCode(); code != 128+int(sig) {
				t.Errorf("exit status %d, want %d", code, 128+int(sig))
			}
			checkRestored(t, term, children)
		})
	}
}

// childrenOf lists the processes whose parent is pid.
func childrenOf(pid int) []int {
	var out []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		child, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if ppid, _ := parentOf(child); ppid == pid {
			out = append(out, child)
		}
	}
	return out
}

// parentOf reads a process's parent and state from /proc/PID/stat.
func parentOf(pid int) (ppid int, state string) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, ""
	}
	s := string(b)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(fields) < 2 {
		return 0, ""
	}
	ppid, _ = strconv.Atoi(fields[1])
	return ppid, fields[0]
}

// alive reports whether pid runs; a zombie waiting for its reaper counts as gone.
func alive(pid int) bool {
	deadline := time.Now().Add(3 * time.Second)
	for {
		_, state := parentOf(pid)
		if state == "" || state == "Z" || state == "X" {
			return false
		}
		if time.Now().After(deadline) {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestEndToEndRC: the real pdbgo in a pseudo-terminal reads the user's pdbgorc
// ($XDG_CONFIG_HOME/pdbgo/pdbgorc) and runs it at the panic; its alias runs when typed.
func TestEndToEndRC(t *testing.T) {
	config := t.TempDir()
	if err := os.MkdirAll(filepath.Join(config, "pdbgo"), 0o755); err != nil {
		t.Fatal(err)
	}
	rc := "alias greet p \"hi-\" + %1\ngreet \"rc\"\n"
	if err := os.WriteFile(filepath.Join(config, "pdbgo", "pdbgorc"), []byte(rc), 0o644); err != nil {
		t.Fatal(err)
	}
	_, term, exited := startTUIConfig(t, config, "run", "./testdata/crash")
	term.waitFor(t, 90*time.Second, "stopped: panic: runtime error", `"hi-rc"`)
	mark := term.send(t, ":greet key\r")
	term.waitSince(t, mark, 10*time.Second, `"hi-qty"`)
	term.send(t, "\x04") // ctrl+d
	select {
	case <-exited:
	case <-time.After(15 * time.Second):
		t.Fatal("pdbgo did not exit after ctrl+d")
	}
}
