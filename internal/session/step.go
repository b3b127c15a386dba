package session

import (
	"errors"
	"os"
	"strings"
	"time"

	"github.com/go-delve/delve/service/api"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/stack"
)

// stepKind is which of pdb's stepping commands runs.
type stepKind int

const (
	stepNext   stepKind = iota // next: to the frame's next line, over calls
	stepInto                   // step: to the next line, into calls
	stepReturn                 // return: until the frame returns
)

// Next runs goroutine sc.GoroutineID to the next line of frame sc.Frame, or to where that
// frame returns (pdb's set_next(curframe)).
func (s *Session) Next(sc debug.Scope) (debug.Stop, error) { return s.stepFrom(sc, stepNext) }

// Step is Next that also stops in the functions the frame calls. A function without source
// (or the runtime's) is stepped over.
func (s *Session) Step(sc debug.Scope) (debug.Stop, error) { return s.stepFrom(sc, stepInto) }

// StepOut runs goroutine sc.GoroutineID until frame sc.Frame returns.
func (s *Session) StepOut(sc debug.Scope) (debug.Stop, error) { return s.stepFrom(sc, stepReturn) }

// Delve steps frame 0 of its selected goroutine only: Next and Step set breakpoints on the
// lines of frame 0 and on its return address, StepOut on its return address, each with a
// condition on the goroutine and the frame's offset, then continue. Stepping from frame N
// therefore first runs frames 0 to N-1 to their returns, one StepOut each: every StepOut keeps
// Delve's own handling of deferred calls, panics, inlined and wrapper frames and recursion (the
// frame offset tells the target frame from another call of the same function), which a
// breakpoint of pdbgo's own at the caller's return address would lose. A goroutine parked in
// the runtime (in <-ch, in a syscall after Ctrl-C) is the same case: its runtime frames are
// frames 0 to N-1 above the program's frame the user sees.

// maxStepOuts bounds the StepOuts of one step beyond the frames counted: deferred calls run by
// a returning frame can stop a StepOut in them.
const maxStepOuts = 64

func (s *Session) stepFrom(sc debug.Scope, kind stepKind) (debug.Stop, error) {
	return s.stepping(func() (debug.Stop, error) { return s.stepRun(sc, kind) })
}

// stepping runs a stepping command of several Delve commands as one run of the program.
func (s *Session) stepping(run func() (debug.Stop, error)) (debug.Stop, error) {
	if err := s.checkLive(); err != nil {
		return debug.Stop{}, err
	}
	s.setRunning(true)
	stop, err := run()
	if s.endRun() {
		return debug.Stop{}, debug.ErrClosed
	}
	if err == nil {
		s.noteStop(stop) // a step can end at a breakpoint or a panic
	}
	return stop, err
}

// selectToStep makes goroutine gid Delve's selected one, the one its steps move. A goroutine
// parked or in a syscall is stepped as well as the one on the current thread (the steps'
// breakpoints carry a goroutine condition).
func (s *Session) selectToStep(gid int64) error {
	if gid > 0 && gid != s.selectedG() {
		return s.SwitchGoroutine(gid)
	}
	return nil
}

func (s *Session) stepRun(sc debug.Scope, kind stepKind) (debug.Stop, error) {
	gid := sc.GoroutineID
	if err := s.selectToStep(gid); err != nil {
		return debug.Stop{}, err
	}
	if sc.Frame > 0 {
		st, lineEnded, stop, over, err := s.returnTo(gid, sc.Frame)
		if over {
			return stop, err
		}
		if lineEnded && kind != stepReturn {
			// The call was the last thing on its line: the frame is at its next line already.
			stop = s.stopFrom(st, debug.StopStep)
			stop.ReturnValues = nil
			return stop, nil
		}
	}
	var from stack.Frame // where step starts: it tells a call it entered from a return
	if kind == stepInto {
		if frames, err := s.client.Stacktrace(gid, 0, 0, 0, nil); err == nil && len(frames) > 0 {
			from = stack.Frame{Function: functionName(frames[0]), File: frames[0].File, Line: frames[0].Line}
		}
	}
	do := map[stepKind]func() (*api.DebuggerState, error){
		stepNext: s.client.Next, stepInto: s.client.Step, stepReturn: s.client.StepOut,
	}[kind]
	st, stop, over, err := s.runStep(do)
	if over {
		return stop, err
	}
	return s.leaveHidden(st, kind, from)
}

