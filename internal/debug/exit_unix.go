//go:build !windows

package debug

import (
	"syscall"

	"golang.org/x/sys/unix"
)

// signalName is the signal's name, "SIGKILL"; "" when it has none.
func signalName(sig syscall.Signal) string { return unix.SignalName(sig) }
