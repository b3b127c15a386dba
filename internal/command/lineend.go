package command

import (
	"os"
	"strings"

	"github.com/charmbracelet/x/term"
)

// programOutput knows where the program's own output left pdbgo's output, when the two share
// one file: in the line mode the program inherits pdbgo's standard output. A program whose
// last output had no newline would otherwise have pdbgo's next line ("The program exited with
// status 0.") glued to it. How it knows depends on the file:
//
//   - a regular file (pdbgo ... > log): its size before and after the run says whether the
//     program wrote, and its last byte whether that ended a line;
//   - a terminal: nothing can be read back, so a row of spaces as wide as the terminal and a
//     carriage return are written, as zsh's PROMPT_SP does: at the start of a line they fill it
//     and return to its start (the terminal holds the wrap until the next character); after a
//     partial line they wrap onto a new line and return to its start, the partial line kept;
//   - a pipe: nothing is known and nothing is done.
type programOutput struct {
	f        *os.File
	regular  bool
	terminal bool
	size     int64 // a regular file's size before the run
}

// newProgramOutput returns the programOutput of out, nil when out is not a file.
func newProgramOutput(out any) *programOutput {
	f, ok := out.(*os.File)
	if !ok {
		return nil
	}
	st, err := f.Stat()
	if err != nil {
		return nil
	}
	p := &programOutput{f: f, regular: st.Mode().IsRegular()}
	if !p.regular && os.Getenv("TERM") != "dumb" {
		_, _, err := term.GetSize(f.Fd())
		p.terminal = err == nil
	}
	if !p.regular && !p.terminal {
		return nil
	}
	return p
}

// beforeRun notes where the output is before the program runs.
func (p *programOutput) beforeRun() {
	if p == nil || !p.regular {
		return
	}
	if st, err := p.f.Stat(); err == nil {
		p.size = st.Size()
	}
}

// afterRun is what to print before pdbgo's next line for it to start a line of its own.
func (p *programOutput) afterRun() string {
	switch {
	case p == nil:
		return ""
	case p.terminal:
		width, _, err := term.GetSize(p.f.Fd())
		if err != nil || width <= 0 {
			return ""
		}
		return strings.Repeat(" ", width) + "\r"
	}
	st, err := p.f.Stat()
	if err != nil || st.Size() <= p.size {
		return "" // the program wrote nothing
	}
	// The descriptor may be open for writing only: read the file through another one.
	r, err := openForReading(p.f)
	if err != nil {
		return ""
	}
	defer r.Close()
	last := make([]byte, 1)
	if _, err := r.ReadAt(last, st.Size()-1); err != nil || last[0] == '\n' {
		return ""
	}
	return "\n"
}
