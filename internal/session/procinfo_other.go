//go:build !linux && !darwin && !windows

package session

import "errors"

// listProcesses is not written for this system: attach takes a process id here.
func listProcesses() ([]procInfo, error) { return nil, errors.ErrUnsupported }

func processExecutable(int) string { return "" }

func executableFile(int) string { return "" }

func jobStopped(int) bool { return false }

// attachDeniedHint says why an attach may be refused here.
const attachDeniedHint = "another debugger may be attached, or you may not debug that process"
