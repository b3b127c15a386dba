package ui

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/debug"
)

// key routes a key to the open overlay or the focused pane. What needs the debugger becomes a
// request; the rest changes the panes at once.
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
		if m.con.showOutput && m.con.toProgram {
			return sendToProgram(m.opts.Input, line)
		}
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
	if !m.con.input.Focused() {
		m.con.input.Focus()
	}
	m.con.input, cmd = m.con.input.Update(msg)
	return cmd
}

// programInputMsg reports a line written to the program's terminal.
type programInputMsg struct{ err error }

// sendToProgram writes a line to the program's terminal in a Cmd: a program that does not
// read fills the terminal's buffer, and the write would block.
func sendToProgram(w io.Writer, line string) tea.Cmd {
	return func() tea.Msg {
		_, err := io.WriteString(w, line+"\n")
		return programInputMsg{err: err}
	}
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
	case msg.Type == tea.KeyLeft:
		m.src.sideways(-8)
	case msg.Type == tea.KeyRight:
		m.src.sideways(8)
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
	case key.Matches(msg, keys.RunTo):
		if m.src.file == nil || m.src.file.err != "" {
			return nil, true
		}
		return m.exec(fmt.Sprintf("tbreak %s:%d ;; continue", m.src.file.path, m.src.cursor)), true
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
		if !m.stack.Complete {
			return m.selectFrame(oldestFrame), true
		}
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

// oldestFrame asks selectFrame for the oldest frame of a stack not read to its end.
const oldestFrame = -1

// selectFrame shows visible frame n: the stack pane moves at once, source and variables when
// the frame is loaded. Quick moves are coalesced; replies for frames left behind are dropped.
// Past the frames read of a deep stack (n == Len, or oldestFrame), the interpreter reads
// older frames and the reply shows them.
func (m *Model) selectFrame(n int) tea.Cmd {
	readMore := !m.stack.Complete && (n == m.stack.Len() || n == oldestFrame)
	if !readMore && (n < 0 || n >= m.stack.Len()) || n == m.stk.frame {
		return nil
	}
	if !readMore {
		m.stk.frame = n
	}
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
		return m.loadNode(n, debug.LoadShort)
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

func (m *Model) loadNode(n *varNode, l debug.Load) tea.Cmd {
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
	l := debug.LoadShort
	if n.v.Target().Kind.String() == "string" {
		l = debug.LoadFull
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
