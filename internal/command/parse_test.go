package command_test

import (
	"bytes"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/debug/debugtest"
)

// These tests check how the interpreter reads what is typed (assignments, breakpoint
// locations, ";;", empty lines, list's arguments, the line loop) over the fake debugger: the
// shipped crash example stopped at its panic in main.lookup (examples/crash/main.go:14).
// What the commands do to a real program is tested through real Delve in fixtures_test.go.

// crashFile is the shipped crash example, the source the fake's frames name.
var crashFile, _ = filepath.Abs("../../examples/crash/main.go")

// atPanic returns an interpreter stopped at the fake's panic; the output so far is dropped.
func atPanic(t *testing.T) (*command.Interpreter, *debugtest.Crash, *bytes.Buffer) {
	t.Helper()
	return stoppedIn(t, &debugtest.Crash{File: crashFile}, debug.StopPanic)
}

// atBreakpoint is the fake stopped at a breakpoint on the panicking line, before the panic:
// a program dying of a panic cannot step.
func atBreakpoint(t *testing.T) (*command.Interpreter, *debugtest.Crash, *bytes.Buffer) {
	t.Helper()
	return stoppedIn(t, &debugtest.Crash{File: crashFile, AtBreakpoint: true}, debug.StopBreakpoint)
}

func stoppedIn(t *testing.T, fake *debugtest.Crash, kind debug.StopKind) (*command.Interpreter, *debugtest.Crash, *bytes.Buffer) {
	t.Helper()
	var out bytes.Buffer
	in := command.New(fake, &out)
	if err := in.Start(command.BeginRun, nil); err != nil {
		t.Fatal(err)
	}
	if in.Stop().Kind != kind || in.Stack().Frame(in.FrameNumber()).Function != "main.lookup" {
		t.Fatalf("not stopped in main.lookup:\n%s", out.String())
	}
	out.Reset()
	return in, fake, &out
}

// typed runs each line as typed at the prompt and returns what the interpreter printed.
func typed(in *command.Interpreter, out *bytes.Buffer, lines ...string) string {
	out.Reset()
	for _, l := range lines {
		in.Execute(l)
	}
	return out.String()
}

func TestSetSplitsAtTheAssignment(t *testing.T) {
	for _, tc := range []struct {
		line          string
		target, value string // "": a usage error, nothing set
	}{
		{"set slot = 7", "slot", "7"},
		{"set slot=7", "slot", "7"},
		{`set o.Items[1] = "pot"`, "o.Items[1]", `"pot"`},
		{"set ok = a == b", "ok", "a == b"},
		{"set ok = a != b", "ok", "a != b"},
		{"set low = n <= 3", "low", "n <= 3"},
		{"set high = n >= 3", "high", "n >= 3"},
		{`set key = "a=b"`, "key", `"a=b"`},
		{`set o.Meta["a=b"] = 1`, `o.Meta["a=b"]`, "1"},
		{"set o.Meta[`k==v`] = 2", "o.Meta[`k==v`]", "2"},
		{`set o.Meta["\"="] = 3`, `o.Meta["\"="]`, "3"},
		{"set r = '='", "r", "'='"},
		{"set slot == 7", "", ""},
		{"set slot != 7", "", ""},
		{"set slot <= 7", "", ""},
		{"set slot >= 7", "", ""},
		{"set slot := 7", "", ""},
		{"set = 7", "", ""},
		{"set slot =", "", ""},
		{"set", "", ""},
		{`set s = "unterminated`, "s", `"unterminated`},
	} {
		in, fake, out := atPanic(t)
		got := typed(in, out, tc.line)
		sets := fake.Assignments()
		if tc.target == "" {
			if len(sets) != 0 || got != "*** usage: set VAR = VALUE\n" {
				t.Errorf("%s: set %v, printed %q; want a usage error", tc.line, sets, got)
			}
			continue
		}
		if want := []debugtest.Assignment{{Target: tc.target, Value: tc.value}}; !reflect.DeepEqual(sets, want) {
			t.Errorf("%s: set %+v, want %+v (printed %q)", tc.line, sets, want, got)
		}
		if !strings.HasPrefix(got, tc.target+" = ") {
			t.Errorf("%s: printed %q, want the new value of %s", tc.line, got, tc.target)
		}
	}
}

