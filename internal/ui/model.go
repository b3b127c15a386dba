// Package ui is pdbgo's full-screen terminal UI: source, stack, variables and console panes over
// the same command interpreter as the line mode. Every call into the debugger runs in a tea.Cmd,
// one at a time, and answers with a message; Update and View never wait on the program.
package ui

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/session"
	"github.com/pdbgo/pdbgo/internal/stack"
	"github.com/pdbgo/pdbgo/internal/value"
)

// Options configure the TUI.
type Options struct {
	Debugger command.Debugger
	// Start runs at the beginning, inside the first request: set breakpoints, run to the first
	// stop, or show where an attached program is. Nil: continue to the first stop.
	Start func(in *command.Interpreter) error
	// Commands run after the first stop, as if typed (-c).
	Commands []string
	// Halt stops the running program; it is called while another request runs.
	Halt func() error
	// Output is the program's terminal (a pty master), read while the TUI runs; nil: none.
	Output io.Reader
	// Resize is told the terminal's size, to size the program's terminal alike.
	Resize func(width, height int)
	// HistoryFile keeps the console's history; "" keeps none.
	HistoryFile string
	// ReadFile reads source files; nil: os.ReadFile.
	ReadFile func(string) ([]byte, error)
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
	stop     session.Stop
	exited   bool
	gid      int64
	frame    int
	stack    stack.Stack
	scope    session.Scope
	bps      []session.Breakpoint
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
		w:     &worker{in: in, dbg: dbg, stops: stops, running: running, sources: newSourceCache(opts.ReadFile)},
		focus: focusConsole,
		con:   newConsole(opts.HistoryFile),
		spin:  spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(theme.Spinner)),
		gid:   -1,
		seen:  map[string]seenValues{},
		base:  map[string]map[string]string{},
		open:  map[string]map[string]bool{},
	}
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
		m.list.gs, m.list.err = msg.gs, ""
		sort.Slice(m.list.gs, func(i, j int) bool { return m.list.gs[i].ID < m.list.gs[j].ID })
		if msg.err != nil {
			m.list.err = msg.err.Error()
		}
		for i, g := range msg.gs {
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
		m.con.log.add(prompt+s.line+"\n", theme.Dim.Render)
	}
	m.addOutput(s.output)
	m.con.log.scroll = 0
	if s.quit {
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
	} else {
		f := s.stack.Frame(s.frame)
		panicLine := 0
		if (s.stop.Kind == session.StopPanic || s.stop.Kind == session.StopFatal) && s.frame != 0 {
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
		m.seen[m.frameKey] = seenValues{stops: s.stops, vals: cur}
		changed := map[string]bool{}
		for expr, text := range cur {
			if old, ok := m.base[m.frameKey][expr]; ok && old != text {
				changed[expr] = true
			}
		}
		msg := ""
		if s.varsErr != "" {
			msg = "*** " + oneLine(s.varsErr)
		}
		same := m.frameKey == prevKey && s.stops == prevStops
		m.vars.set(s.args, s.locals, s.watches, msg, m.open[m.frameKey], changed, same)
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
	t := target(v)
	if t.Kind.String() != "struct" || depth == 0 {
		return
	}
	for _, c := range t.Children {
		out[expr] = append(out[expr], c.Name)
		collectFields(out, expr+"."+c.Name, c, depth-1)
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

// ---- keys

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, keys.Halt):
		return m.halt()
	case key.Matches(msg, keys.Quit):
		m.quitting = true
		return tea.Quit
	}
	if m.overlay != overlayNone {
		return m.overlayKey(msg)
	}
	// Several runes at once are typed or pasted text, even when they spell a key's name ("up").
	if msg.Type == tea.KeyRunes && (len(msg.Runes) > 1 || msg.Paste) {
		m.focus = focusConsole
		m.insertText(string(msg.Runes))
		return nil
	}
	switch {
	case key.Matches(msg, keys.FocusNext):
		if m.focus == focusConsole && m.con.input.Value() != "" {
			m.completeInput()
			return nil
		}
		m.focus = (m.focus + 1) % numFocus
		return nil
	case key.Matches(msg, keys.FocusPrev):
		m.focus = (m.focus + numFocus - 1) % numFocus
		return nil
	case key.Matches(msg, keys.Output):
		m.con.showOutput = !m.con.showOutput
		return nil
	case key.Matches(msg, keys.ContinueF):
		return m.exec("continue")
	case key.Matches(msg, keys.NextF):
		return m.exec("next")
	case key.Matches(msg, keys.StepF):
		return m.exec("step")
	}
	if m.focus == focusConsole {
		return m.consoleKey(msg)
	}
	switch {
	case key.Matches(msg, keys.Next):
		return m.exec("next")
	case key.Matches(msg, keys.Step):
		return m.exec("step")
	case key.Matches(msg, keys.Return):
		return m.exec("return")
	case key.Matches(msg, keys.Continue):
		return m.exec("continue")
	case key.Matches(msg, keys.FrameUp):
		return m.exec("up")
	case key.Matches(msg, keys.FrameDown):
		return m.exec("down")
	case key.Matches(msg, keys.Help):
		m.overlay, m.helpTop = overlayHelp, 0
		return nil
	case key.Matches(msg, keys.QuitLetter):
		m.quitting = true
		return tea.Quit
	case key.Matches(msg, keys.Goroutines):
		return m.openGoroutines()
	case key.Matches(msg, keys.Breakpoints):
		m.overlay = overlayBreakpoints
		m.list.cursor = 0
		return nil
	case key.Matches(msg, keys.Console):
		m.focus = focusConsole
		if msg.String() == "!" {
			m.con.input.SetValue("!")
			m.con.input.CursorEnd()
		}
		return nil
	}
	switch m.focus {
	case focusSource:
		if cmd, ok := m.sourceKey(msg); ok {
			return cmd
		}
	case focusStack:
		if cmd, ok := m.stackKey(msg); ok {
			return cmd
		}
	case focusVars:
		if cmd, ok := m.varsKey(msg); ok {
			return cmd
		}
	}
	// Any other letter starts a command in the console.
	if msg.Type == tea.KeyRunes && !msg.Alt {
		m.focus = focusConsole
		return m.consoleKey(msg)
	}
	return nil
}

