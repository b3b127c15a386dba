package session

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/go-delve/delve/service/api"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/stack"
)

// Rewind without a recorder: the program is run again to the last stop a run can find again
// (the anchor) while a breakpoint at the function's entry counts its calls (Delve counts the
// hits of a breakpoint whose hit condition is never met, per goroutine too, without stopping
// pdbgo); then once more, with the hit condition "== N", to the call with that number. A
// program that does not repeat itself (input, time, scheduling) is told apart by a count that
// falls short or a call that comes from another path, and said so.
const (
	bpRewind = "pdbgoRewind"
	rewindID = exitWatchID + 3
	// countOnly is a hit condition no run reaches: the breakpoint counts and never stops.
	countOnly = "> 4611686018427387904"
)

// stopRewound is the kind of the stop at the rewind breakpoint, for Rewind alone.
const stopRewound debug.StopKind = -2

// anchor is a stop a run can find again: which kind of stop where, and how many such stops
// the run had made by then.
type anchor struct {
	key        string
	occurrence int
	gid        int64
	what       string // "the panic", "breakpoint 2"... for the notes
}

// noteStop counts a stop that a run can find again, and makes it the anchor.
func (s *Session) noteStop(stop debug.Stop) {
	key, what, ok := s.stopKey(stop)
	if !ok {
		return
	}
	if s.seen == nil {
		s.seen = map[string]int{}
	}
	s.seen[key]++
	s.anchor = &anchor{key: key, occurrence: s.seen[key], gid: stop.GoroutineID, what: what}
}

// stopKey names a stop a run can find again: a user breakpoint by its id, a panic, a fatal
// error, a failed test or a caught panic by its kind and the line it shows (a message can hold
// addresses that differ between runs).
func (s *Session) stopKey(stop debug.Stop) (key, what string, ok bool) {
	switch stop.Kind {
	case debug.StopBreakpoint:
		if stop.Breakpoint == nil {
			return "", "", false
		}
		return fmt.Sprintf("breakpoint %d", stop.Breakpoint.ID), fmt.Sprintf("breakpoint %d", stop.Breakpoint.ID), true
	case debug.StopPanic:
		what = "the panic"
	case debug.StopFatal:
		what = "the fatal error"
	case debug.StopTestFailed:
		what = "the test failure"
	case debug.StopCaught:
		what = "the caught panic"
	default:
		return "", "", false
	}
	at := ""
	if stop.GoroutineID > 0 {
		if frames, err := s.Stacktrace(stop.GoroutineID, 0, debug.MaxDepth); err == nil {
			n := stack.StopIndex(frames)
			if stop.Kind == debug.StopTestFailed && stop.Frame < len(frames) {
				n = stop.Frame
			}
			if n >= 0 {
				at = fmt.Sprintf("%s:%d", frames[n].Function, frames[n].Line)
			}
		}
	}
	return fmt.Sprintf("%d %s", stop.Kind, at), what, true
}

