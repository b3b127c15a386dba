package debug

import "syscall"

// signalName is "" on Windows: processes end with an exit code there, never by a signal, and
// Delve reports that code as a non-negative status (KilledBy is never true).
func signalName(syscall.Signal) string { return "" }
