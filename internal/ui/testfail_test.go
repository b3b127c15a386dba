package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/debug/debugtest"
	"github.com/pdbgo/pdbgo/internal/session"
)

// TestTUIStopsOnTestFailure: under the TUI a failing test stops as in line mode, through real
// Delve: the status line says what failed, the test's line is selected (the helper's caller),
// and c goes on to the next failure.
func TestTUIStopsOnTestFailure(t *testing.T) {
	sess, err := session.Start(session.Config{Mode: session.ModeTest, Packages: []string{"./testdata/failing"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	m := New(Options{Debugger: sess})
	m.Update(resize(160, 40))
	settle(m, m.Init())
	if m.view.stop.Kind != debug.StopTestFailed {
		t.Fatalf("the TUI did not stop at the failure: %+v", m.view.stop)
	}
	screen := ansi.Strip(m.View())
	for _, want := range []string{
		"stopped: --- FAIL: TestSum: sum_test.go:14: got 3, want 6",
		"frame 1", // the helper equal is frame 0, its caller selected
		"->     equal(t, Sum(xs), 6)",
	} {
		if !strings.Contains(screen, want) {
			t.Errorf("the screen lacks %q:\n%s", want, screen)
		}
	}
	typeLine(m, "c")
	screen = ansi.Strip(m.View())
	if !strings.Contains(screen, "stopped: --- FAIL: TestSum: sum_test.go:15: Sum([1 2 3]) is wrong") || !strings.Contains(screen, "frame 0") {
		t.Errorf("c did not stop at the next failure:\n%s", screen)
	}
}

// TestStatusLineAtTestFailure: the status line says what failed; the frame the failure names
// is selected, its line current in the source pane.
func TestStatusLineAtTestFailure(t *testing.T) {
	m := New(Options{Debugger: &fakeDebugger{AtTestFailure: true}})
	m.Update(resize(120, 30))
	settle(m, m.Init())
	screen := ansi.Strip(m.View())
	if !strings.Contains(screen, "stopped: "+debugtest.TestFailureMessage) || m.view.frame != 1 || m.src.current != 20 {
		t.Errorf("frame %d, line %d:\n%s", m.view.frame, m.src.current, screen)
	}
}
