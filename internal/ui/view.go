package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/debug"
)

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
	if rows := m.stk.rowCount(); rows > 0 {
		stkH = max(min(stkH, rows+2), min(3, stkH))
	}
	varH := topH - stkH
	m.src.SetSize(leftW, topH)
	m.stk.SetSize(rightW, stkH)
	m.vars.SetSize(rightW, varH)
	m.con.SetSize(w, conH)
	for _, o := range []pane{m.gor, m.bpl, m.help} {
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
		return fit([]string{"pdbgo: the terminal is too small", fmt.Sprintf("(%dx%d; at least %dx%d)", m.width, m.height, minWidth, minHeight)}, max(m.width, 1), max(m.height, 1))
	}
	top := m.topView()
	return top + "\n" + m.con.View() + "\n" + m.keyRow() + "\n" + m.statusLine()
}

// topView is what covers the screen above the console: the open overlay, or the source pane
// beside the stack and variables.
func (m *Model) topView() string {
	if m.overlay != nil {
		return m.overlay.View()
	}
	return joinColumns(m.src.View(), m.stk.View()+"\n"+m.vars.View())
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
	case debug.StopPanic, debug.StopFatal:
		return theme.Error.Render("stopped: " + first)
	case debug.StopBreakpoint:
		if s.Breakpoint != nil {
			return theme.Status.Render(fmt.Sprintf("stopped at breakpoint %d", s.Breakpoint.ID))
		}
		return theme.Status.Render("stopped at a breakpoint")
	case debug.StopTrap:
		if first != "" {
			return theme.Status.Render(first) // "Stopped by trace.SetTrace()"
		}
		return theme.Status.Render("stopped at runtime.Breakpoint()")
	case debug.StopStep:
		return theme.Status.Render("stopped")
	case debug.StopHalt:
		return theme.Status.Render("halted")
	}
	return "stopped"
}
