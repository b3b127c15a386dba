package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestZoom: z gives the focused pane the whole screen and back; the zoom follows the focus.
func TestZoom(t *testing.T) {
	m, _ := newStopped(t, 120, 30)
	focusOn(m, focusVars)
	press(m, "z")
	v := m.View()
	checkWidth(t, v, 120, 30)
	if m.vars.width != 120 || m.vars.height != 28 || strings.Contains(v, "Source  main.go") || !strings.Contains(v, "─[ Variables  main.lookup") {
		t.Errorf("z in the variables: %dx%d\n%s", m.vars.width, m.vars.height, v)
	}
	press(m, ":") // the console, zoomed in turn: help and pp have room
	if m.con.height != 28 || !strings.Contains(m.View(), "─[ Console") {
		t.Errorf("the console zoomed: height %d", m.con.height)
	}
	press(m, "esc", "z")
	v = m.View()
	checkWidth(t, v, 120, 30)
	if m.zoomed || !strings.Contains(v, "Source  main.go") || m.vars.width == 120 {
		t.Errorf("z again did not unzoom:\n%s", v)
	}
}

// TestLayoutKeptAcrossSessions: < and > move the split between the source and the side panes,
// + and - the console's height; the next session in the same state directory starts with them.
func TestLayoutKeptAcrossSessions(t *testing.T) {
	hist := filepath.Join(t.TempDir(), "pdbgo", "history")
	m := New(Options{Debugger: &fakeDebugger{}, HistoryFile: hist})
	m.Update(resize(120, 30))
	settle(m, m.Init())
	srcW, conH := m.src.width, m.con.height
	press(m, "<", "<", "+", "+", "+")
	if m.src.width != srcW-12 || m.con.height != conH+3 {
		t.Errorf("after < < + + +: source %d wide (was %d), console %d high (was %d)", m.src.width, srcW, m.con.height, conH)
	}
	checkWidth(t, m.View(), 120, 30)
	if _, err := os.Stat(filepath.Join(filepath.Dir(hist), "layout.json")); err != nil {
		t.Fatalf("the layout was not kept: %v", err)
	}
	again := New(Options{Debugger: &fakeDebugger{}, HistoryFile: hist})
	again.Update(resize(120, 30))
	if again.src.width != m.src.width || again.con.height != m.con.height {
		t.Errorf("the next session: source %d wide, console %d high; want %d and %d", again.src.width, again.con.height, m.src.width, m.con.height)
	}
	for range 30 {
		press(m, ">", "-")
	}
	checkWidth(t, m.View(), 120, 30)
	if m.con.height < minConsole || m.src.width > 120*maxSplit/100 {
		t.Errorf("the layout went past its bounds: source %d, console %d", m.src.width, m.con.height)
	}
	m.Update(resize(40, 12)) // the smallest screen with panes keeps them all
	checkWidth(t, m.View(), 40, 12)
}
