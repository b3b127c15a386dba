package ui

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/debug/debugtest"
	"github.com/pdbgo/pdbgo/internal/stack"
)

// Flow tests drive the whole model through bubbletea with teatest, over the fake debugger.

// flow is a model run by bubbletea under teatest, with everything it drew so far: the renderer
// only redraws lines that changed, so a test looks for text in all of it.
type flow struct {
	*teatest.TestModel
	seen []byte
}

func startFlow(t *testing.T) (*flow, *fakeDebugger) {
	t.Helper()
	fake := &fakeDebugger{}
	m := New(Options{Debugger: fake, HistoryFile: t.TempDir() + "/history"})
	tm := &flow{TestModel: teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 30))}
	waitScreen(t, tm, "index out of range [5] with length 2")
	return tm, fake
}

// waitScreen waits until every string in want was drawn, since the start of the test.
func waitScreen(t *testing.T, tm *flow, want ...string) {
	t.Helper()
	has := func(b []byte) bool {
		for _, w := range want {
			if !bytes.Contains(b, []byte(w)) {
				return false
			}
		}
		return true
	}
	if has(tm.seen) {
		return
	}
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		if has(append(tm.seen[:len(tm.seen):len(tm.seen)], b...)) {
			tm.seen = append(tm.seen, b...)
			return true
		}
		return false
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

func finish(t *testing.T, tm *flow) *Model {
	t.Helper()
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlD})
	return tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
}

// typeInto types a command into the console (: moves there from a pane) and runs it.
func typeInto(tm *flow, line string) {
	tm.Type(":" + line)
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
}

func TestFlowStopMessage(t *testing.T) {
	tm, _ := startFlow(t)
	waitScreen(t, tm, "stopped: panic: runtime error", "-> ", "main.lookup", "slot = 5")
	m := finish(t, tm)
	if m.view.frame != 0 || m.view.gid != 1 || m.view.stop.Kind != debug.StopPanic {
		t.Errorf("at the stop: frame %d goroutine %d kind %v", m.view.frame, m.view.gid, m.view.stop.Kind)
	}
}

func TestFlowUp(t *testing.T) {
	tm, _ := startFlow(t)
	typeInto(tm, "up")
	// The caller's locals and its line.
	waitScreen(t, tm, "sum = 5", "Source  main.go:20", "main.total()")
	m := finish(t, tm)
	if m.view.frame != 1 {
		t.Errorf("frame %d after up, want 1", m.view.frame)
	}
	if m.src.current != 20 || m.src.panicLine != 14 {
		t.Errorf("source at line %d, panic line %d; want 20 and 14", m.src.current, m.src.panicLine)
	}
}

func TestFlowExpandNode(t *testing.T) {
	tm, fake := startFlow(t)
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})   // source -> stack
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})   // stack -> variables
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter}) // expand o, the first row
	waitScreen(t, tm, "ID = 41")
	tm.Send(tea.KeyMsg{Type: tea.KeyDown})  // ID
	tm.Send(tea.KeyMsg{Type: tea.KeyDown})  // Items
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter}) // Items needs loading: o.Items
	waitScreen(t, tm, `"kettle"`)
	finish(t, tm)
	if !slices.Contains(fake.Evaluated(), "o.Items") {
		t.Errorf("expanding Items evaluated %q, want o.Items", fake.Evaluated())
	}
}

