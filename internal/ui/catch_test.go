package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/session"
)

// TestTUICatchesRecoveredPanic: with catch recovered (--recovered) the TUI stops at a panic the
// program recovers, through real Delve, in the frame that raised it; catch off in the console
// and c let the program run to its end.
func TestTUICatchesRecoveredPanic(t *testing.T) {
	sess, err := session.Start(session.Config{Mode: session.ModeRun, Packages: []string{"./testdata/recovering"}, CatchPanics: []string{"main"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	m := New(Options{Debugger: sess})
	m.Update(resize(160, 40))
	settle(m, m.Init())
	if m.view.stop.Kind != debug.StopCaught {
		t.Fatalf("the TUI did not stop at the caught panic: %+v", m.view.stop)
	}
	screen := ansi.Strip(m.View())
	for _, want := range []string{"caught as it began: panic: too big: 3", "frame 0", "panic(fmt.Errorf(\"too big: %d\", n))", "n = 3"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the screen lacks %q:\n%s", want, screen)
		}
	}
	typeLine(m, "catch off")
	typeLine(m, "c")
	if !m.view.exited {
		t.Errorf("c after catch off did not run to the end:\n%s", ansi.Strip(m.View()))
	}
}

// TestStatusLineAtCaughtPanic: the status line says the panic was caught as it began.
func TestStatusLineAtCaughtPanic(t *testing.T) {
	m := New(Options{Debugger: &fakeDebugger{AtCaught: true}})
	m.Update(resize(120, 30))
	settle(m, m.Init())
	if screen := ansi.Strip(m.View()); !strings.Contains(screen, "caught as it began: panic: runtime error: index out of range") {
		t.Errorf("status line:\n%s", screen)
	}
}
