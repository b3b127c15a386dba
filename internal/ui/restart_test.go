package ui

import (
	"os"
	"path/filepath"
	"slices"
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

// rebuiltDebugger is the fake whose program gains a function when it is built again.
type rebuiltDebugger struct {
	fakeDebugger
	funcs []string
}

func (d *rebuiltDebugger) Functions() ([]string, error) { return d.funcs, nil }

// TestRestartRereadsTheProgramsFunctions: after restart built the program again, o and tab
// completion know its new functions (before, the index read at the first stop stayed).
func TestRestartRereadsTheProgramsFunctions(t *testing.T) {
	d := &rebuiltDebugger{funcs: []string{"main.lookup", "main.main"}}
	m := New(Options{Debugger: d})
	m.Update(resize(100, 30))
	settle(m, m.Init())
	if m.index == nil || slices.Contains(m.con.compl.funcs, "main.added") {
		t.Fatalf("the index at the first stop: %+v", m.index)
	}
	d.funcs = append(d.funcs, "main.added")
	typeLine(m, "restart")
	if !slices.Contains(m.index.funcs, "main.added") || !slices.Contains(m.con.compl.funcs, "main.added") {
		t.Errorf("after restart: index %v, completion %v", m.index.funcs, m.con.compl.funcs)
	}
}
