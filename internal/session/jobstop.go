package session

import (
	"bytes"
	"fmt"
	"os"
	"syscall"
)

// jobStopped reports whether process pid is stopped by job control (kill -STOP, Ctrl-Z):
// state T in /proc/PID/stat.
func jobStopped(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	// The command name, in parentheses, may hold spaces and parentheses: the state follows
	// the last ')'.
	i := bytes.LastIndexByte(stat, ')')
	return i >= 0 && i+2 < len(stat) && stat[i+2] == 'T'
}

// stopAgain stops again, once pdbgo has detached, a process that was stopped by job control
// when pdbgo attached: Delve's detach resumes every thread, and continues (SIGCONT) a process
// it finds stopped 50 ms later, so the SIGSTOP comes after it (the process runs that long).
func (s *Session) stopAgain() {
	if s.wasStopped && s.pid > 0 {
		_ = syscall.Kill(s.pid, syscall.SIGSTOP)
	}
}