func (m *Model) halt() tea.Cmd {
	if m.busy() && m.w.running.Load() && m.opts.Halt != nil {
		halt := m.opts.Halt
		return func() tea.Msg { return haltMsg{err: halt()} }
	}
	if m.focus == focusConsole && m.con.input.Value() != "" {
		m.con.input.SetValue("")
		return nil
	}
	m.con.log.add("(ctrl+c halts a running program; q or ctrl+d quits)\n", theme.Dim.Render)
	return nil
}

func (m *Model) consoleKey(msg tea.KeyMsg) tea.Cmd {
	if m.con.input.Value() == "" && key.Matches(msg, keys.Help) {
		m.overlay, m.helpTop = overlayHelp, 0
		return nil
	}
	switch msg.Type {
	case tea.KeyEnter:
		line := m.con.input.Value()
		m.con.input.SetValue("")
		m.con.remember(strings.TrimSpace(line))
		if c, ok := command.Lookup(strings.TrimSpace(line)); ok && c.Name() == "quit" && m.busy() {
			// The interpreter is busy with the running program: leave now, the session's
			// end kills it.
			m.quitting = true
			return tea.Quit
		}
		return m.exec(line)
	case tea.KeyUp:
		m.con.browse(-1)
		return nil
	case tea.KeyDown:
		m.con.browse(1)
		return nil
	case tea.KeyPgUp:
		m.activeLog().scrollBy(m.activeLog().height - 1)
		return nil
	case tea.KeyPgDown:
		m.activeLog().scrollBy(-(m.activeLog().height - 1))
		return nil
	case tea.KeyEsc:
		m.con.input.SetValue("")
		return nil
	}
	if msg.Type == tea.KeyRunes && !msg.Alt {
		m.insertText(string(msg.Runes))
		return nil
	}
	var cmd tea.Cmd
	m.con.input.Focus()
	m.con.input, cmd = m.con.input.Update(msg)
	return cmd
}

// insertText types text into the console at the cursor; newlines run the lines before them.
func (m *Model) insertText(text string) {
	text = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, text)
	v := []rune(m.con.input.Value())
	pos := min(m.con.input.Position(), len(v))
	nv := string(v[:pos]) + text + string(v[pos:])
	m.con.input.SetValue(nv)
	m.con.input.SetCursor(pos + len([]rune(text)))
}

func (m *Model) activeLog() *logView {
	if m.con.showOutput {
		return &m.con.output
	}
	return &m.con.log
}

func (m *Model) completeInput() {
	line, cands := complete(m.con.input.Value(), m.compl)
	m.con.input.SetValue(line)
	m.con.input.CursorEnd()
	if len(cands) > 0 {
		m.con.log.add(strings.Join(cands, "  ")+"\n", theme.Dim.Render)
	}
}

