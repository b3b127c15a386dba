package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// TestRunningIsNeverStopped: while the program runs, the source, stack and variables are the
// last stop's and say so (titled running, dimmed); a command typed is echoed at once and
// queued, one that would run the program is refused with the reason, and n does nothing but
// say why; the status line says how to halt it and see its output. At the next stop the queued
// command runs.
func TestRunningIsNeverStopped(t *testing.T) {
	defer lipgloss.SetColorProfile(termenv.Ascii)
	dbg := &blockingDebugger{halted: make(chan struct{})}
	m := New(Options{Debugger: dbg, Halt: dbg.Halt})
	m.Update(resize(120, 30))
	settle(m, m.Init())
	_, cont := m.Update(keyMsg("c"))
	replies := make(chan tea.Msg, 1)
	go func() { replies <- replyOf(cont) }()
	for !m.w.running.Load() {
		time.Sleep(time.Millisecond)
	}
	// A spinner tick after runningDelay: the program still runs.
	m.since = time.Now().Add(-runningDelay)
	m.Update(spinner.TickMsg{})

	for _, c := range []struct {
		name, view, want string
	}{
		{"source", m.src.View(), "Source  running · last stop main.go:14"},
		{"stack", m.stk.View(), "Stack  running · last stop goroutine 1"},
		{"variables", m.vars.View(), "Variables  running · last stop main.lookup"},
		{"status", m.statusLine(), "running: ctrl+c halts it, ctrl+o shows its output"},
	} {
		if !strings.Contains(c.view, c.want) {
			t.Errorf("%s while running lacks %q:\n%s", c.name, c.want, c.view)
		}
	}
	lipgloss.SetColorProfile(termenv.ANSI256)
	dim := theme.Dim.Render("x")
	for _, l := range strings.Split(m.src.View(), "\n")[1:] {
		if ansi.Strip(l) != "" && !strings.HasPrefix(l, dim[:strings.Index(dim, "x")]) {
			t.Errorf("a source line is not dimmed while running: %q", l)
		}
	}
	lipgloss.SetColorProfile(termenv.Ascii)

	typeLine(m, "p slot")
	typeLine(m, "next")
	focusOn(m, focusSource)
	press(m, "n")
	log := strings.Join(m.con.log.lines, "\n")
	for _, want := range []string{"(pdbgo) p slot\n(queued: runs at the next stop)", "(pdbgo) next\n*** not run: the program is running (ctrl+c halts it"} {
		if !strings.Contains(log, want) {
			t.Errorf("the console lacks %q:\n%s", want, log)
		}
	}
	if strings.Count(log, "*** not run") != 2 {
		t.Errorf("n while running was not refused:\n%s", log)
	}

	_, halt := m.Update(tea.KeyMsg{Type: tea.KeyCtrlC})
	settle(m, halt)
	_, next := m.Update(<-replies)
	settle(m, next)
	if m.view.running || !strings.Contains(m.statusLine(), "halted") {
		t.Errorf("after the halt: running %v, status %q", m.view.running, m.statusLine())
	}
	log = strings.Join(m.con.log.lines, "\n")
	if !strings.HasSuffix(strings.TrimSpace(log), "5") || strings.Count(log, "(pdbgo) p slot") != 1 {
		t.Errorf("the queued p slot did not run at the stop (once, echoed once):\n%s", log)
	}
}

// TestProgramInputKeepsTheOrderTyped: a line typed for the program and the ctrl+d typed after it
// reach the program's terminal in that order, whichever of their writes bubbletea would run
// first (it runs Cmds concurrently): before, the end of input could overtake the line, and the
// program read nothing (seen as "read 0 bytes" in TestEndToEndRunningProgram under load).
func TestProgramInputKeepsTheOrderTyped(t *testing.T) {
	var typed strings.Builder
	m := New(Options{Debugger: &fakeDebugger{}, Input: &typed})
	m.Update(resize(100, 30))
	settle(m, m.Init())
	m.setFocus(focusConsole)
	m.con.toggleOutput()
	for _, r := range "hello" {
		press(m, string(r))
	}
	_, line := m.Update(keyMsg("enter"))
	_, eof := m.Update(keyMsg("ctrl+d"))
	settle(m, eof) // the later write runs first
	settle(m, line)
	if got, want := typed.String(), "hello\n\x04"; got != want {
		t.Errorf("the program's terminal got %q, want %q", got, want)
	}
}

// TestRunningRefusesAliasesThatRun: while the program runs, an alias of continue and rewind
// are refused as c is (before, only the table's own names were, and the alias was queued to run
// the program again at the next stop).
func TestRunningRefusesAliasesThatRun(t *testing.T) {
	dbg := &blockingDebugger{halted: make(chan struct{})}
	m := New(Options{Debugger: dbg, Halt: dbg.Halt})
	m.Update(resize(120, 30))
	settle(m, m.Init())
	m.con.compl.aliases = map[string]string{"cc": "continue"}
	_, cont := m.Update(keyMsg("c"))
	replies := make(chan tea.Msg, 1)
	go func() { replies <- replyOf(cont) }()
	for !m.w.running.Load() {
		time.Sleep(time.Millisecond)
	}
	m.since = time.Now().Add(-runningDelay)
	m.Update(spinner.TickMsg{})
	typeLine(m, "cc")
	typeLine(m, "rw")
	log := strings.Join(m.con.log.lines, "\n")
	if n := strings.Count(log, "*** not run: the program is running"); n != 2 {
		t.Errorf("%d of cc and rw refused while running:\n%s", n, log)
	}
	if strings.Contains(log, "queued") {
		t.Errorf("a command that runs the program was queued:\n%s", log)
	}
	_, halt := m.Update(tea.KeyMsg{Type: tea.KeyCtrlC})
	settle(m, halt)
	_, next := m.Update(<-replies)
	settle(m, next)
}
