package ui

import (
	"bytes"
	"strings"
	"sync/atomic"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/stack"
	"github.com/pdbgo/pdbgo/internal/value"
)

// The interpreter and the debugger are used by one goroutine at a time: the model keeps at most
// one request in flight, and only the request's tea.Cmd touches them. Update and View read
// nothing but the copies a reply carries.

// request is one piece of work for the worker, with its sequence number. Requests with the same
// coalesce key replace each other while they wait: moving through ten frames quickly loads the
// last one only.
type request struct {
	seq      int
	coalesce string
	view     bool // its reply repaints the source, stack and variables
	resumes  bool // it runs the program: while it is in flight the panes show a stale stop
	run      func(w *worker, seq int) tea.Msg
}

// resumes reports whether a command line runs the program (an empty line may repeat a command
// that does).
func resumes(aliases map[string]string, line string) bool {
	if strings.TrimSpace(line) == "" {
		return true
	}
	return command.Resumes(aliases, strings.TrimPrefix(strings.TrimSpace(line), ":"))
}

// worker owns the interpreter; its methods run inside tea.Cmds only.
type worker struct {
	in      *command.Interpreter
	dbg     debug.Debugger
	stops   *atomic.Int64 // stops so far, counted by countingDebugger
	running *atomic.Bool
	sources *highlighter
}

// countingDebugger counts the stops of the program, so the model knows a stop from a frame
// change, and says when the program runs, for the spinner.
type countingDebugger struct {
	debug.Debugger
	stops   *atomic.Int64
	running *atomic.Bool
}

func (d countingDebugger) resume(do func() (debug.Stop, error)) (debug.Stop, error) {
	d.running.Store(true)
	defer d.running.Store(false)
	stop, err := do()
	if err == nil {
		d.stops.Add(1)
	}
	return stop, err
}

func (d countingDebugger) Continue() (debug.Stop, error) { return d.resume(d.Debugger.Continue) }

func (d countingDebugger) Next(sc debug.Scope) (debug.Stop, error) {
	return d.resume(func() (debug.Stop, error) { return d.Debugger.Next(sc) })
}

func (d countingDebugger) Step(sc debug.Scope) (debug.Stop, error) {
	return d.resume(func() (debug.Stop, error) { return d.Debugger.Step(sc) })
}

func (d countingDebugger) StepOut(sc debug.Scope) (debug.Stop, error) {
	return d.resume(func() (debug.Stop, error) { return d.Debugger.StepOut(sc) })
}

// Rewind runs the program again to a stop: the spinner turns while it does, and it is a stop
// (an error too says where the program stopped instead).
func (d countingDebugger) Rewind(t debug.RewindTarget) (debug.Rewound, error) {
	d.running.Store(true)
	defer d.running.Store(false)
	r, err := d.Debugger.Rewind(t)
	d.stops.Add(1)
	return r, err
}

func (d countingDebugger) Until(sc debug.Scope, line int) (debug.Stop, error) {
	return d.resume(func() (debug.Stop, error) { return d.Debugger.Until(sc, line) })
}

// snapshotMsg is the reply to every request that goes through the interpreter: what it printed
// and a copy of the state the panes show.
type snapshotMsg struct {
	seq    int
	line   string // the typed line, "" for requests the user did not type
	echo   bool
	output string

	stops     int64
	stop      debug.Stop
	exited    bool
	quit      bool
	gid       int64
	stack     stack.Stack
	frame     int
	scope     debug.Scope
	args      []value.Value
	locals    []value.Value
	varsErr   string
	watches   []watchValue
	bps       []debug.Breakpoint
	temporary map[int]bool // the breakpoints tbreak set (by id)
	source    *sourceFile
	noFrames  bool
	// listed is the file the line listed (list, longlist), for the source pane, at listedLine.
	listed     *sourceFile
	listedLine int
	aliases    map[string]string // the aliases defined (alias), for completion and kill's check
}

type watchValue struct {
	expr string
	v    value.Value
	err  string
}

