package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/debug"
)

// minimum size the panes are drawn at; below it the screen says so.
const minWidth, minHeight = 40, 12

func (m *Model) layout(w, h int) {
	m.width, m.height = w, h
	m.relayout()
}

// relayout sizes the panes for the screen, the layout the user chose and the zoom.
func (m *Model) relayout() {
	w, h := m.width, m.height
	if w < minWidth || h < minHeight {
		return
	}
	body := h - 2 // status line and key row
	m.rects = [numFocus]rect{}
	if m.zoomed {
		m.panes()[m.focus].SetSize(w, body)
		for _, o := range m.overlays() {
			o.SetSize(w, body)
		}
		m.rects[m.focus] = rect{0, 0, w, body}
		return
	}
	conH := m.prefs.consoleRows(body)
	topH := body - conH
	leftW := min(max(m.prefs.split(w), 10), w-11)
	rightW := w - leftW - 1
	// The stack takes what its frames need, up to two fifths; the variables the rest.
	stkH := min(max(topH*2/5, 2), topH-2)
	if rows := m.stk.rowCount(); rows > 0 {
		stkH = max(min(stkH, rows+2), min(3, stkH))
	}
	varH := topH - stkH
	m.src.SetSize(leftW, topH)
	m.stk.SetSize(rightW, stkH)
	m.vars.SetSize(rightW, varH)
	m.con.SetSize(w, conH)
	for _, o := range m.overlays() {
		o.SetSize(w, topH)
	}
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
		return tooSmall(m.width, m.height)
	}
	var body string
	switch {
	case m.zoomed && m.overlay != nil:
		body = m.overlay.View()
	case m.zoomed:
		body = m.panes()[m.focus].View()
	default:
		body = m.topView() + "\n" + m.con.View()
	}
	return body + "\n" + m.keyRow() + "\n" + m.statusLine()
}

// tooSmall is the screen of a terminal too small for the panes: a warning that fits whatever
// the size, its words never cut (the longest that fits, down to the size needed alone).
func tooSmall(w, h int) string {
	w, h = max(w, 1), max(h, 1)
	have, need := fmt.Sprintf("%dx%d", w, h), fmt.Sprintf("%dx%d", minWidth, minHeight)
	for _, text := range []string{
		"pdbgo: the terminal is too small (" + have + "; at least " + need + ")",
		"pdbgo: terminal too small, need " + need,
		"too small: need " + need,
		"need " + need,
		need,
	} {
		lines := strings.Split(ansi.Wordwrap(text, w, ""), "\n")
		fits := len(lines) <= h
		for _, l := range lines {
			fits = fits && ansi.StringWidth(l) <= w
		}
		if fits {
			return fit(lines, w, h)
		}
	}
	return fit(nil, w, h)
}

// topView is what covers the screen above the console: the open overlay, or the source pane
// beside the stack and variables.
func (m *Model) topView() string {
	if m.overlay != nil {
		return m.overlay.View()
	}
	return joinColumns(m.src.View(), m.stk.View()+"\n"+m.vars.View())
}

// keyRow is the keys that work where the focus is, from the keymap: an overlay's, the
// console's, or the program's keys and the focused pane's own.
func (m *Model) keyRow() string {
	h := help.New()
	h.Width = m.width
	h.ShortSeparator = "  "
	h.Styles.ShortKey = theme.Key
	h.Styles.ShortDesc = theme.Dim
	return fitLine(h.ShortHelpView(m.keyRowBindings()), m.width)
}

