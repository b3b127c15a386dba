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
	case "OnPanic":
		stop.Kind = debug.StopPanic
		stop.Message = "panic"
		// The trace package wrote what Go will print: the runtime turns an error value into
		// its text only when it prints the panic, and pdbgo cannot call methods here.
		v, err := s.client.EvalVariable(api.EvalScope{GoroutineID: stop.GoroutineID},
			`"`+stack.TracePackage+`".stopMessage`, api.LoadConfig{MaxStringLen: 4096})
		if err == nil && v.Unreadable == "" && v.Value != "" {
			stop.Message = v.Value
		} else if chain := s.panicChainFrom(stop.GoroutineID, "runtime.curg._panic", "runtime.curg._panic"); len(chain) > 0 {
			// OnPanic has recovered the panic to hold the program; show it as it was.
			chain[0].recovered = false
			stop.Message = s.formatPanics(chain)
		}
	}
}