func (m *Model) sourceKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	page := max(m.src.bodyHeight()-1, 1)
	switch {
	case key.Matches(msg, keys.Up):
		m.src.moveCursor(-1)
	case key.Matches(msg, keys.Down):
		m.src.moveCursor(1)
	case key.Matches(msg, keys.PageUp):
		m.src.moveCursor(-page)
	case key.Matches(msg, keys.PageDown):
		m.src.moveCursor(page)
	case key.Matches(msg, keys.Home):
		m.src.moveCursor(-m.src.lineCount())
	case key.Matches(msg, keys.End):
		m.src.moveCursor(m.src.lineCount())
	case key.Matches(msg, keys.ToggleBP):
		if m.src.file == nil || m.src.file.err != "" {
			return nil, true
		}
		loc := m.src.file.path + ":" + strconv.Itoa(m.src.cursor)
		if _, ok := m.src.bps[m.src.cursor]; ok {
			return m.exec("clear " + loc), true
		}
		return m.exec("break " + loc), true
	default:
		return nil, false
	}
	return nil, true
}

func (m *Model) stackKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, keys.Up):
		return m.selectFrame(m.stk.frame - 1), true
	case key.Matches(msg, keys.Down):
		return m.selectFrame(m.stk.frame + 1), true
	case key.Matches(msg, keys.Home):
		return m.selectFrame(0), true
	case key.Matches(msg, keys.End):
		return m.selectFrame(m.stack.Len() - 1), true
	case key.Matches(msg, keys.AllFrames):
		m.stk.all = !m.stk.all
		m.layout(m.width, m.height)
		return nil, true
	case key.Matches(msg, keys.Choose):
		return nil, true
	}
	return nil, false
}

// selectFrame shows visible frame n: the stack pane moves at once, source and variables when
// the frame is loaded. Quick moves are coalesced; replies for frames left behind are dropped.
func (m *Model) selectFrame(n int) tea.Cmd {
	if n < 0 || n >= m.stack.Len() || n == m.stk.frame {
		return nil
	}
	m.stk.frame = n
	return m.enqueue(&request{view: true, coalesce: "frame", run: func(w *worker, seq int) tea.Msg {
		return w.do(seq, func(in *command.Interpreter) error { return in.SelectFrame(n) })
	}})
}

func (m *Model) varsKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, keys.Up):
		m.vars.move(-1)
	case key.Matches(msg, keys.Down):
		m.vars.move(1)
	case key.Matches(msg, keys.PageUp):
		m.vars.move(-(m.vars.height - 2))
	case key.Matches(msg, keys.PageDown):
		m.vars.move(m.vars.height - 2)
	case key.Matches(msg, keys.Home):
		m.vars.cursor = 0
		m.vars.fixCursor(1)
	case key.Matches(msg, keys.End):
		m.vars.cursor = len(m.vars.rows()) - 1
		m.vars.fixCursor(-1)
	case key.Matches(msg, keys.Choose):
		return m.chooseVar(msg.String() == "enter" || msg.String() == " "), true
	case key.Matches(msg, keys.Collapse):
		m.collapseVar()
	default:
		return nil, false
	}
	return nil, true
}

// chooseVar expands the selected node (loading it when needed), or loads the next page of the
// collection whose "... N more" row is selected. toggle collapses an open node.
func (m *Model) chooseVar(toggle bool) tea.Cmd {
	r, ok := m.vars.selected()
	if !ok {
		return nil
	}
	if r.more != nil {
		return m.loadPage(r.more)
	}
	n := r.node
	if n == nil || n.loading {
		return nil
	}
	if n.open {
		if toggle {
			n.open = false
		}
		return nil
	}
	if !expandable(n.v) {
		return nil
	}
	if needsLoad(n.v) {
		return m.loadNode(n, session.LoadShort)
	}
	n.open = true
	m.vars.build(n)
	return nil
}

func (m *Model) collapseVar() {
	r, ok := m.vars.selected()
	if !ok || r.node == nil {
		return
	}
	if r.node.open {
		r.node.open = false
		return
	}
	// Go to the parent.
	rows := m.vars.rows()
	for i := m.vars.cursor - 1; i >= 0; i-- {
		if rows[i].node != nil && rows[i].depth < r.depth {
			m.vars.cursor = i
			return
		}
	}
}

func (m *Model) loadNode(n *varNode, l session.Load) tea.Cmd {
	if n.expr == "" {
		n.err = "cannot load this value: it has no expression"
		return nil
	}
	n.loading = true
	gen, sc, path, expr := m.gen, m.scope, n.key, n.expr
	return m.enqueue(&request{run: func(w *worker, seq int) tea.Msg {
		return w.eval(seq, gen, sc, path, expr, l, false, 0)
	}})
}

