package ui

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/debug"
)

// typeKeys presses each character of s as a key.
func typeKeys(m *Model, s string) {
	for _, r := range s {
		press(m, string(r))
	}
}

// TestSourceSearch: / and ? search the file as typed, n and N repeat the search while the
// key row says so (stepping is f10 then), esc ends it and n steps again.
func TestSourceSearch(t *testing.T) {
	fake := &fakeDebugger{AtBreakpoint: true}
	m := New(Options{Debugger: fake})
	m.Update(resize(120, 30))
	settle(m, m.Init())
	focusOn(m, focusSource)
	press(m, "/")
	typeKeys(m, "qty")
	if m.src.cursor != 20 {
		t.Errorf("typing /qty: cursor on %d, want 20", m.src.cursor)
	}
	press(m, "enter")
	press(m, "n")
	if m.src.cursor != 27 || len(fake.Steps()) != 0 {
		t.Errorf("n after a search: cursor on %d (want 27), steps %v", m.src.cursor, fake.Steps())
	}
	row := m.keyRow()
	for _, want := range []string{"n next match", "N previous match", "esc end the search (n steps again)", "f10 next line"} {
		if !strings.Contains(row, want) {
			t.Errorf("the key row while searching lacks %q: %s", want, row)
		}
	}
	press(m, "N")
	if m.src.cursor != 20 {
		t.Errorf("N: cursor on %d, want 20", m.src.cursor)
	}
	press(m, "n", "n", "n")
	if m.src.cursor != 20 || !strings.Contains(m.src.title(), "search wrapped") {
		t.Errorf("n past the last match: cursor on %d, title %q", m.src.cursor, m.src.title())
	}
	_, step := m.Update(tea.KeyMsg{Type: tea.KeyF10})
	settle(m, step)
	if len(fake.Steps()) != 1 {
		t.Errorf("f10 while searching did not step")
	}
	press(m, "esc")
	press(m, "n")
	if len(fake.Steps()) != 2 {
		t.Errorf("n after esc did not step")
	}
	press(m, ".", "?")
	typeKeys(m, "func")
	press(m, "enter")
	if m.src.cursor != 13 {
		t.Errorf("?func from line 14: cursor on %d, want 13", m.src.cursor)
	}
	press(m, "/")
	typeKeys(m, "nowhere")
	if !strings.Contains(m.src.title(), `no match for "nowhere"`) {
		t.Errorf("a search with no match: %q", m.src.title())
	}
	press(m, "esc")
	if m.src.cursor != 13 {
		t.Errorf("esc in the search: cursor on %d, want 13 where it started", m.src.cursor)
	}
	checkWidth(t, m.View(), 120, 30)
}

// TestSourceGotoLine: G goes to the last line, gg to the first, g and another key to none.
func TestSourceGotoLine(t *testing.T) {
	m, _ := newStopped(t, 120, 30)
	focusOn(m, focusSource)
	press(m, "G")
	if last := m.src.lineCount(); m.src.cursor != last || m.src.vp.end(last) != last {
		t.Errorf("G: cursor on %d of %d, lines to %d shown", m.src.cursor, last, m.src.vp.end(last))
	}
	press(m, "g", "g")
	if m.src.cursor != 1 || m.src.vp.top != 0 {
		t.Errorf("gg: cursor on %d, top %d", m.src.cursor, m.src.vp.top)
	}
	press(m, "j", "g", "x")
	if m.src.cursor != 2 || m.overlay != nil || m.focus != focusSource {
		t.Errorf("g x: cursor on %d, overlay %v, focus %d", m.src.cursor, m.overlay != nil, m.focus)
	}
}

// otherFileDebugger is the fake with a second file of the program: testdata/session's.
type otherFileDebugger struct{ fakeDebugger }

const otherFile = "testdata/session/main.go"

func (d *otherFileDebugger) Sources() ([]string, error) {
	return []string{fixture, otherFile}, nil
}

// TestOpenAnyFile: o lists the program's functions and files, filtered as typed; enter shows
// the one chosen, with its breakpoints; b sets one there; . goes back to the frame's line.
func TestOpenAnyFile(t *testing.T) {
	fake := &otherFileDebugger{}
	m := New(Options{Debugger: fake})
	m.Update(resize(120, 30))
	settle(m, m.Init())
	press(m, "o")
	if m.overlay != m.pick || len(m.pick.list.Items()) != 5 {
		t.Fatalf("o: overlay %T, %d items:\n%s", m.overlay, len(m.pick.list.Items()), m.View())
	}
	typeKeys(m, "tot")
	if v := m.pick.View(); !strings.Contains(v, "func  main.total") || strings.Contains(v, "main.lookup") {
		t.Errorf("filtered by tot:\n%s", v)
	}
	press(m, "enter")
	if m.overlay != nil || m.focus != focusSource || m.src.cursor != 17 || m.src.browsing() {
		t.Errorf("main.total chosen: overlay %v, focus %d, cursor %d", m.overlay != nil, m.focus, m.src.cursor)
	}
	press(m, "o")
	typeKeys(m, "session")
	press(m, "enter")
	if m.src.file == nil || m.src.file.path != otherFile || !m.src.browsing() {
		t.Fatalf("the other file is not shown: %+v", m.src.file)
	}
	if title := m.src.title(); !strings.Contains(title, "main.go:1  (. goes back)") {
		t.Errorf("title of a file browsed: %q", title)
	}
	press(m, "/")
	typeKeys(m, "return y")
	press(m, "enter", "esc", "b")
	bps, _ := fake.Breakpoints()
	if len(bps) != 1 || bps[0].File != otherFile || bps[0].Line != 32 {
		t.Fatalf("b in the other file set %+v", bps)
	}
	if v := ansi.Strip(m.src.View()); !strings.Contains(v, "●32") {
		t.Errorf("the breakpoint is not marked in the other file:\n%s", v)
	}
	press(m, ".")
	if m.src.browsing() || m.src.cursor != 14 {
		t.Errorf(". did not go back to the frame's line: cursor %d, browsing %v", m.src.cursor, m.src.browsing())
	}
}

