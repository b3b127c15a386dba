package ui

import "golang.org/x/sys/unix"

// terminalEOF reads the VEOF character of the terminal on fd.
func terminalEOF(fd uintptr) (byte, bool) {
	t, err := unix.IoctlGetTermios(int(fd), unix.TCGETS)
	if err != nil {
		return 0, false
	}
	return t.Cc[unix.VEOF], true
}
