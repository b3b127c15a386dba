// Package ui is pdbgo's full-screen terminal UI: source, stack, variables and console panes over
// the same command interpreter as the line mode. Every call into the debugger runs in a tea.Cmd,
// one at a time, and answers with a message; Update and View never wait on the program.
//
// The root Model owns the request queue and the one copy of the program's state the panes show
// (viewState). Each pane (pane.go) owns its keys and its state: the root routes keys to the
// focused pane or the open overlay, replies to the pane that owns them, sizes to all.
package ui

import (
	"io"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/bubbles/list"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/debug"
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
	// ConfirmKill asks before kill ends the process: pdbgo attached to it, it did not start it.
	ConfirmKill bool
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
	spinning bool

	width, height int
	focus         focus
	lastPane      focus // the pane focused before the console, for esc there
	overlay       pane  // the overlay open, nil when none
	prefs         layoutPrefs
	zoomed        bool      // the focused pane covers the screen
	since         time.Time // when the request in flight started

	view viewState

	src  *sourcePane
	stk  *stackPane
	vars *varsPane
	con  *console
	gor  *goroutinesPane
	bpl  *breakpointsPane
	help *helpPane
	pick *openPane
	val  *viewerPane
	spin spinner.Model

	index    *programIndex // the program's functions and files, once read
	indexing bool

	quitting bool
	startErr error

	// rectangles of the panes, for the mouse
	rects [numFocus]rect
}

type rect struct{ x, y, w, h int }

func (r rect) has(x, y int) bool { return x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h }

// New builds the model; the interpreter it drives is made here, over opts.Debugger.
func New(opts Options) *Model {
	stops, running := new(atomic.Int64), new(atomic.Bool)
	dbg := countingDebugger{Debugger: opts.Debugger, stops: stops, running: running}
	in := command.New(dbg, io.Discard)
	m := &Model{
		opts:  opts,
		w:     &worker{in: in, dbg: dbg, stops: stops, running: running, sources: newHighlighter(in.Sources())},
		focus: focusSource,
		prefs: loadLayout(layoutFile(opts.HistoryFile)),
		spin:  spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(theme.Spinner)),
		view:  viewState{gid: -1},
	}
	m.src = newSourcePane(m, &m.view)
	m.stk = newStackPane(m, &m.view)
	m.vars = newVarsPane(m, &m.view)
	m.con = newConsole(m, opts.HistoryFile, opts.Output, opts.Input)
	m.con.confirmKill = opts.ConfirmKill
	m.gor = newGoroutinesPane(m, &m.view)
	m.bpl = newBreakpointsPane(m, &m.view)
	m.help = newHelpPane(m)
	m.pick = newOpenPane(m, &m.view)
	m.val = newViewerPane(m, &m.view)
	m.src.SetFocus(true)
	m.layout(80, 24)
	return m
}

// panes are the four panes, by focus.
func (m *Model) panes() [numFocus]focusable { return [numFocus]focusable{m.src, m.stk, m.vars, m.con} }

// overlays are the panes that cover the source, stack and variables while open.
func (m *Model) overlays() []pane { return []pane{m.gor, m.bpl, m.help, m.pick, m.val} }

// all are the panes and the overlays.
func (m *Model) all() []pane {
	return append([]pane{m.src, m.stk, m.vars, m.con}, m.overlays()...)
}

// setFocus moves the focus to pane f; a zoomed screen shows the pane focused.
func (m *Model) setFocus(f focus) {
	if f == m.focus {
		return
	}
	ps := m.panes()
	ps[m.focus].SetFocus(false)
	if m.focus != focusConsole {
		m.lastPane = m.focus
	}
	m.focus = f
	ps[f].SetFocus(true)
	if m.zoomed {
		m.relayout()
	}
}

// focusPanes leaves the console for the pane focused before it.
func (m *Model) focusPanes() { m.setFocus(m.lastPane) }

func (m *Model) focusSource() { m.setFocus(focusSource) }

// gotoLine shows line n of the source pane's file (:N in the console).
func (m *Model) gotoLine(n int) {
	m.setFocus(focusSource)
	m.src.gotoLine(n)
}

// Err is why the session could not start, if it could not.
func (m *Model) Err() error { return m.startErr }

// Init starts the session: the first request runs the program to its first stop.
func (m *Model) Init() tea.Cmd {
	start := m.opts.Start
	if start == nil {
		start = func(in *command.Interpreter) error { in.Begin(); return nil }
	}
	return tea.Batch(m.enqueue(&request{view: true, resumes: true, run: func(w *worker, seq int) tea.Msg {
		var err error
		msg := w.do(seq, func(in *command.Interpreter) error {
			err = start(in)
			return err
		})
		if err != nil {
			return startFailedMsg{seq: seq, err: err}
		}
		return msg
	}}), m.con.Init())
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
	m.since = time.Now()
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
		m.view.running = false
	}
	return m.next()
}

func (m *Model) busy() bool { return m.inflight != nil }

// runningDelay is how long a request that runs the program goes on before the panes show the
// last stop as stale: a step that ends sooner would only make them flicker.
const runningDelay = 250 * time.Millisecond