// TestListMovesSourcePane: list FUNC in the console shows what it listed in the source pane.
func TestListMovesSourcePane(t *testing.T) {
	m, _ := newStopped(t, 120, 30)
	typeLine(m, "list main.main")
	if m.src.cursor != 25 {
		t.Errorf("list main.main: source cursor on %d, want 25", m.src.cursor)
	}
	typeLine(m, "p slot")
	if m.src.cursor != 25 {
		t.Errorf("p after list moved the source back to %d", m.src.cursor)
	}
	typeLine(m, "up")
	if m.src.cursor != 20 {
		t.Errorf("up after list: cursor %d, want the frame's line 20", m.src.cursor)
	}
}

// TestBreakpointsOverlay: the breakpoints overlay shows conditions, hit counts, ignore counts
// and temporary breakpoints; e edits a condition, enter shows the breakpoint's source.
func TestBreakpointsOverlay(t *testing.T) {
	fake := &fakeDebugger{}
	m := New(Options{Debugger: fake})
	m.Update(resize(120, 30))
	settle(m, m.Init())
	typeLine(m, "break testdata/crash/main.go:20 if i == 1")
	typeLine(m, "tbreak testdata/crash/main.go:30")
	typeLine(m, "ignore 1 2")
	focusOn(m, focusSource)
	press(m, "B")
	v := m.bpl.View()
	for _, want := range []string{"1 ● main.go:20  main.total  hits: 0  ignore next 2  if i == 1", "2 ● main.go:30  main.total  hits: 0  temporary"} {
		if !strings.Contains(v, want) {
			t.Errorf("the breakpoints overlay lacks %q:\n%s", want, v)
		}
	}
	press(m, "e")
	if !strings.Contains(m.bpl.View(), "condition of breakpoint 1 (empty: none): i == 1") {
		t.Fatalf("e does not show the condition to edit:\n%s", m.bpl.View())
	}
	for range len("1") {
		m.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	typeKeys(m, "0")
	press(m, "enter")
	bps, _ := fake.Breakpoints()
	if bps[0].Cond != "i == 0" {
		t.Errorf("the condition after e: %q", bps[0].Cond)
	}
	press(m, "down", "enter")
	if m.overlay != nil || m.focus != focusSource || m.src.cursor != 30 {
		t.Errorf("enter on breakpoint 2: overlay %v, focus %d, cursor %d", m.overlay != nil, m.focus, m.src.cursor)
	}
}

// manyGoroutines is the fake with 200 goroutines of the program besides the crash's.
type manyGoroutines struct{ fakeDebugger }

func (d *manyGoroutines) Goroutines(start, count int) ([]debug.Goroutine, int, error) {
	gs, _, _ := d.fakeDebugger.Goroutines(0, 0)
	for id := int64(100); id < 300; id++ {
		gs = append(gs, debug.Goroutine{ID: id, User: debug.Location{Function: "main.worker", File: fixture, Line: 20},
			Start: debug.Location{Function: "main.worker"}, Status: "chan receive"})
	}
	return gs, -1, nil
}

// TestGoroutinesOverlayKeys: a shows the runtime's goroutines and hides them again; pgdown
// and end move by the rows in view.
func TestGoroutinesOverlayKeys(t *testing.T) {
	m := New(Options{Debugger: &manyGoroutines{}})
	m.Update(resize(120, 30))
	settle(m, m.Init())
	focusOn(m, focusStack)
	press(m, "g")
	if strings.Contains(m.gor.View(), "forcegchelper") || !strings.Contains(m.gor.View(), "1 runtime not shown: a shows them") {
		t.Fatalf("the runtime's goroutine shows:\n%s", m.gor.View())
	}
	press(m, "a")
	if !slices.ContainsFunc(m.gor.gs, func(g debug.Goroutine) bool { return g.ID == 2 }) {
		t.Errorf("a did not list the runtime's goroutine 2")
	}
	press(m, "a")
	if slices.ContainsFunc(m.gor.gs, func(g debug.Goroutine) bool { return g.ID == 2 }) {
		t.Errorf("a again did not hide it")
	}
	visible := m.gor.vp.height
	press(m, "pgdown")
	if m.gor.cursor != visible {
		t.Errorf("pgdown: cursor on row %d, want %d (the rows in view)", m.gor.cursor, visible)
	}
	press(m, "end")
	if m.gor.cursor != len(m.gor.gs)-1 || !strings.Contains(m.gor.View(), "299  main.worker") {
		t.Errorf("end: cursor on row %d of %d:\n%s", m.gor.cursor, len(m.gor.gs), m.gor.View())
	}
}
