package session

import (
	"debug/buildinfo"
	"strings"

	"github.com/go-delve/delve/service/api"

	"github.com/pdbgo/pdbgo/internal/debug"
)

// GoVersion is the Go version the program was built with ("go1.26.8"): runtime.buildVersion
// read from its memory (a core's too), or the build info of the executable; "" when unknown.
func (s *Session) GoVersion() string {
	v, err := s.client.EvalVariable(api.EvalScope{GoroutineID: -1}, "runtime.buildVersion", api.LoadConfig{MaxStringLen: 64})
	if err == nil && v.Unreadable == "" && strings.HasPrefix(v.Value, "go") {
		return v.Value
	}
	if s.cfg.Binary != "" {
		if info, err := buildinfo.ReadFile(s.cfg.Binary); err == nil {
			return info.GoVersion
		}
	}
	return ""
}

// Functions that mark a crash on a goroutine's stack in a core dump.
const (
	fnFatalPanic = "runtime.fatalpanic" // an unrecovered panic; its msgs is the chain
	fnFatalThrow = "runtime.fatalthrow" // a fatal runtime error, called by throw and fatal
)

// coreStop explains a core dump the way a live stop is explained: a core has no breakpoint
// that says why it stopped, so the stacks are searched for the runtime's crash functions.
// The goroutine that crashed is preferred, then any goroutine, then the current thread (a
// throw on the system stack, as a deadlock's, has no goroutine).
func (s *Session) coreStop(st *api.DebuggerState) debug.Stop {
	stop := s.stopFrom(st, debug.StopHalt)
	if s.explainCrash(&stop, stop.GoroutineID) {
		return stop
	}
	if gs, _, err := s.client.ListGoroutines(0, 1000); err == nil {
		for _, g := range gs {
			if g.ID != stop.GoroutineID && s.explainCrash(&stop, g.ID) {
				return stop
			}
		}
	}
	return stop
}

// explainCrash looks for the runtime's crash functions on goroutine gid's stack (-1: the
// current thread's) and, when it finds one, makes stop say what crashed there.
func (s *Session) explainCrash(stop *debug.Stop, gid int64) bool {
	frames, err := s.client.Stacktrace(gid, debug.MaxDepth, 0, 0, nil)
	if err != nil {
		return false
	}
	for i, f := range frames {
		if f.Function == nil {
			continue
		}
		switch f.Function.Name() {
		case fnFatalPanic:
			stop.Kind = debug.StopPanic
			stop.GoroutineID = gid
			stop.Message = "panic"
			// fatalpanic's msgs argument is lost in the optimized runtime at a crash;
			// the goroutine's own _panic is the same chain.
			if chain := s.panicChainFrom(gid, "runtime.curg._panic", "runtime.curg._panic"); len(chain) > 0 {
				stop.Message = s.formatPanics(chain)
			}
			return true
		case fnFatalThrow:
			stop.Kind = debug.StopFatal
			if gid >= 0 {
				stop.GoroutineID = gid
			}
			stop.Message = s.throwMessage(gid, frames[i+1:], i+1)
			return true
		}
	}
	return false
}

// throwMessage reads the s argument of the runtime.throw or runtime.fatal call above a
// runtime.fatalthrow frame; first is the index of callers[0] in the whole stack.
func (s *Session) throwMessage(gid int64, callers []api.Stackframe, first int) string {
	for i, f := range callers {
		if f.Function == nil {
			continue
		}
		switch f.Function.Name() {
		case "runtime.throw", "runtime.fatal":
			sc := api.EvalScope{GoroutineID: gid, Frame: first + i}
			v, err := s.client.EvalVariable(sc, "s", api.LoadConfig{MaxStringLen: 1024})
			if err == nil && v.Value != "" {
				return "fatal error: " + v.Value
			}
		}
	}
	return "fatal error"
}