func TestFlowPageBigSlice(t *testing.T) {
	tm, fake := startFlow(t)
	typeInto(tm, "")                           // an empty line repeats nothing yet
	tm.Send(tea.KeyMsg{Type: tea.KeyShiftTab}) // console -> variables
	tm.Send(tea.KeyMsg{Type: tea.KeyEnd})      // big, the last local
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitScreen(t, tm, `[3] = "item3"`)
	tm.Send(tea.KeyMsg{Type: tea.KeyEnd}) // the "... more" row
	waitScreen(t, tm, "... 999,936 more")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitScreen(t, tm, `[64] = "item64"`)
	tm.Send(tea.KeyMsg{Type: tea.KeyEnd})
	waitScreen(t, tm, "... 999,872 more")
	m := finish(t, tm)
	if !slices.Contains(fake.Evaluated(), "big[64:128]") {
		t.Errorf("paging evaluated %q, want big[64:128]", fake.Evaluated())
	}
	big := m.vars.nodes["l:big"]
	if big == nil || len(big.kids) != 128 || big.kids[127].label != "[127]" || big.kids[127].expr != "big[127]" {
		t.Fatalf("big after one page: %+v", big)
	}
}

// TestFlowStaleReplyDropped: replies that arrive after the user asked for another view do not
// repaint it: a snapshot answering an earlier request, and a value loaded for the variables tree
// of an earlier frame.
func TestFlowStaleReplyDropped(t *testing.T) {
	tm, _ := startFlow(t)
	typeInto(tm, "up")
	waitScreen(t, tm, "sum = 5")
	// Frame 1 is shown: the view of request 2, the variables tree's generation 2.
	// The snapshot answering request 1 (the first stop) arrives again, as if late, pointing at
	// another frame.
	tm.Send(snapshotMsg{seq: 1, frame: 2, gid: 1, stack: stack.New(fakeFrames)})
	// A load of o asked for in generation 1 (frame 0, where o is an argument) arrives late;
	// frame 1 has a local o too, which it must not replace.
	tm.Send(evalMsg{gen: 1, path: "l:o", v: order("o", 99, true)})
	// A key that repaints without asking the debugger, to know both were handled.
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlO})
	waitScreen(t, tm, "Program output")
	m := finish(t, tm)
	if m.view.frame != 1 || m.src.current != 20 {
		t.Errorf("frame %d at line %d, want frame 1 at line 20: a stale snapshot moved the view", m.view.frame, m.src.current)
	}
	if o := m.vars.nodes["l:o"]; o == nil || o.open || strings.Contains(o.v.String(), "99") {
		t.Errorf("the stale load reached frame 1's o: %v", o != nil && o.open)
	}
}

// TestStaleEvalReplyDropped: a node opened while a step is on its way is loaded after the
// step's stop is shown. The reply belongs to the tree of the stop before; the new tree has a
// node of the same key, for the new stop's value, which the reply must not fill.
func TestStaleEvalReplyDropped(t *testing.T) {
	fake := &fakeDebugger{AtBreakpoint: true} // a panic stop cannot step
	m := New(Options{Debugger: fake})
	m.Update(resize(120, 30))
	settle(m, m.Init())
	selectVar(t, m, "o =")
	press(m, "enter")                // o opens at once: its fields are loaded
	_, step := m.Update(keyMsg("n")) // next: in flight
	selectVar(t, m, "Items")
	_, load := m.Update(keyMsg("enter")) // Items needs loading: it waits behind the next
	if load != nil {
		t.Fatal("the load started while the next was in flight")
	}
	settle(m, step) // the next's stop is shown, then the load runs and answers
	if !slices.Contains(fake.Evaluated(), "o.Items") {
		t.Fatalf("the load did not run: evaluated %q", fake.Evaluated())
	}
	if fake.Slot() != 1 {
		t.Fatalf("the next did not run")
	}
	items := m.vars.nodes["a:o/Items"]
	if items == nil || items.open || items.loading || len(items.v.Children) != 0 {
		t.Errorf("the reply for the stop before filled the new tree's Items: %v", items != nil && items.open)
	}
}

