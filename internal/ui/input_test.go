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
