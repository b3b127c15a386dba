package session

import (
	"regexp"
	"strings"

	"github.com/go-delve/delve/service/api"

	"github.com/pdbgo/pdbgo/internal/debug"
)

// A goroutine that panics runs its deferred calls before the runtime prints the panic and
// ends the program (runtime.fatalpanic, where Delve's unrecovered-panic breakpoint is). If one
// of those calls lets main return (a deferred wg.Done), main waits for the panic only while
// runtime.runningPanicDefers says deferred calls run, and at most 1000 Gosched calls: when the
// panicking goroutine is slow, the program exits and the panic is lost, natively and under
// a debugger alike. pdbgo stops such an exit (runtime.exit, with deferred calls of a panic
// still running) and shows the panicking goroutine where it panicked.
const (
	bpExitWhilePanicking = "pdbgoExitWhilePanicking" // Delve takes identifiers only
	// exitWatchID is the ID the breakpoint asks for: far above the numbers of the user's
	// breakpoints, which ask for their own (nextBreakpointID), so it takes none of them.
	exitWatchID = 1 << 30
)

// watchExits sets the breakpoint that stops an exit while a panic's deferred calls run, on a
// process pdbgo runs in-process (never on a remote server's, whose breakpoints are not pdbgo's
// to number). A program built without it (no runtime.runningPanicDefers) goes without.
func (s *Session) watchExits() {
	if s.cfg.Mode == ModeConnect || s.cfg.Mode == ModeCore {
		return
	}
	_, err := s.client.CreateBreakpoint(&api.Breakpoint{
		ID:           exitWatchID,
		Name:         bpExitWhilePanicking,
		FunctionName: "runtime.exit",
		// Not the exit of a goroutine that is dying of its panic (runtime.fatalpanic and
		// runtime.fatalthrow mark its M): a panic raised again while an earlier one's deferred
		// calls run leaves the count non-zero there too.
		Cond: "runtime.runningPanicDefers.value != 0 && runtime.curg.m.dying == 0",
	})
	s.exitWatched = err == nil
}

// nextBreakpointID is the ID a new user breakpoint asks Delve for: one more than the last.
// pdbgo numbers the user's breakpoints itself because its own breakpoints take IDs from the
// same space, and Delve sets its count to any ID asked for (the exit watch's would move the
// next user breakpoint far up, until's would leave a gap).
func (s *Session) nextBreakpointID() int {
	s.lastBreakpointID = s.freeBreakpointID()
	return s.lastBreakpointID
}

// freeBreakpointID is the ID the next user breakpoint will take. until's breakpoint borrows it
// while it runs and gives it back: the user's numbers go on without a gap, as pdb's do. On a
// server another client may have set breakpoints since: their numbers are taken.
func (s *Session) freeBreakpointID() int {
	if s.cfg.Mode == ModeConnect {
		if bps, err := s.client.ListBreakpoints(false); err == nil {
			for _, bp := range bps {
				if bp.ID > s.lastBreakpointID && !isOwnBreakpoint(bp) {
					s.lastBreakpointID = bp.ID
				}
			}
		}
	}
	return s.lastBreakpointID + 1
}

// exitNote follows the panic at a stop of the exit watch.
const exitNote = "[pdbgo: the program was exiting while this goroutine ran the panic's deferred calls; pdbgo stopped the exit]"

// isOwnBreakpoint reports whether a Delve breakpoint is one of pdbgo's own, never shown.
func isOwnBreakpoint(bp *api.Breakpoint) bool {
	return bp.Name == bpExitWhilePanicking || bp.Name == bpTestFailed || bp.Name == bpCatch || bp.Name == bpRewind || bp.Name == bpUntil
}

// exitWhilePanicking explains a stop at the exit watch: the goroutine whose deferred calls run
// for a panic (runtime.gopanic is on its stack, below them) at the frame that panicked, with
// the panics it unwinds. A panic that a deferred call has recovered is not dying: the exit
// goes on (a server that recovered a handler's panic and is told to quit before that call
// returned), as it does when no goroutine panics any more; the stop passes.
func (s *Session) exitWhilePanicking(stop *debug.Stop) {
	gs, _, err := s.client.ListGoroutines(0, 10000)
	if err != nil {
		return
	}
	stop.Kind = stopPass
	for _, g := range gs {
		frames, err := s.client.Stacktrace(g.ID, debug.MaxDepth, 0, 0, nil)
		if err != nil {
			continue
		}
		for _, f := range frames {
			if f.Function == nil || f.Function.Name() != "runtime.gopanic" {
				continue
			}
			chain := s.panicChainFrom(g.ID, "runtime.curg._panic", "runtime.curg._panic")
			if len(chain) == 0 || chain[0].recovered {
				break
			}
			s.markUnconverted(chain)
			stop.Kind = debug.StopPanic
			stop.GoroutineID = g.ID
			stop.Breakpoint = nil
			stop.Message = s.formatPanics(chain) + s.signalLine(g.ID) + "\n" + exitNote
			_, _ = s.client.SwitchGoroutine(g.ID)
			return
		}
	}
}

// markUnconverted marks the panics whose value is an error or a Stringer pdbgo cannot read the
// text of: before runtime.fatalpanic the runtime has not called their Error or String method.
func (s *Session) markUnconverted(chain []panicRecord) {
	for i := range chain {
		data, ok := ifaceData(chain[i].arg)
		if !ok || isBasicKind(data.Kind) {
			continue
		}
		if _, known := errorText(data); known {
			continue
		}
		for _, method := range []string{"Error", "String"} {
			if s.hasMethod(data.Type, method) {
				chain[i].unconverted, chain[i].method = true, method
				break
			}
		}
	}
}

// hasMethod reports whether the program's binary holds method of type typ ("*main.T",
// "main.T"): the method the runtime would call on a value of that type.
func (s *Session) hasMethod(typ, method string) bool {
	pkg, name, ptr := splitTypeName(typ)
	if name == "" {
		return false
	}
	candidates := []string{pkg + "." + name + "." + method}
	if ptr {
		candidates = []string{pkg + ".(*" + name + ")." + method, pkg + "." + name + "." + method}
	}
	for _, fn := range candidates {
		found, err := s.client.ListFunctions("^"+regexp.QuoteMeta(fn)+"$", 0)
		if err == nil && len(found) > 0 {
			return true
		}
	}
	return false
}

// splitTypeName splits "*github.com/x/y.T" into "github.com/x/y", "T" and true (a pointer).
func splitTypeName(typ string) (pkg, name string, ptr bool) {
	if strings.HasPrefix(typ, "*") {
		typ, ptr = typ[1:], true
	}
	if strings.ContainsAny(typ, "[]*( ") {
		return "", "", false // not a named type (or a generic one: not worth the guess)
	}
	dot := strings.LastIndexByte(typ, '.')
	if dot <= 0 {
		return "", "", false
	}
	return typ[:dot], typ[dot+1:], ptr
}
