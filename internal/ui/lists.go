package ui

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/stack"
)

// The overlays cover the source, stack and variables panes until closed: the goroutines, the
// breakpoints and the help. Each is a pane; the root sends it every key while it is open.

// rowList is a list with a cursor under a few header lines: what the goroutines and
// breakpoints overlays have in common.
type rowList struct {
	cursor int
	vp     viewport
}

func (l *rowList) move(by, n int) { l.cursor = min(max(l.cursor+by, 0), max(n-1, 0)) }

// follow keeps the cursor on one of n rows and in view, under header lines, in a pane height
// rows tall.
func (l *rowList) follow(n, header, height int) {
	l.cursor = min(l.cursor, max(n-1, 0))
	l.vp.height = height - header
	l.vp.follow(l.cursor, n)
}

// render draws rows below the header lines, the cursor's row marked.
func (l *rowList) render(lines, rows []string, width, height int) string {
	for i := l.vp.top; i < l.vp.end(len(rows)); i++ {
		if i == l.cursor {
			lines = append(lines, theme.Selected.Render(fitLine(">"+ansi.Strip(rows[i]), width)))
		} else {
			lines = append(lines, " "+rows[i])
		}
	}
	return fit(lines, width, height)
}

// moveKey moves the cursor on the list's movement keys, a page being the rows in view; false
// for other keys.
func (l *rowList) moveKey(msg tea.KeyMsg, n int) bool {
	page := max(l.vp.height, 1)
	switch {
	case key.Matches(msg, keys.Up):
		l.move(-1, n)
	case key.Matches(msg, keys.Down):
		l.move(1, n)
	case key.Matches(msg, keys.PageUp):
		l.move(-page, n)
	case key.Matches(msg, keys.PageDown):
		l.move(page, n)
	case key.Matches(msg, keys.Home):
		l.move(-n, n)
	case key.Matches(msg, keys.End):
		l.move(n, n)
	default:
		return false
	}
	return true
}

// goroutinesPane lists the program's goroutines (the runtime's hidden, as line mode hides
// them, until a shows them): the ones that matter first (the selected one, the one that
// panicked, those at a breakpoint), then the first page of the others; enter switches to one.
type goroutinesPane struct {
	box
	rowList
	host    host
	view    *viewState
	gs      []debug.Goroutine  // the pinned goroutines, then the first page
	why     map[int64][]string // why a pinned goroutine is listed first
	hidden  int                // runtime goroutines not listed
	more    int                // goroutines beyond the first page
	runtime bool               // the runtime's goroutines are listed too
	loading bool
	err     string
}

func newGoroutinesPane(h host, v *viewState) *goroutinesPane {
	return &goroutinesPane{box: box{focused: true}, host: h, view: v}
}

// open lists the goroutines afresh.
func (p *goroutinesPane) open() tea.Cmd {
	p.cursor = 0
	return p.load()
}

func (p *goroutinesPane) load() tea.Cmd {
	p.loading = true
	p.follow()
	runtime := p.runtime
	return p.host.enqueue(&request{run: func(w *worker, seq int) tea.Msg { return w.goroutines(seq, runtime) }})
}

func (p *goroutinesPane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.follow()
}

func (p *goroutinesPane) ShortHelp() []key.Binding {
	return []key.Binding{short(keys.Switch, "switch"), short(keys.RuntimeGs, "runtime's"), short(keys.PageDown, "page"), short(keys.CloseGs, "close")}
}

func (p *goroutinesPane) FullHelp() [][]key.Binding { return [][]key.Binding{keys.goroutinesKeys()} }

