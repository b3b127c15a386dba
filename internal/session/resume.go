package session

import (
	"time"

	"github.com/go-delve/delve/service/api"
)

// A halt must reach Delve after Delve has resumed the program, or it is lost. Delve's Halt
// (service/debugger/debugger.go, Command) asks for a manual stop at once, without waiting for
// the command that runs the program: it sets the flag manualStopRequested and sends SIGTRAP
// to the process (pkg/proc/target.go RequestManualStop, pkg/proc/native/proc_linux.go
// requestManualStop). A continue, next, step, stepout or call begins by clearing that flag
// (pkg/proc/target_exec.go, (*TargetGroup).Continue: CheckAndClearManualStopRequest before its
// loop), and the trap, arriving with no flag, is taken for nothing and the program continued
// ("not a manual stop, not on runtime.Breakpoint, not on a breakpoint, just repeat"). So a
// Ctrl-C pressed right after c, which reached Delve before Delve had resumed, was lost and
// the program ran on.
//
// Delve serves a connection's requests in order, and does not read the next request until
// a command has resumed the program (rpccommon's server waits for its setup to be done; the
// native backend signals it after resuming, pkg/proc/native/proc.go ContinueOnce), and
// directClient orders its calls the same way. Delve's state says Running from when the
// command began. So once a state read after the command was sent says Running, a halt sent
// then is served after the program was resumed, and stops it.

// stateRetry is how long a state request may wait before the session asks again: Delve's
// State waits for the command to end when it reads the state just as the command begins,
// before the command says it runs.
const stateRetry = 100 * time.Millisecond

// resume runs cmd, one Delve command that resumes the program, with the halts asked for
// meanwhile delivered once Delve has resumed it. It reports false, cmd not run, when the run
// was halted before cmd began (between two commands of a step, or as c began): the run ends
// where it is, and no halt meets a command that would stop by itself (Delve's Halt reads the
// target unlocked, racing a continue that is handling a stop: RequestManualStop against
// pickCurrentTarget).
func (s *Session) resume(cmd func()) bool {
	done := make(chan struct{})
	s.mu.Lock()
	if s.haltAsked {
		s.mu.Unlock()
		return false
	}
	s.resuming, s.haltSent = done, false
	s.mu.Unlock()
	s.runResuming(done, cmd)
	return true
}

// resumeHalted runs cmd in a run that was halted, and halts it again once it ran for the
// moment given (unless it stops by itself first).
func (s *Session) resumeHalted(moment time.Duration, cmd func()) {
	done := make(chan struct{})
	s.mu.Lock()
	s.resuming, s.haltSent = done, false
	s.mu.Unlock()
	go func() { _ = s.haltResumed(done, moment) }()
	s.runResuming(done, cmd)
}

func (s *Session) runResuming(done chan struct{}, cmd func()) {
	cmd()
	s.mu.Lock()
	s.resuming = nil
	s.mu.Unlock()
	close(done)
}

// haltResumed halts the program once Delve has resumed it for the command in flight, and
// then ran it for the moment given (done closes when that command returned: it stopped by
// itself, and no halt is sent). A halt is sent once per command; Delve answers it when the
// program has stopped.
func (s *Session) haltResumed(done <-chan struct{}, moment time.Duration) error {
	s.mu.Lock()
	sent := s.haltSent
	s.haltSent = true
	s.mu.Unlock()
	if sent || !s.waitResumed(done) {
		return nil
	}
	if moment > 0 {
		select {
		case <-done:
			return nil
		case <-time.After(moment):
		}
	}
	_, err := s.client.Halt()
	return err
}

// waitResumed waits until Delve runs the command in flight, reporting false when it returned
// first.
func (s *Session) waitResumed(done <-chan struct{}) bool {
	for {
		running := make(chan bool, 1)
		go func() {
			st, err := s.client.GetStateNonBlocking()
			running <- err == nil && st.Running
		}()
		select {
		case <-done:
			return false
		case r := <-running:
			select {
			case <-done:
				// The answer may be the next command's, if this one returned before it was
				// read: no halt for this one.
				return false
			default:
			}
			if r {
				return true
			}
		case <-time.After(stateRetry):
			continue // the request waits for the command to end: ask again
		}
		select {
		case <-done:
			return false
		case <-time.After(time.Millisecond):
		}
	}
}

// continueOnce continues the program through resume and returns the state it stopped in
// (nil when Delve did not answer); a run halted before it began stays where it is.
func (s *Session) continueOnce() *api.DebuggerState {
	var last *api.DebuggerState
	if !s.resume(func() { last = s.continueToStop() }) {
		return s.haltedState()
	}
	return last
}

// continueHalted is continueOnce through resumeHalted.
func (s *Session) continueHalted(moment time.Duration) *api.DebuggerState {
	var last *api.DebuggerState
	s.resumeHalted(moment, func() { last = s.continueToStop() })
	return last
}

func (s *Session) continueToStop() *api.DebuggerState {
	var last *api.DebuggerState
	for st := range s.client.Continue() {
		last = st
	}
	return last
}

// resumeWith runs a stepping command (next, step, stepout) through resume.
func (s *Session) resumeWith(do func() (*api.DebuggerState, error)) (st *api.DebuggerState, err error) {
	if !s.resume(func() { st, err = do() }) {
		st = s.haltedState()
		return st, st.Err
	}
	return st, err
}

// haltedState is the state of a run halted between two commands: where the program is, as
// a halt there (not the breakpoint or the step that ended the last command).
func (s *Session) haltedState() *api.DebuggerState {
	st, err := s.client.GetState()
	if err != nil {
		return &api.DebuggerState{Err: err}
	}
	if th := st.CurrentThread; th != nil {
		th.Breakpoint, th.BreakpointInfo, th.ReturnValues = nil, nil, nil
	}
	st.NextInProgress = false
	return st
}