// TestStaleFrameReplyDropped moves through frames faster than they load: the reply for the
// frame left behind must not repaint, the last one chosen wins.
func TestStaleFrameReplyDropped(t *testing.T) {
	m, _ := newStopped(t, 120, 30)
	first := m.stk.selectFrame(1) // in flight
	second := m.stk.selectFrame(2)
	if second != nil {
		t.Fatal("a second request started while one was in flight")
	}
	reply := replyOf(first).(snapshotMsg)
	_, next := m.Update(reply)
	if m.view.frame != 0 || m.src.current != 14 {
		t.Errorf("the reply for frame 1 repainted the view: frame %d, line %d", m.view.frame, m.src.current)
	}
	settle(m, next)
	if m.view.frame != 2 || m.src.current != 30 {
		t.Errorf("after the last reply: frame %d, line %d; want frame 2 at line 30", m.view.frame, m.src.current)
	}
}

// TestChangedValues: a value that changed since the last stop in the same frame is marked.
func TestChangedValues(t *testing.T) {
	m := New(Options{Debugger: &fakeDebugger{AtBreakpoint: true}})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	settle(m, m.Init())
	typeLine(m, "next")
	n := m.vars.nodes["a:slot"]
	if n == nil || !n.changed || n.v.Value != "6" {
		t.Fatalf("slot after next: %+v", n)
	}
	if k := m.vars.nodes["a:key"]; k == nil || k.changed {
		t.Errorf("key did not change but is marked")
	}
	if !strings.Contains(m.vars.View(), " •  slot = 6") || !strings.Contains(m.vars.View(), "• changed") {
		t.Errorf("the changed value is not marked:\n%s", m.vars.View())
	}
}

func TestHistoryKeptAcrossRuns(t *testing.T) {
	file := t.TempDir() + "/state/pdbgo/history"
	m := New(Options{Debugger: &fakeDebugger{}, HistoryFile: file})
	settle(m, m.Init())
	typeLine(m, "p slot")
	typeLine(m, "where")
	m2 := New(Options{Debugger: &fakeDebugger{}, HistoryFile: file})
	settle(m2, m2.Init())
	m2.setFocus(focusConsole)
	press(m2, "up")
	if got := m2.con.input.Value(); got != "where" {
		t.Errorf("first line up the history: %q, want where", got)
	}
	press(m2, "up")
	if got := m2.con.input.Value(); got != "p slot" {
		t.Errorf("second line up the history: %q, want p slot", got)
	}
}

func TestHistoryFileBounded(t *testing.T) {
	file := t.TempDir() + "/history"
	var b strings.Builder
	for i := range 3 * maxHistory {
		fmt.Fprintf(&b, "p %d\n", i)
	}
	os.WriteFile(file, []byte(b.String()), 0o600)
	h := loadHistory(file)
	if len(h) != maxHistory || h[len(h)-1] != fmt.Sprintf("p %d", 3*maxHistory-1) {
		t.Fatalf("loaded %d lines, last %q", len(h), h[len(h)-1])
	}
	if again := loadHistory(file); len(again) != maxHistory {
		t.Errorf("the file was not cut down: %d lines", len(again))
	}
}

func TestCompletion(t *testing.T) {
	m, _ := newStopped(t, 120, 30)
	for _, c := range []struct{ typed, want string }{
		{"wh", "wh"}, // whatis, where
		{"whe", "where "},
		{"p sl", "p slot"},
		{"p o.It", "p o.Items"},
		{"p len(o.M", "p len(o.Meta"},
		{"break ma", "break main."}, // main.go: and the functions main.lookup, ...
		{"break main.g", "break main.go:"},
		{"break main.go:", "break main.go:14"},
		{"b main.lo", "b main.lookup"},
		{"list main.t", "list main.total"},
		{"tbreak main.m", "tbreak main.main"},
		{"help cond", "help condition"},
	} {
		m.con.input.SetValue(c.typed)
		m.setFocus(focusConsole)
		press(m, "tab")
		if got := m.con.input.Value(); got != c.want {
			t.Errorf("tab after %q gave %q, want %q", c.typed, got, c.want)
		}
	}
}

