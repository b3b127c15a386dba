package ui

import (
	"strings"
	"testing"

	"github.com/pdbgo/pdbgo/internal/debug"
)

// trapDebugger stops as a session the trace package started does.
type trapDebugger struct{ fakeDebugger }

func (d *trapDebugger) Continue() (debug.Stop, error) {
	return debug.Stop{Kind: debug.StopTrap, Message: "Stopped by trace.SetTrace()", GoroutineID: 1}, nil
}

func TestTraceStopStatus(t *testing.T) {
	m := New(Options{Debugger: &trapDebugger{}})
	m.Update(resize(80, 24))
	settle(m, m.Init())
	lines := strings.Split(strings.TrimRight(m.View(), "\n"), "\n")
	if status := lines[len(lines)-1]; !strings.Contains(status, "Stopped by trace.SetTrace()") {
		t.Errorf("the status line does not say what stopped the program: %q", status)
	}
}

func TestQuitOnExit(t *testing.T) {
	m := New(Options{Debugger: &exitingDebugger{}, QuitOnExit: true})
	m.Update(resize(80, 24))
	settle(m, m.Init())
	if !m.quitting {
		t.Error("the TUI of a traced program stays open after the program exited")
	}
	m = New(Options{Debugger: &exitingDebugger{}})
	m.Update(resize(80, 24))
	settle(m, m.Init())
	if m.quitting {
		t.Error("the TUI quit when the program exited without QuitOnExit")
	}
}