// Rewind runs the program again to the entry of the call t names (see debug.Debugger).
func (s *Session) Rewind(t debug.RewindTarget) (debug.Rewound, error) {
	switch s.cfg.Mode {
	case ModeAttach:
		return debug.Rewound{}, errors.New("cannot rewind a process pdbgo attached to: it cannot run it again")
	case ModeCore:
		return debug.Rewound{}, errors.New("cannot rewind a core dump")
	case ModeConnect:
		return debug.Rewound{}, errors.New("cannot rewind a remote server's program")
	}
	from := s.anchor
	if from == nil {
		return debug.Rewound{}, errors.New("rewind goes back from a stop a run can find again (a panic, a fatal error, a failed test, a caught panic, a breakpoint): there was none yet")
	}
	defer func() { s.anchor = from }() // the run again leaves the first run's anchor, for another rewind
	perG := t.SameGoroutine && from.gid > 0
	if err := s.withProcess(func() error { return s.setRewind(t.Function) }); err != nil {
		return debug.Rewound{}, err
	}

	var note string
	var stop debug.Stop
	var calls int
	if saved := s.rewindSaved; saved != nil && from.key == fmt.Sprintf("breakpoint %d", saved.ID) {
		// The last stop was the user's breakpoint at the function's entry: its hits were the
		// calls, when it stopped at every one.
		if saved.Cond != "" || saved.HitCond != "" {
			s.clearRewind()
			return debug.Rewound{}, fmt.Errorf("cannot count the calls of %s: breakpoint %d is there with a condition (condition %d clears it)", t.Function, saved.ID, saved.ID)
		}
		calls, perG = from.occurrence, false
	} else {
		// The run that counts.
		if err := s.rewindRun(countOnly, false); err != nil {
			return debug.Rewound{}, err
		}
		var found bool
		var err error
		stop, found, err = s.runToAnchor(from)
		if err != nil {
			return debug.Rewound{}, s.rewindFailed(stop, err)
		}
		if !found {
			note = fmt.Sprintf("The run again did not repeat: it ended (%s) before %s.", stopText(stop), from.what)
			perG = false
		}
		calls = s.rewindHits(stop.GoroutineID, perG)
	}
	if calls == 0 {
		s.clearRewind()
		return debug.Rewound{}, &debug.StoppedError{Stop: stop, Reason: fmt.Sprintf("%s was not called before %s in the run again: nothing to rewind to", t.Function, from.what)}
	}
	call := max(calls-t.Newer, 1)

	// The run to the call.
	if err := s.rewindRun(fmt.Sprintf("== %d", call), perG); err != nil {
		return debug.Rewound{}, err
	}
	stop, reached, err := s.runToRewound()
	if err != nil {
		return debug.Rewound{}, s.rewindFailed(stop, err)
	}
	if !reached {
		// Fewer calls this time: the nearest is the last of them, once more.
		got := s.rewindHits(stop.GoroutineID, perG)
		if got == 0 {
			s.clearRewind()
			return debug.Rewound{}, &debug.StoppedError{Stop: stop, Reason: fmt.Sprintf("the run again did not repeat: %s was not called this time", t.Function)}
		}
		note = fmt.Sprintf("The run again did not repeat: %s was called %d times, not %d; stopped at the last.", t.Function, got, call)
		call = got
		if err := s.rewindRun(fmt.Sprintf("== %d", call), perG); err != nil {
			return debug.Rewound{}, err
		}
		if stop, reached, err = s.runToRewound(); err != nil || !reached {
			return debug.Rewound{}, s.rewindFailed(stop, errors.Join(err, errors.New("the program did not repeat itself")))
		}
	}
	s.clearRewind()
	if note == "" {
		note = s.pathNote(stop.GoroutineID, t)
	}
	stop.Kind = debug.StopBreakpoint
	return debug.Rewound{Stop: stop, Call: call, Calls: calls, Note: note}, nil
}

// rewindRun starts the program again (the same binary, arguments and breakpoints) with the
// counting breakpoint at its hit condition.
func (s *Session) rewindRun(hitCond string, perG bool) error {
	if err := s.restartProcess(false, nil); err != nil {
		return fmt.Errorf("cannot run the program again: %v", err)
	}
	bp, err := s.client.GetBreakpoint(s.rewindBP)
	if err != nil {
		return cleanError(err)
	}
	bp.Cond, bp.HitCond, bp.HitCondPerG = "", hitCond, perG
	return cleanError(s.client.AmendBreakpoint(bp))
}

// runToAnchor continues the program, past every other stop, until it stops where the anchor
// stopped (found), or ends, crashes elsewhere, or is halted.
func (s *Session) runToAnchor(a *anchor) (debug.Stop, bool, error) {
	for {
		stop, err := s.Continue()
		if err != nil {
			return stop, false, err
		}
		if key, _, ok := s.stopKey(stop); ok && key == a.key && s.seen[key] == a.occurrence {
			return stop, true, nil
		}
		switch {
		case stop.Kind == debug.StopExited || stop.Crashed():
			return stop, false, nil
		case stop.Kind == debug.StopHalt && s.halted():
			return stop, false, errors.New("rewind was interrupted")
		}
	}
}

// runToRewound continues the program, past every other stop, until the rewind breakpoint
// stops it (reached) or it ends.
func (s *Session) runToRewound() (debug.Stop, bool, error) {
	for {
		stop, err := s.Continue()
		switch {
		case err != nil:
			return stop, false, err
		case stop.Kind == stopRewound:
			return stop, true, nil
		case stop.Kind == debug.StopExited || stop.Crashed():
			return stop, false, nil
		case stop.Kind == debug.StopHalt && s.halted():
			return stop, false, errors.New("rewind was interrupted")
		}
	}
}

