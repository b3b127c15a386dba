package command_test

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/session"
)

// sessionTranscript runs cfg's program to its first stop, with breakpoints at breaks, then
// types the commands.
func sessionTranscript(t *testing.T, cfg session.Config, breaks []string, commands ...string) string {
	t.Helper()
	sess := startSession(t, cfg)
	var out bytes.Buffer
	in := command.New(sess, &out)
	for _, b := range breaks {
		if err := in.Break(b); err != nil {
			t.Fatal(err)
		}
	}
	in.Begin()
	for _, c := range commands {
		out.WriteString("(pdbgo) " + c + "\n")
		in.Execute(c)
	}
	endFixture(t, sess)
	return out.String()
}

// TestRewindToThePanickingCall: rewind runs the program again and stops at the entry of the
// call that panicked (the third of lookup), its arguments those of the panicking call; next
// walks to the panic; rewind 1 goes back to total's call.
func TestRewindToThePanickingCall(t *testing.T) {
	out := transcript(t, "rewind", "rewind", "args", "next", "next", "rewind 1", "args", "p n")
	expect(t, out,
		`^panic: runtime error: index out of range \[2\] with length 1$`,
		`^\(pdbgo\) rewind\nRewound to call 3 of main\.lookup \(3 calls up to the panic in the run again\)\.\n> .*/rewind/main.go:18 main\.lookup\(\)$`,
		`^o = main\.order \{id: 3, items: \[\]string len: 1, cap: 1, \["pot"\]\}$`,
		`^slot = 2$`,
		`^\(pdbgo\) next\n> .*main.go:19 main\.lookup\(\)$`,
		`^\(pdbgo\) next\npanic: runtime error: index out of range \[2\] with length 1\n`,
		`^\(pdbgo\) rewind 1\nRewound to call 1 of main\.total \(1 calls up to the panic in the run again\)\.\n> .*main.go:23 main\.total\(\)$`,
		`^orders = \[\]main\.order len: 3`,
		`^\*\*\* name "n" is not defined$`, // at total's entry n is not declared yet
	)
}

// TestRewindInARecursion: frame N of a recursion rewinds to its own call: the calls newer than
// it on the stack are counted off.
func TestRewindInARecursion(t *testing.T) {
	cfg := runConfig("./testdata/rewind")
	cfg.Args = []string{"deep"}
	out := sessionTranscript(t, cfg, nil, "frame 2", "rewind", "args", "where")
	expect(t, out,
		`^panic: assignment to entry in nil map$`,
		`^Rewound to call 4 of main\.depth \(6 calls up to the panic in the run again\)\.\n> .*main.go:31 main\.depth\(\)$`,
		`^k = 2$`,
		`^>  0  main\.depth\(\) .*main.go:31\n.*\n   1  main\.depth\(\) .*main.go:36`,
	)
	absent(t, out, `did not repeat`)
}

// TestRewindWhenTheRunDoesNotRepeat: a program that makes fewer calls when run again: rewind
// says so and stops at the last call it made.
func TestRewindWhenTheRunDoesNotRepeat(t *testing.T) {
	cfg := runConfig("./testdata/rewind")
	cfg.Args = []string{"runs", filepath.Join(t.TempDir(), "runs")}
	out := sessionTranscript(t, cfg, nil, "rewind", "args")
	expect(t, out,
		`^The run again did not repeat: main\.lookup was called 2 times, not 3; stopped at the last\.\nRewound to call 2 of main\.lookup`,
		`^slot = 1$`,
	)
}

// TestRewindFromAStep: after steps from a breakpoint, a call that was running at the breakpoint
// rewinds (counted up to the breakpoint's hit); one that began after it is refused, and so is
// a frame that is not there.
func TestRewindFromAStep(t *testing.T) {
	out := sessionTranscript(t, runConfig("./testdata/rewind"), []string{"main.total"},
		"next", "next", "next", "step", "rewind", "rewind 99", "up", "rewind", "args")
	expect(t, out,
		`^\(pdbgo\) step\n> .*main.go:18 main\.lookup\(\)$`,
		`^\(pdbgo\) rewind\n\*\*\* the call of main\.lookup began after the last stop a run again can find`,
		`^\(pdbgo\) rewind 99\n\*\*\* `,
		`^\(pdbgo\) rewind\nRewound to call 1 of main\.total \(1 calls up to breakpoint 1 in the run again\)\.\n> .*main.go:23 main\.total\(\)$`,
		`^orders = \[\]main\.order len: 3`,
	)
}

// TestRewindToABreakpointsHit: from the second hit of a breakpoint at the function's entry,
// rewind goes back to that same call (the breakpoint's hits were the calls).
func TestRewindToABreakpointsHit(t *testing.T) {
	out := sessionTranscript(t, runConfig("./testdata/rewind"), []string{"main.lookup"}, "c", "p slot", "rewind", "p slot", "break")
	expect(t, out,
		`^\(pdbgo\) p slot\n1\n`,
		`^Rewound to call 2 of main\.lookup \(2 calls up to breakpoint 1 in the run again\)\.\n> .*main.go:18 main\.lookup\(\)$`,
		`^\(pdbgo\) p slot\n1\n\(pdbgo\) break\n`,
		// The breakpoint that counted is given back as it was.
		`^1 +.*main\.go:18`,
	)
	absent(t, out, `== 2`, `> 4611686018427387904`)
}

// TestRewindFromATestFailure: in a test, a helper's call that failed is rewound to (pdbgo
// test runs the test binary again with the same flags).
func TestRewindFromATestFailure(t *testing.T) {
	out := testTranscript(t, failingTests("^TestHelper$"), "rewind 0", "args", "where")
	expect(t, out,
		`^--- FAIL: TestHelper: fields_test.go:39: len = 3, want 2$`,
		`^Rewound to call 1 of .*failing\.checkLen \(1 calls up to the test failure in the run again\)\.\n> .*fields_test.go:30 .*failing\.checkLen\(\)$`,
		`^got = \[\]string len: 3, cap: 3, \["p","q","r"\]$`,
		`^   1  .*failing\.TestHelper\(\) .*fields_test.go:39$`,
	)
}