func TestEveryCommandRunsInTheConsole(t *testing.T) {
	m, _ := newStopped(t, 120, 30)
	for _, line := range []string{"where", "p slot", "pp o", "whatis key", "locals", "args", "list", "ll",
		"display slot", "undisplay slot", "break testdata/crash/main.go:20", "tbreak 30", "disable 1", "enable 1", "condition 1 i == 1", "clear 1",
		"goroutines", "goroutine 1", "frame 1", "down", "until", "help", "help up"} {
		typeLine(m, line)
	}
	log := strings.Join(m.con.log.lines, "\n")
	for _, want := range []string{"(pdbgo) where", ">  0  main.lookup()", "(pdbgo) whatis key\nstring", "Breakpoint 1 at testdata/crash/main.go:20", "Deleted breakpoint 1", "Goroutine 1"} {
		if !strings.Contains(log, want) {
			t.Errorf("console log lacks %q:\n%s", want, log)
		}
	}
	typeLine(m, "q")
	if !m.quitting {
		t.Error("q did not quit")
	}
}

// replyOf runs the request a command starts and returns its reply, skipping spinner ticks.
func replyOf(cmd tea.Cmd) tea.Msg {
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			if c == nil {
				continue
			}
			if r := replyOf(c); r != nil {
				return r
			}
		}
		return nil
	case spinner.TickMsg:
		return nil
	default:
		return msg
	}
}

func TestBreakpointFromSourcePane(t *testing.T) {
	m, fake := newStopped(t, 120, 30)
	focusOn(m, focusSource)
	press(m, "down", "down", "down", "down", "down", "down") // line 20
	press(m, "b")
	bps, _ := fake.Breakpoints()
	if len(bps) != 1 || bps[0].Line != 20 || bps[0].File != fixture {
		t.Fatalf("b on line 20 set %+v", bps)
	}
	if !strings.Contains(m.src.View(), "●20") {
		t.Errorf("no breakpoint marker on line 20:\n%s", m.src.View())
	}
	press(m, "B")
	if m.overlay != m.bpl || !strings.Contains(m.bpl.View(), "main.go:20") {
		t.Fatalf("B does not list the breakpoint:\n%s", m.bpl.View())
	}
	press(m, "b") // disable
	if bps, _ := fake.Breakpoints(); !bps[0].Disabled {
		t.Error("b in the breakpoints view did not disable it")
	}
	press(m, "x")
	if bps, _ := fake.Breakpoints(); len(bps) != 0 {
		t.Errorf("x did not delete the breakpoint: %+v", bps)
	}
	press(m, "esc")
	if m.overlay != nil {
		t.Error("esc did not close the breakpoints view")
	}
}

func TestGoroutinesView(t *testing.T) {
	m, _ := newStopped(t, 120, 30)
	focusOn(m, focusStack)
	press(m, "g")
	v := m.gor.View()
	if m.overlay != m.gor || !strings.Contains(v, "*     1  main.lookup") || !strings.Contains(v, "5  time.Sleep") {
		t.Fatalf("goroutines view:\n%s", v)
	}
	// The runtime's goroutines are hidden, as the goroutines command hides them, and counted.
	if strings.Contains(v, "forcegchelper") || !strings.Contains(v, "1 runtime not shown") {
		t.Errorf("the goroutines view lists the runtime's goroutines:\n%s", v)
	}
	press(m, "down", "enter")
	if !strings.Contains(strings.Join(m.con.log.lines, "\n"), "(pdbgo) goroutine 5") {
		t.Errorf("choosing goroutine 5 did not switch to it:\n%s", strings.Join(m.con.log.lines, "\n"))
	}
}