func TestBreakLocationAndCondition(t *testing.T) {
	in, _, out := atPanic(t)
	got := typed(in, out,
		"b",
		"b main.go:20 if i == 1",
		"break main.go:19",
		`b main.go:18 if name == "stop if asked"`,
		"tbreak main.total",
		"b main.go:21 if",
		"tbreak",
		"b")
	want := `No breakpoints.
Breakpoint 1 at main.go:20
Breakpoint 2 at main.go:19
Breakpoint 3 at main.go:18
Temporary breakpoint 4 at ` + crashFile + `:17
*** a condition is needed after if: LOC if COND
*** usage: tbreak LOC [if COND]
Num Type         Disp Enb   Where
1   breakpoint   keep yes   at main.go:20
	stop only if i == 1
2   breakpoint   keep yes   at main.go:19
3   breakpoint   keep yes   at main.go:18
	stop only if name == "stop if asked"
4   breakpoint   del  yes   at ` + crashFile + `:17
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	got = typed(in, out, "condition 2 sum > 3", "condition 1", "clear main.go:19", "clear 9", "clear x:y", "cl 1", "b")
	want = `New condition set for breakpoint 2
Removed the condition of breakpoint 1
Deleted breakpoint 2
*** no breakpoint 9
*** clear takes a breakpoint number or FILE:LINE, not "x:y"
Deleted breakpoint 1
Num Type         Disp Enb   Where
3   breakpoint   keep yes   at main.go:18
	stop only if name == "stop if asked"
4   breakpoint   del  yes   at ` + crashFile + `:17
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestSemicolonsSeparateCommands(t *testing.T) {
	in, fake, out := atBreakpoint(t)
	for _, tc := range []struct{ line, want string }{
		{"p slot ;; p key", "5\n\"qty\"\n"},
		{"p slot;;p key", "5\n\"qty\"\n"},
		{";; ;;  ;;", ""},
		{"zzz ;; p slot", "*** unknown command \"zzz\": help lists the commands, p EXPR prints a value\n5\n"},
		{"p nosuch ;; p slot", "*** name \"nosuch\" is not defined\n5\n"},
		{"  p key  ;;  ", "\"qty\"\n"},
	} {
		if got := typed(in, out, tc.line); got != tc.want {
			t.Errorf("%q printed %q, want %q", tc.line, got, tc.want)
		}
	}
	typed(in, out, "n ;; n ;; n")
	if fake.Slot() != 3 {
		t.Errorf("n ;; n ;; n stepped %d times, want 3", fake.Slot())
	}
	if got := typed(in, out, "q ;; p slot"); got != "" || !in.Quit() {
		t.Errorf("q ;; p slot: quit %v, printed %q; nothing runs after quit", in.Quit(), got)
	}
}

func TestEmptyLineRepeats(t *testing.T) {
	in, fake, out := atBreakpoint(t)
	if got := typed(in, out, ""); got != "" {
		t.Errorf("an empty first line printed %q", got)
	}
	if got := typed(in, out, "p slot", "", "  "); got != "5\n5\n5\n" {
		t.Errorf("p slot then empty lines: %q", got)
	}
	typed(in, out, "n", "", "")
	if fake.Slot() != 3 {
		t.Errorf("n then two empty lines stepped %d times, want 3", fake.Slot())
	}
	// After several commands on one line, the last one repeats.
	if got := typed(in, out, "p key ;; p slot", ""); got != "\"qty\"\n5\n5\n" {
		t.Errorf("p key ;; p slot then an empty line: %q", got)
	}
	// A line that ran no command leaves nothing to repeat.
	if got := typed(in, out, "zzz", ""); strings.Count(got, "***") != 1 {
		t.Errorf("zzz then an empty line: %q", got)
	}
	if got := typed(in, out, "up", "", ""); !strings.HasSuffix(got, "*** Oldest frame\n") || strings.Count(got, "\n> ") != 1 || !strings.HasPrefix(got, "> ") {
		t.Errorf("up then empty lines:\n%s", got)
	}
	// restart, quit and kill never repeat.
	if got := typed(in, out, "restart", ""); strings.Count(got, "Restarted.") != 1 {
		t.Errorf("restart then an empty line:\n%s", got)
	}
}

func TestListArguments(t *testing.T) {
	in, _, out := atPanic(t)
	lines := func(got string) []string {
		var ns []string
		for _, l := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
			head, _, _ := strings.Cut(l, "\t")
			ns = append(ns, strings.Join(strings.Fields(head), " "))
		}
		return ns
	}
	for _, tc := range []struct {
		line string
		want string // the first and last line numbers and marks, or the error
	}{
		{"list", "9 .. 14 -> .. 19"},
		{"", "20 .. 30"},     // an empty line continues the listing
		{"list", "31 .. 31"}, // to the end of the file
		{"list", "*** end of file"},
		{"list .", "9 .. 14 -> .. 19"},
		{"list 3", "1 .. 11"},
		{"list 20", "15 .. 25"},
		{"list 20, 22", "20 .. 22"},
		{"list 20, 2", "20 .. 22"}, // a second number below the first is a count
		{"l 28,40", "28 .. 31"},
		{"list main.total", "12 .. 14 -> .. 22"},
		{"list main.go:26", "21 .. 31"},
		{"list 99", "*** end of file"},
		{"list 20, y", `*** list takes FIRST, LAST as line numbers, not "20, y"`},
		{"list nosuch", `*** list takes a line number, FIRST, LAST or a location (FILE:LINE, FUNCTION): location "nosuch" not found`},
		{"ll", "13 .. 14 -> .. 15"},
		{"longlist", "13 .. 14 -> .. 15"},
	} {
		got := typed(in, out, tc.line)
		if strings.HasPrefix(got, "***") {
			if strings.TrimSuffix(got, "\n") != tc.want {
				t.Errorf("%q: %q, want %q", tc.line, got, tc.want)
			}
			continue
		}
		ns := lines(got)
		desc := ns[0] + " .. "
		for _, n := range ns {
			if strings.HasSuffix(n, "->") || strings.HasSuffix(n, ">>") {
				desc += n + " .. "
			}
		}
		desc += ns[len(ns)-1]
		if desc != tc.want {
			t.Errorf("%q listed %s, want %s:\n%s", tc.line, desc, tc.want, got)
		}
	}
	// In the caller, the panicking line is marked >> and the caller's line ->.
	typed(in, out, "up")
	if got := typed(in, out, "list 12, 22"); !strings.Contains(got, "  14  >>\t") || !strings.Contains(got, "  20  ->\t") {
		t.Errorf("list in the caller:\n%s", got)
	}
	if got := typed(in, out, "ll"); !strings.HasPrefix(got, "  17    \tfunc total") || !strings.HasSuffix(got, "  23    \t}\n") {
		t.Errorf("ll in the caller:\n%s", got)
	}
	// A breakpoint's line is marked B.
	typed(in, out, "b "+crashFile+":18")
	if got := typed(in, out, "list 18, 18"); got != "  18 B  \t\tsum := 0\n" {
		t.Errorf("list of a breakpoint's line: %q", got)
	}
}

