package session

import (
	"fmt"
	"slices"

	"github.com/go-delve/delve/service/api"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/stack"
)

// bpUntil names until's breakpoint (Delve takes identifiers only); it is never shown.
const bpUntil = "pdbgoUntil"

// Until runs goroutine sc.GoroutineID until its frame sc.Frame reaches a line at or after line
// or returns: pdb's "until lineno" (set_until). line 0, or any line not after the frame's
// current one, means plain until: a line after the current one (the end of a loop).
//
// The frame is known by its identity, its function and its offset from the top of the
// goroutine's stack, as Delve's next knows it, not by counting frames: a deeper or shallower
// call of the same function (recursion) and another goroutine on the same lines do not stop it.
// One breakpoint of pdbgo's own covers the statements of those lines in the frame's function,
// with the condition "this goroutine, this frame offset"; Delve's StepOut, whose return
// breakpoints that one interrupts, stops where the frame returns (deferred calls, panics and
// wrappers as for return). The program runs at full speed in between: a loop that until runs
// to its end costs no step per line.
func (s *Session) Until(sc debug.Scope, line int) (debug.Stop, error) {
	return s.stepping(func() (debug.Stop, error) { return s.untilRun(sc, line) })
}

func (s *Session) untilRun(sc debug.Scope, line int) (debug.Stop, error) {
	gid := sc.GoroutineID
	if err := s.selectToStep(gid); err != nil {
		return debug.Stop{}, err
	}
	frames, err := s.client.Stacktrace(gid, sc.Frame, 0, 0, nil)
	if err != nil {
		return debug.Stop{}, cleanError(err)
	}
	if len(frames) == 0 {
		return debug.Stop{}, stack.ErrNoFrames
	}
	target := frames[min(sc.Frame, len(frames)-1)]
	line = max(line, target.Line+1)
	if sc.Frame > 0 {
		st, _, stop, over, err := s.returnTo(gid, sc.Frame)
		if over {
			return stop, err
		}
		if th := st.CurrentThread; th != nil && th.File == target.File && th.Line >= line {
			// The call was the last thing on its line and the next line is one until wants.
			stop = s.stopFrom(st, debug.StopStep)
			stop.ReturnValues = nil
			return stop, nil
		}
	}
	pcs, err := s.statementsFrom(target, line)
	if err != nil {
		return debug.Stop{}, cleanError(err)
	}
	if len(pcs) > 0 {
		cond := fmt.Sprintf("runtime.frameoff == %d", target.FrameOffset)
		if gid > 0 {
			cond = fmt.Sprintf("runtime.curg.goid == %d && %s", gid, cond)
		}
		bp, err := s.client.CreateBreakpoint(&api.Breakpoint{ID: s.freeBreakpointID(), Name: bpUntil, Addrs: pcs, Cond: cond})
		if err != nil {
			return debug.Stop{}, cleanError(err)
		}
		defer func() { _, _ = s.client.ClearBreakpoint(bp.ID) }()
	}
	var stop debug.Stop
	for range maxStepOuts {
		st, step, over, err := s.runStep(s.client.StepOut)
		if over {
			return step, err
		}
		stop = step
		if th := st.CurrentThread; th != nil && th.Breakpoint != nil && th.Breakpoint.Name == bpUntil {
			return stop, nil
		}
		// Delve's StepOut stops in a deferred call the returning frame runs: until runs on
		// over it, as over any call the frame makes, until the frame is gone.
		if !s.onStack(stop.GoroutineID, target, 0) {
			return s.leaveHidden(st, stepReturn, stack.Frame{})
		}
	}
	return stop, nil
}

// statementsFrom returns the addresses of the statements on the lines at or after line in
// frame f's function, in f's file (a function inlined into it, a closure it defines are
// another's lines).
func (s *Session) statementsFrom(f api.Stackframe, line int) ([]uint64, error) {
	asm, err := s.client.DisassemblePC(api.EvalScope{GoroutineID: -1}, f.PC, api.GoFlavour)
	if err != nil || len(asm) == 0 {
		return nil, err
	}
	first, last := asm[0].Loc.PC, asm[len(asm)-1].Loc.PC
	var lines []int
	for _, in := range asm {
		if in.Loc.File == f.File && in.Loc.Line >= line {
			lines = append(lines, in.Loc.Line)
		}
	}
	slices.Sort(lines)
	var pcs []uint64
	for _, l := range slices.Compact(lines) {
		// Delve's location of a line is its first statement in each function: where a
		// breakpoint on that line stops.
		locs, _, err := s.client.FindLocation(api.EvalScope{GoroutineID: -1}, fmt.Sprintf("%s:%d", f.File, l), false, nil)
		if err != nil {
			continue // a line whose code is not a statement of its own
		}
		for _, loc := range locs {
			for _, pc := range append([]uint64{loc.PC}, loc.PCs...) {
				if pc >= first && pc <= last && !slices.Contains(pcs, pc) {
					pcs = append(pcs, pc)
				}
			}
		}
	}
	return pcs, nil
}
