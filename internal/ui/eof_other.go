//go:build !linux

package ui

// terminalEOF is not read outside Linux: ^D is the default everywhere.
func terminalEOF(uintptr) (byte, bool) { return 0, false }
