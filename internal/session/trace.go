package session

import (
	"github.com/go-delve/delve/service/api"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/stack"
)

// runToTrap runs a process that attached pdbgo through the trace package into its trap: the
// process waits, polling, until its calling thread is traced, then calls runtime.Breakpoint.
// Attaching stopped it inside that wait; Continue lets it reach the trap, where the session
// shows it. A failure here shows up in the next State.
func (s *Session) runToTrap() {
	_, _ = s.Continue()
}

// leaveSetTrace runs the selected goroutine, when it stopped itself in trace.SetTrace, out of
// the trace package's frames back to the line that called it, so that next, step and return
// act from the line the user sees, as pdb's do after set_trace. done reports that the step
// is over, and stop what it came to: leaving reached the next line of the caller already
// (lineStep: the step was next or step), or something else happened on the way (a
// breakpoint, a panic, the exit).
func (s *Session) leaveSetTrace(lineStep bool) (stop debug.Stop, done bool, err error) {
	if !s.atSetTrace {
		return debug.Stop{}, false, nil // the last stop was not SetTrace's: spare every step two calls
	}
	st, err := s.client.GetState()
	if err != nil || st.SelectedGoroutine == nil {
		return debug.Stop{}, false, nil
	}
	gid := st.SelectedGoroutine.ID
	frames := s.frames(gid)
	if stack.TraceCall(frames) != "SetTrace" {
		return debug.Stop{}, false, nil
	}
	from := stack.New(frames)
	if from.Len() == 0 {
		return debug.Stop{}, false, nil
	}
	call := from.Frame(0) // the line that called SetTrace
	for range 8 {         // the trace package nests a few calls deep
		st, err := s.client.StepOut()
		if err != nil {
			stop, err := s.afterError(err)
			return stop, true, err
		}
		if st.Exited {
			return debug.Stop{Kind: debug.StopExited, ExitStatus: st.ExitStatus, GoroutineID: -1}, true, nil
		}
		if stop := s.stopFrom(st, debug.StopStep); stop.Kind != debug.StopStep {
			return stop, true, nil
		}
		frames = s.frames(gid)
		if stack.TraceCall(frames) != "" {
			continue
		}
		// Back in the caller: right after the call, or at the start of the next line when
		// the call ended its line.
		now := stack.New(frames)
		if lineStep && now.Len() > 0 && (now.Frame(0).Line != call.Line || now.Frame(0).File != call.File) {
			return s.stopFrom(st, debug.StopStep), true, nil
		}
		return debug.Stop{}, false, nil
	}
	return debug.Stop{}, false, nil
}

// traceDepth is how many frames are read to tell a stop in the trace package and its caller:
// the trace package's frames are the innermost few.
const traceDepth = 16

// frames is the innermost frames of a goroutine as the stack package takes them, nil when they
// cannot be read.
func (s *Session) frames(gid int64) []stack.Frame {
	frames, _ := s.Stacktrace(gid, 0, traceDepth)
	return frames
}

// traceTrap explains a hardcoded breakpoint raised by pdbgo's trace package: a deferred
// trace.OnPanic that caught a panic becomes a panic stop with the message Go would have
// printed, a trace.SetTrace says so.
func (s *Session) traceTrap(stop *debug.Stop) {
	if stop.GoroutineID < 0 {
		return
	}
	switch stack.TraceCall(s.frames(stop.GoroutineID)) {
	case "SetTrace":
		stop.Message = "Stopped by trace.SetTrace()"
		s.atSetTrace = true
	case "OnPanic":
		stop.Kind = debug.StopPanic
		stop.Message = "panic"
		// The trace package wrote what Go will print: the runtime turns an error value into
		// its text only when it prints the panic, and pdbgo cannot call methods here.
		v, err := s.client.EvalVariable(api.EvalScope{GoroutineID: stop.GoroutineID},
			`"`+stack.TracePackage+`".stopMessage`, api.LoadConfig{MaxStringLen: 4096})
		if err == nil && v.Unreadable == "" && v.Value != "" {
			stop.Message = v.Value
		} else if chain := s.panicChainFrom(stop.GoroutineID, "runtime.curg._panic"); len(chain) > 0 {
			// OnPanic has recovered the panic to hold the program; show it as it was.
			chain[0].recovered = false
			stop.Message = formatPanics(chain)
		}
	}
}
