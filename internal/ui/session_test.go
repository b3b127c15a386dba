package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/session"
)

// startSession runs testdata/session through real Delve under the TUI's model, stopped at its
// breakpoints.
func startSession(t *testing.T, breaks ...string) *Model {
	t.Helper()
	sess, err := session.Start(session.Config{Mode: session.ModeRun, Packages: []string{"./testdata/session"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	m := New(Options{Debugger: sess, Start: func(in *command.Interpreter) error {
		return in.Start(command.BeginRun, breaks)
	}})
	m.Update(resize(120, 40))
	settle(m, m.Init())
	if !m.view.started || m.view.stop.Kind != debug.StopBreakpoint {
		t.Fatalf("the program did not stop at its breakpoint: %+v\n%s", m.view.stop, m.View())
	}
	return m
}

// selectKey puts the variables cursor on the row of the node with key k ("l:r/next").
func selectKey(t *testing.T, m *Model, k string) {
	t.Helper()
	focusOn(m, focusVars)
	for i, r := range m.vars.rows() {
		if r.node != nil && r.node.key == k {
			m.vars.setCursor(i)
			return
		}
	}
	t.Fatalf("no variables row %s:\n%s", k, m.vars.View())
}

// varsText is the variables pane's rows as text, all of them, without the pane's height.
func varsText(m *Model) string {
	var b strings.Builder
	for _, r := range m.vars.rows() {
		b.WriteString(ansi.Strip(m.vars.row(r, false)) + "\n")
	}
	return b.String()
}

// TestVariablesOnARealProgram: the variables tree on a real program through real Delve: a
// cyclic list shows where it turns, a map's entries come in the order of their keys, [ goes to
// an index of a 1,000-element slice, enter on a 2,000-byte string shows all of it.
func TestVariablesOnARealProgram(t *testing.T) {
	m := startSession(t, "main.go:47")
	selectKey(t, m, "l:r")
	press(m, "enter")
	for _, k := range []string{"l:r/next", "l:r/next/next"} {
		selectKey(t, m, k)
		press(m, "enter")
	}
	back := m.vars.nodes["l:r/next/next/next"]
	if back == nil || back.cycle != "r" || expandable(back.v) && back.open {
		t.Fatalf("the third node's next (the first again) is not marked:\n%s", varsText(m))
	}
	if !strings.Contains(varsText(m), "next = *main.node ↻ same as r") {
		t.Errorf("no cycle mark:\n%s", varsText(m))
	}

	selectKey(t, m, "l:ages")
	press(m, "enter")
	text := varsText(m)
	a, b, c, d := strings.Index(text, `["alice"] = 1`), strings.Index(text, `["bob"] = 2`), strings.Index(text, `["carol"] = 3`), strings.Index(text, `["dave"] = 4`)
	if a < 0 || !(a < b && b < c && c < d) {
		t.Errorf("the map's entries are not in the order of their keys:\n%s", text)
	}

	selectKey(t, m, "l:big")
	press(m, "enter", "[")
	for _, r := range "500" {
		press(m, string(r))
	}
	press(m, "enter")
	if r, _ := m.vars.selected(); r.node == nil || r.node.key != "l:big/[500]" || r.node.v.Value != "250000" {
		t.Fatalf("[ 500 did not go to big[500]:\n%s", m.vars.View())
	}
	if text := varsText(m); !strings.Contains(text, "... 500 earlier") || !strings.Contains(text, "... 436 more") {
		t.Errorf("around big[500]:\n%s", text)
	}

	selectKey(t, m, "l:long")
	press(m, "enter")
	if m.overlay != m.val || string(m.val.text) != strings.Repeat("0123456789", 200) {
		t.Fatalf("the viewer holds %d bytes of long's 2,000:\n%s", len(m.val.text), m.View())
	}
	checkWidth(t, m.View(), 120, 40)
}

// TestExpansionsKeptOnARealProgram: what the user opened, three levels down, stays open when
// the frame is left and shown again (u, d) and across stops in the same function; the cursor
// comes back to its row. After return the value returned has a row.
func TestExpansionsKeptOnARealProgram(t *testing.T) {
	m := startSession(t, "main.go:47")
	selectKey(t, m, "l:r")
	press(m, "enter")
	for _, k := range []string{"l:r/next", "l:r/next/next"} {
		selectKey(t, m, k)
		press(m, "enter")
	}
	selectKey(t, m, "l:r/next/next/val")
	opened := func(when string) {
		t.Helper()
		for _, k := range []string{"l:r", "l:r/next", "l:r/next/next"} {
			if n := m.vars.nodes[k]; n == nil || !n.open {
				t.Errorf("%s: %s is not open:\n%s", when, k, varsText(m))
			}
		}
		if r, _ := m.vars.selected(); r.node == nil || r.node.key != "l:r/next/next/val" {
			t.Errorf("%s: the cursor is on %+v, not r.next.next.val", when, r.node)
		}
	}
	typeLine(m, "step") // into square: a new stop, another function
	if f := m.view.stack.Frame(m.view.frame).Function; f != "main.square" {
		t.Fatalf("step went to %s", f)
	}
	typeLine(m, "up")
	focusOn(m, focusVars)
	opened("up from square, a new stop")
	typeLine(m, "down")
	typeLine(m, "up")
	focusOn(m, focusVars)
	opened("down and up again")

	typeLine(m, "down")
	typeLine(m, "return")
	text := varsText(m)
	if !strings.Contains(text, "Returned") || !strings.Contains(text, "result = 0") {
		t.Errorf("after return, no row for what square returned:\n%s", text)
	}
	if !strings.Contains(m.statusLine(), "after a return") {
		t.Errorf("status after return: %q", m.statusLine())
	}
	focusOn(m, focusVars)
	opened("back in main after return")
}

// TestUntilIsAStop: until in the TUI runs the loop to its end through real Delve, and the panes
// show the new stop: the line after the loop, the total it summed (not the tree of the stop
// before, which a run the model does not count as a stop would keep).
func TestUntilIsAStop(t *testing.T) {
	m := startSession(t, "main.go:47")
	if text := varsText(m); !strings.Contains(text, "total = 0") {
		t.Fatalf("at the breakpoint:\n%s", text)
	}
	typeLine(m, "clear 1")
	typeLine(m, "until")
	if s := m.statusLine(); !strings.Contains(s, "stopped at main.go:49") {
		t.Errorf("after until: %q", s)
	}
	if text := varsText(m); !strings.Contains(text, "total = 5") {
		t.Errorf("after until, the variables are not the new stop's:\n%s", text)
	}
}

// TestNoInternalBreakpointNamed: after until LINE and t, the status line says where the
// program stopped, not the number of the breakpoint pdbgo set for itself.
func TestNoInternalBreakpointNamed(t *testing.T) {
	m := startSession(t, "main.go:47")
	if s := m.statusLine(); !strings.Contains(s, "stopped at breakpoint 1 (main.go:47)") {
		t.Errorf("at the user's breakpoint: %q", s)
	}
	typeLine(m, "clear 1")
	typeLine(m, "until 49")
	if s := m.statusLine(); strings.Contains(s, "breakpoint") || !strings.Contains(s, "stopped at main.go:49") {
		t.Errorf("after until 49: %q", s)
	}
	m = startSession(t, "main.go:47")
	typeLine(m, "clear 1")
	focusOn(m, focusSource)
	press(m, "G")
	for m.src.cursor > 49 {
		press(m, "k")
	}
	press(m, "t")
	if m.src.current != 49 {
		t.Fatalf("t on line 49 stopped at %d", m.src.current)
	}
	if s := m.statusLine(); strings.Contains(s, "breakpoint") || !strings.Contains(s, "stopped at main.go:49") {
		t.Errorf("after t: %q", s)
	}
	if log := strings.Join(m.con.log.lines, "\n"); !slices.ContainsFunc(m.con.log.lines, func(l string) bool { return strings.Contains(l, "Temporary breakpoint") }) {
		t.Errorf("t did not say what it set:\n%s", log)
	}
}