func TestStartupCommandsAndKeys(t *testing.T) {
	fake := &fakeDebugger{}
	m := New(Options{Debugger: fake, Commands: []string{"up", "p sum"}})
	m.Update(resize(120, 30))
	settle(m, m.Init())
	if m.view.frame != 1 || !strings.Contains(strings.Join(m.con.log.lines, "\n"), "(pdbgo) p sum") {
		t.Fatalf("-c commands did not run: frame %d\n%s", m.view.frame, strings.Join(m.con.log.lines, "\n"))
	}
	focusOn(m, focusVars)
	press(m, "d")
	if m.view.frame != 0 {
		t.Errorf("d left frame %d, want 0", m.view.frame)
	}
	press(m, "u", "u")
	if m.view.frame != 2 {
		t.Errorf("u u left frame %d, want 2", m.view.frame)
	}
	press(m, "?")
	if m.overlay != m.help || !strings.Contains(m.View(), "frame up (caller)") {
		t.Errorf("? did not open the help")
	}
	press(m, "esc")
	focusOn(m, focusStack)
	press(m, "a")
	if !strings.Contains(m.stk.View(), "runtime.gopanic") {
		t.Errorf("a did not show the runtime frames:\n%s", m.stk.View())
	}
	press(m, "p") // any other letter starts a command
	if m.focus != focusConsole || m.con.input.Value() != "p" {
		t.Errorf("p in the stack pane: focus %d, console %q", m.focus, m.con.input.Value())
	}
	press(m, "ctrl+d")
	if !m.quitting {
		t.Error("ctrl+d did not quit")
	}
}

func TestMouse(t *testing.T) {
	m, _ := newStopped(t, 120, 30)
	r := m.rects[focusStack]
	m.Update(tea.MouseMsg{X: r.x + 2, Y: r.y + 2, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress}) // row of frame 1
	if m.focus != focusStack || m.stk.selected() != 1 {
		t.Fatalf("a click on frame 1: focus %d, frame %d", m.focus, m.stk.selected())
	}
	s := m.rects[focusSource]
	top := m.src.vp.top
	_, cmd := m.Update(tea.MouseMsg{X: s.x + 1, Y: s.y + 3, Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	settle(m, cmd)
	if m.src.vp.top <= top && m.src.lineCount() > m.src.bodyHeight() {
		t.Errorf("the wheel did not scroll the source: top %d -> %d", top, m.src.vp.top)
	}
}

func TestQuitWhileRunning(t *testing.T) {
	m := New(Options{Debugger: &fakeDebugger{}})
	m.Update(resize(120, 30))
	m.Init() // the first stop is in flight and never answers here
	if !m.busy() {
		t.Fatal("not busy with the first stop")
	}
	typeLine(m, "q")
	if !m.quitting {
		t.Error("q while the program runs did not quit")
	}
}

// TestLongString: enter on a long string opens the viewer, which loads the whole string in
// pages (a 2,700-byte string: no part of it is left out) and scrolls through it.
func TestLongString(t *testing.T) {
	m, fake := newStopped(t, 80, 24)
	selectVar(t, m, "long =")
	press(m, "enter")
	if m.overlay != m.val {
		t.Fatalf("enter on a long string did not open the viewer:\n%s", m.View())
	}
	for _, want := range []string{"long[64:1088]", "long[1088:2112]", "long[2112:2700]"} {
		if !slices.Contains(fake.Evaluated(), want) {
			t.Errorf("the viewer did not load %s: evaluated %q", want, fake.Evaluated())
		}
	}
	if got := string(m.val.text); got != debugtest.LongText {
		t.Fatalf("the viewer holds %d bytes of the %d", len(got), len(debugtest.LongText))
	}
	v := m.View()
	checkWidth(t, v, 80, 24)
	if !strings.Contains(v, "Value  long  string, 2,700 bytes") || !strings.Contains(v, "The quick brown fox") {
		t.Errorf("the viewer:\n%s", v)
	}
	press(m, "end")
	if v := m.val.View(); !strings.Contains(v, "lazy dog.") || strings.Contains(v, "more bytes") {
		t.Errorf("the end of the string:\n%s", v)
	}
	press(m, "esc")
	if m.overlay != nil {
		t.Error("esc did not close the viewer")
	}
}

func TestConsoleScroll(t *testing.T) {
	m, _ := newStopped(t, 80, 24)
	for i := range 50 {
		m.con.log.add(fmt.Sprintf("line %d %s\n", i, strings.Repeat("x", 100)), nil)
	}
	last := m.con.log.view()
	if !strings.HasPrefix(last[len(last)-1], "xxxx") || len(last) != m.con.log.height {
		t.Fatalf("bottom of the log: %q", last)
	}
	m.setFocus(focusConsole)
	press(m, "pgup")
	up := m.con.log.view()
	if slices.Equal(up, last) {
		t.Error("pgup did not scroll the log")
	}
	for range 100 {
		m.con.log.scrollBy(10)
	}
	if top := m.con.log.view(); !strings.HasPrefix(top[0], "panic: ") && !strings.HasPrefix(top[0], "line 0") {
		t.Errorf("scrolled to the top, the first row is %q", top[0])
	}
	checkWidth(t, m.con.View(), 80, m.con.height)
}

func TestStartFailure(t *testing.T) {
	m := New(Options{Debugger: &fakeDebugger{}, Start: func(in *command.Interpreter) error {
		return in.Break("nowhere")
	}})
	m.Update(resize(80, 24))
	settle(m, m.Init())
	if m.Err() == nil || !m.quitting {
		t.Fatalf("a failed start: err %v, quitting %v", m.Err(), m.quitting)
	}
}

// TestFlowRunningAndHalt: while the program runs the TUI keeps answering, with a spinner; ctrl+c
// halts the program.
func TestFlowRunningAndHalt(t *testing.T) {
	dbg := &blockingDebugger{halted: make(chan struct{})}
	m := New(Options{Debugger: dbg, Halt: dbg.Halt})
	tm := &flow{TestModel: teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))}
	waitScreen(t, tm, "index out of range")
	typeInto(tm, "c")
	waitScreen(t, tm, "running: ctrl+c halts it")
	tm.Type("p sl") // the console still takes keys
	waitScreen(t, tm, "(pdbgo) p sl")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	waitScreen(t, tm, "Program stopped.", "halted")
	finish(t, tm)
}

