package ui

import (
	"os"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// pdbgoDir holds the real pdbgo the end-to-end tests (e2e_test.go) build; TestMain removes it.
var pdbgoDir string

func TestMain(m *testing.M) {
	// Golden files and flow tests see the screen without colour, as NO_COLOR users do.
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
	theme = newStyles()
	cache, err := os.MkdirTemp("", "pdbgo-ui-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("PDBGO_CACHE", cache) // the pdbgo the end-to-end tests run builds there
	code := m.Run()
	os.RemoveAll(cache)
	if pdbgoDir != "" {
		os.RemoveAll(pdbgoDir) // the pdbgo the end-to-end tests built
	}
	os.Exit(code)
}

// settle runs cmd and every command its messages lead to, synchronously, feeding the messages
// to m: a deterministic stand-in for bubbletea's loop. Spinner ticks and quits are dropped.
func settle(m *Model, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil, spinner.TickMsg, tea.QuitMsg:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}

// newStopped returns a model over the fake debugger, sized and stopped at the panic.
func newStopped(t *testing.T, width, height int) (*Model, *fakeDebugger) {
	t.Helper()
	fake := &fakeDebugger{}
	m := New(Options{Debugger: fake})
	m.Update(tea.WindowSizeMsg{Width: width, Height: height})
	settle(m, m.Init())
	if !m.view.started {
		t.Fatal("the model did not reach the first stop")
	}
	return m, fake
}

func keyMsg(s string) tea.KeyMsg {
	switch s {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "end":
		return tea.KeyMsg{Type: tea.KeyEnd}
	case "pgup":
		return tea.KeyMsg{Type: tea.KeyPgUp}
	case "ctrl+d":
		return tea.KeyMsg{Type: tea.KeyCtrlD}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// press sends keys to m and settles what they start.
func press(m *Model, ks ...string) {
	for _, k := range ks {
		_, cmd := m.Update(keyMsg(k))
		settle(m, cmd)
	}
}

// typeLine types a command into the console and runs it.
func typeLine(m *Model, line string) {
	m.setFocus(focusConsole)
	for _, r := range line {
		press(m, string(r))
	}
	press(m, "enter")
}

// focusOn moves the focus with tab, as a person would.
func focusOn(m *Model, f focus) {
	for m.focus != f {
		press(m, "tab")
	}
}

// selectVar puts the variables cursor on the row whose text contains s, or on the first
// "... N more" row for "more".
func selectVar(t *testing.T, m *Model, s string) {
	t.Helper()
	focusOn(m, focusVars)
	for i, r := range m.vars.rows() {
		if s == "more" && r.more != nil || s != "more" && r.node != nil && strings.Contains(ansi.Strip(m.vars.nodeText(r.node)), s) {
			m.vars.setCursor(i)
			return
		}
	}
	t.Fatalf("no variables row with %q:\n%s", s, m.vars.View())
}

// checkWidth fails when a line of view is wider than width or the view has the wrong height.
func checkWidth(t *testing.T, view string, width, height int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if height > 0 && len(lines) != height {
		t.Errorf("view has %d lines, want %d", len(lines), height)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > width {
			t.Errorf("line %d is %d columns wide, more than %d: %q", i+1, w, width, l)
		}
	}
}

func resize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
