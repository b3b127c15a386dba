package ui

import (
	"strings"
	"testing"

	"github.com/pdbgo/pdbgo/internal/debug"
)

// killCounter is the fake debugger counting the kills asked of it.
type killCounter struct {
	*fakeDebugger
	kills int
}

func (k *killCounter) Kill() error { k.kills++; return nil }

// TestKillOfAttachedProcessAsksFirst: in the TUI, kill of a process pdbgo attached to (did not
// start) runs only when typed twice in a row; anything typed between keeps the process.
func TestKillOfAttachedProcessAsksFirst(t *testing.T) {
	dbg := &killCounter{fakeDebugger: &fakeDebugger{}}
	m := New(Options{Debugger: dbg, ConfirmKill: true})
	settle(m, m.Init())
	typeLine(m, "kill")
	if dbg.kills != 0 {
		t.Fatal("the first kill killed the attached process")
	}
	if log := strings.Join(m.con.log.lines, "\n"); !strings.Contains(log, "pdbgo did not start this process: kill again to end it") {
		t.Errorf("kill did not ask first:\n%s", log)
	}
	typeLine(m, "p slot")
	typeLine(m, "kill")
	if dbg.kills != 0 {
		t.Fatal("kill after another command killed without asking again")
	}
	typeLine(m, "kill")
	if dbg.kills != 1 {
		t.Errorf("kill typed twice in a row: %d kills, want 1", dbg.kills)
	}

	started := &killCounter{fakeDebugger: &fakeDebugger{}}
	m = New(Options{Debugger: started})
	settle(m, m.Init())
	typeLine(m, "kill")
	if started.kills != 1 {
		t.Errorf("kill of a process pdbgo started: %d kills, want 1 at once", started.kills)
	}
}

// TestStatusLineSaysKilledBySignal: a program that died of a signal is said to be killed by
// it, as the console (and line mode) say it, never "exited (status -9)".
func TestStatusLineSaysKilledBySignal(t *testing.T) {
	m := New(Options{Debugger: &fakeDebugger{}})
	settle(m, m.Init())
	m.view.exited = true
	m.view.stop = debug.Stop{Kind: debug.StopExited, ExitStatus: -9, GoroutineID: -1}
	if got := m.statusLine(); !strings.Contains(got, "killed by signal 9 (SIGKILL)") || strings.Contains(got, "-9") {
		t.Errorf("status line %q", got)
	}
}