// returnTo runs frames 0 to depth-1 of goroutine gid to their returns, so that the frame at
// depth becomes frame 0; lineEnded reports that the frame is at another line than before (the
// returning call was the last thing on its line). over reports that the run ended before (a
// breakpoint, a panic, the exit, a halt, or the frame returned too), with stop saying where.
func (s *Session) returnTo(gid int64, depth int) (st *api.DebuggerState, lineEnded bool, stop debug.Stop, over bool, err error) {
	frames, err := s.client.Stacktrace(gid, depth, 0, 0, nil)
	if err != nil {
		return nil, false, debug.Stop{}, true, cleanError(err)
	}
	if len(frames) <= depth {
		depth = len(frames) - 1
	}
	if depth <= 0 {
		return nil, false, debug.Stop{}, false, nil
	}
	target := frames[depth]
	for range depth + maxStepOuts {
		st, stop, over, err = s.runStep(s.client.StepOut)
		if over {
			return st, false, stop, true, err
		}
		top, err := s.client.Stacktrace(stop.GoroutineID, 0, 0, 0, nil)
		if err != nil || len(top) == 0 {
			return st, false, stop, true, nil
		}
		switch f := top[0]; {
		case sameFrame(f, target):
			return st, f.Line != target.Line || f.File != target.File, stop, false, nil
		case f.FrameOffset > target.FrameOffset && !s.onStack(stop.GoroutineID, target, depth):
			// Stack offsets grow towards the outer frames: the target frame has returned
			// (a panic unwound it): this is where the step ends. (A frame Delve reads on the
			// system stack, in the runtime, has an offset from another base: the target frame
			// is then still found below it.)
			return st, false, stop, true, nil
		}
	}
	return st, false, stop, true, nil
}

// A halt (Ctrl-C) stops every thread wherever it is. Now and then a thread is inside the
// runtime's signal handler (the runtime preempts goroutines with signals), on the signal
// stack: Delve cannot unwind the goroutine's stack from there ("?" frames) nor step out of it
// (it answers "input/output error" or never stops). The handler runs for microseconds: the
// session lets the program run a moment and halts it again, a few times at most.

// signalHandlerMoment is how long a program halted in a signal handler runs before the next
// halt: long enough for the handler to return.
const signalHandlerMoment = 2 * time.Millisecond

// signalFrames are the runtime's functions on a thread handling a signal.
var signalFrames = map[string]bool{"runtime.sigtramp": true, "runtime.sigreturn__sigaction": true,
	"runtime.sigtrampgo": true, "runtime.sighandler": true, "runtime.sigfwdgo": true, "runtime.doSigPreempt": true}

// inSignalHandler reports whether a thread of the program is handling a signal: the halt
// caught it there, whichever thread Delve made current.
func inSignalHandler(st *api.DebuggerState) bool {
	if st == nil {
		return false
	}
	for _, th := range st.Threads {
		if th.Function != nil && signalFrames[th.Function.Name()] {
			return true
		}
	}
	return false
}

// haltOutsideSignalHandler halts the program again, after a moment of running, while a halt
// found a thread in the signal handler; it returns the state to show.
func (s *Session) haltOutsideSignalHandler(st *api.DebuggerState) *api.DebuggerState {
	for range 3 {
		if !inSignalHandler(st) {
			return st
		}
		// The run is halted (haltAsked): it is halted again after a moment of running,
		// unless it stops by itself first (a breakpoint, the exit).
		last := s.continueHalted(signalHandlerMoment)
		if last == nil || last.Err != nil || last.Exited {
			return last
		}
		st = last
	}
	return st
}

// sameFrame reports whether two reads of frames are the same call: the same function at the
// same offset from the top of its goroutine's stack.
func sameFrame(a, b api.Stackframe) bool {
	return a.FrameOffset == b.FrameOffset && functionName(a) == functionName(b)
}

// onStack reports whether frame f is still among the innermost frames of goroutine gid.
func (s *Session) onStack(gid int64, f api.Stackframe, depth int) bool {
	frames, err := s.client.Stacktrace(gid, depth+maxStepOuts, 0, 0, nil)
	if err != nil {
		return false
	}
	for _, g := range frames {
		if sameFrame(g, f) {
			return true
		}
	}
	return false
}

// leaveHidden finishes a step that ended in a frame pdbgo hides (the runtime, a wrapper, the
// trace package; for step, a function without source): it runs out of those frames to the
// first frame shown, and for step, when it had entered such a function from the frame it
// stepped from, steps on from there, over the hidden call.
func (s *Session) leaveHidden(st *api.DebuggerState, kind stepKind, from stack.Frame) (debug.Stop, error) {
	stop := s.stopFrom(st, debug.StopStep)
	for range maxStepOuts {
		th := st.CurrentThread
		if th == nil || stop.GoroutineID < 0 {
			return stop, nil
		}
		here := stack.Frame{File: th.File, Line: th.Line}
		if th.Function != nil {
			here.Function = th.Function.Name()
		}
		if !s.hides(here, kind) {
			return stop, nil
		}
		frames, err := s.Stacktrace(stop.GoroutineID, 0, maxStepOuts)
		if err != nil {
			return stop, nil
		}
		shown := 0
		for shown < len(frames) && s.hides(frames[shown], kind) {
			shown++
		}
		if shown == len(frames) {
			return stop, nil // nothing of the program left on this goroutine (it is ending)
		}
		entered := kind == stepInto && frames[shown].Function == from.Function
		values := stop.ReturnValues
		for range shown {
			before := stop
			var over bool
			st, stop, over, err = s.runStep(s.client.StepOut)
			if isNothingToStepOut(err) {
				return before, nil // the goroutine is ending: nothing to return to
			}
			if over {
				return stop, err
			}
		}
		if !entered {
			stop.ReturnValues = values
			return stop, nil
		}
		stop.ReturnValues = nil // the hidden function's are no one's business
		if th := st.CurrentThread; th == nil || th.Line != from.Line || th.File != from.File {
			return stop, nil // the hidden call ended its line: this is the next line
		}
		// Back in the frame step started from, after the hidden call: step on.
		var over bool
		st, stop, over, err = s.runStep(s.client.Step)
		if over {
			return stop, err
		}
	}
	return stop, nil
}

