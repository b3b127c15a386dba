package command_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/session"
)

// transcript runs a fixture program under a real Delve to its first stop, then types the
// commands, and returns everything the interpreter printed (prompt + command echoed).
func transcript(t *testing.T, fixture string, commands ...string) string {
	t.Helper()
	return transcriptWith(t, fixture, nil, commands...)
}

// transcriptWith sets breakpoints (as -b does) before the program starts.
func transcriptWith(t *testing.T, fixture string, breaks []string, commands ...string) string {
	t.Helper()
	sess := startSession(t, runConfig("./testdata/"+fixture))
	var out bytes.Buffer
	in := command.New(sess, &out)
	for _, b := range breaks {
		if err := in.Break(b); err != nil {
			t.Fatalf("break %s: %v", b, err)
		}
	}
	in.Begin()
	for _, c := range commands {
		out.WriteString("(pdbgo) " + c + "\n")
		in.Execute(c)
		if in.Quit() {
			break
		}
	}
	endFixture(t, sess) // before the next fixture of the test starts
	return out.String()
}

// startSession starts a program under a real Delve (at its entry point, when pdbgo starts it).
// However the test ends, its cleanup ends the session and fails the test if the program
// outlives it: a test that fails half-way never leaves a debuggee running. Not parallel: two
// Delve targets in one process steal each other's wait4 events.
func startSession(t testing.TB, cfg session.Config) *session.Session {
	t.Helper()
	sess, err := session.Start(cfg)
	if err != nil {
		t.Fatalf("start %v: %v", cfg.Packages, err)
	}
	t.Cleanup(func() { endFixture(t, sess) })
	return sess
}

// runConfig runs the main package pkg, as pdbgo run does.
func runConfig(pkg string) session.Config {
	return session.Config{Mode: session.ModeRun, Packages: []string{pkg}}
}

