package ui

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/debug"
)

// benchScene is golden_test.go's scene at 200x60: the example stopped at its panic with a big
// slice paged once, a display, a breakpoint and a struct expanded.
func benchScene(b *testing.B, dbg *fakeDebugger) *Model {
	b.Helper()
	m := New(Options{Debugger: dbg})
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
	settle(m, m.Init())
	if !m.view.started {
		b.Fatal("the model did not reach the first stop")
	}
	benchSelect(b, m, "big")
	press(m, "enter")
	benchSelect(b, m, "more")
	press(m, "enter")
	typeLine(m, "display slot")
	typeLine(m, "break testdata/crash/main.go:20")
	benchSelect(b, m, "o =")
	press(m, "enter")
	benchSelect(b, m, "Items")
	press(m, "enter")
	return m
}

// benchSelect is selectVar for a benchmark.
func benchSelect(b *testing.B, m *Model, s string) {
	b.Helper()
	focusOn(m, focusVars)
	for i, r := range m.vars.rows() {
		if s == "more" && r.more != nil || s != "more" && r.node != nil && strings.Contains(ansi.Strip(m.vars.nodeText(r.node)), s) {
			m.vars.setCursor(i)
			return
		}
	}
	b.Fatalf("no variables row with %q", s)
}

// BenchmarkPaneView renders each pane at 200x60 (a pane gets half the height, as in the golden
// tests), and the whole screen.
func BenchmarkPaneView(b *testing.B) {
	m := benchScene(b, &fakeDebugger{})
	const w, h = 200, 60
	settle(m, m.showGoroutines())
	m.closeOverlay()
	// Each pane is drawn as it looks with the focus, and the screen with the variables focused.
	views := []struct {
		name  string
		focus focus
		view  func() string
	}{
		{"source", focusSource, m.src.View},
		{"stack", focusStack, m.stk.View},
		{"variables", focusVars, m.vars.View},
		{"console", focusConsole, m.con.View},
		{"goroutines", focusVars, m.gor.View},
		{"breakpoints", focusVars, m.bpl.View},
		{"help", focusVars, m.help.View},
		{"status", focusVars, func() string { return m.keyRow() + "\n" + m.statusLine() }},
		{"screen", focusVars, func() string { return m.View() }},
	}
	for _, p := range m.all() {
		p.SetSize(w, h/2)
	}
	for _, v := range views {
		b.Run(v.name, func(b *testing.B) {
			m.setFocus(v.focus)
			if v.name == "screen" {
				m.Update(tea.WindowSizeMsg{Width: w, Height: h})
			}
			b.ReportAllocs()
			for b.Loop() {
				if v.view() == "" {
					b.Fatal("empty view")
				}
			}
		})
	}
}

// slowDebugger is the fake with a program that runs until released: next and continue block.
type slowDebugger struct {
	*fakeDebugger
	release chan struct{}
}

func (d slowDebugger) Next(sc debug.Scope) (debug.Stop, error) {
	<-d.release
	return d.fakeDebugger.Next(sc)
}

// BenchmarkKeyWhilePending is a key press and the redraw that follows it while a request to
// the debugger is pending (a next that does not return): input to redraw must stay under
// 16 ms, a frame at 60 Hz, however slow the program.
func BenchmarkKeyWhilePending(b *testing.B) {
	fake := &fakeDebugger{AtBreakpoint: true} // a panic stop cannot step
	slow := slowDebugger{fakeDebugger: fake, release: make(chan struct{})}
	m := New(Options{Debugger: slow})
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
	settle(m, m.Init())
	focusOn(m, focusVars)
	_, cmd := m.Update(keyMsg("n"))
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // bubbletea runs a Cmd in a goroutine of its own; this one blocks in Next
		defer wg.Done()
		runCmd(cmd)
	}()
	b.Cleanup(func() { close(slow.release); wg.Wait() })
	var ds []time.Duration
	keysPressed := []string{"down", "up", "tab"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		t := time.Now()
		m.Update(keyMsg(keysPressed[i%len(keysPressed)]))
		_ = m.View()
		ds = append(ds, time.Since(t))
		i++
	}
	if m.inflight == nil {
		b.Fatal("the next did not stay pending")
	}
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(ds[len(ds)*99/100].Microseconds())/1000, "ms-p99")
	b.ReportMetric(float64(ds[len(ds)-1].Microseconds())/1000, "ms-worst")
}

// runCmd runs a command and the batches it holds, dropping their messages.
func runCmd(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	if batch, ok := cmd().(tea.BatchMsg); ok {
		var wg sync.WaitGroup
		for _, c := range batch {
			wg.Add(1)
			go func() { defer wg.Done(); runCmd(c) }()
		}
		wg.Wait()
	}
}
