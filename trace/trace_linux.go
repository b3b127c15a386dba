//go:build linux

package trace

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unsafe"
)

// attachTimeout is how long a started pdbgo has to attach before the program gives up on it.
var attachTimeout = 10 * time.Second

// pollInterval is how often the calling thread checks whether pdbgo has traced it yet.
const pollInterval = 2 * time.Millisecond

// mu lets one goroutine at a time start a debugger or stop in it; it is held across the trap,
// so concurrent calls start one session and then stop in it one after the other.
var mu sync.Mutex

// stop stops the calling goroutine in a debugger: it starts pdbgo when the process has no
// tracer, waits until the calling thread is traced and raises a trap there; message is
// what pdbgo shows at the stop (stopMessage).
//
// Delve attaches the process's threads one by one, so the process's TracerPid goes non-zero
// while the calling thread may still be untraced, and a trap on an untraced thread kills the
// program. So the goroutine is locked to its thread and the trap waits for that thread.
func stop(message string) {
	mu.Lock()
	defer mu.Unlock()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()

	tracer, err := tracerPID("/proc/self/status")
	if err != nil {
		say(err)
		return
	}
	var dbg *debugger
	if tracer == 0 {
		if dbg, err = startDebugger(); err != nil {
			say(err)
			return
		}
	}
	if err := waitTraced(syscall.Gettid(), dbg); err != nil {
		say(err)
		return
	}
	stopMessage = message
	runtime.Breakpoint()
	stopMessage = ""
}

// say writes the one line the package writes when it cannot stop the program.
func say(err error) {
	fmt.Fprintf(os.Stderr, "pdbgo/trace: %v\n", err)
}

// debugger is a pdbgo this package started.
type debugger struct {
	cmd    *exec.Cmd
	exited chan struct{} // closed when it has exited
	err    error         // its Wait's error, set before exited is closed
}

// startDebugger starts `pdbgo attach --trace PID` on a terminal.
func startDebugger() (*debugger, error) {
	bin, err := findBinary()
	if err != nil {
		return nil, err
	}
	term, err := openTerminal()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "attach", "--trace", strconv.Itoa(os.Getpid()))
	cmd.Stdin, cmd.Stdout, cmd.Stderr = term.in, term.out, term.errOut
	if err := cmd.Start(); err != nil {
		term.close()
		return nil, fmt.Errorf("cannot start the debugger: %v", err)
	}
	// Under Yama's ptrace_scope 1 a process may only be traced by its ancestors, unless it
	// names its tracer. pdbgo needs tens of milliseconds before it attaches; this takes less.
	allowTracer(cmd.Process.Pid)

	// A Ctrl-C meant for pdbgo also reaches the program when both share the terminal, and
	// Delve hands that SIGINT to the program, which would die of it. While pdbgo runs, the
	// program takes Ctrl-C as pdbgo does: as a request to stop in the debugger.
	ints := make(chan os.Signal, 1)
	if !signal.Ignored(os.Interrupt) {
		signal.Notify(ints, os.Interrupt)
	}
	dbg := &debugger{cmd: cmd, exited: make(chan struct{})}
	go func() {
		dbg.err = cmd.Wait()
		signal.Stop(ints)
		allowTracer(0)
		term.close()
		close(dbg.exited)
	}()
	go func() {
		for {
			select {
			case <-ints:
			case <-dbg.exited:
				return
			}
		}
	}()
	return dbg, nil
}

// findBinary returns the pdbgo to start: $PDBGO, else pdbgo in PATH.
func findBinary() (string, error) {
	if bin := os.Getenv(envBinary); bin != "" {
		path, err := exec.LookPath(bin) // a path, or a name to find in PATH
		if err != nil {
			return "", fmt.Errorf("no debugger at %s=%s", envBinary, bin)
		}
		return path, nil
	}
	bin, err := exec.LookPath("pdbgo")
	if err != nil {
		return "", fmt.Errorf("no pdbgo in PATH: install it (go install github.com/pdbgo/pdbgo/cmd/pdbgo@latest) or set %s to its path", envBinary)
	}
	return bin, nil
}

// waitTraced polls until thread tid is traced. It gives up when dbg (nil: the process had a
// tracer already) exits first, or after attachTimeout.
func waitTraced(tid int, dbg *debugger) error {
	path := fmt.Sprintf("/proc/self/task/%d/status", tid)
	deadline := time.Now().Add(attachTimeout)
	for {
		pid, err := tracerPID(path)
		if err != nil {
			return err
		}
		if pid != 0 {
			return nil
		}
		if dbg != nil {
			select {
			case <-dbg.exited:
				return dbg.exitError()
			default:
			}
		}
		if time.Now().After(deadline) {
			if dbg != nil {
				dbg.terminate()
			}
			return fmt.Errorf("the debugger did not attach within %v; going on without it", attachTimeout)
		}
		time.Sleep(pollInterval)
	}
}