// refusingReader fails the test when the loop reads from it.
type refusingReader struct{ t *testing.T }

func (r refusingReader) Read([]byte) (int, error) {
	r.t.Error("the input was read after quit")
	return 0, io.EOF
}

func TestRunScriptThenInput(t *testing.T) {
	in, _, out := atPanic(t)
	in.Run([]string{"p slot", "p key"}, strings.NewReader("up\np key\nq\np slot\n"), false)
	want := `(pdbgo) p slot
5
(pdbgo) p key
"qty"
(pdbgo) > ` + crashFile + `:20 main.total()
-> 		sum += lookup(o, "qty", i*5)
(pdbgo) "qty"
(pdbgo) `
	if got := out.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if !in.Quit() {
		t.Error("q did not quit")
	}

	in, _, out = atPanic(t)
	in.Run([]string{"p slot", "q", "p key"}, refusingReader{t}, false)
	if got := out.String(); got != "(pdbgo) p slot\n5\n(pdbgo) q\n" {
		t.Errorf("a script that quits: %q", got)
	}
}

func TestRunEndOfInput(t *testing.T) {
	// The last line without a newline still runs; the end of input ends the loop on a new line.
	in, _, out := atPanic(t)
	in.Run(nil, strings.NewReader("p slot\np key"), false)
	if got := out.String(); got != "(pdbgo) 5\n(pdbgo) \"qty\"\n(pdbgo) \n" {
		t.Errorf("got %q", got)
	}
	if in.Quit() {
		t.Error("the end of input is not a quit")
	}
}

