package ui

import (
	"reflect"
	"slices"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

func TestViewport(t *testing.T) {
	for _, tc := range []struct {
		name          string
		top, height   int
		do            func(v *viewport)
		wantTop       int
		wantEnd, rows int
	}{
		{"follow down scrolls as little as needed", 0, 5, func(v *viewport) { v.follow(7, 20) }, 3, 8, 20},
		{"follow up", 6, 5, func(v *viewport) { v.follow(2, 20) }, 2, 7, 20},
		{"follow in view: no scroll", 4, 5, func(v *viewport) { v.follow(6, 20) }, 4, 9, 20},
		{"a list that shrank is not shown past its end", 15, 5, func(v *viewport) { v.follow(2, 10) }, 2, 7, 10},
		{"clamp to the end", 15, 5, func(v *viewport) { v.clamp(10) }, 5, 10, 10},
		{"a short list starts at its top", 3, 5, func(v *viewport) { v.clamp(2) }, 0, 2, 2},
		{"reveal out of view centres", 0, 5, func(v *viewport) { v.reveal(12, 40) }, 10, 15, 40},
		{"reveal in view keeps the window", 10, 5, func(v *viewport) { v.reveal(13, 40) }, 10, 15, 40},
		{"centre near the end", 0, 10, func(v *viewport) { v.center(38, 40) }, 30, 40, 40},
		{"scroll stops at the top", 2, 5, func(v *viewport) { v.scroll(-3, 40) }, 0, 5, 40},
		{"no room: nothing shown", 3, 0, func(v *viewport) { v.reveal(3, 10) }, 3, 3, 10},
	} {
		v := viewport{top: tc.top, height: tc.height}
		tc.do(&v)
		if v.top != tc.wantTop || v.end(tc.rows) != tc.wantEnd {
			t.Errorf("%s: rows %d..%d shown, want %d..%d", tc.name, v.top, v.end(tc.rows), tc.wantTop, tc.wantEnd)
		}
	}
}

// TestViewChangesNothing: drawing the screen or a pane leaves every pane as it was, in the
// states the golden scene goes through, with an overlay open, with the output shown, and at
// sizes too small for the panes.
func TestViewChangesNothing(t *testing.T) {
	m := scene(t, 80, 24)
	check := func(when string) {
		t.Helper()
		before := make([]any, 0, 8)
		for _, p := range m.all() {
			before = append(before, reflect.ValueOf(p).Elem().Interface())
		}
		view := m.view
		m.View()
		for _, p := range m.all() {
			p.View()
		}
		for i, p := range m.all() {
			if after := reflect.ValueOf(p).Elem().Interface(); !reflect.DeepEqual(before[i], after) {
				t.Errorf("%s: drawing changed the %T:\n%+v\n%+v", when, p, before[i], after)
			}
		}
		if !reflect.DeepEqual(view, m.view) {
			t.Errorf("%s: drawing changed the view state", when)
		}
	}
	check("the scene")
	for _, f := range []focus{focusSource, focusStack, focusVars, focusConsole} {
		focusOn(m, f)
		press(m, "end")
		check("end in every pane")
	}
	m.Update(resize(200, 60))
	check("resized")
	press(m, "esc", "g")
	check("goroutines")
	press(m, "esc", "B")
	check("breakpoints")
	press(m, "esc", "?", "down", "down")
	check("help")
	press(m, "esc")
	m.Update(tea.KeyMsg{Type: tea.KeyCtrlO})
	check("output")
	m.Update(resize(30, 8))
	check("too small")
}

// TestPaneKeys: every key a pane takes is in the help overlay (made from the panes' key help),
// each pane's short help is part of its full help, and a pane gets its keys and no others.
func TestPaneKeys(t *testing.T) {
	m, _ := newStopped(t, 120, 30)
	inHelp := map[string]bool{}
	for _, g := range keys.groups() {
		for _, b := range g.Bindings {
			inHelp[b.Help().Key] = true
		}
	}
	for _, p := range m.all() {
		full := bindings(p)
		if len(full) == 0 {
			t.Errorf("%T has no keys", p)
		}
		for _, b := range full {
			if !inHelp[b.Help().Key] {
				t.Errorf("%T takes %s, which the help does not list", p, b.Help().Key)
			}
		}
		for _, s := range p.ShortHelp() {
			if !slices.ContainsFunc(full, func(b key.Binding) bool { return slices.Equal(b.Keys(), s.Keys()) }) {
				t.Errorf("%T's short help has %s, which its full help lacks", p, s.Help().Key)
			}
		}
	}
	// "a" is the stack pane's: elsewhere it starts a command.
	focusOn(m, focusStack)
	press(m, "a")
	if !m.stk.all || m.focus != focusStack {
		t.Errorf("a in the stack pane: all frames %v, focus %d", m.stk.all, m.focus)
	}
	focusOn(m, focusVars)
	press(m, "a")
	if m.focus != focusConsole || m.con.input.Value() != "a" {
		t.Errorf("a in the variables pane: focus %d, console %q", m.focus, m.con.input.Value())
	}
}
