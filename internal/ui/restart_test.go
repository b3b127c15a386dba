package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestRestartRereadsSourcePane: restart empties the one source cache, so the source pane shows
// the file as it is now, not as it was first read.
func TestRestartRereadsSourcePane(t *testing.T) {
	data, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "main.go")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	m := New(Options{Debugger: &fakeDebugger{File: file}})
	m.Update(resize(100, 30))
	settle(m, m.Init())
	if v := ansi.Strip(m.src.View()); !strings.Contains(v, "return o.Meta[key] + len(o.Items[slot])") {
		t.Fatalf("the source pane at the stop:\n%s", v)
	}
	edited := strings.Replace(string(data), "return o.Meta[key] + len(o.Items[slot])", "return o.Meta[key] * 2 // edited", 1)
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	typeLine(m, "restart")
	if v := ansi.Strip(m.src.View()); !strings.Contains(v, "return o.Meta[key] * 2 // edited") {
		t.Errorf("after restart the source pane shows the old file:\n%s", v)
	}
}
