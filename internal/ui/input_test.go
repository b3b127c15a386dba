package ui

import (
	"bytes"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestTypingToTheProgram: with the program's output shown, a typed line goes to the program's
// terminal, not to the interpreter; with the console shown, it is a command again.
func TestTypingToTheProgram(t *testing.T) {
	var input bytes.Buffer
	fake := &fakeDebugger{}
	m := New(Options{Debugger: fake, Input: &input})
	m.Update(resize(100, 30))
	settle(m, m.Init())

	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyCtrlO})
	settle(m, cmd)
	if v := m.View(); !strings.Contains(v, "enter sends the line to the program") || !strings.Contains(v, programPrompt) {
		t.Errorf("the output view does not say that typing goes to the program:\n%s", v)
	}
	typeLine(m, "up")
	if input.String() != "up\n" {
		t.Errorf("the program got %q", input.String())
	}
	if m.view.frame != 0 {
		t.Errorf("the line meant for the program ran as a command (frame %d)", m.view.frame)
	}

	_, cmd = m.Update(tea.KeyMsg{Type: tea.KeyCtrlO})
	settle(m, cmd)
	typeLine(m, "up")
	if m.view.frame != 1 || input.String() != "up\n" {
		t.Errorf("back in the console, up did not run as a command (frame %d, program got %q)", m.view.frame, input.String())
	}
}

func TestNoProgramInputWithoutTerminal(t *testing.T) {
	m, _ := newStopped(t, 100, 30)
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyCtrlO})
	settle(m, cmd)
	typeLine(m, "up")
	if m.view.frame != 1 {
		t.Errorf("without a program terminal, a line in the output view should still run as a command (frame %d)", m.view.frame)
	}
}

// send delivers one key message, as bubbletea reads it, and settles what it starts.
func send(m *Model, msg tea.KeyMsg) {
	_, cmd := m.Update(msg)
	settle(m, cmd)
}

// runes is keys that arrived in one read: bubbletea reports them as one message.
func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// TestKeysInOneRead: keys that arrive in one read act as keys outside the console, one by
// one, as typed slowly: "jjjj" moves the source cursor four lines, "uu" goes up two frames,
// "d", space, "d" down two; nothing is typed into the console. In the console they are text.
func TestKeysInOneRead(t *testing.T) {
	m, _ := newStopped(t, 120, 30)
	if m.focus != focusSource {
		t.Fatalf("focus starts on pane %d, not the source", m.focus)
	}
	send(m, runes("jjjj"))
	if m.src.cursor != 18 || m.focus != focusSource || m.con.input.Value() != "" {
		t.Errorf("jjjj: cursor on line %d, focus %d, console %q", m.src.cursor, m.focus, m.con.input.Value())
	}
	send(m, runes("uu"))
	if m.view.frame != 2 {
		t.Errorf("uu: frame %d, want 2", m.view.frame)
	}
	send(m, runes("d"))
	send(m, tea.KeyMsg{Type: tea.KeySpace, Runes: []rune(" ")})
	send(m, runes("d"))
	if m.view.frame != 0 || m.con.input.Value() != "" {
		t.Errorf("d d: frame %d, console %q", m.view.frame, m.con.input.Value())
	}
	// Once a letter starts a command, the rest of the read is typed into it.
	send(m, runes("jjpx"))
	if m.focus != focusConsole || m.con.input.Value() != "px" || m.src.cursor != 16 {
		t.Errorf("jjpx: focus %d, console %q, cursor %d", m.focus, m.con.input.Value(), m.src.cursor)
	}
	send(m, runes("yz"))
	if m.con.input.Value() != "pxyz" {
		t.Errorf("in the console, keys in one read are text: %q", m.con.input.Value())
	}
}

// TestPasteIsText: pasted text (bracketed paste) is a command for the console, even outside it,
// and even when it spells keys.
func TestPasteIsText(t *testing.T) {
	m, _ := newStopped(t, 120, 30)
	send(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("up"), Paste: true})
	if m.focus != focusConsole || m.con.input.Value() != "up" || m.view.frame != 0 {
		t.Errorf("paste: focus %d, console %q, frame %d", m.focus, m.con.input.Value(), m.view.frame)
	}
}