// exitError explains a debugger that exited before it attached.
func (d *debugger) exitError() error {
	how := "exit status 0"
	var exit *exec.ExitError
	if errors.As(d.err, &exit) {
		how = exit.String() // "exit status 1", "signal: killed"
	}
	hint := ""
	if scope := ptraceScope(); scope >= 2 {
		hint = fmt.Sprintf("; kernel.yama.ptrace_scope is %d: run as root, or lower it with sudo sysctl kernel.yama.ptrace_scope=1", scope)
	}
	return fmt.Errorf("the debugger exited before attaching (%s)%s", how, hint)
}

// terminate ends a debugger that did not attach in time: SIGTERM lets it detach if it did
// attach in the meantime; SIGKILL if it does not go.
func (d *debugger) terminate() {
	_ = d.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-d.exited:
	case <-time.After(2 * time.Second):
		_ = d.cmd.Process.Kill()
	}
}

// tracerPID reads the TracerPid field of a /proc status file.
func tracerPID(path string) (int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, fmt.Errorf("cannot tell whether a debugger is attached: %v", err)
	}
	_, rest, ok := bytes.Cut(data, []byte("TracerPid:"))
	if !ok {
		return 0, fmt.Errorf("cannot tell whether a debugger is attached: no TracerPid in %s", path)
	}
	line, _, _ := bytes.Cut(rest, []byte("\n"))
	return strconv.Atoi(string(bytes.TrimSpace(line)))
}

// prSetPtracer is Yama's prctl option naming the process allowed to trace this one.
const prSetPtracer = 0x59616d61

// allowTracer lets pid trace this process under Yama (0: only ancestors again). Without Yama
// the call fails, and nothing needs allowing.
func allowTracer(pid int) {
	_, _, _ = syscall.RawSyscall(syscall.SYS_PRCTL, prSetPtracer, uintptr(pid), 0)
}

// ptraceScope is Yama's ptrace_scope, -1 without Yama.
func ptraceScope() int {
	data, err := os.ReadFile("/proc/sys/kernel/yama/ptrace_scope")
	if err != nil {
		return -1
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil {
		return -1
	}
	return n
}

// terminal is where the debugger talks to the user.
type terminal struct {
	in, out, errOut *os.File
	owned           *os.File // a terminal this package opened, closed when the debugger exits
}

func (t *terminal) close() {
	if t.owned != nil {
		t.owned.Close()
	}
}

// openTerminal picks the debugger's terminal: PDBGO_TTY, the program's own stdin and stdout
// when both are terminals, /dev/tty.
func openTerminal() (*terminal, error) {
	if path := os.Getenv(envTTY); path != "" {
		// O_NOCTTY: a program without a controlling terminal must not acquire this one.
		f, err := os.OpenFile(path, os.O_RDWR|syscall.O_NOCTTY, 0)
		if err != nil {
			return nil, fmt.Errorf("cannot open %s=%s: %v", envTTY, path, errors.Unwrap(err))
		}
		if !isTerminal(f.Fd()) {
			f.Close()
			return nil, fmt.Errorf("%s=%s is not a terminal", envTTY, path)
		}
		return &terminal{in: f, out: f, errOut: f, owned: f}, nil
	}
	if isTerminal(0) && isTerminal(1) && isForeground(0) {
		errOut := os.Stderr
		if !isTerminal(2) {
			errOut = os.Stdout
		}
		return &terminal{in: os.Stdin, out: os.Stdout, errOut: errOut}, nil
	}
	f, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return nil, fmt.Errorf("no terminal for the debugger: stdin and stdout are not terminals and there is no controlling terminal (set %s=/dev/pts/N)", envTTY)
	}
	if !isForeground(f.Fd()) {
		f.Close()
		return nil, fmt.Errorf("no terminal for the debugger: the program runs in the background of its terminal (set %s=/dev/pts/N)", envTTY)
	}
	return &terminal{in: f, out: f, errOut: f, owned: f}, nil
}

func isTerminal(fd uintptr) bool {
	var t syscall.Termios
	_, _, errno := syscall.Syscall(syscall.SYS_IOCTL, fd, syscall.TCGETS, uintptr(unsafe.Pointer(&t)))
	return errno == 0
}

// isForeground reports whether this process's group is the foreground group of terminal fd:
// a debugger reading a terminal from the background would be stopped by SIGTTIN, and the
// program with it.
func isForeground(fd uintptr) bool {
	var pgrp int32
	_, _, errno := syscall.Syscall(syscall.SYS_IOCTL, fd, syscall.TIOCGPGRP, uintptr(unsafe.Pointer(&pgrp)))
	return errno == 0 && int(pgrp) == syscall.Getpgrp()
}
