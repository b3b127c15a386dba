package session

import "io"

// The program's terminal (Config.Terminal) is one type per system family: a pseudo-terminal
// on Unix (terminal_unix.go); on Windows, where Delve's backend takes no terminal, a pipe that
// carries the program's output (terminal_windows.go). Each has open/close, the end pdbgo
// reads and writes (readWriter), resize, and redirect, which gives a launch its end.

// Terminal is the program's terminal when Config.Terminal gave it one (nil otherwise): read it
// for the program's output, write to it for the program's input.
func (s *Session) Terminal() io.ReadWriter {
	if s.term == nil {
		return nil
	}
	return s.term.readWriter()
}

// ResizeTerminal tells the program's terminal its new size.
func (s *Session) ResizeTerminal(width, height int) {
	if s.term != nil {
		s.term.resize(width, height)
	}
}
