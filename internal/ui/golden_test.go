package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
)

// widths are the terminal widths every pane is drawn at; heights go with them.
var sizes = []struct{ w, h int }{{80, 24}, {120, 30}, {200, 40}}

// scene is the example stopped at its panic, with the caller selected, a struct expanded and
// a big slice paged once: most of what the panes can show.
func scene(t *testing.T, w, h int) *Model {
	t.Helper()
	m, _ := newStopped(t, w, h)
	selectVar(t, m, "big")
	press(m, "enter")
	selectVar(t, m, "more")
	press(m, "enter")
	typeLine(m, "display slot")
	typeLine(m, "break testdata/crash/main.go:20")
	selectVar(t, m, "o =")
	press(m, "enter")
	selectVar(t, m, "Items")
	press(m, "enter")
	return m
}

// TestGoldenPanes draws each pane at 80, 120 and 200 columns, without colour, and compares it
// with testdata/TestGoldenPanes/PANE/WIDTH.golden (go test ./internal/ui -update rewrites them).
func TestGoldenPanes(t *testing.T) {
	for _, sz := range sizes {
		m := scene(t, sz.w, sz.h)
		paneH := sz.h / 2
		// Each pane as it looks with the focus, at the size given.
		focused := func(f focus, p pane, w, h int) string {
			m.setFocus(f)
			p.SetSize(w, h)
			return p.View()
		}
		views := map[string]func() string{
			"source": func() string { return focused(focusSource, m.src, sz.w, paneH) },
			"stack": func() string {
				m.stk.all = true
				defer func() { m.stk.all = false }()
				return focused(focusStack, m.stk, sz.w, 6)
			},
			"variables": func() string { return focused(focusVars, m.vars, sz.w, paneH) },
			// The end of the tree: the page row of the big slice and the watches.
			"variables-end": func() string {
				m.vars.SetSize(sz.w, paneH)
				cursor := m.vars.cursor
				defer m.vars.setCursor(cursor)
				m.vars.setCursor(len(m.vars.rows()) - 1)
				return focused(focusVars, m.vars, sz.w, paneH)
			},
			"console": func() string { return focused(focusConsole, m.con, sz.w, paneH) },
			"goroutines": func() string {
				settle(m, m.showGoroutines())
				m.gor.SetSize(sz.w, 6)
				return m.gor.View()
			},
			"breakpoints": func() string { m.bpl.SetSize(sz.w, 6); return m.bpl.View() },
			"open": func() string {
				settle(m, m.openPicker())
				m.pick.SetSize(sz.w, 8)
				for _, r := range "ma" {
					settle(m, m.pick.Update(keyMsg(string(r))))
				}
				defer m.closeOverlay()
				return m.pick.View()
			},
			"viewer": func() string {
				m.closeOverlay()
				selectVar(t, m, "long =")
				settle(m, m.vars.viewValue(m.vars.selectedNode()))
				m.val.SetSize(sz.w, 8)
				defer m.closeOverlay()
				return m.val.View()
			},
			"help": func() string { m.help.SetSize(sz.w, paneH); return m.help.View() },
			"status": func() string {
				m.closeOverlay()
				m.setFocus(focusSource)
				return m.keyRow() + "\n" + m.statusLine()
			},
		}
		for _, name := range []string{"source", "stack", "variables", "variables-end", "console", "goroutines", "breakpoints", "open", "viewer", "help", "status"} {
			t.Run(fmt.Sprintf("%s/%d", name, sz.w), func(t *testing.T) {
				v := views[name]()
				checkWidth(t, v, sz.w, 0)
				golden.RequireEqual(t, v)
			})
		}
	}
}

// TestGoldenScreen draws the whole screen at each size: the README's capture is the 120 one.
func TestGoldenScreen(t *testing.T) {
	for _, sz := range sizes {
		t.Run(fmt.Sprint(sz.w), func(t *testing.T) {
			m, _ := newStopped(t, sz.w, sz.h)
			typeLine(m, "up")
			selectVar(t, m, "o =")
			press(m, "enter")
			focusOn(m, focusConsole)
			v := m.View()
			checkWidth(t, v, sz.w, sz.h)
			golden.RequireEqual(t, v)
		})
	}
}

// TestSmallTerminals: no size, however small, draws a line wider than the terminal.
func TestSmallTerminals(t *testing.T) {
	m, _ := newStopped(t, 80, 24)
	for _, sz := range []struct{ w, h int }{{80, 24}, {60, 15}, {40, 12}, {39, 11}, {20, 5}, {1, 1}, {300, 80}} {
		m.Update(resize(sz.w, sz.h))
		checkWidth(t, m.View(), sz.w, sz.h)
	}
}

// TestColorAndNoColor: with a colour terminal the screen has colours; NO_COLOR's profile has
// none, not even bold or reverse, and says the same with its markers.
func TestColorAndNoColor(t *testing.T) {
	defer lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetColorProfile(termenv.ANSI256)
	m, _ := newStopped(t, 100, 30)
	colored := m.View()
	if !strings.Contains(colored, "\x1b[") {
		t.Error("no colour on a colour terminal")
	}
	checkWidth(t, colored, 100, 30)
	t.Setenv("NO_COLOR", "1")
	if !noColor() {
		t.Fatal("NO_COLOR is not seen")
	}
	SetColor(false)
	m, _ = newStopped(t, 100, 30)
	plain := m.View()
	if strings.Contains(plain, "\x1b[") {
		t.Errorf("escape sequences with NO_COLOR: %q", plain)
	}
	if ansi.Strip(colored) != plain {
		t.Errorf("the screen reads differently without colour:\n%s\n---\n%s", ansi.Strip(colored), plain)
	}
}
