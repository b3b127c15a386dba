package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// keyTaker is a pane whose keys change with its mode: while a search or a filter is typed it
// takes every key, and n repeats a search only after one. The root asks it, instead of its key
// help, which keys it takes.
type keyTaker interface {
	takes(msg tea.KeyMsg) bool
	// typing reports whether the pane has a prompt open that takes every key, typed text too.
	prompting() bool
}

// takesKey reports whether pane p acts on msg.
func takesKey(p pane, msg tea.KeyMsg) bool {
	if t, ok := p.(keyTaker); ok {
		return t.takes(msg)
	}
	return key.Matches(msg, bindings(p)...)
}

// prompting reports whether pane p has a prompt open.
func prompting(p pane) bool {
	t, ok := p.(keyTaker)
	return ok && t.prompting()
}

// key routes a key: the keys that work anywhere first, then the open overlay or the focused
// pane. The focused pane gets the keys it takes first; the root takes the program's keys (n,
// s, c, ...) in the source, stack and variables panes alike; any other letter starts a command
// in the console.
func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, keys.Halt):
		return m.halt()
	case key.Matches(msg, keys.Quit) && !(m.overlay == nil && m.focus == focusConsole && m.con.takesEOF()):
		return m.quit()
	}
	if m.overlay != nil {
		return m.overlay.Update(msg)
	}
	p := m.panes()[m.focus]
	if m.focus != focusConsole && prompting(p) {
		return p.Update(msg)
	}
	if msg.Type == tea.KeyRunes && m.focus != focusConsole {
		if msg.Paste {
			// Pasted text is text: a command for the console.
			m.setFocus(focusConsole)
			return m.con.Update(msg)
		}
		if len(msg.Runes) > 1 {
			// Keys that arrived in one read (key repeat, a slow link, a busy machine) are
			// still keys: "jjjj" moves four lines, as the same keys typed slowly would.
			return m.keysOneByOne(msg)
		}
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
		return m.execKey("continue")
	case key.Matches(msg, keys.NextF):
		return m.execKey("next")
	case key.Matches(msg, keys.StepF):
		return m.execKey("step")
	case key.Matches(msg, keys.GoroutineC):
		return m.showGoroutines()
	case key.Matches(msg, keys.HelpF1):
		m.showHelp()
		return nil
	}
	if m.focus == focusConsole {
		return m.con.Update(msg)
	}
	if takesKey(p, msg) {
		rows := m.stk.rowCount()
		cmd := p.Update(msg)
		if m.stk.rowCount() != rows {
			m.relayout() // the stack's height follows its rows (a: all frames)
		}
		return cmd
	}
	switch {
	case key.Matches(msg, keys.Next):
		return m.execKey("next")
	case key.Matches(msg, keys.Step):
		return m.execKey("step")
	case key.Matches(msg, keys.Return):
		return m.execKey("return")
	case key.Matches(msg, keys.Continue):
		return m.execKey("continue")
	case key.Matches(msg, keys.FrameUp):
		return m.execKey("up")
	case key.Matches(msg, keys.FrameDown):
		return m.execKey("down")
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
		return nil
	case key.Matches(msg, keys.PrintExpr):
		m.setFocus(focusConsole)
		m.con.start("!")
		return nil
	case key.Matches(msg, keys.Zoom):
		m.zoomed = !m.zoomed
		m.relayout()
		return nil
	case key.Matches(msg, keys.SplitLeft):
		return m.adjustLayout(-splitStep, 0)
	case key.Matches(msg, keys.SplitRight):
		return m.adjustLayout(splitStep, 0)
	case key.Matches(msg, keys.ConsoleTaller):
		return m.adjustLayout(0, 1)
	case key.Matches(msg, keys.ConsoleShorter):
		return m.adjustLayout(0, -1)
	}
	// Any other letter starts a command in the console.
	if msg.Type == tea.KeyRunes && !msg.Alt {
		m.setFocus(focusConsole)
		return m.con.Update(msg)
	}
	return nil
}

// keysOneByOne routes the runes of one key message as keys typed one after the other: once one
// of them moves the focus to the console or opens a prompt, the rest are typed there.
func (m *Model) keysOneByOne(msg tea.KeyMsg) tea.Cmd {
	var cmds []tea.Cmd
	for _, r := range msg.Runes {
		one := msg
		one.Runes = []rune{r}
		cmds = append(cmds, m.key(one))
	}
	return tea.Batch(cmds...)
}

// execKey runs the command a key stands for (refused, with the reason, when it would run the
// program while it runs).
func (m *Model) execKey(line string) tea.Cmd { return m.exec(line) }

func (m *Model) halt() tea.Cmd {
	if m.busy() && m.w.running.Load() && m.opts.Halt != nil {
		halt := m.opts.Halt
		return func() tea.Msg { return haltMsg{err: halt()} }
	}
	if m.overlay == nil && m.focus == focusConsole && m.con.typing() {
		m.con.clearInput()
		return nil
	}
	if m.overlay != nil {
		return m.overlay.Update(tea.KeyMsg{Type: tea.KeyEsc})
	}
	if p := m.panes()[m.focus]; prompting(p) {
		return p.Update(tea.KeyMsg{Type: tea.KeyEsc})
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
