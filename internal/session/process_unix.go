//go:build !windows

package session

import (
	"errors"
	"syscall"
)

// processExists reports whether a process with this id exists (it may belong to another user).
func processExists(pid int) bool {
	return !errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}

// killProcess kills one process; nil when it is gone, already gone included.
func killProcess(pid int) error {
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil && !errors.Is(err, syscall.ESRCH) {
		return err
	}
	return nil
}

// killProcessGroup kills the process group pid leads: a program pdbgo started and every
// process it started in turn. Only for programs pdbgo started (their own group).
func killProcessGroup(pid int) { _ = syscall.Kill(-pid, syscall.SIGKILL) }

// interruptProcess asks a process to end as Ctrl-C does (SIGINT), letting it clean up.
func interruptProcess(pid int) { _ = syscall.Kill(pid, syscall.SIGINT) }

// stopProcess stops a process as Ctrl-Z does (SIGSTOP).
func stopProcess(pid int) { _ = syscall.Kill(pid, syscall.SIGSTOP) }
