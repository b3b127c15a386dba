//go:build linux

package session

import (
	"debug/elf"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"github.com/go-delve/delve/service/api"
)

// handOff says that pdbgo starts the programs it runs itself and hands them to Delve as an
// attach. Delve's own launch waits for the program's exec with a wait4 poll that sleeps 200 ms
// whenever its first try comes too early (pkg/proc/native, wait): a start cost 0 or 200 ms by
// chance. Delve's attach to a process already stopped finds the stop at its first try.
const handOff = true

// startStopped starts a program the way Delve's native launch does (its own process group, or
// a session of its own on tty; stdin from stdinPath or /dev/null, stdout and stderr pdbgo's
// unless on tty) and returns it stopped by SIGSTOP at its first instruction, traced by no one:
// ready for Delve to attach.
func startStopped(args []string, wd, tty, stdinPath string) (int, error) {
	if err := checkExecutable(args[0]); err != nil {
		return 0, err
	}
	cmd := exec.Command(args[0])
	cmd.Args = args
	if wd != "" {
		cmd.Dir = wd
	}
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	// Ptrace: the child stops at its exec, before running anything of the program.
	cmd.SysProcAttr = &syscall.SysProcAttr{Ptrace: true, Setpgid: true}
	var files []*os.File
	defer func() {
		for _, f := range files {
			f.Close() // the child has its own copies
		}
	}()
	switch {
	case tty != "":
		f, err := os.OpenFile(tty, os.O_RDWR, 0)
		if err != nil {
			return 0, err
		}
		files = append(files, f)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = f, f, f
		cmd.SysProcAttr.Setpgid = false
		cmd.SysProcAttr.Setsid = true // its own session, led by it: its own process group too
		cmd.SysProcAttr.Setctty = true
	case stdinPath != "":
		f, err := os.Open(stdinPath)
		if err != nil {
			return 0, err
		}
		files = append(files, f)
		cmd.Stdin = f
	}

	// The tracer is the thread that started the child: wait for it and detach from it there.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	pid := cmd.Process.Pid
	_ = cmd.Process.Release() // Delve and reap wait for it, by pid
	fail := func(err error) (int, error) {
		_ = syscall.Kill(pid, syscall.SIGKILL)
		reap(pid)
		return 0, err
	}
	var ws syscall.WaitStatus
	if err := wait4(pid, &ws, syscall.WALL); err != nil {
		return fail(err)
	}
	if !ws.Stopped() {
		return 0, fmt.Errorf("the program ended as it started (%v)", waitText(ws))
	}
	// Leave it stopped: detaching with SIGSTOP puts it in a group stop at its first instruction.
	if _, _, errno := syscall.Syscall6(syscall.SYS_PTRACE, syscall.PTRACE_DETACH, uintptr(pid), 0, uintptr(syscall.SIGSTOP), 0, 0); errno != 0 {
		return fail(errno)
	}
	// Wait for that stop (as its parent), so that Delve attaches to a process already stopped.
	if err := wait4(pid, &ws, syscall.WUNTRACED); err != nil {
		return fail(err)
	}
	if !ws.Stopped() {
		return 0, fmt.Errorf("the program ended as it started (%v)", waitText(ws))
	}
	return pid, nil
}

func wait4(pid int, ws *syscall.WaitStatus, options int) error {
	for {
		_, err := syscall.Wait4(pid, ws, options, nil)
		if err != syscall.EINTR {
			return err
		}
	}
}

func waitText(ws syscall.WaitStatus) string {
	if ws.Signaled() {
		return "killed by " + ws.Signal().String()
	}
	return fmt.Sprintf("exit status %d", ws.ExitStatus())
}

// reap waits for a killed program pdbgo started, so that it leaves no zombie: Delve reaps a
// program that exited, not one it took for attached. Threads Delve still traced when the
// program was killed must be reaped before their leader can be (here, by pdbgo: the tracer is
// one of its threads). It gives up after reapTimeout rather than hang on a process that
// would not die.
func reap(pid int) {
	deadline := time.Now().Add(reapTimeout)
	for {
		var ws syscall.WaitStatus
		wpid, err := syscall.Wait4(pid, &ws, syscall.WALL|syscall.WNOHANG, nil)
		if wpid == pid || (err != nil && err != syscall.EINTR) || time.Now().After(deadline) {
			return
		}
		tasks, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
		for _, t := range tasks {
			if tid, _ := strconv.Atoi(t.Name()); tid > 0 && tid != pid {
				_, _ = syscall.Wait4(tid, &ws, syscall.WALL|syscall.WNOHANG, nil)
			}
		}
		time.Sleep(time.Millisecond)
	}
}

const reapTimeout = 5 * time.Second

// checkExecutable refuses what Delve's launch refuses (debugger.verifyBinaryFormat): a file
// that cannot be executed or is no ELF executable, with the error pdbgo's messages know.
func checkExecutable(path string) error {
	full, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	f, err := os.Open(full)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := exec.LookPath(full); err != nil {
		return api.ErrNotExecutable
	}
	exe, err := elf.NewFile(f)
	if err != nil {
		return api.ErrNotExecutable
	}
	return exe.Close()
}