// exec runs a typed line.
func (w *worker) exec(seq int, line string, echo bool) tea.Msg {
	var out bytes.Buffer
	w.in.Out = &out
	w.in.Execute(line)
	return w.snapshot(seq, line, echo, out.String())
}

// do runs f on the interpreter (the first stop, a frame chosen in the stack pane).
func (w *worker) do(seq int, f func(in *command.Interpreter) error) tea.Msg {
	var out bytes.Buffer
	w.in.Out = &out
	if err := f(w.in); err != nil {
		out.WriteString("*** " + err.Error() + "\n")
	}
	return w.snapshot(seq, "", false, out.String())
}

// snapshot copies the interpreter's state and loads what the panes show of the selected frame.
func (w *worker) snapshot(seq int, line string, echo bool, output string) snapshotMsg {
	in := w.in
	m := snapshotMsg{
		seq: seq, line: line, echo: echo, output: output,
		stops: w.stops.Load(), stop: in.Stop(), exited: in.Exited(), quit: in.Quit(),
		gid: in.Goroutine(), stack: in.Stack(), frame: in.FrameNumber(), scope: in.Scope(),
		aliases: in.Aliases(),
	}
	if m.quit {
		return m
	}
	if bps, err := w.dbg.Breakpoints(); err == nil {
		m.bps = bps
		for _, b := range bps {
			if in.Temporary(b.ID) {
				if m.temporary == nil {
					m.temporary = map[int]bool{}
				}
				m.temporary[b.ID] = true
			}
		}
	}
	if file, line, ok := in.Listed(); ok {
		m.listed, m.listedLine = w.sources.get(file), line
	}
	if m.exited || m.stack.Len() == 0 {
		m.noFrames = true
		return m
	}
	f := m.stack.Frame(m.frame)
	m.source = w.sources.get(f.File)
	var err error
	if m.args, err = w.dbg.Args(m.scope, debug.LoadShort); err != nil {
		m.varsErr = err.Error()
	}
	if m.locals, err = w.dbg.Locals(m.scope, debug.LoadShort); err != nil {
		m.varsErr = err.Error()
	}
	for _, expr := range in.Displays() {
		wv := watchValue{expr: expr}
		v, err := w.displayValue(m.scope, expr)
		if err != nil {
			wv.err = err.Error()
		} else {
			wv.v = v
		}
		m.watches = append(m.watches, wv)
	}
	return m
}

// displayValue is a display's value in the frame shown. One that calls a function is taken
// from what the interpreter showed at the stop in that frame, so that the watch pane does not
// run the call a second time.
func (w *worker) displayValue(sc debug.Scope, expr string) (value.Value, error) {
	if debug.HasCall(expr) {
		for _, d := range w.in.DisplayValues() {
			if d.Expr == expr && d.Scope == sc {
				return d.Value, d.Err
			}
		}
	}
	return w.dbg.Eval(sc, expr, debug.LoadShort)
}

// evalMsg answers a request to load a node of the variables tree: expanding it, a page of a
// big collection, more of a long string. gen is the view generation it was asked in: a reply
// for a view the user already left is dropped.
type evalMsg struct {
	seq  int
	gen  int
	path string // the node's key in the tree
	op   evalOp // what the value does to the node
	from int64  // first index of a page
	v    value.Value
	err  error
}

func (w *worker) eval(seq, gen int, sc debug.Scope, path, expr string, l debug.Load, op evalOp, from int64) tea.Msg {
	v, err := w.dbg.Eval(sc, expr, l)
	return evalMsg{seq: seq, gen: gen, path: path, op: op, from: from, v: v, err: err}
}

// goroutinesMsg answers the goroutines view.
type goroutinesMsg struct {
	seq  int
	list debug.GoroutineList
	err  error
}

func (w *worker) goroutines(seq int, runtime bool) tea.Msg {
	list, err := debug.ListGoroutines(w.dbg, debug.ListOptions{Pinned: w.in.GoroutinePins(), Runtime: runtime})
	return goroutinesMsg{seq: seq, list: list, err: err}
}