func (m *Model) loadPage(n *varNode) tea.Cmd {
	if n.loading {
		return nil
	}
	expr, from, ok := pageExpr(n)
	if !ok {
		n.err = "cannot load more of this value"
		return nil
	}
	l := session.LoadShort
	if target(n.v).Kind.String() == "string" {
		l = session.LoadFull
	}
	n.loading = true
	gen, sc, path := m.gen, m.scope, n.key
	return m.enqueue(&request{run: func(w *worker, seq int) tea.Msg {
		return w.eval(seq, gen, sc, path, expr, l, true, from)
	}})
}

func (m *Model) openGoroutines() tea.Cmd {
	m.overlay = overlayGoroutines
	m.list.loading = true
	m.list.cursor = 0
	return m.enqueue(&request{run: func(w *worker, seq int) tea.Msg { return w.goroutines(seq) }})
}

func (m *Model) overlayKey(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, keys.Close) || (m.overlay == overlayHelp && key.Matches(msg, keys.Help, keys.QuitLetter)) ||
		(m.overlay == overlayGoroutines && key.Matches(msg, keys.Goroutines, keys.QuitLetter)) ||
		(m.overlay == overlayBreakpoints && key.Matches(msg, keys.Breakpoints, keys.QuitLetter)) {
		m.overlay = overlayNone
		return nil
	}
	n := 0
	switch m.overlay {
	case overlayHelp:
		switch {
		case key.Matches(msg, keys.Up):
			m.helpTop = max(m.helpTop-1, 0)
		case key.Matches(msg, keys.Down):
			m.helpTop++
		case key.Matches(msg, keys.PageUp):
			m.helpTop = max(m.helpTop-10, 0)
		case key.Matches(msg, keys.PageDown):
			m.helpTop += 10
		}
		return nil
	case overlayGoroutines:
		n = len(m.list.gs)
	case overlayBreakpoints:
		n = len(m.list.bps)
	}
	switch {
	case key.Matches(msg, keys.Up):
		m.list.move(-1, n)
	case key.Matches(msg, keys.Down):
		m.list.move(1, n)
	case key.Matches(msg, keys.PageUp):
		m.list.move(-10, n)
	case key.Matches(msg, keys.PageDown):
		m.list.move(10, n)
	case m.overlay == overlayGoroutines && msg.Type == tea.KeyEnter:
		if m.list.cursor < n {
			m.overlay = overlayNone
			return m.exec(fmt.Sprintf("goroutine %d", m.list.gs[m.list.cursor].ID))
		}
	case m.overlay == overlayBreakpoints && key.Matches(msg, keys.ToggleBP):
		if m.list.cursor < n {
			b := m.list.bps[m.list.cursor]
			if b.Disabled {
				return m.exec(fmt.Sprintf("enable %d", b.ID))
			}
			return m.exec(fmt.Sprintf("disable %d", b.ID))
		}
	case m.overlay == overlayBreakpoints && key.Matches(msg, keys.DeleteBP):
		if m.list.cursor < n {
			return m.exec(fmt.Sprintf("clear %d", m.list.bps[m.list.cursor].ID))
		}
	}
	return nil
}

// ---- mouse

func (m *Model) mouse(msg tea.MouseMsg) tea.Cmd {
	if m.overlay != overlayNone {
		return nil
	}
	wheel := 0
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		wheel = -3
	case tea.MouseButtonWheelDown:
		wheel = 3
	}
	for f := range numFocus {
		r := m.rects[f]
		if !r.has(msg.X, msg.Y) {
			continue
		}
		if wheel != 0 {
			switch f {
			case focusSource:
				m.src.scroll(wheel)
			case focusStack:
				return m.selectFrame(m.stk.frame + wheel/3)
			case focusVars:
				m.vars.move(wheel)
			case focusConsole:
				m.activeLog().scrollBy(-wheel)
			}
			return nil
		}
		if msg.Action != tea.MouseActionPress || msg.Button != tea.MouseButtonLeft {
			return nil
		}
		m.focus = f
		row := msg.Y - r.y - 1 // below the title
		switch f {
		case focusSource:
			if row >= 0 {
				m.src.cursor = min(m.src.top+row, m.src.lineCount())
			}
		case focusStack:
			rows := m.stk.rows()
			if i := m.stk.top + row; row >= 0 && i < len(rows) && rows[i].n >= 0 {
				return m.selectFrame(rows[i].n)
			}
		case focusVars:
			if i := m.vars.top + row; row >= 0 && i < len(m.vars.rows()) {
				if m.vars.msg != "" {
					i--
				}
				m.vars.cursor = i
				m.vars.fixCursor(1)
			}
		}
		return nil
	}
	return nil
}

