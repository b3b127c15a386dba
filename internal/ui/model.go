// Package ui is pdbgo's full-screen terminal UI: source, stack, variables and console panes over
// the same command interpreter as the line mode. Every call into the debugger runs in a tea.Cmd,
// one at a time, and answers with a message; Update and View never wait on the program.
package ui

import (
	"fmt"
	"io"
	"strings"
	"sync/atomic"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/stack"
	"github.com/pdbgo/pdbgo/internal/value"
)

// Options configure the TUI.
type Options struct {
	Debugger debug.Debugger
	// Start runs at the beginning, inside the first request: set breakpoints, run to the first
	// stop, or show where an attached program is. Nil: continue to the first stop.
	Start func(in *command.Interpreter) error
	// Commands run after the first stop, as if typed (-c).
	Commands []string
	// Halt stops the running program; it is called while another request runs.
	Halt func() error
	// Output is the program's terminal (a pty master), read while the TUI runs; nil: none.
	Output io.Reader
	// Input is the program's terminal for writing: lines typed while the program's output is
	// shown go there, so a program that reads its standard input can be answered; nil: none.
	Input io.Writer
	// Resize is told the terminal's size, to size the program's terminal alike.
	Resize func(width, height int)
	// HistoryFile keeps the console's history; "" keeps none.
	HistoryFile string
	// QuitOnExit ends the TUI when the program exits (a session the trace package started:
	// the program was what started pdbgo).
	QuitOnExit bool
}

type focus int

const (
	focusSource focus = iota
	focusStack
	focusVars
	focusConsole
	numFocus
)

// Model is the TUI's root model.
type Model struct {
	opts Options
	w    *worker

	seq      int        // last sequence number given
	inflight *request   // the request running, nil when idle
	queue    []*request // requests waiting their turn
	viewSeq  int        // the newest request whose reply repaints the view
	gen      int        // view generation: which frame the variables tree shows
	spinning bool

	width, height int
	focus         focus
	overlay       overlay
	helpTop       int

	src  sourcePane
	stk  stackPane
	vars varsPane
	con  console
	list listPane
	spin spinner.Model

	started  bool
	stops    int64
	stop     debug.Stop
	exited   bool
	gid      int64
	frame    int
	stack    stack.Stack
	scope    debug.Scope
	bps      []debug.Breakpoint
	frameKey string
	quitting bool
	startErr error

	seen  map[string]seenValues        // per frame: values at the last stop it was seen
	base  map[string]map[string]string // per frame: values to compare the current stop with
	open  map[string]map[string]bool   // per frame: the open nodes of the variables tree
	compl completionContext

	// rectangles of the panes, for the mouse
	rects [numFocus]rect
}

type rect struct{ x, y, w, h int }

func (r rect) has(x, y int) bool { return x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h }

// maxFramesRemembered bounds the frames whose values and open nodes are kept across stops.
const maxFramesRemembered = 500

type seenValues struct {
	stops int64
	vals  map[string]string
}

// New builds the model; the interpreter it drives is made here, over opts.Debugger.
func New(opts Options) *Model {
	stops, running := new(atomic.Int64), new(atomic.Bool)
	dbg := countingDebugger{Debugger: opts.Debugger, stops: stops, running: running}
	in := command.New(dbg, io.Discard)
	m := &Model{
		opts:  opts,
		w:     &worker{in: in, dbg: dbg, stops: stops, running: running, sources: newHighlighter(in.Sources())},
		focus: focusConsole,
		con:   newConsole(opts.HistoryFile),
		spin:  spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(theme.Spinner)),
		gid:   -1,
		seen:  map[string]seenValues{},
		base:  map[string]map[string]string{},
		open:  map[string]map[string]bool{},
	}
	m.con.toProgram = opts.Input != nil
	m.layout(80, 24)
	return m
}

// Err is why the session could not start, if it could not.
func (m *Model) Err() error { return m.startErr }

// Init starts the session: the first request runs the program to its first stop.
func (m *Model) Init() tea.Cmd {
	start := m.opts.Start
	if start == nil {
		start = func(in *command.Interpreter) error { in.Begin(); return nil }
	}
	cmds := []tea.Cmd{m.enqueue(&request{view: true, run: func(w *worker, seq int) tea.Msg {
		var err error
		msg := w.do(seq, func(in *command.Interpreter) error {
			err = start(in)
			return err
		})
		if err != nil {
			return startFailedMsg{seq: seq, err: err}
		}
		return msg
	}})}
	if m.opts.Output != nil {
		cmds = append(cmds, readOutput(m.opts.Output))
	}
	return tea.Batch(cmds...)
}

// outputMsg is a chunk of the program's output.
type outputMsg struct {
	data string
	err  error
}