func (m *Model) keyRowBindings() []key.Binding {
	if m.overlay != nil {
		return m.overlay.ShortHelp()
	}
	if m.focus == focusConsole {
		if m.con.takesEOF() {
			return append(m.con.ShortHelp(), short(keys.Output, "console"), short(keys.Leave, "panes"))
		}
		return append(m.con.ShortHelp(), short(keys.ContinueF, "cont"), short(keys.NextF, "next"), short(keys.StepF, "step"),
			short(keys.Output, "output"), short(keys.HelpF1, "help"), short(keys.Quit, "quit"))
	}
	p := m.panes()[m.focus]
	if prompting(p) {
		return p.ShortHelp()
	}
	if m.focus == focusSource && m.src.searching() {
		return append(p.ShortHelp(), short(keys.NextF, "next line"), short(keys.HelpF1, "help"))
	}
	row := append(keys.stepRow(), p.ShortHelp()...)
	helpKey := short(keys.Help, "help")
	if m.focus == focusSource {
		helpKey = short(keys.HelpF1, "help") // ? searches backward there
	}
	return append(row, short(keys.Zoom, "zoom"), short(keys.FocusNext, "pane"), helpKey, short(keys.QuitLetter, "quit"))
}

// statusLine says what the program is doing and where the view is.
func (m *Model) statusLine() string {
	var left string
	switch {
	case m.busy() && m.w.running.Load():
		left = m.spin.View() + " running: ctrl+c halts it, ctrl+o shows its output"
	case m.busy() && !m.view.started:
		left = m.spin.View() + " starting"
	case m.busy():
		left = m.spin.View() + " working"
	case m.view.exited:
		left = fmt.Sprintf("exited (status %d): restart runs it again, q quits", m.view.stop.ExitStatus)
		if sig, killed := m.view.stop.KilledBy(); killed {
			left = "killed by " + debug.SignalText(sig) + ": restart runs it again, q quits"
		}
	case !m.view.started || m.view.stops == 0 && m.view.stack.Len() == 0:
		left = "not started: c runs the program"
	default:
		left = m.stopText()
	}
	right := ""
	if !m.view.exited && m.view.gid >= 0 {
		right = fmt.Sprintf("goroutine %d  frame %d", m.view.gid, m.view.frame)
	}
	room := m.width - ansi.StringWidth(right) - 1
	if right == "" || room < 10 {
		return fitLine(left, m.width)
	}
	left = fitLine(left, room)
	return left + " " + theme.Dim.Render(right)
}

func (m *Model) stopText() string {
	s := m.view.stop
	first := command.OneLine(s.Message)
	switch s.Kind {
	case debug.StopPanic, debug.StopFatal, debug.StopTestFailed:
		return theme.Error.Render("stopped: " + first)
	case debug.StopCaught:
		return theme.Error.Render("caught as it began: " + first)
	case debug.StopBreakpoint:
		// Only a breakpoint the user has is named by its number: until's own and the
		// temporary one t sets are gone by now, and their numbers would mean nothing.
		if b := s.Breakpoint; b != nil && m.hasBreakpoint(b.ID) {
			return theme.Status.Render(fmt.Sprintf("stopped at breakpoint %d (%s:%d)", b.ID, filepath.Base(b.File), b.Line))
		}
		return theme.Status.Render("stopped at " + m.stopPlace())
	case debug.StopTrap:
		if first != "" {
			return theme.Status.Render(first) // "Stopped by trace.SetTrace()"
		}
		return theme.Status.Render("stopped at runtime.Breakpoint()")
	case debug.StopStep:
		if len(s.ReturnValues) > 0 {
			return theme.Status.Render("stopped at " + m.stopPlace() + " after a return (Returned in the variables)")
		}
		return theme.Status.Render("stopped at " + m.stopPlace())
	case debug.StopHalt:
		return theme.Status.Render("halted")
	}
	return "stopped"
}

// hasBreakpoint reports whether the user's breakpoints include id.
func (m *Model) hasBreakpoint(id int) bool {
	for _, b := range m.view.bps {
		if b.ID == id {
			return true
		}
	}
	return false
}

// stopPlace is where the program stopped: the file and line of its stop frame.
func (m *Model) stopPlace() string {
	if m.view.stack.Len() == 0 {
		return "a line of the program"
	}
	f := m.view.stack.Frame(0)
	return fmt.Sprintf("%s:%d", filepath.Base(f.File), f.Line)
}
