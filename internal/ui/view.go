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