func (p *goroutinesPane) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case goroutinesMsg:
		p.loading = false
		p.gs, p.why = nil, map[int64][]string{}
		for _, g := range msg.list.Pinned {
			p.gs = append(p.gs, g.Goroutine)
			p.why[g.ID] = g.Why
		}
		p.gs = append(p.gs, msg.list.Goroutines...)
		p.hidden, p.more, p.err = msg.list.Hidden, msg.list.More, ""
		if msg.err != nil {
			p.err = msg.err.Error()
		}
		for i, g := range p.gs {
			if g.ID == p.view.gid {
				p.cursor = i
			}
		}
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, keys.CloseGs):
			p.host.closeOverlay()
		case p.moveKey(msg, len(p.gs)):
		case key.Matches(msg, keys.RuntimeGs):
			p.runtime = !p.runtime
			cmd = p.load()
		case key.Matches(msg, keys.Switch):
			if p.cursor < len(p.gs) {
				p.host.closeOverlay()
				cmd = p.host.exec(fmt.Sprintf("goroutine %d", p.gs[p.cursor].ID))
			}
		}
	}
	p.follow()
	return cmd
}

func (p *goroutinesPane) follow() { p.rowList.follow(len(p.gs), len(p.header()), p.height) }

func (p *goroutinesPane) header() []string {
	title := fmt.Sprintf("Goroutines (%d", len(p.gs))
	switch {
	case p.hidden > 0:
		title += fmt.Sprintf(", %d runtime not shown: a shows them", p.hidden)
	case p.runtime:
		title += ", the runtime's too: a hides them"
	}
	if p.more > 0 {
		title += fmt.Sprintf(", %d more: goroutines 2 in the console", p.more)
	}
	title += ")  enter: switch  esc: close"
	lines := []string{paneTitle(title, p.width, true)}
	switch {
	case p.loading:
		lines = append(lines, theme.Dim.Render(" loading..."))
	case p.err != "":
		lines = append(lines, theme.Error.Render(" *** "+p.err))
	}
	return lines
}

func (p *goroutinesPane) View() string {
	rows := make([]string, len(p.gs))
	for i, g := range p.gs {
		mark := " "
		if g.ID == p.view.gid {
			mark = "*"
		}
		loc := g.Where()
		s := fmt.Sprintf("%s %5d  %s  %s:%d [%s]", mark, g.ID, stack.DisplayName(loc.Function), filepath.Base(loc.File), loc.Line, g.Status)
		if at, ok := g.StartedAt(); ok {
			s += fmt.Sprintf(" created at %s:%d", filepath.Base(at.File), at.Line)
		}
		if why := slices.DeleteFunc(slices.Clone(p.why[g.ID]), func(w string) bool { return w == "selected" }); len(why) > 0 {
			s += "  (" + strings.Join(why, ", ") + ")"
		}
		rows[i] = s
	}
	return p.render(p.header(), rows, p.width, p.height)
}

// breakpointsPane lists the breakpoints with their conditions, hits and ignore counts: enter
// shows one's source, b enables or disables it, e edits its condition, x deletes it.
type breakpointsPane struct {
	box
	rowList
	host host
	view *viewState
	cond promptLine // the condition being edited
	id   int        // the breakpoint whose condition is edited
}

func newBreakpointsPane(h host, v *viewState) *breakpointsPane {
	return &breakpointsPane{box: box{focused: true}, host: h, view: v}
}

// open shows the breakpoints from the first.
func (p *breakpointsPane) open() {
	p.cursor = 0
	p.cond.open = false
	p.follow()
}

func (p *breakpointsPane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.follow()
}

func (p *breakpointsPane) ShortHelp() []key.Binding {
	if p.cond.open {
		return p.cond.help()
	}
	return []key.Binding{short(keys.JumpBP, "source"), short(keys.EnableBP, "on/off"), short(keys.EditCond, "condition"),
		short(keys.DeleteBP, "delete"), short(keys.Close, "close")}
}

func (p *breakpointsPane) FullHelp() [][]key.Binding {
	return [][]key.Binding{keys.breakpointsKeys()}
}

