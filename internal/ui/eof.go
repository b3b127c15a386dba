package ui

import (
	"io"
	"os"
)

// eofChar is the character that ends input on the terminal w (its VEOF): ^D unless the
// program changed it.
func eofChar(w io.Writer) byte {
	const ctrlD = 4
	f, ok := w.(*os.File)
	if !ok {
		return ctrlD
	}
	// SyscallConn, not Fd: Fd would put the file in blocking mode, and the reader of the
	// program's output could then no longer be woken when the session closes it.
	conn, err := f.SyscallConn()
	if err != nil {
		return ctrlD
	}
	c := byte(ctrlD)
	_ = conn.Control(func(fd uintptr) {
		if v, ok := terminalEOF(fd); ok && v != 0 {
			c = v
		}
	})
	return c
}