// ---- layout and view

// minimum size the panes are drawn at; below it the screen says so.
const minWidth, minHeight = 40, 12

func (m *Model) layout(w, h int) {
	m.width, m.height = w, h
	if w < minWidth || h < minHeight {
		return
	}
	body := h - 2 // status line and key row
	conH := max(4, body*3/10)
	topH := body - conH
	leftW := w * 55 / 100
	if w >= 160 {
		leftW = w / 2
	}
	rightW := w - leftW - 1
	// The stack takes what its frames need, up to two fifths; the variables the rest.
	stkH := min(max(topH*2/5, 2), topH-2)
	if rows := len(m.stk.rows()); rows > 0 {
		stkH = max(min(stkH, rows+2), min(3, stkH))
	}
	varH := topH - stkH
	m.src.setSize(leftW, topH)
	m.stk.setSize(rightW, stkH)
	m.vars.setSize(rightW, varH)
	m.con.setSize(w, conH)
	m.list.setSize(w, topH)
	m.rects[focusSource] = rect{0, 0, leftW, topH}
	m.rects[focusStack] = rect{leftW + 1, 0, rightW, stkH}
	m.rects[focusVars] = rect{leftW + 1, stkH, rightW, varH}
	m.rects[focusConsole] = rect{0, topH, w, conH}
}

// View draws the screen: panes, console, key row and status line, each row exactly as wide as
// the terminal.
func (m *Model) View() string {
	if m.quitting {
		return ""
	}
	if m.width < minWidth || m.height < minHeight {
		return fit([]string{"pdbgo: the terminal is too small", fmt.Sprintf("(%dx%d; at least %dx%d)", m.width, m.height, minWidth, minHeight)}, max(m.width, 1), max(m.height, 1))
	}
	topH := m.rects[focusSource].h
	var top string
	switch m.overlay {
	case overlayHelp:
		lines := keys.HelpText(m.width)
		m.helpTop = min(m.helpTop, max(len(lines)-(topH-1), 0))
		top = helpView(m.width, topH, lines[m.helpTop:])
	case overlayGoroutines:
		top = m.list.goroutinesView()
	case overlayBreakpoints:
		top = m.list.breakpointsView()
	default:
		right := m.stk.view(m.focus == focusStack) + "\n" + m.vars.view(m.focus == focusVars)
		top = joinColumns(m.src.view(m.focus == focusSource), right)
	}
	return top + "\n" + m.con.view(m.focus == focusConsole) + "\n" + m.keyRow() + "\n" + m.statusLine()
}

// keyRow is the short help, from the keymap.
func (m *Model) keyRow() string {
	h := help.New()
	h.Width = m.width
	h.ShortSeparator = "  "
	h.Styles.ShortKey = theme.Key
	h.Styles.ShortDesc = theme.Dim
	return fitLine(h.ShortHelpView(keys.ShortHelp()), m.width)
}

// statusLine says what the program is doing and where the view is.
func (m *Model) statusLine() string {
	var left string
	switch {
	case m.busy() && m.w.running.Load():
		left = m.spin.View() + " running (ctrl+c halts)"
	case m.busy() && !m.started:
		left = m.spin.View() + " starting"
	case m.busy():
		left = m.spin.View() + " working"
	case m.exited:
		left = fmt.Sprintf("exited (status %d): restart runs it again, q quits", m.stop.ExitStatus)
	case !m.started || m.stops == 0 && m.stack.Len() == 0:
		left = "not started: c runs the program"
	default:
		left = m.stopText()
	}
	right := ""
	if !m.exited && m.gid >= 0 {
		right = fmt.Sprintf("goroutine %d  frame %d", m.gid, m.frame)
	}
	room := m.width - ansi.StringWidth(right) - 1
	if right == "" || room < 10 {
		return fitLine(left, m.width)
	}
	left = fitLine(left, room)
	return left + " " + theme.Dim.Render(right)
}

func (m *Model) stopText() string {
	s := m.stop
	first := oneLine(s.Message)
	switch s.Kind {
	case session.StopPanic, session.StopFatal:
		return theme.Error.Render("stopped: " + first)
	case session.StopBreakpoint:
		if s.Breakpoint != nil {
			return theme.Status.Render(fmt.Sprintf("stopped at breakpoint %d", s.Breakpoint.ID))
		}
		return theme.Status.Render("stopped at a breakpoint")
	case session.StopTrap:
		return theme.Status.Render("stopped at runtime.Breakpoint()")
	case session.StopStep:
		return theme.Status.Render("stopped")
	case session.StopHalt:
		return theme.Status.Render("halted")
	}
	return "stopped"
}
