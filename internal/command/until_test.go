package command_test

import "testing"

// TestUntilInADeepRecursion: until runs over the lines of the selected frame by that frame's
// identity, not by counting frames: at the bottom of a recursion 300 frames deep (more than one
// page of frames, all of them read by where) it runs the loop to its end, and on the return
// line it stops where the frame returns to, in the caller, one level up. After up, until runs
// the caller's frame: it returns too, one level further up.
func TestUntilInADeepRecursion(t *testing.T) {
	out := transcriptWith(t, "until", []string{"main.go:17 if i == 0"}, "where", "until", "p total", "p level", "until", "p level", "up", "until", "p level")
	expect(t, out,
		`^\(pdbgo\) until\n> .*/until/main.go:19 main\.down\(\)\n-> \treturn total\n\(pdbgo\) p total\n3\n\(pdbgo\) p level\n300$`,
		`^\(pdbgo\) until\n--Return-- 3\n> .*/until/main.go:13 main\.down\(\)\n.*\n\(pdbgo\) p level\n299$`,
		`^\(pdbgo\) until\n--Return-- 5\n> .*/until/main.go:13 main\.down\(\)\n.*\n\(pdbgo\) p level\n297$`,
	)
}

// TestUntilLineStaysOnTheGoroutine: until LINE stops the selected goroutine at LINE, not another
// goroutine that reaches LINE first; its breakpoint takes no number from the user's.
func TestUntilLineStaysOnTheGoroutine(t *testing.T) {
	out := transcriptWith(t, "until", []string{"main.go:27"}, "p id", "until 33", "p id", "b main.go:47", "b")
	expect(t, out,
		`^\(pdbgo\) until 33\n> .*/until/main.go:33 main\.work\(\)\n-> \tn \+= pick\(n\)\n\(pdbgo\) p id\n1$`,
		`^\(pdbgo\) b main.go:47\nBreakpoint 2 at .*/until/main.go:47$`,
	)
	absent(t, out, `Breakpoint 3`)
}

// TestUntilLineStopsWhenTheFrameReturns: as pdb's until LINE, it stops at the first line at or
// after LINE in the selected frame (a line not run is passed over), or where that frame
// returns when it returns before.
func TestUntilLineStopsWhenTheFrameReturns(t *testing.T) {
	out := transcriptWith(t, "until", []string{"main.go:41 if n == 3"}, "until 45", "p n", "condition 1 n == 40", "c", "until 47")
	expect(t, out,
		`^\(pdbgo\) until 45\n> .*/until/main.go:47 main\.pick\(\)\n-> \tn \*= 2\n\(pdbgo\) p n\n3$`,
		`^\(pdbgo\) until 47\n--Return-- 40\n> .*/until/main.go:59 main\.main\(\)\n`,
	)
}
