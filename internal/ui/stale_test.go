//go:build linux && amd64

package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/session"
)

// TestTUINeverShowsStaleValues: the TUI reads a frame's variables through the session, which
// shows those the runtime did not keep as not kept: at the panic of faultmap (its frame dead
// for the runtime, the stack moved and written over) the locals pane says so of the map and
// the pointer instead of what the memory holds now, and the console refuses len(m).
func TestTUINeverShowsStaleValues(t *testing.T) {
	sess, err := session.Start(session.Config{Mode: session.ModeRun, Packages: []string{"../session/testdata/faultmap"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	m := New(Options{Debugger: sess})
	m.Update(resize(200, 50))
	settle(m, m.Init())
	if m.view.stop.Kind != debug.StopPanic {
		t.Fatalf("the TUI did not stop at the panic: %+v", m.view.stop)
	}
	screen := ansi.Strip(m.View())
	for _, want := range []string{"m = (unreadable not kept", "q = (unreadable not kept", "s = main.pair {m: (unreadable not kept"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the screen lacks %q:\n%s", want, screen)
		}
	}
	if strings.Contains(screen, "3735928559") {
		t.Errorf("the screen shows what another goroutine wrote:\n%s", screen)
	}
	typeLine(m, "p len(m)")
	if screen := ansi.Strip(m.View()); !strings.Contains(screen, "m is not kept") {
		t.Errorf("p len(m) was not refused:\n%s", screen)
	}
}
