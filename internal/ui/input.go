package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// key routes a key: the keys that work anywhere first, then the open overlay or the focused
// pane. The root itself takes the program's keys (n, s, c, ...) in the source, stack and
// variables panes alike; a pane gets the keys its help lists; any other letter starts a command
// in the console.
func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, keys.Halt):
		return m.halt()
	case key.Matches(msg, keys.Quit):
		return m.quit()
	}
	if m.overlay != nil {
		return m.overlay.Update(msg)
	}
	// Several runes at once are typed or pasted text, even when they spell a key's name ("up").
	if msg.Type == tea.KeyRunes && (len(msg.Runes) > 1 || msg.Paste) {
		m.setFocus(focusConsole)
		return m.con.Update(msg)
	}
	switch {
	case key.Matches(msg, keys.FocusNext):
		if m.focus == focusConsole && m.con.typing() {
			return m.con.Update(msg) // completes
		}
		m.setFocus((m.focus + 1) % numFocus)
		return nil
	case key.Matches(msg, keys.FocusPrev):
		m.setFocus((m.focus + numFocus - 1) % numFocus)
		return nil
	case key.Matches(msg, keys.Output):
		m.con.toggleOutput()
		return nil
	case key.Matches(msg, keys.ContinueF):
		return m.exec("continue")
	case key.Matches(msg, keys.NextF):
		return m.exec("next")
	case key.Matches(msg, keys.StepF):
		return m.exec("step")
	}
	if m.focus == focusConsole {
		return m.con.Update(msg)
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
		m.showHelp()
		return nil
	case key.Matches(msg, keys.QuitLetter):
		return m.quit()
	case key.Matches(msg, keys.Goroutines):
		return m.showGoroutines()
	case key.Matches(msg, keys.Breakpoints):
		m.showBreakpoints()
		return nil
	case key.Matches(msg, keys.Console):
		m.setFocus(focusConsole)
		if msg.String() == "!" {
			m.con.start("!")
		}
		return nil
	}
	if p := m.panes()[m.focus]; key.Matches(msg, bindings(p)...) {
		rows := m.stk.rowCount()
		cmd := p.Update(msg)
		if m.stk.rowCount() != rows {
			m.layout(m.width, m.height) // the stack's height follows its rows (a: all frames)
		}
		return cmd
	}
	// Any other letter starts a command in the console.
	if msg.Type == tea.KeyRunes && !msg.Alt {
		m.setFocus(focusConsole)
		return m.con.Update(msg)
	}
	return nil
}

func (m *Model) halt() tea.Cmd {
	if m.busy() && m.w.running.Load() && m.opts.Halt != nil {
		halt := m.opts.Halt
		return func() tea.Msg { return haltMsg{err: halt()} }
	}
	if m.focus == focusConsole && m.con.typing() {
		m.con.clearInput()
		return nil
	}
	m.con.note("(ctrl+c halts a running program; q or ctrl+d quits)")
	return nil
}

// mouse sends the wheel to the pane under the pointer, and a click to the pane it focuses, in
// the pane's own coordinates (its title is row 0).
func (m *Model) mouse(msg tea.MouseMsg) tea.Cmd {
	if m.overlay != nil {
		return nil
	}
	wheel := msg.Button == tea.MouseButtonWheelUp || msg.Button == tea.MouseButtonWheelDown
	click := msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft
	for f, p := range m.panes() {
		r := m.rects[f]
		if !r.has(msg.X, msg.Y) {
			continue
		}
		if !wheel && !click {
			return nil
		}
		if click {
			m.setFocus(focus(f))
		}
		local := msg
		local.X, local.Y = msg.X-r.x, msg.Y-r.y
		return p.Update(local)
	}
	return nil
}
