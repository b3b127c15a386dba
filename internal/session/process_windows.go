package session

import (
	"errors"

	"golang.org/x/sys/windows"
)

// processExists reports whether a process with this id exists: opening it fails with
// ERROR_INVALID_PARAMETER when there is none (and with access denied when it is another
// user's, which exists).
func processExists(pid int) bool {
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if err == nil {
		windows.CloseHandle(h)
		return true
	}
	return !errors.Is(err, windows.ERROR_INVALID_PARAMETER)
}

// killProcess terminates one process; nil when it is gone, already gone included.
func killProcess(pid int) error {
	h, err := windows.OpenProcess(windows.PROCESS_TERMINATE, false, uint32(pid))
	if errors.Is(err, windows.ERROR_INVALID_PARAMETER) {
		return nil
	}
	if err != nil {
		return err
	}
	defer windows.CloseHandle(h)
	err = windows.TerminateProcess(h, 1)
	if errors.Is(err, windows.ERROR_ACCESS_DENIED) {
		return nil // what TerminateProcess answers for a process that has already ended
	}
	return err
}

// killProcessGroup kills the program alone on Windows: it has no process group pdbgo could
// end in one call (Delve's own kill on detach ends the program too).
func killProcessGroup(pid int) { _ = killProcess(pid) }

// interruptProcess terminates the process on Windows: a Ctrl-C cannot be sent to one process
// there, only to a whole console.
func interruptProcess(pid int) { _ = killProcess(pid) }

// stopProcess does nothing on Windows: there is no job control (jobStopped is never true).
func stopProcess(int) {}