func readOutput(r io.Reader) tea.Cmd {
	return func() tea.Msg {
		buf := make([]byte, 8192)
		n, err := r.Read(buf)
		return outputMsg{data: string(buf[:n]), err: err}
	}
}

// startFailedMsg says the session could not start (a -b breakpoint that does not resolve, an
// attached process that cannot be read): the TUI ends and Run returns the error, as the line
// mode would.
type startFailedMsg struct {
	seq int
	err error
}

// haltMsg answers ctrl+c.
type haltMsg struct{ err error }

// enqueue gives r a sequence number and runs it now or after the requests before it.
func (m *Model) enqueue(r *request) tea.Cmd {
	m.seq++
	r.seq = m.seq
	if r.view {
		m.viewSeq = r.seq
	}
	if r.coalesce != "" {
		for i, q := range m.queue {
			if q.coalesce == r.coalesce {
				m.queue[i] = r
				return nil
			}
		}
	}
	m.queue = append(m.queue, r)
	return m.next()
}

// next starts the first waiting request when none is in flight.
func (m *Model) next() tea.Cmd {
	if m.inflight != nil || len(m.queue) == 0 || m.quitting {
		return nil
	}
	r := m.queue[0]
	m.queue = m.queue[1:]
	m.inflight = r
	w := m.w
	cmds := []tea.Cmd{func() tea.Msg { return r.run(w, r.seq) }}
	if !m.spinning {
		m.spinning = true
		cmds = append(cmds, m.spin.Tick)
	}
	return tea.Batch(cmds...)
}

// done notes that the reply to seq arrived and starts the next request.
func (m *Model) done(seq int) tea.Cmd {
	if m.inflight != nil && m.inflight.seq == seq {
		m.inflight = nil
	}
	return m.next()
}

func (m *Model) busy() bool { return m.inflight != nil }

// exec runs a command line, echoed in the console log.
func (m *Model) exec(line string) tea.Cmd {
	return m.enqueue(&request{view: true, run: func(w *worker, seq int) tea.Msg {
		return w.exec(seq, line, true)
	}})
}

// Update handles a message: keys, the mouse, sizes and the replies of requests.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.layout(msg.Width, msg.Height)
		if m.opts.Resize != nil {
			m.opts.Resize(msg.Width, msg.Height)
		}
		return m, nil
	case tea.KeyMsg:
		return m, m.key(msg)
	case tea.MouseMsg:
		return m, m.mouse(msg)
	case snapshotMsg:
		cmd := m.applySnapshot(msg)
		return m, tea.Batch(cmd, m.done(msg.seq))
	case startFailedMsg:
		m.startErr = msg.err
		m.quitting = true
		return m, tea.Quit
	case evalMsg:
		m.applyEval(msg)
		return m, m.done(msg.seq)
	case goroutinesMsg:
		m.list.loading = false
		m.list.gs, m.list.hidden, m.list.more, m.list.err = msg.list.Goroutines, msg.list.Hidden, msg.list.More, ""
		if msg.err != nil {
			m.list.err = msg.err.Error()
		}
		for i, g := range m.list.gs {
			if g.ID == m.gid {
				m.list.cursor = i
			}
		}
		return m, m.done(msg.seq)
	case outputMsg:
		m.con.output.add(msg.data, nil)
		if msg.err != nil {
			return m, nil
		}
		return m, readOutput(m.opts.Output)
	case programInputMsg:
		if msg.err != nil {
			m.con.output.add("*** cannot write to the program: "+msg.err.Error()+"\n", theme.Error.Render)
		}
		return m, nil
	case haltMsg:
		if msg.err != nil {
			m.con.log.add("*** "+msg.err.Error()+"\n", theme.Error.Render)
		}
		return m, nil
	case spinner.TickMsg:
		if !m.busy() {
			m.spinning = false
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	}
	return m, nil
}

