package ui

import (
	"bytes"
	"sync/atomic"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/session"
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
	run      func(w *worker, seq int) tea.Msg
}

// worker owns the interpreter; its methods run inside tea.Cmds only.
type worker struct {
	in      *command.Interpreter
	dbg     command.Debugger
	stops   *atomic.Int64 // stops so far, counted by countingDebugger
	running *atomic.Bool
	sources *sourceCache
}

// countingDebugger counts the stops of the program, so the model knows a stop from a frame
// change, and says when the program runs, for the spinner.
type countingDebugger struct {
	command.Debugger
	stops   *atomic.Int64
	running *atomic.Bool
}

func (d countingDebugger) resume(do func() (session.Stop, error)) (session.Stop, error) {
	d.running.Store(true)
	defer d.running.Store(false)
	stop, err := do()
	if err == nil {
		d.stops.Add(1)
	}
	return stop, err
}

func (d countingDebugger) Continue() (session.Stop, error) { return d.resume(d.Debugger.Continue) }
func (d countingDebugger) Next() (session.Stop, error)     { return d.resume(d.Debugger.Next) }
func (d countingDebugger) Step() (session.Stop, error)     { return d.resume(d.Debugger.Step) }
func (d countingDebugger) StepOut() (session.Stop, error)  { return d.resume(d.Debugger.StepOut) }

// snapshotMsg is the reply to every request that goes through the interpreter: what it printed
// and a copy of the state the panes show.
type snapshotMsg struct {
	seq    int
	line   string // the typed line, "" for requests the user did not type
	echo   bool
	output string

	stops    int64
	stop     session.Stop
	exited   bool
	quit     bool
	gid      int64
	stack    stack.Stack
	frame    int
	scope    session.Scope
	args     []value.Value
	locals   []value.Value
	varsErr  string
	watches  []watchValue
	bps      []session.Breakpoint
	source   *sourceFile
	noFrames bool
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
	}
	if m.quit {
		return m
	}
	if bps, err := w.dbg.Breakpoints(); err == nil {
		m.bps = bps
	}
	if m.exited || m.stack.Len() == 0 {
		m.noFrames = true
		return m
	}
	f := m.stack.Frame(m.frame)
	m.source = w.sources.get(f.File)
	var err error
	if m.args, err = w.dbg.Args(m.scope, session.LoadShort); err != nil {
		m.varsErr = err.Error()
	}
	if m.locals, err = w.dbg.Locals(m.scope, session.LoadShort); err != nil {
		m.varsErr = err.Error()
	}
	for _, expr := range in.Displays() {
		wv := watchValue{expr: expr}
		if v, err := w.dbg.Eval(m.scope, expr, session.LoadShort); err != nil {
			wv.err = err.Error()
		} else {
			wv.v = v
		}
		m.watches = append(m.watches, wv)
	}
	return m
}

// evalMsg answers a request to load a node of the variables tree: expanding it, a page of a
// big collection, more of a long string. gen is the view generation it was asked in: a reply
// for a view the user already left is dropped.
type evalMsg struct {
	seq  int
	gen  int
	path string // the node's key in the tree
	page bool   // append the result's children (or bytes) to the node
	from int64  // first index of the page
	v    value.Value
	err  error
}

func (w *worker) eval(seq, gen int, sc session.Scope, path, expr string, l session.Load, page bool, from int64) tea.Msg {
	v, err := w.dbg.Eval(sc, expr, l)
	return evalMsg{seq: seq, gen: gen, path: path, page: page, from: from, v: v, err: err}
}

// goroutinesMsg answers the goroutines view.
type goroutinesMsg struct {
	seq int
	gs  []session.Goroutine
	err error
}

const maxGoroutinesShown = 1000

// maxGoroutineStacks bounds how many goroutines' stacks are read to find their program frame.
const maxGoroutineStacks = 200

func (w *worker) goroutines(seq int) tea.Msg {
	var all []session.Goroutine
	start := 0
	for start >= 0 && len(all) < maxGoroutinesShown {
		gs, next, err := w.dbg.Goroutines(start, 200)
		if err != nil {
			return goroutinesMsg{seq: seq, err: err}
		}
		all = append(all, gs...)
		start = next
	}
	// Delve's user location counts the standard library as the program's (a goroutine in
	// time.Sleep shows time.Sleep): show the innermost frame of the program's own code instead.
	for i := range all[:min(len(all), maxGoroutineStacks)] {
		frames, err := w.dbg.Stacktrace(all[i].ID)
		if err != nil {
			continue
		}
		goroot := stack.GOROOT(frames)
		for _, f := range frames {
			if stack.IsProgram(f, goroot) {
				all[i].User = session.Location{Function: f.Function, File: f.File, Line: f.Line}
				break
			}
		}
	}
	return goroutinesMsg{seq: seq, gs: all}
}