// runningNow reports whether the program runs, as the panes show it: a request that runs the
// program has been in flight for runningDelay.
func (m *Model) runningNow() bool { return m.view.running }

// willRun reports whether a request that runs the program is in flight or waiting: a command
// typed now runs at the next stop.
func (m *Model) willRun() bool {
	if m.inflight != nil && m.inflight.resumes {
		return true
	}
	for _, r := range m.queue {
		if r.resumes {
			return true
		}
	}
	return false
}

// exec runs a command line (a key's, a pane's), echoed in the console log when it runs. While
// the program runs, a command that would run it too is refused: ctrl+c halts it first.
func (m *Model) exec(line string) tea.Cmd { return m.run(line, false) }

// execTyped runs a command line typed in the console. Typed while the program runs (or is about
// to), it is echoed at once and said to be queued for the next stop; one that would run the
// program while it runs is refused, with the reason.
func (m *Model) execTyped(line string) tea.Cmd { return m.run(line, true) }

func (m *Model) run(line string, typed bool) tea.Cmd {
	r := &request{view: true, resumes: resumes(m.con.compl.aliases, line)}
	echo := true
	switch {
	case r.resumes && m.runningNow():
		m.con.refuse(line)
		return nil
	case typed && m.willRun():
		m.con.queued(line)
		echo = false
	}
	r.run = func(w *worker, seq int) tea.Msg { return w.exec(seq, line, echo) }
	return m.enqueue(r)
}

func (m *Model) quit() tea.Cmd {
	m.quitting = true
	return tea.Quit
}

// openOverlay covers the panes with o until it closes.
func (m *Model) openOverlay(o pane) { m.overlay = o }

func (m *Model) closeOverlay() { m.overlay = nil }

func (m *Model) showHelp() {
	m.help.open()
	m.openOverlay(m.help)
}

func (m *Model) showBreakpoints() {
	m.bpl.open()
	m.openOverlay(m.bpl)
}

// openPicker opens the program's functions and files, read from the debugger once, and again
// after restart built the program again.
func (m *Model) openPicker() tea.Cmd {
	m.openOverlay(m.pick)
	current := m.index != nil && !m.indexStale()
	cmd := m.pick.open(current)
	if !current && !m.indexing {
		cmd = tea.Batch(cmd, m.loadIndex())
	}
	return cmd
}

// indexStale reports whether the program's index was read before the program was last built.
func (m *Model) indexStale() bool {
	return m.index != nil && m.index.resets != m.w.sources.files.Resets()
}

// loadIndex asks the debugger for the program's functions and files.
func (m *Model) loadIndex() tea.Cmd {
	m.indexing = true
	return m.enqueue(&request{coalesce: "index", run: func(w *worker, seq int) tea.Msg { return w.programIndex(seq) }})
}

func (m *Model) openViewer(v valueView) tea.Cmd {
	m.openOverlay(m.val)
	return m.val.open(v)
}

func (m *Model) showGoroutines() tea.Cmd {
	m.openOverlay(m.gor)
	return m.gor.open()
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
		return m, m.quit()
	case evalMsg:
		return m, tea.Batch(m.vars.Update(msg), m.done(msg.seq))
	case goroutinesMsg:
		return m, tea.Batch(m.gor.Update(msg), m.done(msg.seq))
	case indexMsg:
		m.indexing = false
		if msg.err == nil {
			m.index = &msg.index
		}
		m.con.Update(msg)
		return m, tea.Batch(m.pick.setIndex(msg.index, msg.err), m.done(msg.seq))
	case sourceMsg:
		return m, tea.Batch(m.src.Update(msg), m.done(msg.seq))
	case valueMsg:
		return m, tea.Batch(m.val.Update(msg), m.done(msg.seq))
	case list.FilterMatchesMsg:
		return m, m.pick.Update(msg)
	case outputMsg, programInputMsg, haltMsg:
		return m, m.con.Update(msg)
	case spinner.TickMsg:
		if !m.busy() {
			m.spinning = false
			return m, nil
		}
		if m.inflight.resumes && !m.view.running && time.Since(m.since) >= runningDelay {
			m.view.running = true
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
	m.con.Update(printedMsg{line: s.line, echo: s.echo, output: s.output})
	if s.quit || s.exited && m.opts.QuitOnExit {
		return m.quit()
	}
	if s.seq < m.viewSeq {
		return nil // stale: the user already asked for another view
	}
	first := !m.view.started
	m.view = viewState{
		started: true, stops: s.stops, stop: s.stop, exited: s.exited, noFrames: s.noFrames,
		gid: s.gid, stack: s.stack, frame: s.frame, scope: s.scope, bps: s.bps, temporary: s.temporary,
	}
	var cmds []tea.Cmd
	for _, p := range m.all() {
		cmds = append(cmds, p.Update(viewMsg{s}))
	}
	m.relayout()
	if first {
		for _, c := range m.opts.Commands {
			cmds = append(cmds, m.exec(c))
		}
		// The program's functions and files, for tab after break and list, and for o.
		cmds = append(cmds, m.loadIndex())
	} else if m.indexStale() && !m.indexing {
		cmds = append(cmds, m.loadIndex()) // restart built the program again
	}
	return tea.Batch(cmds...)
}
