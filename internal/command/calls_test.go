package command_test

import (
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/pdbgo/pdbgo/internal/session"
)

// TestCallsInExpressions: p, pp, whatis, display and set evaluate function and method calls
// through Delve's call injection, as pdb evaluates any expression; what a call cannot do is
// said in one line that names no command pdbgo lacks, and the session goes on.
func TestCallsInExpressions(t *testing.T) {
	out := transcriptWith(t, "calls", []string{"main.go:62", "main.go:41"},
		`p work("a", count)`,
		`pp work("ab", 3)`,
		`whatis parse("x")`,
		`p parse("")`,
		`p price.String()`,
		`p shown.String()`,
		`p u.String()`,
		`p explode(3)`,
		`p count`,
		`where`,
		`p noop()`,
		`set count = len(work("x", 3))`,
		`set count = "str"`,
		`set count = 2.5`,
		`display work("z", count)`,
		`c`,
		`up`,
		`p work("a", 1)`,
		`down`,
		`p work("a", count)`,
	)
	expect(t, out,
		`^\(pdbgo\) p work\("a", count\)\n"aa"$`,
		`^\(pdbgo\) pp work\("ab", 3\)\n"ababab"$`,
		`^\(pdbgo\) whatis parse\("x"\)\n\(int, error\)$`,
		`^\(pdbgo\) p parse\(""\)\n0, error\(\*errors\.errorString\) \*\{s: "empty"\}$`,
		`^\(pdbgo\) p price\.String\(\)\n"\$12\.34"$`,
		`^\(pdbgo\) p shown\.String\(\)\n"\$12\.34"$`,
		`^\(pdbgo\) p u\.String\(\)\n\*\*\* u has no method String in the binary: the linker leaves out methods the program never calls$`,
		`^\(pdbgo\) p explode\(3\)\n\*\*\* the call panicked: explode\(3\)$`,
		`^\(pdbgo\) p count\n2$`,
		`^>  0  main\.main\(\) .*/calls/main.go:62$`,
		`^\(pdbgo\) p noop\(\)\n\(no value: the function returns nothing\)$`,
		`^\(pdbgo\) set count = len\(work\("x", 3\)\)\ncount = 3$`,
		`^\(pdbgo\) set count = "str"\n\*\*\* cannot assign "str" to count: the types differ \(count is int\)$`,
		`^\(pdbgo\) set count = 2\.5\n\*\*\* cannot assign 2\.5 to count: the types differ \(count is int\)$`,
		`^display work\("z", count\): "zzz"$`,
		// At the next stop the display's call runs in report's frame, with its count.
		`^Breakpoint 2\n> .*/calls/main.go:41 main\.report\(\)\n.*\ndisplay work\("z", count\): "zzz"$`,
		`^\(pdbgo\) p work\("a", 1\)\n\*\*\* functions can be called only from the newest frame \(Delve runs the call there and reads its names there\): down to frame 0, or print the values without calls$`,
		`^\(pdbgo\) p work\("a", count\)\n"aaa"$`,
	)
	absent(t, out, `'call'`, `without using`)
}

// TestCallThatBlocks: a call that never returns is stopped after the call timeout; the
// session goes on from where the program stopped.
func TestCallThatBlocks(t *testing.T) {
	cfg := runConfig("./testdata/calls")
	cfg.CallTimeout = time.Second
	l := startLive(t, cfg, "main.go:62")
	out := l.do("p block(ch)")
	l.expect(out,
		`^\*\*\* the call did not return within 1s: the program was stopped inside it \(c lets it go on\)$`,
		`^Program stopped\.$`,
		`^> .*/calls/main.go:29 main\.block\(\)$`,
	)
	l.expect(l.do("p 6*7"), `^42$`)
	// The runtime runs an injected call on a goroutine of its own, shown; the caller waits.
	out = l.do("where")
	l.expect(out, `^>  0  main\.block\(\)`)
	l.absent(out, `debugCall`)
	l.expect(l.do("goroutines"), `^ +1  main\.main\(\) .*main.go:6[12] \[debug call\]`)
}

// TestNoCallsInsideTheRuntime: at a panic stop the goroutine is inside runtime.fatalpanic,
// where Delve refuses to call: say so and what works instead.
func TestNoCallsInsideTheRuntime(t *testing.T) {
	out := transcript(t, "index", "p pick(xs, 0)", "p xs[0]")
	expect(t, out,
		`^\(pdbgo\) p pick\(xs, 0\)\n\*\*\* functions cannot be called here: the goroutine is inside the Go runtime \(at a panic, in runtime\.fatalpanic\); print values and fields instead, or set a breakpoint before the panic and restart to call there$`,
		`^\(pdbgo\) p xs\[0\]\n3$`,
	)
}

// TestNoCallsInASyscall: a goroutine halted in a system call cannot run a call: say so.
func TestNoCallsInASyscall(t *testing.T) {
	l := startRunning(t, "sleeper")
	l.expect(l.take(), `^> .*/sleeper/main.go:8 main\.main\(\)$`)
	l.expect(l.do("p add(1, 2)"), `^\*\*\* goroutine 1 is in a system call: functions can be called only on a goroutine stopped in Go code \(at a breakpoint or after a step\)$`)
	l.expect(l.do("p 1 + 2"), `^3$`)
}

// TestNoCallsInAnOptimizedBuild: Delve cannot call a function the compiler inlined or
// dropped; the reason names the build flags that keep them.
func TestNoCallsInAnOptimizedBuild(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "calls")
	if out, err := exec.Command("go", "build", "-o", bin, "./testdata/calls").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	l := startLive(t, session.Config{Mode: session.ModeExec, Binary: bin}, "main.report")
	l.expect(l.do(`p work("a", 2)`), `^\*\*\* main\.work cannot be called: the compiler inlined it \(the program was built with optimizations: build with -gcflags=all='-N -l'\)$`)
	l.expect(l.do(`p parse("x")`), `^\*\*\* .*\(the program was built with optimizations, which inline or drop functions: build with -gcflags=all='-N -l'\)$`)
}

// TestCallStoppedAtABreakpoint: a call that reaches a breakpoint stops there, as dlv's call
// does: that is the new stop (the call runs on a goroutine of its own); c lets the call
// finish and the program stops where the call was made, saying what it returned.
func TestCallStoppedAtABreakpoint(t *testing.T) {
	out := transcriptWith(t, "calls", []string{"main.go:62"}, "b work", `p work("a", 2)`, "p prefix", "c", "p count", "where")
	expect(t, out,
		`^\(pdbgo\) p work\("a", 2\)\n\*\*\* the call stopped at breakpoint 2 before it returned \(c lets it finish\)\nBreakpoint 2\n> .*/calls/main.go:20 main\.work\(\)$`,
		`^\(pdbgo\) p prefix\n"a"$`,
		`^\(pdbgo\) c\nThe call returned "aa"\.\n> .*/calls/main.go:62 main\.main\(\)$`,
		`^\(pdbgo\) p count\n2$`,
		`^>  0  main\.main\(\) .*/calls/main.go:62$`,
	)
}
