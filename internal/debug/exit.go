package debug

import (
	"fmt"
	"syscall"
)

// KilledBy reports the signal that ended the program, when a signal did: Delve gives the
// status of a death by signal N as -N.
func (s Stop) KilledBy() (syscall.Signal, bool) {
	if s.Kind != StopExited || s.ExitStatus >= 0 {
		return 0, false
	}
	return syscall.Signal(-s.ExitStatus), true
}

// ExitText says how the program ended, in the words every mode uses: "The program exited with
// status 3." or "The program was killed by signal 9 (SIGKILL)."
func (s Stop) ExitText() string {
	if sig, ok := s.KilledBy(); ok {
		return fmt.Sprintf("The program was killed by %s.", SignalText(sig))
	}
	return fmt.Sprintf("The program exited with status %d.", s.ExitStatus)
}

// SignalText names a signal by number and name: "signal 9 (SIGKILL)".
func SignalText(sig syscall.Signal) string {
	if name := signalName(sig); name != "" {
		return fmt.Sprintf("signal %d (%s)", int(sig), name)
	}
	return fmt.Sprintf("signal %d", int(sig))
}