// endFixture closes the session and checks that the program is gone (killing it if not).
func endFixture(t testing.TB, sess *session.Session) {
	t.Helper()
	if err := sess.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	if pid := sess.PID(); pid > 0 && !processGone(pid) {
		st, _ := os.ReadFile(filepath.Join("/proc", itoa(pid), "stat"))
		if p, err := os.FindProcess(pid); err == nil {
			_ = p.Kill()
		}
		t.Errorf("process %d still exists after Close: %s", pid, st)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// processGone waits up to two seconds for pid to be gone or a zombie.
func processGone(pid int) bool {
	for range 40 {
		st, err := os.ReadFile(filepath.Join("/proc", itoa(pid), "stat"))
		if err != nil || strings.Contains(string(st), ") Z") || strings.Contains(string(st), ") X") {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}

// expect checks that every pattern matches a line of out.
func expect(t *testing.T, out string, patterns ...string) {
	t.Helper()
	for _, p := range patterns {
		if !regexp.MustCompile("(?m)" + p).MatchString(out) {
			t.Errorf("no line matches %q in:\n%s", p, out)
		}
	}
}

// absent checks that no line matches.
func absent(t *testing.T, out string, patterns ...string) {
	t.Helper()
	for _, p := range patterns {
		if regexp.MustCompile("(?m)" + p).MatchString(out) {
			t.Errorf("a line matches %q in:\n%s", p, out)
		}
	}
}

func TestNilMapWrite(t *testing.T) {
	out := transcript(t, "nilmap", "args", "up", "locals", "where")
	expect(t, out,
		`^panic: assignment to entry in nil map$`,
		`^> .*/nilmap/main.go:9 main\.\(\*Cache\)\.put\(\)$`,
		`^-> \tc\.items\[key\] = n$`,
		`^c = \*main\.Cache \{name: "sessions", items: map\[string\]int nil\}$`,
		`^key = "alpha"$`,
		`^n = 0$`,
		`^> .*/nilmap/main.go:14 main\.fill\(\)$`,
		`^i = 0$`,
		`^k = "alpha"$`,
		`^   0  main\.\(\*Cache\)\.put\(\)`,
		`^>  1  main\.fill\(\)`,
		`^   2  main\.main\(\)`,
	)
	absent(t, out, `runtime\.`)
}

func TestIndexOutOfRange(t *testing.T) {
	out := transcript(t, "index", "p at", "up", "p total", "p xs")
	expect(t, out,
		`^panic: runtime error: index out of range \[3\] with length 3$`,
		`^> .*/index/main.go:6 main\.pick\(\)$`,
		`^\(pdbgo\) p at\n3$`,
		`^\(pdbgo\) p total\n16$`,
		`^\[\]int len: 3, cap: 3, \[3,5,8\]$`,
	)
}

func TestSliceBoundsAndFrameMoves(t *testing.T) {
	out := transcript(t, "recursion", "down", "up 3", "p level", "frame 51", "up", "frame 52", "frame 0", "p level")
	expect(t, out,
		`^panic: runtime error: index out of range \[50\] with length 0$`,
		`^> .*/recursion/main.go:6 main\.descend\(\)$`,
		`^\*\*\* Newest frame$`,
		`^\(pdbgo\) p level\n47$`,
		`^> .*/recursion/main.go:12 main\.main\(\)$`,
		`^\*\*\* Oldest frame$`,
		`^\*\*\* frame 52 out of range \(0 to 51\)$`,
		`^\(pdbgo\) p level\n50$`,
	)
}

func TestNilPointer(t *testing.T) {
	out := transcript(t, "nilptr", "p n.Next", "up", "p depth", "p head.Next.Value")
	expect(t, out,
		`^panic: runtime error: invalid memory address or nil pointer dereference$`,
		`^> .*/nilptr/main.go:9 main\.third\(\)$`,
		`^\*main\.Node \{Value: 2, Next: nil\}$`,
		`^\(pdbgo\) p depth\n3$`,
		`^\(pdbgo\) p head.Next.Value\n2$`,
	)
}

func TestCustomErrorPanic(t *testing.T) {
	out := transcript(t, "customerr", "locals", "up", "p user")
	expect(t, out,
		`^panic: key "ada/settings" not found$`,
		`^> .*/customerr/main.go:18 main\.mustLoad\(\)$`,
		`^err = error\(\*main\.NotFound\) \*\{Key: "ada/settings"\}$`,
		`^\(pdbgo\) p user\n"ada"$`,
	)
}

func TestCustomTypePanicValue(t *testing.T) {
	out := transcript(t, "custom", "args")
	expect(t, out,
		`^panic: main\.Code\(93\)$`,
		`^> .*/custom/main.go:7 main\.check\(\)$`,
		`^code = 93$`,
	)
}

func TestPanicInGoroutine(t *testing.T) {
	out := transcript(t, "goroutine", "args", "locals", "up", "where", "goroutines")
	expect(t, out,
		`^panic: runtime error: integer divide by zero$`,
		`^> .*/goroutine/main.go:15 main\.process\(\)$`,
		`^j = main\.Job \{ID: 9, Input: \[\]int len: 3, cap: 3, \[10,20,30\]\}$`,
		`^divisor = 0$`,
		`^> .*/goroutine/main.go:20 main\.worker\(\)$`,
		`^>  1  main\.worker\(\)`,
		`^\* +\d+  main\.process\(\) .*main.go:15 \[running\]`,
	)
	absent(t, out, `^   \d  main\.main\(\)`)
}

func TestPanicInDeferredCall(t *testing.T) {
	out := transcript(t, "deferpanic", "p c.open", "up", "p n", "where")
	expect(t, out,
		`^panic: close of closed connection$`,
		`^> .*/deferpanic/main.go:12 main\.\(\*Conn\)\.Close\(\)$`,
		`^\(pdbgo\) p c.open\nfalse$`,
		`^> .*/deferpanic/main.go:\d+ main\.transfer\(\)$`,
		`^\(pdbgo\) p n\n512$`,
	)
	absent(t, out, `deferwrap`)
}

// TestGenericFunction: a generic function reads as Go's traceback has it (main.Mean[...]), not
// by Delve's shape (main.Mean[go.shape.int], which break did not take), and break takes that
// name. A second breakpoint on the same line names the first and does not use up a number.
func TestGenericFunction(t *testing.T) {
	out := transcript(t, "generic", "locals", "up", "args", "where", "b main.Mean[...]", "b 7", "b main.Mean[go.shape.int]", "b 17", "b")
	expect(t, out,
		`^panic: runtime error: integer divide by zero$`,
		`^> .*/generic/main.go:13 main\.Mean\[\.\.\.\]\(\)$`,
		`^count = 0$`,
		`^name = "empty"$`,
		`^   0  main\.Mean\[\.\.\.\]\(\) .*/generic/main.go:13$`,
		`^Breakpoint 1 at .*/generic/main.go:7$`,
		`^\*\*\* cannot set a breakpoint at 7: breakpoint 1 is already there \(main.go:7\); condition 1 COND sets its condition$`,
		`^\*\*\* cannot set a breakpoint at main.Mean\[go.shape.int\]: breakpoint 1 is already there`,
		`^Breakpoint 2 at .*/generic/main.go:17$`,
	)
	absent(t, out, `go\.shape\.int\]\(\)`)
}

func TestFatalConcurrentMapWrites(t *testing.T) {
	out := transcript(t, "concmap", "args", "where")
	expect(t, out,
		`^fatal error: concurrent map (writes|read and map write)$`,
		`^> .*/concmap/main.go:8 main\.writer\(\)$`,
		`^id = \d$`,
	)
}

func TestDeadlock(t *testing.T) {
	out := transcript(t, "deadlock", "where", "locals")
	expect(t, out,
		`^fatal error: all goroutines are asleep - deadlock!$`,
		`selected goroutine 1`,
		`main\.wait\(\)`,
		`^pending = 1$`,
	)
}

func TestRecoveredPanicDoesNotStop(t *testing.T) {
	out := transcript(t, "recovered", "p 1", "restart", "q")
	expect(t, out,
		`^The program exited with status 3\.$`,
		`^\*\*\* the program has exited`,
		`^Restarted\.$`,
	)
	absent(t, out, `^panic:`)
	if n := strings.Count(out, "exited with status 3"); n != 2 {
		t.Errorf("restart did not run the program again (%d exits):\n%s", n, out)
	}
}

func TestBigValuesAreBounded(t *testing.T) {
	out := transcript(t, "bigvalues", "args", "p blob", "p points[999999]", "p len(index)", "pp points")
	expect(t, out,
		`^points = \[\]main\.Point len: 1000000, cap: 1000000, \[\{X: 0, Y: 0\},.*\.\.\.\+999936 more\]$`,
		`^index = map\[int\]string \[.*\.\.\.\+99936 more\]$`,
		`^blob = "x{64}\.\.\.\+5242816 more"$`,
		`^main\.Point \{X: 999999, Y: -999999\}$`,
		`^100000$`,
	)
	if len(out) > 200<<10 {
		t.Errorf("output is %d bytes", len(out))
	}
}

func TestCyclicData(t *testing.T) {
	out := transcript(t, "cyclic", "p r", "pp r", "up", "p a")
	expect(t, out,
		`^panic: runtime error: index out of range \[3\] with length 0$`,
		`^\*main\.Ring \{Name: "b", Next: \*main\.Ring \{Name: "a", Next: \*main\.Ring \{\.\.\.\}\}\}$`,
		`^\t\t\t\tNext: \*main\.Ring \{\.\.\.\}$`,
		`^\*main\.Ring \{Name: "a", Next: \*main\.Ring \{Name: "b", Next: \*main\.Ring \{\.\.\.\}\}\}$`,
	)
}

func TestUnicodeStaysIntact(t *testing.T) {
	out := transcript(t, "unicode", "p city", "p banner", "p name")
	expect(t, out,
		`^"Zürich 東京"$`,
		`^"(héllo wörld ✓ )+.*\.\.\.\+\d+ more"$`,
		`^"Ωmega"$`,
	)
	if !utf8Valid(out) {
		t.Errorf("output is not valid UTF-8:\n%q", out)
	}
}

func TestBreakpointsAndStepping(t *testing.T) {
	out := transcriptWith(t, "breakpoints", []string{"square"},
		"args", "b", "n", "n", "p result", "r", "b 13 if i == 3", "cl 1", "c", "p i", "p total",
		"display total", "until", "tbreak main.go:16", "c", "cl", "c")
	expect(t, out,
		`^Breakpoint 1 at .*/breakpoints/main.go:5$`,
		`^Breakpoint 1$`,
		`^> .*/breakpoints/main.go:5 main\.square\(\)$`,
		`^n = 1$`,
		`^1   breakpoint   keep yes   at .*main.go:5\n\tbreakpoint already hit 1 time$`,
		`^> .*/breakpoints/main.go:7 main\.square\(\)$`,
		`^\(pdbgo\) p result\n1$`,
		`^Breakpoint 2 at .*/breakpoints/main.go:13$`,
		`^Deleted breakpoint 1$`,
		`^\(pdbgo\) p i\n3$`,
		`^\(pdbgo\) p total\n5$`,
		`^display total: 5$`,
		`^\(pdbgo\) until\n> .*/breakpoints/main.go:15 main\.main\(\)\n.*\ndisplay total: 30$`,
		`^Temporary breakpoint 3 at .*main.go:16$`,
		`^Deleted breakpoint 3$`,
		`^> .*/breakpoints/main.go:16 main\.main\(\)$`,
		`^display total: 30$`,
		`^The program exited with status 0\.$`,
	)
}

func TestBadInputKeepsTheSession(t *testing.T) {
	out := transcript(t, "index", "zzz", "p nosuchvar", "p xs[", "frame 99", "up x", "b nowhere.go:3", "list abc", "set", "goroutine 99999", "p at")
	expect(t, out,
		`^\*\*\* unknown command "zzz"`,
		`^\*\*\* .*nosuchvar`,
		`^\*\*\* frame 99 out of range`,
		`^\*\*\* a count of frames is a positive number, not "x"$`,
		`^\*\*\* cannot set a breakpoint at nowhere.go:3`,
		`^\*\*\* list takes a line number, FIRST, LAST or a location \(FILE:LINE, FUNCTION\): `,
		`^\*\*\* usage: set VAR = VALUE$`,
		`^\*\*\* no goroutine 99999$`,
		`^\(pdbgo\) p at\n3$`,
	)
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "***") && strings.Contains(line, "goroutine ") && strings.Contains(line, "[running]") {
			t.Errorf("a Go stack trace leaked: %s", line)
		}
	}
}

func TestListAndSet(t *testing.T) {
	out := transcript(t, "index", "list", "", "list 1, 3", "list main.main", "", "ll", "set at = 1", "p xs[at]", "whatis xs", "pp xs")
	expect(t, out,
		`^   6  ->\t\treturn xs\[at\]$`,
		`^\(pdbgo\) \n  12    \t\t\ttotal \+= pick\(xs, at\)$`,
		`^\(pdbgo\) list 1, 3\n   1    \tpackage main\n   2    \t\n   3    \timport "fmt"\n\(pdbgo\) list main.main\n  12    `,
		`^  17    \tfunc main\(\) \{\n  18    \t\tfmt.Println`,
		`^  19    \t\}\n\(pdbgo\) \n\*\*\* end of file\n\(pdbgo\) ll\n   5    \tfunc pick`,
		`^at = 1$`,
		`^\(pdbgo\) p xs\[at\]\n5$`,
		`^\(pdbgo\) whatis xs\n\[\]int$`,
	)
}

// TestValuesAfterSetAndRun reads a frame again after set, continue and next: the session
// reuses a frame's scope while the program stays stopped (session's scopeCache), and what it
// shows then must be what is there now, not what the frame held when first read.
func TestValuesAfterSetAndRun(t *testing.T) {
	out := transcriptWith(t, "breakpoints", []string{"main.go:6"},
		"p n", "args", "locals", "set n = 7", "p n", "args", "c", "p n", "args", "locals", "n", "locals")
	expect(t, out,
		`^\(pdbgo\) p n\n1\n\(pdbgo\) args\nn = 1$`,
		`^\(pdbgo\) set n = 7\n.*\n\(pdbgo\) p n\n7\n\(pdbgo\) args\nn = 7$`,
		`^\(pdbgo\) p n\n2\n\(pdbgo\) args\nn = 2\n\(pdbgo\) locals\n\(no locals\)$`,
		`^\(pdbgo\) locals\nresult = 4$`,
	)
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func TestStepConditionEnableDisable(t *testing.T) {
	out := transcriptWith(t, "breakpoints", []string{"main.go:13"},
		"retval", "s", "s", "!n", "until 7", "r", "retval", "condition 1 i == 4", "disable 1", "b", "enable 1", "c", "p i", "condition 1", "b", "undisplay", "c", "kill")
	expect(t, out,
		`^> .*/breakpoints/main.go:13 main\.main\(\)$`,
		`^\(pdbgo\) s\n> .*/breakpoints/main.go:5 main\.square\(\)$`,
		`^\(pdbgo\) s\n> .*/breakpoints/main.go:6 main\.square\(\)$`,
		`^\(pdbgo\) !n\n1$`,
		`^\(pdbgo\) until 7\n> .*/breakpoints/main.go:7 main\.square\(\)$`,
		`^\(pdbgo\) retval\n\*\*\* no return value yet`,
		`^\(pdbgo\) r\n--Return-- 1\n> .*/breakpoints/main.go:13 main\.main\(\)$`,
		`^\(pdbgo\) retval\n1$`,
		`^New condition set for breakpoint 1$`,
		`^Disabled breakpoint 1$`,
		`^1   breakpoint   keep no    at .*main.go:13\n\tstop only if i == 4$`,
		`^Enabled breakpoint 1$`,
		`^\(pdbgo\) p i\n4$`,
		`^Removed the condition of breakpoint 1$`,
		`^\(pdbgo\) kill\nKilled process \d+\.$`,
	)
}

func TestGoroutineSwitch(t *testing.T) {
	out := transcript(t, "goroutine", "goroutine 1", "where", "locals", "goroutine", "goroutines")
	expect(t, out,
		`^Goroutine 1\n> .*/goroutine/main.go:2[89] main\.main\(\)$`,
		`^>  0  main\.main\(\)`,
		`^jobs = chan main\.Job 0/0$`,
		`^\(pdbgo\) goroutine\nGoroutine 1$`,
		`^\*     1  main\.main\(\) .*main.go:2[89] \[[a-z ]+\]\n +\d+  main\.process\(\) .*main.go:15 \[running\] created at main.go:27  \(panicked\)\n\(\d runtime goroutines not shown: goroutines -a lists them\)$`,
	)
}

// TestRestartRebuilds: restart builds the program again, as pdb reads the source again; a
// build error leaves the session where it was.
func TestRestartRebuilds(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/edit\n\ngo 1.22\n")
	write("main.go", "package main\n\nfunc main() {\n\tlimit := 1\n\tpanic(limit)\n}\n")
	t.Chdir(dir)
	sess := startSession(t, runConfig("."))
	var out bytes.Buffer
	in := command.New(sess, &out)
	in.Begin()
	write("main.go", "package main\n\nfunc main() {\n\tlimit := 2\n\tpanic(limit + undefined)\n}\n")
	in.Execute("restart")
	in.Execute("p limit")
	write("main.go", "package main\n\nfunc main() {\n\tlimit := 2\n\tpanic(limit)\n}\n")
	in.Execute("restart")
	in.Execute("p limit")
	expect(t, out.String(),
		`^panic: 1$`,
		`undefined: undefined`,
		`^\*\*\* build failed: the program was not restarted$`,
		`^1\nRestarted\.\npanic: 2$`,
		`^2$`,
	)
}

func TestIgnore(t *testing.T) {
	out := transcriptWith(t, "breakpoints", []string{"square"}, "p n", "ignore 1 2", "b", "c", "p n", "ignore 1 0", "b", "ignore 1 x")
	expect(t, out,
		`^\(pdbgo\) p n\n1$`,
		`^Will ignore next 2 crossings of breakpoint 1\.$`,
		`^\twill ignore next 2 crossings of breakpoint\n\tbreakpoint already hit 1 time$`,
		`^\(pdbgo\) c\nBreakpoint 1\n> .*main.go:5 main\.square\(\)\n.*\n\(pdbgo\) p n\n4$`,
		`^Will stop next time breakpoint 1 is reached\.$`,
		`^\*\*\* usage: ignore N COUNT`,
	)
	absent(t, out, `^\twill ignore next \d+ crossings of breakpoint\n\tbreakpoint already hit 4 times$`)
}

// TestDeepStack: a 10,000-deep recursion is walked end to end: up and frame read older frames
// as they go, where summarises the recursion and shows main.main, ranges show any frames.
func TestDeepStack(t *testing.T) {
	out := transcript(t, "deep", "frame 197", "up", "p level", "up 5000", "p level", "frame 10001", "up", "frame -1",
		"where -n -1", "frame 0", "where", "where -n 2", "where 5000 5001", "frame 10002", "where 3 1")
	expect(t, out,
		`^panic: runtime error: index out of range \[10000\] with length 0$`,
		`^\(pdbgo\) up\n> .*/deep/main.go:15 main\.walk\(\)\n.*\n\(pdbgo\) p level\n9802$`,
		`^\(pdbgo\) p level\n4802$`,
		`^\(pdbgo\) frame 10001\n> .*/deep/main.go:23 main\.main\(\)$`,
		`^\(pdbgo\) up\n\*\*\* Oldest frame$`,
		`^\(pdbgo\) frame -1\n> .*/deep/main.go:23 main\.main\(\)$`,
		`^\(pdbgo\) where -n -1\n>10001  main\.main\(\) .*main.go:23\n.*fmt\.Println\(walk\(0, depth\)\)\n\(pdbgo\) frame 0\n`,
		// where: the bottom of the recursion, three calls, the rest on one line, main.main.
		`^\(pdbgo\) where\n>  0  main\.walk\(\) .*main.go:13\n.*\n   1  main\.walk\(\) .*main.go:15\n.*\n   2  main\.walk\(\) .*\n.*\n   3  main\.walk\(\) .*\n.*\n   \[\.\.\. 9,997 more frames: main\.walk repeated \.\.\.\]\n 10001  main\.main\(\) .*main.go:23\n.*fmt\.Println\(walk\(0, depth\)\)\n\(pdbgo\) where -n 2\n`,
		`^\(pdbgo\) where -n 2\n>  0  main\.walk\(\) .*\n.*\n   1  main\.walk\(\) .*\n.*\n\(pdbgo\) where 5000 5001\n 5000  main\.walk\(\) .*\n.*\n 5001  main\.walk\(\) .*\n.*\n\(pdbgo\) frame 10002`,
		`^\*\*\* frame 10002 out of range \(0 to 10001\)$`,
		`^\*\*\* where takes -a, -n N or FIRST LAST, not "3 1"$`,
	)
	absent(t, out, `older frames not read`)
}

// TestBreakpointsAfterExit: after the program ran to its end, breakpoints can be set, changed
// and listed, and the source listed, as in pdb; restart runs the program with them (hits
// counted from zero, conditions kept), a breakpoint set at a bare line number included.
func TestBreakpointsAfterExit(t *testing.T) {
	out := transcript(t, "breakpoints",
		"break main.go:13 if i == 3", "tbreak square", "disable 1", "enable 1", "list square", "ll main.main",
		"restart", "p n", "c", "p i", "b 15", "c", "c", "b", "disable 1", "restart", "b", "c", "list", "b 7")
	expect(t, out,
		`^The program exited with status 0\.\n\(pdbgo\) break main.go:13 if i == 3\nBreakpoint 1 at .*/breakpoints/main.go:13$`,
		`^Temporary breakpoint 2 at .*/breakpoints/main.go:5$`,
		`^\(pdbgo\) enable 1\nEnabled breakpoint 1\n\(pdbgo\) list square\n`,
		`^   5 B  \tfunc square\(n int\) int \{$`,
		`^\(pdbgo\) ll main.main\n  10    \tfunc main\(\) \{\n  11    \t\ttotal := 0\n  12    \t\tfor i := 1; i <= 4; i\+\+ \{\n  13 B  \t\t\ttotal \+= square\(i\)$`,
		`^\(pdbgo\) restart\nRestarted\.\nDeleted breakpoint 2\n> .*/breakpoints/main.go:5 main\.square\(\)$`,
		`^\(pdbgo\) p n\n1$`,
		`^\(pdbgo\) c\nBreakpoint 1\n> .*/breakpoints/main.go:13 main\.main\(\)\n.*\n\(pdbgo\) p i\n3$`,
		`^\(pdbgo\) b 15\nBreakpoint 3 at .*/breakpoints/main.go:15$`,
		`^\(pdbgo\) c\nBreakpoint 3\n> .*/breakpoints/main.go:15 main\.main\(\)$`,
		`^\(pdbgo\) b\nNum Type         Disp Enb   Where\n1   breakpoint   keep yes   at .*main.go:13\n\tstop only if i == 3\n\tbreakpoint already hit 1 time\n3   breakpoint   keep yes   at .*main.go:15\n\tbreakpoint already hit 1 time$`,
		// Restarted: breakpoint 3, set at a bare line number, is still there; hits start again.
		`^\(pdbgo\) restart\nRestarted\.\nBreakpoint 3\n> .*/breakpoints/main.go:15 main\.main\(\)$`,
		`^\(pdbgo\) b\nNum Type         Disp Enb   Where\n1   breakpoint   keep no    at .*main.go:13\n\tstop only if i == 3\n3   breakpoint   keep yes   at .*main.go:15\n\tbreakpoint already hit 1 time\n\(pdbgo\) c\n`,
		`^\(pdbgo\) list\n  10    \tfunc main\(\) \{\n.*\n.*\n  13 B  \t\t\ttotal \+= square\(i\)\n.*\n  15 B  \t\tfmt\.Println\("total", total\)$`,
		`^\(pdbgo\) b 7\nBreakpoint 4 at .*/breakpoints/main.go:7$`,
	)
	absent(t, out, `has exited with status`, `^\*\*\* `)
}

// TestEnableAndIgnoreAfterExit: enable after the program exited enables without an error, and
// ignore counts the crossings of the next run, whose hits start from zero.
func TestEnableAndIgnoreAfterExit(t *testing.T) {
	out := transcriptWith(t, "breakpoints", []string{"main.go:13"}, "c", "disable 1", "c", "enable 1", "ignore 1 2", "b", "restart", "p i", "b")
	expect(t, out,
		`^\(pdbgo\) enable 1\nEnabled breakpoint 1$`,
		`^\(pdbgo\) ignore 1 2\nWill ignore next 2 crossings of breakpoint 1\.$`,
		`^\(pdbgo\) restart\nRestarted\.\nBreakpoint 1\n> .*/breakpoints/main.go:13 main\.main\(\)\n.*\n\(pdbgo\) p i\n3$`,
		`^\(pdbgo\) b\nNum Type         Disp Enb   Where\n1   breakpoint   keep yes   at .*main.go:13\n\tbreakpoint already hit 3 times\n`,
	)
	absent(t, out, `^\*\*\* `)
}

// TestRestartRereadsSource: after the program's file is edited and restart rebuilds it, list
// and the stop show the new lines, at their new numbers.
func TestRestartRereadsSource(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/edit\n\ngo 1.22\n")
	write("main.go", "package main\n\nfunc main() {\n\tlimit := 1\n\tpanic(limit)\n}\n")
	t.Chdir(dir)
	sess := startSession(t, runConfig("."))
	var out bytes.Buffer
	in := command.New(sess, &out)
	in.Begin()
	in.Execute("list 4, 5")
	write("main.go", "package main\n\nfunc main() {\n\t// edited\n\tlimit := 2\n\tpanic(limit)\n}\n")
	out.WriteString("(pdbgo) restart\n")
	in.Execute("restart")
	out.WriteString("(pdbgo) list 4, 6\n")
	in.Execute("list 4, 6")
	expect(t, out.String(),
		`^   4    \t\tlimit := 1\n   5  ->\t\tpanic\(limit\)$`,
		`^Restarted\.\npanic: 2\n> .*/main.go:6 main\.main\(\)\n-> \tpanic\(limit\)$`,
		`^\(pdbgo\) list 4, 6\n   4    \t\t// edited\n   5    \t\tlimit := 2\n   6  ->\t\tpanic\(limit\)$`,
	)
}

// TestAmbiguousLocations: a file or function name the program shares with the standard
// library (decode.go, encoding/json's; indirect, encoding/json's) means the program's own; one
// the program has twice is refused with the candidates.
func TestAmbiguousLocations(t *testing.T) {
	out := transcriptWith(t, "ambiguous", []string{"main.main"}, "b decode.go:7", "b indirect", "b util.go:4", "b sub/util.go:5", "list decode.go:7", "c")
	expect(t, out,
		`^\(pdbgo\) b decode.go:7\nBreakpoint 2 at .*/ambiguous/decode.go:7$`,
		`^\(pdbgo\) b indirect\nBreakpoint 3 at .*/ambiguous/decode.go:13$`,
		`^\(pdbgo\) b util.go:4\n\*\*\* cannot set a breakpoint at util.go:4: util.go:4 is ambiguous: .*/ambiguous/sub/util.go, .*/ambiguous/util.go \(give more of the path or the package\)$`,
		`^\(pdbgo\) b sub/util.go:5\nBreakpoint 4 at .*/ambiguous/sub/util.go:5$`,
		`^   7 B  \t\t\ttotal \+= n$`,
		`^\(pdbgo\) c\nBreakpoint 2\n> .*/ambiguous/decode.go:7 main\.decode\(\)$`,
	)
}

// TestGoroutinesThatMatter: with over a thousand goroutines the one that panicked (started
// last) is listed first, marked; the rest come a page at a time, each where it is in the
// program's code; -s and a text narrow the list.
func TestGoroutinesThatMatter(t *testing.T) {
	out := transcript(t, "manygoroutines", "goroutines", "goroutines 2", "goroutines -s chan", "goroutines wait", "goroutines 9", "goroutines -x")
	expect(t, out,
		`^panic: runtime error: index out of range \[1200\] with length 0$`,
		// First the goroutine that panicked, selected, then goroutine 1 and the page.
		`^\(pdbgo\) goroutines\n\* +\d+  main\.crash\(\) .*/manygoroutines/main.go:27 \[running\] created at main.go:48  \(panicked\)\n +1  main\.main\(\) .*main.go:53 \[chan receive\]\n +\d+  main\.serve\(\) .*main.go:1[67] \[[a-z ]+\] created at main.go:39\n`,
		`^\(\d runtime goroutines not shown: goroutines -a lists them\)\n\(206 more goroutines: goroutines 2 lists the next page, goroutines -all every one\)\n\(pdbgo\) goroutines 2\n`,
		// Page 2: still first the one that panicked, then each where it is in the program's
		// code, not time.Sleep.
		`^\(pdbgo\) goroutines 2\n\* +\d+  main\.crash\(\) .*\(panicked\)\n +\d+  main\.serve\(\) .*main.go:1[67] \[[a-z ]+\] created at main.go:39\n`,
		`^( +\d+  main\.wait\(\) .*main.go:22 \[chan receive\] created at main.go:43\n){5}\(\d runtime goroutines not shown: goroutines -a lists them\)\n\(pdbgo\) goroutines -s chan\n`,
		`^\(pdbgo\) goroutines -s chan\n +1  main\.main\(\) .*\[chan receive\]\n( +\d+  main\.wait\(\) .*\[chan receive\] created at main.go:43\n){5}\(pdbgo\) goroutines wait\n( +\d+  main\.wait\(\) .*\n){5}\(pdbgo\) goroutines 9\n`,
		`^\*\*\* no page 9: the goroutines fill 2$`,
		`^\*\*\* goroutines takes -a, -all, -s STATUS, a page number or a text to look for, not "-x"$`,
	)
	absent(t, out, `time\.Sleep`)
}

// TestGoroutinesAtBreakpoint: a goroutine stopped at a breakpoint is listed first and says so.
func TestGoroutinesAtBreakpoint(t *testing.T) {
	out := transcriptWith(t, "manygoroutines", []string{"main.wait"}, "goroutine 1", "goroutines")
	expect(t, out,
		`^\(pdbgo\) goroutines\n\*     1  main\.main\(\) .*\n +\d+  main\.wait\(\) .*/manygoroutines/main.go:2[01] \[running\] created at main.go:43  \(breakpoint 1\)\n`,
	)
}

// TestNothingToShowSaysSo: locals in a frame with none says so; pp without an expression says
// how it is used.
func TestNothingToShowSaysSo(t *testing.T) {
	out := transcript(t, "deep", "up", "locals", "args", "pp", "p")
	expect(t, out,
		`^\(pdbgo\) locals\n\(no locals\)\n\(pdbgo\) args\nlevel = 9999\ndepth = 10000$`,
		`^\(pdbgo\) pp\n\*\*\* an expression is needed: pp EXPR$`,
		`^\(pdbgo\) p\n\*\*\* an expression is needed: p EXPR$`,
	)
}
