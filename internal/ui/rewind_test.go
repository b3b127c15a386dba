package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/session"
)

// TestTUIRewind: rewind in the TUI's console runs the real program again to the entry of the
// call that panicked; the panes show that call, its arguments those of the panicking call.
func TestTUIRewind(t *testing.T) {
	sess, err := session.Start(session.Config{Mode: session.ModeRun, Packages: []string{"../command/testdata/rewind"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	m := New(Options{Debugger: sess})
	m.Update(resize(160, 40))
	settle(m, m.Init())
	stops := m.view.stops
	typeLine(m, "rewind")
	screen := ansi.Strip(m.View())
	for _, want := range []string{"Rewound to call 3 of main.lookup", "slot = 2", "func lookup(o order, slot int) string {"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the screen lacks %q:\n%s", want, screen)
		}
	}
	if m.view.stops == stops {
		t.Error("the TUI did not take the rewind for a stop")
	}
}
