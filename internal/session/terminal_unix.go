//go:build !windows

package session

import (
	"fmt"
	"io"
	"os"

	"github.com/creack/pty"
	"github.com/go-delve/delve/service/debugger"
)

// terminal is the pseudo-terminal a started program gets as its standard input, output and
// error (Config.Terminal): what it prints is read from the master end, never painted over
// pdbgo's screen, and what the user types for it is written there.
type terminal struct {
	master *os.File
	// slave stays open for the whole session: when the last file on it closes, the program's
	// writes fail and the reader of the master sees the end.
	slave *os.File
}

// openTerminal opens a pseudo-terminal the size of pdbgo's own.
func openTerminal() (*terminal, error) {
	master, slave, err := pty.Open()
	if err != nil {
		return nil, fmt.Errorf("cannot open a terminal for the program: %w", err)
	}
	_ = pty.InheritSize(os.Stdin, master) // the program sees the size of the terminal from the start
	return &terminal{master: master, slave: slave}, nil
}

// redirect gives a launch the terminal: Delve (or pdbgo's own start) opens it by name.
func (t *terminal) redirect(cfg *debugger.Config) error {
	cfg.TTY = t.slave.Name()
	return nil
}

func (t *terminal) readWriter() io.ReadWriter { return t.master }

func (t *terminal) resize(width, height int) {
	_ = pty.Setsize(t.master, &pty.Winsize{Cols: uint16(width), Rows: uint16(height)})
}

func (t *terminal) close() {
	if t != nil {
		t.master.Close()
		t.slave.Close()
	}
}