// TestFlowProgramOutput: what the program prints shows in the output pane, with its escape
// sequences removed so it cannot move the cursor or change the screen.
func TestFlowProgramOutput(t *testing.T) {
	out := strings.NewReader("hello from the program\r\n\x1b[2J\x1b[31mred\x1b[0m text\r\n")
	m := New(Options{Debugger: &fakeDebugger{}, Output: out})
	tm := &flow{TestModel: teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))}
	waitScreen(t, tm, "index out of range", "(ctrl+o: program output, 2 new lines)")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlO})
	waitScreen(t, tm, "hello from the program", "red text")
	fm := finish(t, tm)
	for _, l := range fm.con.output.lines {
		if strings.ContainsRune(l, '\x1b') {
			t.Errorf("program output kept an escape sequence: %q", l)
		}
	}
}

type exitingDebugger struct{ fakeDebugger }

func (d *exitingDebugger) Continue() (debug.Stop, error) {
	return debug.Stop{Kind: debug.StopExited, ExitStatus: 3, GoroutineID: -1}, nil
}

func TestProgramExited(t *testing.T) {
	m := New(Options{Debugger: &exitingDebugger{}})
	m.Update(resize(80, 24))
	settle(m, m.Init())
	v := m.View()
	for _, want := range []string{"exited (status 3)", "The program exited with status 3.", "the program has exited"} {
		if !strings.Contains(v, want) {
			t.Errorf("the screen lacks %q:\n%s", want, v)
		}
	}
	checkWidth(t, v, 80, 24)
	typeLine(m, "p x")
	if !strings.Contains(strings.Join(m.con.log.lines, "\n"), "*** the program has exited") {
		t.Errorf("a command after the exit does not say so")
	}
}