func TestRunRefusesOverlongLines(t *testing.T) {
	in, _, out := atPanic(t)
	long := "p " + strings.Repeat("x", command.MaxLine)
	exact := "p " + strings.Repeat(" ", command.MaxLine-len("p key")) + "key"
	in.Run(nil, strings.NewReader("p slot\n"+long+"\n"+exact+"\np slot\n"), false)
	want := "(pdbgo) 5\n(pdbgo) *** the line is longer than 1024 KiB: it was not run\n(pdbgo) \"qty\"\n(pdbgo) 5\n(pdbgo) \n"
	if got := out.String(); got != want {
		if len(got) > 500 {
			got = got[:500] + "..."
		}
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// exiting is the crash example's debugger whose program exits with status 3 when continued.
type exiting struct{ *debugtest.Crash }

func (e exiting) Continue() (debug.Stop, error) {
	return debug.Stop{Kind: debug.StopExited, ExitStatus: 3, GoroutineID: -1}, nil
}

func TestRunUntilExit(t *testing.T) {
	for _, untilExit := range []bool{true, false} {
		var out bytes.Buffer
		in := command.New(exiting{&debugtest.Crash{File: crashFile}}, &out)
		in.OnStop(debug.Stop{Kind: debug.StopTrap, GoroutineID: 1, Message: "Stopped by trace.SetTrace"})
		out.Reset()
		in.Run([]string{"p slot"}, strings.NewReader("c\np slot\nq\n"), untilExit)
		got := out.String()
		want := "(pdbgo) p slot\n5\n(pdbgo) The program exited with status 3.\n"
		if !untilExit {
			want += "(pdbgo) *** the program has exited: restart runs it again, q quits\n(pdbgo) "
		}
		if got != want {
			t.Errorf("untilExit %v: got %q, want %q", untilExit, got, want)
		}
	}
}

// stoppedNowhere is a program stopped with no goroutine selected, as a deadlock stops on the
// system stack: the interpreter selects the goroutine with the program's frames and says so.
type stoppedNowhere struct{ *debugtest.Crash }

func (s stoppedNowhere) State() (debug.Stop, error) {
	return debug.Stop{Kind: debug.StopFatal, GoroutineID: -1, Message: "fatal error: all goroutines are asleep - deadlock!"}, nil
}

func TestStartSelectsAProgramGoroutine(t *testing.T) {
	var out bytes.Buffer
	in := command.New(stoppedNowhere{&debugtest.Crash{File: crashFile}}, &out)
	if err := in.Start(command.BeginCore, nil); err != nil {
		t.Fatal(err)
	}
	want := "fatal error: all goroutines are asleep - deadlock!\nNo goroutine stopped here; selected goroutine 1.\n> " + crashFile + ":14 main.lookup()\n"
	if got := out.String(); !strings.HasPrefix(got, want) {
		t.Errorf("got:\n%s\nwant it to begin with:\n%s", got, want)
	}
	if in.Goroutine() != 1 {
		t.Errorf("goroutine %d selected, want 1", in.Goroutine())
	}
}

func TestStartSetsBreakpointsFirst(t *testing.T) {
	var out bytes.Buffer
	in := command.New(&debugtest.Crash{File: crashFile}, &out)
	if err := in.Start(command.BeginAttached, []string{"main.go:20", "main.total"}); err != nil {
		t.Fatal(err)
	}
	want := "Breakpoint 1 at main.go:20\nBreakpoint 2 at " + crashFile + ":17\nAttached to process 4242.\n" + debugtest.PanicMessage + "\n> "
	if got := out.String(); !strings.HasPrefix(got, want) {
		t.Errorf("got:\n%s\nwant it to begin with:\n%s", got, want)
	}
	if err := command.New(&debugtest.Crash{File: crashFile}, io.Discard).Start(command.BeginRun, []string{"nowhere"}); err == nil {
		t.Error("a breakpoint that cannot be set did not stop the start")
	}
}
