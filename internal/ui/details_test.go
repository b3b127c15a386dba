package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/debug/debugtest"
	"github.com/pdbgo/pdbgo/internal/value"
)

// TestSmallTerminalWarning: a terminal too small for the panes gets a warning that fits it,
// whatever its size: no word is cut, and from 5 columns it says the size needed.
func TestSmallTerminalWarning(t *testing.T) {
	m, _ := newStopped(t, 80, 24)
	for w := 1; w < minWidth; w++ {
		for h := 1; h < minHeight; h++ {
			m.Update(resize(w, h))
			v := m.View()
			checkWidth(t, v, w, h)
			if strings.Contains(v, "…") {
				t.Errorf("%dx%d: the warning is cut:\n%s", w, h, v)
			}
			if w >= 5 && !strings.Contains(strings.Join(strings.Fields(v), " "), "40x12") {
				t.Errorf("%dx%d: the warning does not say the size needed:\n%s", w, h, v)
			}
		}
	}
	m.Update(resize(20, 6))
	if v := strings.Join(strings.Fields(m.View()), " "); !strings.Contains(v, "pdbgo: the terminal is too small (20x6; at least 40x12)") {
		t.Errorf("20x6: %q", v)
	}
}

// wideDebugger is the fake stopped in a copy of the crash example whose lines hold wide
// characters and emoji sequences (a family, a flag, a skin tone, a combining accent), with
// values that hold them too.
type wideDebugger struct{ fakeDebugger }

const wideText = "日本語 👨‍👩‍👧 🇯🇵 👍🏽 e\u0301 ⚠️"

func (d *wideDebugger) Locals(sc debug.Scope, l debug.Load) ([]value.Value, error) {
	vs, err := d.fakeDebugger.Locals(sc, l)
	return append(vs, debugtest.Str("wide", strings.Repeat(wideText, 3))), err
}

// TestWideCharacters: wide characters and emoji sequences in the source, the values, the
// console and the program's output never push a pane's border out of line: every row is the
// terminal's width, and the rule between the source and the side panes is in one column.
func TestWideCharacters(t *testing.T) {
	data, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for i := range lines {
		if i%2 == 0 {
			lines[i] += " // " + wideText
		}
	}
	file := filepath.Join(t.TempDir(), "main.go")
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	m := New(Options{Debugger: &wideDebugger{fakeDebugger{File: file}}, Output: strings.NewReader(wideText + "\n")})
	for _, sz := range []struct{ w, h int }{{80, 24}, {97, 31}, {120, 30}, {200, 40}} {
		m.Update(resize(sz.w, sz.h))
		settle(m, m.Init())
		typeLine(m, "p \""+wideText+"\"")
		typeLine(m, "display wide")
		selectVar(t, m, "wide =")
		v := m.View()
		checkWidth(t, v, sz.w, sz.h)
		rule := -1
		for i, l := range strings.Split(v, "\n")[:m.src.height] {
			j := strings.LastIndex(l, "│")
			if j < 0 {
				t.Fatalf("%dx%d: row %d has no rule:\n%s", sz.w, sz.h, i, v)
			}
			col := ansi.StringWidth(l[:j])
			if rule >= 0 && col != rule {
				t.Errorf("%dx%d: row %d has the rule at column %d, not %d:\n%s", sz.w, sz.h, i, col, rule, v)
			}
			rule = col
		}
		press(m, "z")
		checkWidth(t, m.View(), sz.w, sz.h)
		press(m, "z")
		press(m, "v")
		checkWidth(t, m.View(), sz.w, sz.h)
		press(m, "esc")
	}
}

// TestConsoleCursorWithoutColour: NO_COLOR strips reverse video, the console's cursor with it:
// the console draws a block of its own instead, only while it has the focus.
func TestConsoleCursorWithoutColour(t *testing.T) {
	defer lipgloss.SetColorProfile(termenv.Ascii)
	m, _ := newStopped(t, 80, 24)
	typeLine(m, "")
	typeKeys(m, "p sl")
	m.con.input.SetCursor(2)
	if line := m.con.inputView(); !strings.HasPrefix(line, "(pdbgo) p █sl") {
		t.Errorf("the console without colour: %q", line)
	}
	press(m, "esc", "esc")
	if line := m.con.inputView(); strings.Contains(line, "█") {
		t.Errorf("a cursor in the console without the focus: %q", line)
	}
	lipgloss.SetColorProfile(termenv.ANSI256)
	press(m, ":")
	if line := m.con.inputView(); !strings.Contains(line, "\x1b[7m") || strings.Contains(line, "█") {
		t.Errorf("the console in colour draws its cursor in reverse video: %q", line)
	}
}