// hides reports whether a step must not stop in frame f: runtime, wrapper and trace package
// frames, and for step also a function whose source is not on this machine (pdb steps over
// what it cannot show).
func (s *Session) hides(f stack.Frame, kind stepKind) bool {
	if f.Function == "" || stack.IsHidden(f) {
		return true
	}
	if kind != stepInto || s.cfg.Mode == ModeConnect {
		return false // a remote server's files are not on this machine; they are its to show
	}
	if f.File == "" || f.Line == 0 {
		return true
	}
	_, err := os.Stat(f.File)
	return err != nil
}

func isNothingToStepOut(err error) bool {
	return err != nil && strings.Contains(err.Error(), "nothing to stepout to")
}

func functionName(f api.Stackframe) string {
	if f.Function == nil {
		return ""
	}
	return f.Function.Name()
}

// runStep runs one Delve stepping command. over reports that the step ends here, at stop: the
// program exited, the user halted it, a breakpoint or a panic came first, or Delve failed.
func (s *Session) runStep(do func() (*api.DebuggerState, error)) (st *api.DebuggerState, stop debug.Stop, over bool, err error) {
	st, err = s.resumeWith(do)
	if err == nil && s.halted() {
		st = s.haltOutsideSignalHandler(st) // or the next step of the program fails there
	}
	for {
		if err != nil {
			stop, err = s.afterRunError(err)
			return st, stop, true, err
		}
		if st.Exited {
			return st, debug.Stop{Kind: debug.StopExited, ExitStatus: st.ExitStatus, GoroutineID: -1}, true, nil
		}
		stop = s.classify(st, debug.StopStep)
		if stop.Kind != stopPass {
			break
		}
		if !st.NextInProgress || s.halted() {
			stop.Kind = debug.StopStep // the step ended there itself (or a halt, below)
			break
		}
		// One of pdbgo's own breakpoints that is not to be shown stopped the step on its way:
		// continuing lets Delve finish the step.
		st, err = s.continueState()
	}
	if st.NextInProgress {
		// A breakpoint on another goroutine stopped the step before it ended. That stop wins,
		// as a breakpoint does in pdb, and the step is abandoned: Delve would otherwise refuse
		// every next step ("next while nexting") until a continue finished this one.
		_ = s.client.CancelNext()
	}
	if s.halted() {
		if stop.Kind == debug.StopStep {
			stop.Kind = debug.StopHalt
		}
		return st, stop, true, nil
	}
	return st, stop, stop.Kind != debug.StopStep, nil
}

// continueState continues the program and returns the state it stops in (its error as err).
func (s *Session) continueState() (*api.DebuggerState, error) {
	last := s.continueOnce()
	switch {
	case last == nil:
		return nil, errors.New("the debugger did not answer")
	case last.Err != nil && !last.Exited:
		return last, last.Err
	}
	return last, nil
}

// afterRunError turns the error of a run into a stop when there is one: the process exited,
// or a breakpoint's condition failed to evaluate (Delve stops there and answers with the
// error only).
func (s *Session) afterRunError(err error) (debug.Stop, error) {
	if stop, err2 := s.afterError(err); err2 == nil {
		return stop, nil
	}
	s.setSelectedG(0) // the failed run may have moved Delve's selection
	st, stateErr := s.client.GetState()
	if stateErr != nil {
		return debug.Stop{}, cleanError(err)
	}
	if st.NextInProgress {
		_ = s.client.CancelNext()
	}
	if th := st.CurrentThread; th != nil && th.Breakpoint != nil && th.Breakpoint.ID > 0 && isConditionError(err) {
		stop := s.stopFrom(st, debug.StopHalt)
		b := toBreakpoint(th.Breakpoint)
		stop.Kind, stop.Breakpoint = debug.StopBreakpoint, &b
		stop.ConditionError = conditionErrorText(err)
		return stop, nil
	}
	return debug.Stop{}, cleanError(err)
}

// Delve's words for a condition that failed: "error evaluating expression: ...", or the
// evaluator's own error for a name it cannot find.
func isConditionError(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "error evaluating expression") || strings.Contains(msg, "could not find symbol value for")
}

func conditionErrorText(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "error evaluating expression: "); i >= 0 {
		msg = msg[i+len("error evaluating expression: "):]
	}
	return cleanError(errors.New(msg)).Error()
}
