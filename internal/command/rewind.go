package command

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/stack"
)

// rewindCallers is how many callers of a call rewind compares, to tell it from another.
const rewindCallers = 8

// findable reports whether a run can find a stop again: rewind counts calls up to it.
func findable(stop debug.Stop) bool {
	switch stop.Kind {
	case debug.StopPanic, debug.StopFatal, debug.StopTestFailed, debug.StopCaught:
		return true
	case debug.StopBreakpoint:
		return stop.Breakpoint != nil
	}
	return false
}

// cmdRewind runs the program again to the entry of the selected frame's call (rewind N: of
// frame N's), the same call that went on to the last stop a run can find again.
func (in *Interpreter) cmdRewind(arg string) error {
	if err := in.needFrames(); err != nil {
		return err
	}
	n := in.frame
	if arg != "" {
		var err error
		if n, err = strconv.Atoi(arg); err != nil {
			return fmt.Errorf("rewind takes a frame number, not %q", arg)
		}
		if err := in.SelectFrame(n); err != nil {
			return err
		}
		n = in.frame
	}
	if in.anchorStk.Len() == 0 {
		return errors.New("rewind goes back from a panic, a fatal error, a failed test, a caught panic or a breakpoint, which a run again can find: there was none since the program started")
	}
	// The call, as the last findable stop saw it: its frame there has the same function and
	// the same callers.
	f := in.stk.Frame(n)
	callers := visibleCallers(in.stk, n)
	m := -1
	for i := range in.anchorStk.Len() {
		if in.anchorStk.Frame(i).Function == f.Function && sameCallers(visibleCallers(in.anchorStk, i), callers) {
			m = i
			break
		}
	}
	if m < 0 {
		return fmt.Errorf("the call of %s began after the last stop a run again can find (a panic, a failed test, a breakpoint): rewind from that stop, or set a breakpoint here and restart", stack.DisplayName(f.Function))
	}
	newer := 0
	for i := range in.anchorStk.Depth(m) {
		if in.anchorStk.All[i].Function == f.Function {
			newer++
		}
	}
	target := debug.RewindTarget{
		Function:      f.Function,
		Newer:         newer,
		Callers:       callers,
		SameGoroutine: in.anchorGid == in.gid,
	}
	in.progOut.beforeRun()
	r, err := in.dbg.Rewind(target)
	in.printf("%s", in.progOut.afterRun())
	if err != nil {
		return err
	}
	if r.Note != "" {
		in.printf("%s\n", r.Note)
	}
	in.printf("Rewound to call %d of %s (%d calls up to %s in the run again).\n", r.Call, stack.DisplayName(f.Function), r.Calls, in.anchorWhat)
	in.OnStop(r.Stop)
	return nil
}

// visibleCallers are the visible frames below visible frame n, innermost first, as many as
// rewind compares.
func visibleCallers(s stack.Stack, n int) []debug.Location {
	var out []debug.Location
	for i := n + 1; i < s.Len() && len(out) < rewindCallers; i++ {
		out = append(out, debug.LocationOf(s.Frame(i)))
	}
	return out
}

func sameCallers(a, b []debug.Location) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Function != b[i].Function || a[i].Line != b[i].Line {
			return false
		}
	}
	return true
}

// anchorText names a findable stop for rewind's message.
func anchorText(stop debug.Stop) string {
	switch stop.Kind {
	case debug.StopPanic:
		return "the panic"
	case debug.StopFatal:
		return "the fatal error"
	case debug.StopTestFailed:
		return "the test failure"
	case debug.StopCaught:
		return "the caught panic"
	case debug.StopBreakpoint:
		return fmt.Sprintf("breakpoint %d", stop.Breakpoint.ID)
	}
	return "the stop"
}
