//go:build linux

package command

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/creack/pty"

	"github.com/pdbgo/pdbgo/internal/testenv"
)

// cursorAfter is where a terminal with automatic margins that holds the wrap at the last
// column until the next character (as xterm and its kind do) leaves the cursor after printing
// s from column col of row 0.
func cursorAfter(s string, width, col int) (row, endCol int) {
	pending := false
	for _, r := range s {
		if r == '\r' {
			col, pending = 0, false
			continue
		}
		if pending {
			row, col, pending = row+1, 0, false
		}
		if col == width-1 {
			pending = true
		} else {
			col++
		}
	}
	return row, col
}

func TestProgramOutputOnATerminal(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		testenv.SkipUnlessCI(t, "no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	if err := pty.Setsize(ptmx, &pty.Winsize{Cols: 30, Rows: 10}); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TERM", "xterm")
	p := newProgramOutput(tty)
	if p == nil || !p.terminal {
		t.Fatal("a terminal is not recognised")
	}
	p.beforeRun()
	s := p.afterRun()
	if s != strings.Repeat(" ", 30)+"\r" {
		t.Fatalf("afterRun on a terminal = %q", s)
	}
	// At the start of a line it stays on that line; after a partial line it starts the next.
	if row, col := cursorAfter(s, 30, 0); row != 0 || col != 0 {
		t.Errorf("from column 0: row %d column %d", row, col)
	}
	if row, col := cursorAfter(s, 30, 7); row != 1 || col != 0 {
		t.Errorf("from column 7: row %d column %d", row, col)
	}
	if row, col := cursorAfter(s, 30, 29); row != 1 || col != 0 {
		t.Errorf("from the last column: row %d column %d", row, col)
	}
}

func TestProgramOutputInAFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o644) // written only, as > opens it
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p := newProgramOutput(f)
	if p == nil || !p.regular {
		t.Fatal("a regular file is not recognised")
	}
	for _, tc := range []struct{ pdbgo, program, want string }{
		{"(pdbgo) ", "", ""},                   // the program wrote nothing: stay after the prompt
		{"(pdbgo) ", "total 30\n", ""},         // its output ended a line
		{"(pdbgo) ", "partial", "\n"},          // it did not
		{"Breakpoint 1\n", "no newline", "\n"}, // whatever pdbgo wrote before
	} {
		f.WriteString(tc.pdbgo)
		p.beforeRun()
		f.WriteString(tc.program)
		if got := p.afterRun(); got != tc.want {
			t.Errorf("after %q then %q: %q, want %q", tc.pdbgo, tc.program, got, tc.want)
		}
	}
	if newProgramOutput(&strings.Builder{}) != nil {
		t.Error("a writer that is not a file has a programOutput")
	}
	r, w, _ := os.Pipe()
	defer r.Close()
	defer w.Close()
	if newProgramOutput(w) != nil {
		t.Error("a pipe has a programOutput")
	}
}