// rewindHits is how many calls the counting breakpoint counted: on goroutine gid, or on all.
func (s *Session) rewindHits(gid int64, perG bool) int {
	bp, err := s.client.GetBreakpoint(s.rewindBP)
	if err != nil {
		return 0
	}
	if perG {
		return int(bp.HitCount[strconv.FormatInt(gid, 10)])
	}
	return int(bp.TotalHitCount)
}

// clearRewind removes the counting breakpoint, or gives back the user's breakpoint that
// counted its settings.
func (s *Session) clearRewind() {
	switch {
	case s.rewindBP == rewindID:
		_, _ = s.client.ClearBreakpoint(rewindID)
	case s.rewindSaved != nil:
		if bp, err := s.client.GetBreakpoint(s.rewindBP); err == nil {
			bp.Cond, bp.HitCond, bp.HitCondPerG = s.rewindSaved.Cond, s.rewindSaved.HitCond, s.rewindSaved.HitCondPerG
			_ = s.client.AmendBreakpoint(bp)
		}
	}
	s.rewindBP, s.rewindSaved = 0, nil
}

// rewindFailed clears the rewind breakpoint and says where the program is now.
func (s *Session) rewindFailed(stop debug.Stop, err error) error {
	s.clearRewind()
	if errors.Is(err, debug.ErrClosed) {
		return err
	}
	if stop.Kind == stopRewound {
		stop.Kind = debug.StopBreakpoint
	}
	return &debug.StoppedError{Stop: stop, Reason: "rewind: " + cleanError(err).Error()}
}

// pathNote compares the callers of the call rewound to with those t names: "" when they
// agree, else a note naming the first that differs.
func (s *Session) pathNote(gid int64, t debug.RewindTarget) string {
	frames, err := s.Stacktrace(gid, 0, debug.MaxDepth)
	if err != nil || len(frames) == 0 {
		return ""
	}
	var callers []stack.Frame
	for _, f := range frames[1:] {
		if !stack.IsHidden(f) {
			callers = append(callers, f)
		}
	}
	for i, want := range t.Callers {
		if i >= len(callers) {
			break
		}
		if got := callers[i]; got.Function != want.Function || got.Line != want.Line {
			return fmt.Sprintf("The run again did not repeat: this call of %s came from %s line %d, not %s line %d.", t.Function, got.Function, got.Line, want.Function, want.Line)
		}
	}
	return ""
}

// stopText names how a run ended, for a note.
func stopText(stop debug.Stop) string {
	switch {
	case stop.Kind == debug.StopExited:
		return strings.TrimSuffix(strings.TrimPrefix(stop.ExitText(), "The "), ".")
	case stop.Crashed():
		first, _, _ := strings.Cut(stop.Message, "\n")
		return first
	}
	return "elsewhere"
}

// setRewind sets the counting breakpoint at the entry of function. Delve takes one breakpoint
// an address: when the user has one there, it counts, its own settings kept to be given back.
func (s *Session) setRewind(function string) error {
	s.clearRewind()
	_, err := s.client.CreateBreakpoint(&api.Breakpoint{ID: rewindID, Name: bpRewind, FunctionName: function, HitCond: countOnly})
	if err == nil {
		s.rewindBP = rewindID
		return nil
	}
	if strings.Contains(err.Error(), "Breakpoint exists") {
		if locs, _, lerr := s.client.FindLocation(api.EvalScope{GoroutineID: -1}, function, true, nil); lerr == nil && len(locs) > 0 {
			bps, _ := s.client.ListBreakpoints(false)
			for _, bp := range bps {
				if bp.ID > 0 && (bp.Addr == locs[0].PC || slices.Contains(bp.Addrs, locs[0].PC)) {
					saved := *bp
					s.rewindBP, s.rewindSaved = bp.ID, &saved
					return nil
				}
			}
		}
	}
	return fmt.Errorf("cannot count the calls of %s: %v", function, cleanError(err))
}