func (p *breakpointsPane) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	if msg, ok := msg.(tea.KeyMsg); ok {
		bps := p.view.bps
		switch {
		case p.cond.open:
			if p.cond.update(msg) == promptAccepted {
				cmd = p.host.exec(strings.TrimSpace(fmt.Sprintf("condition %d %s", p.id, strings.TrimSpace(p.cond.value()))))
			}
		case key.Matches(msg, keys.Close, keys.Breakpoints, keys.QuitLetter):
			p.host.closeOverlay()
		case p.moveKey(msg, len(bps)):
		case p.cursor >= len(bps):
		case key.Matches(msg, keys.JumpBP):
			b := bps[p.cursor]
			p.host.closeOverlay()
			p.host.focusSource()
			loc := debug.Location{Function: b.Function, File: b.File, Line: b.Line}
			cmd = p.host.enqueue(&request{run: func(w *worker, seq int) tea.Msg { return w.sourceAt(seq, loc) }})
		case key.Matches(msg, keys.EnableBP):
			b := bps[p.cursor]
			if b.Disabled {
				cmd = p.host.exec(fmt.Sprintf("enable %d", b.ID))
			} else {
				cmd = p.host.exec(fmt.Sprintf("disable %d", b.ID))
			}
		case key.Matches(msg, keys.EditCond):
			p.id = bps[p.cursor].ID
			p.cond.start(fmt.Sprintf(" condition of breakpoint %d (empty: none): ", p.id), bps[p.cursor].Cond)
		case key.Matches(msg, keys.DeleteBP):
			cmd = p.host.exec(fmt.Sprintf("clear %d", bps[p.cursor].ID))
		}
	}
	// The breakpoints come with every view (viewMsg): the list may have shrunk.
	p.follow()
	return cmd
}

func (p *breakpointsPane) follow() {
	p.rowList.follow(len(p.view.bps), len(p.header()), p.height-p.footer())
}

// footer is the rows under the list: the condition being edited.
func (p *breakpointsPane) footer() int {
	if p.cond.open {
		return 1
	}
	return 0
}

func (p *breakpointsPane) header() []string {
	title := "Breakpoints  enter: source  b: enable/disable  e: condition  x: delete  esc: close"
	lines := []string{paneTitle(title, p.width, true)}
	if len(p.view.bps) == 0 {
		lines = append(lines, theme.Dim.Render(" no breakpoints: b in the source pane, or break LOC in the console"))
	}
	return lines
}

func (p *breakpointsPane) View() string {
	rows := make([]string, len(p.view.bps))
	for i, b := range p.view.bps {
		state := "●"
		if b.Disabled {
			state = "○"
		}
		s := fmt.Sprintf(" %3d %s %s:%d  %s  hits: %d", b.ID, state, filepath.Base(b.File), b.Line, stack.DisplayName(b.Function), b.Hits)
		if p.view.temporary[b.ID] {
			s += "  temporary"
		}
		if b.IgnoreUntil > b.Hits {
			s += fmt.Sprintf("  ignore next %d", b.IgnoreUntil-b.Hits)
		}
		if b.Cond != "" {
			s += "  if " + b.Cond
		}
		rows[i] = s
	}
	out := p.render(p.header(), rows, p.width, p.height-p.footer())
	if p.cond.open {
		out += "\n" + fitLine(p.cond.view(p.width), p.width)
	}
	return out
}

// helpPane shows every key, made from the keymap (keys.HelpText).
type helpPane struct {
	box
	host  host
	lines []string
	vp    viewport
}

func newHelpPane(h host) *helpPane { return &helpPane{box: box{focused: true}, host: h} }

// open shows the help from its top.
func (p *helpPane) open() { p.vp.top = 0 }

func (p *helpPane) SetSize(w, h int) {
	if p.lines == nil {
		p.lines = keys.HelpText()
	}
	p.width, p.height = w, h
	p.vp.height = h - 1
	p.vp.clamp(len(p.lines))
}

func (p *helpPane) ShortHelp() []key.Binding { return []key.Binding{short(keys.Close, "close")} }

func (p *helpPane) FullHelp() [][]key.Binding { return [][]key.Binding{keys.helpKeys()} }

func (p *helpPane) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	if key.Matches(km, keys.Close, keys.Help, keys.HelpF1, keys.QuitLetter) {
		p.host.closeOverlay()
		return nil
	}
	p.vp.scrollKey(km, len(p.lines))
	return nil
}

func (p *helpPane) View() string {
	lines := []string{paneTitle("Help  (↑/↓ scroll, esc or ? closes; help in the console lists the commands)", p.width, true)}
	lines = append(lines, p.lines[p.vp.top:]...)
	return fit(lines, p.width, p.height)
}
