package session

import (
	"errors"
	"fmt"
	"strings"

	"github.com/go-delve/delve/service/api"

	"github.com/pdbgo/pdbgo/internal/debug"
)

// Names Delve gives its own breakpoints.
const (
	bpPanic = "unrecovered-panic"
	bpFatal = "runtime-fatal-throw"
	bpTrap  = "hardcoded-breakpoint"
)

// Continue runs the program until it stops and says why.
func (s *Session) Continue() (debug.Stop, error) {
	if err := s.checkLive(); err != nil {
		return debug.Stop{}, err
	}
	s.setRunning(true)
	stop, err := s.continueRun()
	if s.endRun() {
		return debug.Stop{}, debug.ErrClosed
	}
	if err == nil {
		s.noteStop(stop)
	}
	return stop, err
}

// continueRun continues the program until a stop to show. The session says it runs until
// that stop is known: a halt asked for while a stop that is not to be shown is read ends the
// run there.
func (s *Session) continueRun() (debug.Stop, error) {
	for {
		last := s.continueOnce()
		if s.halted() {
			last = s.haltOutsideSignalHandler(last)
		}
		if s.isClosed() {
			return debug.Stop{}, debug.ErrClosed
		}
		if last == nil {
			return debug.Stop{}, errors.New("the debugger did not answer")
		}
		if last.Exited {
			return debug.Stop{Kind: debug.StopExited, ExitStatus: last.ExitStatus, GoroutineID: -1}, nil
		}
		if last.Err != nil {
			return s.afterRunError(last.Err)
		}
		stop := s.classify(last, debug.StopHalt)
		if stop.Kind == stopPass {
			if s.passOn() {
				continue
			}
			stop.Kind = debug.StopHalt
		}
		s.callReturned(last, &stop)
		return stop, nil
	}
}

// passOn reports whether the program is to run on after a stop at one of pdbgo's own
// breakpoints that is not to be shown: not when the user halted it meanwhile (or the session
// ended), and the stop is then shown as a halt.
func (s *Session) passOn() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.haltAsked && !s.closed
}

// afterError turns an error of a run into an exit when the process is gone.
func (s *Session) afterError(err error) (debug.Stop, error) {
	if status, ok := exitStatusOf(err.Error()); ok {
		return debug.Stop{Kind: debug.StopExited, ExitStatus: status, GoroutineID: -1}, nil
	}
	return debug.Stop{}, err
}

// exitStatusOf reads Delve's "Process N has exited with status M" message, the only form an
// exit takes once it crossed the RPC connection.
func exitStatusOf(msg string) (int, bool) {
	var pid, status int
	i := strings.Index(msg, "Process ")
	if i < 0 {
		return 0, false
	}
	if _, err := fmt.Sscanf(msg[i:], "Process %d has exited with status %d", &pid, &status); err != nil {
		return 0, false
	}
	return status, true
}

// State is the stop the program is at now, without running it (after attach, connect, core).
func (s *Session) State() (debug.Stop, error) {
	st, err := s.client.GetState()
	if err != nil {
		return s.afterError(err)
	}
	if st.Exited {
		return debug.Stop{Kind: debug.StopExited, ExitStatus: st.ExitStatus, GoroutineID: -1}, nil
	}
	if s.cfg.Mode == ModeCore {
		return s.coreStop(st), nil
	}
	stop := s.stopFrom(st, debug.StopHalt)
	if s.haltedOnConnect && stop.Kind == debug.StopHalt {
		s.haltedOnConnect = false
		stop.Message = "The program was running: pdbgo halted it."
	}
	return stop, nil
}

func (s *Session) checkLive() error {
	if s.cfg.Mode == ModeCore {
		return errors.New("a core dump cannot run: this command needs a live process")
	}
	return nil
}

// stopFrom classifies a stop; plain is the kind when no breakpoint explains it.
func (s *Session) stopFrom(st *api.DebuggerState, plain debug.StopKind) debug.Stop {
	stop := s.classify(st, plain)
	if stop.Kind == stopPass {
		stop.Kind = plain // a stop pdbgo would have passed, shown for what it is otherwise
	}
	return stop
}

// classify is stopFrom, where a stop at one of pdbgo's own breakpoints that is not to be
// shown has the kind stopPass.
func (s *Session) classify(st *api.DebuggerState, plain debug.StopKind) debug.Stop {
	stop := debug.Stop{Kind: plain, GoroutineID: -1}
	if st.SelectedGoroutine != nil {
		stop.GoroutineID = st.SelectedGoroutine.ID
	}
	s.setSelectedG(stop.GoroutineID)
	th := st.CurrentThread
	if th == nil {
		return stop
	}
	if stop.GoroutineID < 0 && th.GoroutineID > 0 {
		stop.GoroutineID = th.GoroutineID
	}
	for i := range th.ReturnValues {
		stop.ReturnValues = append(stop.ReturnValues, toValue(&th.ReturnValues[i]))
	}
	bp := th.Breakpoint
	if bp == nil {
		if st.StopReason == bpTrap {
			stop.Kind = debug.StopTrap
			s.traceTrap(&stop)
		}
		return stop
	}
	if plain == debug.StopStep && !s.conditionHolds(stop.GoroutineID, bp.Cond) {
		return stop // a step ended where a breakpoint is whose condition is false: a step
	}
	switch bp.Name {
	case bpPanic:
		stop.Kind = debug.StopPanic
		stop.Message = s.panicMessage(stop.GoroutineID, th)
	case bpFatal:
		stop.Kind = debug.StopFatal
		stop.Message = s.fatalMessage(stop.GoroutineID, th)
	case bpTrap:
		stop.Kind = debug.StopTrap
		s.traceTrap(&stop)
	case bpExitWhilePanicking:
		s.exitWhilePanicking(&stop)
	case bpTestFailed:
		s.testFailed(&stop)
	case bpCatch:
		s.caughtPanic(&stop)
	case bpRewind:
		stop.Kind = stopRewound
	case bpUntil:
		// Until's own breakpoint: the run ends as a step does, with no breakpoint to name.
	default:
		if bp.ID > 0 && bp.ID == s.rewindBP {
			stop.Kind = stopRewound // a user's breakpoint counting for rewind
		} else if bp.ID > 0 {
			b := toBreakpoint(bp)
			stop.Kind = debug.StopBreakpoint
			stop.Breakpoint = &b
		}
	}
	return stop
}

// conditionHolds evaluates a breakpoint's condition at the stop. A step that ends on a line
// with a conditional breakpoint is reported by Delve with that breakpoint even when its
// condition is false; such a stop is a step, not a hit.
func (s *Session) conditionHolds(gid int64, cond string) bool {
	if cond == "" {
		return true
	}
	v, err := s.client.EvalVariable(api.EvalScope{GoroutineID: gid}, cond, api.LoadConfig{})
	return err == nil && v.Value == "true"
}
