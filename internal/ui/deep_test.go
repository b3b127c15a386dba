package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pdbgo/pdbgo/internal/stack"
)

// deepDebugger is the fake stopped at the bottom of a recursion 10,000 calls deep.
type deepDebugger struct {
	fakeDebugger
	reads int
}

func (d *deepDebugger) Stacktrace(gid int64, skip, count int) ([]stack.Frame, error) {
	d.reads++
	frames := []stack.Frame{
		{Function: "runtime.gopanic", File: "/usr/local/go/src/runtime/panic.go", Line: 783},
		{Function: "main.walk", File: "testdata/crash/main.go", Line: 14},
	}
	for range 10000 {
		frames = append(frames, stack.Frame{Function: "main.walk", File: "testdata/crash/main.go", Line: 20})
	}
	frames = append(frames, stack.Frame{Function: "main.main", File: "testdata/crash/main.go", Line: 30},
		stack.Frame{Function: "runtime.main", File: "/usr/local/go/src/runtime/proc.go", Line: 285})
	skip = min(skip, len(frames))
	return frames[skip:min(skip+count, len(frames))], nil
}

// TestStackPaneDeepStack: the stack pane of a deep stack reads older frames as the cursor
// goes past the frames read, and end reaches main.main.
func TestStackPaneDeepStack(t *testing.T) {
	fake := &deepDebugger{}
	m := New(Options{Debugger: fake})
	m.Update(resize(100, 30))
	settle(m, m.Init())
	if m.view.stack.Complete || m.view.stack.Len() != stack.FirstPage-1 {
		t.Fatalf("at the stop: %d frames visible, complete %v", m.view.stack.Len(), m.view.stack.Complete)
	}
	focusOn(m, focusStack)
	for range stack.FirstPage - 2 {
		press(m, "down")
	}
	if m.view.frame != stack.FirstPage-2 {
		t.Fatalf("frame %d after moving down to the last frame read", m.view.frame)
	}
	if v := m.stk.View(); !strings.Contains(v, "older frames: ↓ or end reads them") {
		t.Errorf("the last frame read does not say older frames can be read:\n%s", v)
	}
	press(m, "down")
	if m.view.frame != stack.FirstPage-1 || m.view.stack.Len() <= stack.FirstPage-1 {
		t.Fatalf("down past the frames read: frame %d, %d frames visible", m.view.frame, m.view.stack.Len())
	}
	press(m, "end")
	if !m.view.stack.Complete || m.view.frame != 10001 || m.view.stack.Frame(m.view.frame).Function != "main.main" {
		t.Fatalf("end: frame %d of %d, complete %v", m.view.frame, m.view.stack.Len(), m.view.stack.Complete)
	}
	if v := m.stk.View(); !strings.Contains(v, ">10001 main.main  main.go:30") || strings.Contains(v, "older frames") {
		t.Errorf("the stack pane at the oldest frame:\n%s", v)
	}
	checkWidth(t, m.View(), 100, 30)
	_, _ = m.Update(tea.KeyMsg{Type: tea.KeyCtrlD})
}