// applySnapshot shows what a request printed and, unless a newer request will repaint the view
// anyway, the state it left.
func (m *Model) applySnapshot(s snapshotMsg) tea.Cmd {
	if s.seq <= 0 || s.seq > m.seq {
		return nil // not a reply to anything asked
	}
	if s.echo {
		m.con.log.add(command.Prompt+s.line+"\n", theme.Dim.Render)
	}
	m.addOutput(s.output)
	m.con.log.scroll = 0
	if s.quit || s.exited && m.opts.QuitOnExit {
		m.quitting = true
		return tea.Quit
	}
	if s.seq < m.viewSeq {
		return nil // stale: the user already asked for another view
	}
	first := !m.started
	m.started = true
	m.gen++
	if m.frameKey != "" {
		m.open[m.frameKey] = m.vars.openKeys()
	}
	prevKey, prevStops := m.frameKey, m.stops
	m.stops, m.stop, m.exited = s.stops, s.stop, s.exited
	m.gid, m.frame, m.stack, m.scope, m.bps = s.gid, s.frame, s.stack, s.scope, s.bps
	m.stk.set(s.stack, s.gid, s.frame)
	m.list.bps, m.list.gid = s.bps, s.gid

	if s.noFrames {
		m.frameKey = ""
		m.src.show(nil, 0, 0, nil)
		msg := "no frames of the program on this goroutine"
		if s.exited {
			msg = "the program has exited"
		}
		m.vars.set(nil, nil, nil, msg, nil, nil, false)
		m.vars.function = ""
	} else {
		f := s.stack.Frame(s.frame)
		panicLine := 0
		if (s.stop.Kind == debug.StopPanic || s.stop.Kind == debug.StopFatal) && s.frame != 0 {
			if f0 := s.stack.Frame(0); f0.File == f.File {
				panicLine = f0.Line
			}
		}
		m.src.show(s.source, f.Line, panicLine, s.bps)
		m.frameKey = fmt.Sprintf("%d/%s/%d", s.gid, f.Function, len(s.stack.All)-s.scope.Frame)
		all := append(append([]value.Value{}, s.args...), s.locals...)
		cur := flatten(all)
		if prev, ok := m.seen[m.frameKey]; ok && prev.stops < s.stops {
			m.base[m.frameKey] = prev.vals
		} else if !ok {
			delete(m.base, m.frameKey)
		}
		if len(m.seen) > maxFramesRemembered {
			// A long session through deep recursion: start remembering afresh.
			m.seen, m.base, m.open = map[string]seenValues{}, map[string]map[string]string{}, map[string]map[string]bool{}
		}
		m.seen[m.frameKey] = seenValues{stops: s.stops, vals: cur}
		changed := map[string]bool{}
		for expr, text := range cur {
			if old, ok := m.base[m.frameKey][expr]; ok && old != text {
				changed[expr] = true
			}
		}
		msg := ""
		if s.varsErr != "" {
			msg = "*** " + command.OneLine(s.varsErr)
		}
		same := m.frameKey == prevKey && s.stops == prevStops
		m.vars.set(s.args, s.locals, s.watches, msg, m.open[m.frameKey], changed, same)
		m.vars.function = stack.ShortFunction(f.Function)
		m.compl = completionFor(s)
	}
	m.layout(m.width, m.height)
	if first {
		var cmds []tea.Cmd
		for _, c := range m.opts.Commands {
			cmds = append(cmds, m.exec(c))
		}
		return tea.Batch(cmds...)
	}
	return nil
}

// addOutput adds what the interpreter printed to the console log, errors and panics marked.
func (m *Model) addOutput(out string) {
	for _, line := range strings.SplitAfter(out, "\n") {
		if line == "" {
			continue
		}
		var style func(...string) string
		if strings.HasPrefix(line, "***") || strings.HasPrefix(line, "panic: ") || strings.HasPrefix(line, "fatal error: ") || strings.HasPrefix(line, "\tpanic: ") {
			style = theme.Error.Render
		}
		m.con.log.add(line, style)
	}
}

// completionFor gathers what the console completes at this frame.
func completionFor(s snapshotMsg) completionContext {
	c := completionContext{fields: map[string][]string{}, lines: map[string]int{}}
	all := append(append([]value.Value{}, s.args...), s.locals...)
	for _, v := range all {
		c.vars = append(c.vars, v.Name)
		collectFields(c.fields, v.Name, v, 2)
	}
	for _, w := range s.watches {
		collectFields(c.fields, w.expr, w.v, 2)
	}
	cur := s.stack.Frame(s.frame)
	add := func(f stack.Frame) {
		b := baseName(f.File)
		if _, ok := c.lines[b]; !ok {
			c.lines[b] = f.Line
			c.files = append(c.files, b)
		}
	}
	add(cur)
	for n := range s.stack.Len() {
		add(s.stack.Frame(n))
	}
	return c
}

func baseName(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[i+1:]
	}
	return p
}

func collectFields(out map[string][]string, expr string, v value.Value, depth int) {
	if depth == 0 {
		return
	}
	for _, c := range v.Expand(0) {
		if c.Kind != value.Field {
			continue
		}
		out[expr] = append(out[expr], c.Name)
		collectFields(out, expr+"."+c.Name, c.Value, depth-1)
	}
}

// applyEval puts a loaded node into the variables tree, unless the tree shows another frame now.
func (m *Model) applyEval(e evalMsg) {
	if e.gen != m.gen {
		return // stale: the user moved on
	}
	n, ok := m.vars.nodes[e.path]
	if !ok {
		return
	}
	if e.page {
		m.vars.paged(n, e.v, e.from, e.err)
	} else {
		m.vars.loaded(n, e.v, e.err)
	}
}