func TestSourceSideways(t *testing.T) {
	m, _ := newStopped(t, 80, 24)
	focusOn(m, focusSource)
	before := m.src.View()
	m.Update(tea.KeyMsg{Type: tea.KeyRight})
	after := m.src.View()
	if before == after || !strings.Contains(after, "(from column 9)") {
		t.Errorf("right did not scroll the source sideways:\n%s", after)
	}
	checkWidth(t, after, m.src.width, m.src.height)
	m.Update(tea.KeyMsg{Type: tea.KeyLeft})
	if m.src.View() != before {
		t.Error("left did not scroll back")
	}
}

func TestRunToSourceLine(t *testing.T) {
	m, _ := newStopped(t, 100, 30)
	focusOn(m, focusSource)
	press(m, "down", "t")
	log := strings.Join(m.con.log.lines, "\n")
	if !strings.Contains(log, "(pdbgo) tbreak testdata/crash/main.go:15 ;; continue") || !strings.Contains(log, "Temporary breakpoint 1 at testdata/crash/main.go:15") {
		t.Errorf("t did not run to line 15:\n%s", log)
	}
}

// TestStepFromTheSelectedFrame: a frame chosen in the stack pane is the frame n steps from,
// as after up in the line mode: the TUI passes the interpreter's scope to the debugger.
func TestStepFromTheSelectedFrame(t *testing.T) {
	fake := &fakeDebugger{AtBreakpoint: true}
	m := New(Options{Debugger: fake})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	settle(m, m.Init())
	settle(m, m.stk.selectFrame(1))
	focusOn(m, focusStack)
	press(m, "n")
	want := debug.Scope{GoroutineID: 1, Frame: 3} // main.total, under the runtime's two frames
	if got := fake.Steps(); len(got) != 1 || got[0] != want {
		t.Errorf("n stepped from %v, want %v", got, want)
	}
}

// TestNoStepAtAPanic: n at a panic stop says in the console that the program is dying and
// does not run it.
func TestNoStepAtAPanic(t *testing.T) {
	m, fake := newStopped(t, 120, 30)
	focusOn(m, focusSource)
	press(m, "n")
	log := strings.Join(m.con.log.lines, "\n")
	if !strings.Contains(log, "*** the program is dying of an unrecovered panic and cannot step: c lets it die, restart runs it again") {
		t.Errorf("n at the panic did not say why it cannot step:\n%s", log)
	}
	if len(fake.Steps()) != 0 || m.view.frame != 0 || m.src.current != 14 {
		t.Errorf("n at the panic ran the program: steps %v, frame %d, line %d", fake.Steps(), m.view.frame, m.src.current)
	}
}

// TestDisplayWithACallRunsOncePerStop: the watch pane shows a display that calls a function
// with the value the interpreter printed at the stop; it does not run the call again (a call
// can have effects). A display without calls is read again for the pane, as before.
func TestDisplayWithACallRunsOncePerStop(t *testing.T) {
	fake := &fakeDebugger{AtBreakpoint: true}
	m := New(Options{Debugger: fake})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	settle(m, m.Init())
	count := func(expr string) int {
		n := 0
		for _, e := range fake.Evaluated() {
			if e == expr {
				n++
			}
		}
		return n
	}
	typeLine(m, "display lookup(o, key, 0)")
	typeLine(m, "display slot")
	calls, reads := count("lookup(o, key, 0)"), count("slot")
	typeLine(m, "next")
	if got := count("lookup(o, key, 0)") - calls; got != 1 {
		t.Errorf("a stop evaluated the display with a call %d times, want 1", got)
	}
	if got := count("slot") - reads; got != 2 {
		t.Errorf("a stop evaluated the plain display %d times, want 2 (the console, the pane)", got)
	}
	var w *varNode
	for _, n := range m.vars.watches {
		if n.expr == "lookup(o, key, 0)" {
			w = n
		}
	}
	if w == nil || w.err == "" {
		t.Errorf("the watch pane lacks the display's result: %+v", w)
	}
}
