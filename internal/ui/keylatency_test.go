package ui

import (
	"slices"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// BenchmarkKeyToScreen is the TUI's input-to-screen latency, in-process, over the fake
// debugger at 120x40: from a key to the screen that shows its effect, that is the key's
// Update, every command it starts and the messages they answer with (the fake answers at
// once, so this is pdbgo's own work, not the program's), then View. Each key is pressed in
// a cycle that brings the screen back (u then d, open then close), and reports the median and
// the 99th percentile of its presses (ms-p50, ms-p99). bubbletea paints at most 60 times a
// second: in a terminal a frame may wait up to 16.7 ms more. make bench quotes these.
func BenchmarkKeyToScreen(b *testing.B) {
	for _, k := range []struct {
		name  string
		focus focus
		cycle []string
	}{
		{"n next", focusSource, []string{"n"}},
		{"s step", focusSource, []string{"s"}},
		{"u-d frame", focusStack, []string{"u", "d"}},
		{"down-up variables", focusVars, []string{"down", "up"}},
		{"enter expand", focusVars, []string{"enter"}},
		{"tab focus", focusSource, []string{"tab"}},
		{"g goroutines", focusSource, []string{"g", "esc"}},
		{"typing", focusConsole, []string{"p", "backspace"}},
	} {
		b.Run(k.name, func(b *testing.B) {
			m := New(Options{Debugger: &fakeDebugger{AtBreakpoint: true}})
			m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
			settle(m, m.Init())
			if !m.view.started {
				b.Fatal("the model did not reach the first stop")
			}
			if k.name == "enter expand" {
				benchSelect(b, m, "o =")
			}
			focusOn(m, k.focus)
			var ds []time.Duration
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if k.focus != focusConsole && k.name != "tab focus" && m.focus != k.focus {
					b.StopTimer()
					focusOn(m, k.focus)
					b.StartTimer()
				}
				t := time.Now()
				_, cmd := m.Update(benchKey(k.cycle[i%len(k.cycle)]))
				settle(m, cmd)
				if m.View() == "" {
					b.Fatal("empty screen")
				}
				ds = append(ds, time.Since(t))
				i++
			}
			slices.Sort(ds)
			b.ReportMetric(float64(ds[len(ds)/2].Nanoseconds())/1e6, "ms-p50")
			b.ReportMetric(float64(ds[(len(ds)*99)/100].Nanoseconds())/1e6, "ms-p99")
		})
	}
}

func benchKey(s string) tea.KeyMsg {
	if s == "backspace" {
		return tea.KeyMsg{Type: tea.KeyBackspace}
	}
	return keyMsg(s)
}
