package session

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/go-delve/delve/pkg/proc"
	"github.com/go-delve/delve/service/debugger"
	"golang.org/x/sys/windows"
)

// terminal is, on Windows, a pipe that carries a started program's standard output and error
// to pdbgo (Config.Terminal), so that they never paint over pdbgo's screen: Delve's Windows
// backend takes no terminal (debugger.Config.TTY is for Unix), only files to write to. The
// program reads its input from NUL, as from /dev/null on Linux without a terminal.
type terminal struct {
	r *os.File // what pdbgo reads
	// w stays open for the whole session: each launch gets a copy, which Delve closes once the
	// program has it, so the reader sees no end between a program's exit and its restart.
	w *os.File
}

func openTerminal() (*terminal, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("cannot open a pipe for the program's output: %w", err)
	}
	return &terminal{r: r, w: w}, nil
}

// redirect gives a launch copies of the pipe's write end as its standard output and error.
// Delve cannot restart a program whose output goes to such files: pdbgo restarts it itself
// (relaunch), with new copies.
func (t *terminal) redirect(cfg *debugger.Config) error {
	out, err := duplicate(t.w)
	if err != nil {
		return fmt.Errorf("cannot give the program its output pipe: %w", err)
	}
	errOut, err := duplicate(t.w)
	if err != nil {
		out.Close()
		return fmt.Errorf("cannot give the program its output pipe: %w", err)
	}
	cfg.Stdout, cfg.Stderr = proc.OutputRedirect{File: out}, proc.OutputRedirect{File: errOut}
	return nil
}

func duplicate(f *os.File) (*os.File, error) {
	self := windows.CurrentProcess()
	var h windows.Handle
	if err := windows.DuplicateHandle(self, windows.Handle(f.Fd()), self, &h, 0, false, windows.DUPLICATE_SAME_ACCESS); err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(h), f.Name()), nil
}

// errNoProgramInput is what typing to the program says on Windows.
var errNoProgramInput = errors.New("on Windows the program has no terminal to type to (Delve's Windows backend takes none): give it its input in a file with --stdin FILE")

// pipeOutput reads the program's output; writes, the user's typing for it, fail.
type pipeOutput struct{ r *os.File }

func (p pipeOutput) Read(b []byte) (int, error) { return p.r.Read(b) }

func (p pipeOutput) Write([]byte) (int, error) { return 0, errNoProgramInput }

func (t *terminal) readWriter() io.ReadWriter { return pipeOutput{t.r} }

func (t *terminal) resize(int, int) {} // a pipe has no size

func (t *terminal) close() {
	if t != nil {
		t.r.Close()
		t.w.Close()
	}
}