// TestColonPrefix: : starts a command from the panes, and a leading : typed in the console is
// the same prefix: :rv runs rv, :up runs up; :N shows line N in the source pane.
func TestColonPrefix(t *testing.T) {
	m, _ := newStopped(t, 120, 30)
	press(m, ":")
	if m.focus != focusConsole || m.con.input.Value() != "" {
		t.Fatalf(": focus %d, console %q", m.focus, m.con.input.Value())
	}
	typeLine(m, ":rv")
	log := strings.Join(m.con.log.lines, "\n")
	if !strings.Contains(log, "*** no return value yet") || strings.Contains(log, "unknown command") {
		t.Errorf(":rv did not run rv:\n%s", log)
	}
	typeLine(m, ":up")
	if m.view.frame != 1 {
		t.Errorf(":up: frame %d", m.view.frame)
	}
	typeLine(m, ":25")
	if m.focus != focusSource || m.src.cursor != 25 || !strings.Contains(m.src.View(), "> 25    func main()") {
		t.Errorf(":25: focus %d, cursor %d:\n%s", m.focus, m.src.cursor, m.src.View())
	}
	if m.con.history[len(m.con.history)-1] != "25" {
		t.Errorf("history: %q", m.con.history)
	}
}

// TestKeyRowFollowsFocus: the key row shows the keys that work where the focus is: the
// program's keys and the pane's own outside the console, the console's keys in it.
func TestKeyRowFollowsFocus(t *testing.T) {
	m, _ := newStopped(t, 200, 30)
	for _, c := range []struct {
		f         focus
		want, not []string
	}{
		{focusSource, []string{"n next", "b break", "o open", "/ find", "f1 help"}, []string{"enter run"}},
		{focusStack, []string{"n next", "a all frames", "? help"}, []string{"b break"}},
		{focusVars, []string{"n next", "enter expand", "w watch", "/ filter"}, []string{"a all frames"}},
		{focusConsole, []string{"enter run", "tab complete", "esc panes", "f10 next"}, []string{"n next", "u up"}},
	} {
		focusOn(m, c.f)
		row := m.keyRow()
		for _, w := range c.want {
			if !strings.Contains(row, w) {
				t.Errorf("pane %d: the key row lacks %q: %s", c.f, w, row)
			}
		}
		for _, w := range c.not {
			if strings.Contains(row, w) {
				t.Errorf("pane %d: the key row shows %q, which does not work there: %s", c.f, w, row)
			}
		}
	}
	press(m, "esc") // an empty console line: back to the pane before it
	if m.focus != focusVars {
		t.Errorf("esc in the console went to pane %d", m.focus)
	}
}

// TestEndOfInput: in the program's output view ctrl+d ends the program's input: the terminal's
// end-of-file character, after what was typed; elsewhere it quits.
func TestEndOfInput(t *testing.T) {
	var input bytes.Buffer
	m := New(Options{Debugger: &fakeDebugger{}, Input: &input})
	m.Update(resize(100, 30))
	settle(m, m.Init())
	m.setFocus(focusConsole)
	m.Update(tea.KeyMsg{Type: tea.KeyCtrlO})
	for _, r := range "abc" {
		press(m, string(r))
	}
	press(m, "ctrl+d")
	press(m, "ctrl+d")
	if input.String() != "abc\x04\x04" || m.quitting {
		t.Errorf("the program got %q; quitting %v", input.String(), m.quitting)
	}
	if !strings.Contains(m.keyRow(), "ctrl+d end of input") {
		t.Errorf("the key row does not say how to end the input: %s", m.keyRow())
	}
	m.Update(tea.KeyMsg{Type: tea.KeyCtrlO})
	press(m, "ctrl+d")
	if !m.quitting {
		t.Error("ctrl+d in the console did not quit")
	}
}
