package command

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/pdbgo/pdbgo/internal/debug"
)

// Prompt is printed before each command is read, in the line mode and the TUI's console.
const Prompt = "(pdbgo) "

// MaxLine is the longest command line taken; a longer one is refused and the next is read.
const MaxLine = 1 << 20

// Beginning says where the program is when a session begins.
type Beginning int

const (
	// BeginRun: the program is at its entry point; run it to its first stop.
	BeginRun Beginning = iota
	// BeginAttached: an attached process, stopped where it was; show it there.
	BeginAttached
	// BeginCore: a core dump; show where it crashed.
	BeginCore
	// BeginRemote: a headless server's program; show it where it is stopped, else run it.
	BeginRemote
)

// Start sets the breakpoints given on the command line (-b), brings the program to its first
// stop, which it prints, and runs the commands of the rc files there (ReadRC).
func (in *Interpreter) Start(b Beginning, breaks []string, rc ...RCLine) error {
	for _, loc := range breaks {
		if err := in.Break(loc); err != nil {
			return err
		}
	}
	if err := in.begin(b); err != nil {
		return err
	}
	in.runRC(rc)
	return nil
}

func (in *Interpreter) begin(b Beginning) error {
	switch b {
	case BeginAttached, BeginCore, BeginRemote:
		stop, err := in.dbg.State()
		if err != nil {
			return err
		}
		switch {
		case b == BeginAttached:
			in.printf("Attached to process %d.\n", in.dbg.PID())
		case b != BeginRemote:
		case atEntry(stop):
			// A headless server started with exec waits at the entry point.
			in.printf("Connected to process %d at its entry point: running it to its first stop.\n", in.dbg.PID())
		default:
			in.printf("Connected to process %d.\n", in.dbg.PID())
		}
		if b != BeginRemote || !atEntry(stop) {
			in.OnStop(stop)
			return nil
		}
	}
	in.Begin()
	return nil
}

// atEntry reports whether a remote program is at its entry point: no goroutine yet, and not
// a program connect halted (whose stop says so).
func atEntry(stop debug.Stop) bool {
	return stop.GoroutineID < 0 && stop.Kind != debug.StopExited && stop.Message == ""
}

// Run runs commands, each line of r in turn (the -c commands, then the user's), echoing the
// commands of script and prompting for those of r, until quit or the end of r. With untilExit
// it also returns once the program has exited (a session the program started itself, through
// the trace package, has nothing left to do then).
func (in *Interpreter) Run(script []string, r io.Reader, untilExit bool) {
	done := func() bool { return in.Quit() || untilExit && in.Exited() }
	for _, c := range script {
		if done() {
			return
		}
		in.printf("%s%s\n", Prompt, c)
		in.Execute(c)
	}
	lines := bufio.NewReaderSize(r, 64<<10)
	for !done() {
		in.printf("%s", Prompt)
		line, err := readLine(lines)
		if errors.Is(err, errLineTooLong) {
			in.printf("*** %v\n", err)
			continue
		}
		if err != nil && line == "" {
			in.printf("\n")
			return
		}
		in.Execute(line)
	}
}

var errLineTooLong = fmt.Errorf("the line is longer than %d KiB: it was not run", MaxLine>>10)

// readLine reads one line without its ending; a line longer than MaxLine is read to its end
// and dropped.
func readLine(r *bufio.Reader) (string, error) {
	var b strings.Builder
	for {
		chunk, isPrefix, err := r.ReadLine()
		if b.Len() <= MaxLine {
			b.Write(chunk)
		}
		if err != nil {
			return b.String(), err
		}
		if !isPrefix {
			break
		}
	}
	if b.Len() > MaxLine {
		return "", errLineTooLong
	}
	return b.String(), nil
}
