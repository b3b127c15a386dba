package session

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"time"

	"github.com/go-delve/delve/pkg/proc"
	"github.com/go-delve/delve/service/api"
	"github.com/go-delve/delve/service/rpc2"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/stack"
	"github.com/pdbgo/pdbgo/internal/value"
)

// Function calls in expressions. Delve evaluates an expression without running the program
// unless asked to inject calls (its Call command, dlv's call): the goroutine's registers are
// saved, the runtime's debugCallV2 runs the function on top of the goroutine's stack while
// the other goroutines run, and the registers are restored. pdbgo asks for that when plain
// evaluation says the expression needs it, so p, pp, display and set take calls as pdb's
// expressions do. Delve runs the call from the goroutine's newest frame, and only on a
// goroutine running Go code on a thread (the one at a breakpoint or a step), not inside the
// runtime (a panic stop is inside runtime.fatalpanic).

// DefaultCallTimeout is how long a function call may run before pdbgo stops the program: a
// call that blocks (on a channel, a lock) must not take the session with it. Delve has no
// timeout of its own.
const DefaultCallTimeout = 10 * time.Second

// needsCall reports whether Delve refused to evaluate an expression only because it calls a
// function (or must allocate, which is a call to the runtime).
func needsCall(err error) bool {
	return err != nil && strings.Contains(err.Error(), "function calls are not allowed without using 'call'") ||
		err != nil && strings.Contains(err.Error(), "function calls not allowed without using 'call'")
}

// callExpr evaluates expr, which calls functions, by call injection on goroutine sc.GoroutineID.
func (s *Session) callExpr(sc debug.Scope, expr string, l debug.Load) (value.Value, error) {
	if s.cfg.Mode == ModeCore {
		return value.Value{}, errors.New("a core dump cannot run the program's functions: print values and fields instead")
	}
	gid := sc.GoroutineID
	st, err := s.client.SwitchGoroutine(gid)
	if err != nil {
		return value.Value{}, cleanError(err)
	}
	s.setSelectedG(gid)
	if g := st.SelectedGoroutine; g != nil {
		gid = g.ID
		if err := callableGoroutine(g); err != nil {
			return value.Value{}, err
		}
	}
	if sc.Frame != 0 {
		return value.Value{}, s.notNewestFrame(gid, sc.Frame)
	}
	cfg := loadConfig(l)
	st, err = s.runCall(api.DebuggerCommand{Name: api.Call, Expr: expr, GoroutineID: gid, ReturnInfoLoadConfig: &cfg})
	if err != nil {
		return value.Value{}, err
	}
	if st.Exited {
		return value.Value{}, &debug.StoppedError{
			Stop:   debug.Stop{Kind: debug.StopExited, ExitStatus: st.ExitStatus, GoroutineID: -1},
			Reason: "the program exited during the call",
		}
	}
	for _, th := range st.Threads {
		if th.CallReturn {
			return s.callResult(th.ReturnValues)
		}
	}
	// The call did not return: the program stopped elsewhere first (a breakpoint the called
	// function or another goroutine reached, a panic, the timeout). The call is still on the
	// goroutine's stack; continuing lets it finish.
	stop := s.stopFrom(st, debug.StopHalt)
	reason := "the call did not return: the program stopped"
	switch {
	case s.callTimedOut:
		reason = fmt.Sprintf("the call did not return within %v: the program was stopped inside it (c lets it go on)", s.callTimeout())
		if g := s.callGoroutine(); g > 0 {
			stop.GoroutineID = g // where the call is, rather than the goroutine waiting for it
		}
	case stop.Kind == debug.StopBreakpoint && stop.Breakpoint != nil:
		reason = fmt.Sprintf("the call stopped at breakpoint %d before it returned (c lets it finish)", stop.Breakpoint.ID)
	case stop.Crashed():
		reason = "the program crashed during the call"
	}
	return value.Value{}, &debug.StoppedError{Stop: stop, Reason: reason}
}

// notNewestFrame explains that Delve calls functions from the goroutine's newest frame only
// (it reads the call's names there), depending on what that frame is.
func (s *Session) notNewestFrame(gid int64, depth int) error {
	if frames, err := s.Stacktrace(gid, 0, depth); err == nil && len(frames) == depth {
		hidden := true
		for _, f := range frames {
			hidden = hidden && stack.IsHidden(f)
		}
		if hidden && stack.IsRuntime(frames[0].Function) {
			return insideRuntime(frames[0].Function)
		}
		if hidden {
			return fmt.Errorf("functions can be called only from the goroutine's newest frame, here %s: step to a line of the program first, or print the values without calls", frames[0].Function)
		}
	}
	return errors.New("functions can be called only from the newest frame (Delve runs the call there and reads its names there): down to frame 0, or print the values without calls")
}

// callGoroutine is the goroutine running the newest call pdbgo injected: the runtime runs an
// injected call on a goroutine of its own (started at runtime.debugCallWrap1) while the
// calling goroutine waits ("debug call"); 0 when there is none.
func (s *Session) callGoroutine() int64 {
	var newest int64
	for start := 0; start >= 0; {
		gs, next, err := s.client.ListGoroutines(start, 1000)
		if err != nil {
			return newest
		}
		for _, g := range gs {
			if g.StartLoc.Function != nil && g.StartLoc.Function.Name() == "runtime.debugCallWrap1" && g.ID > newest {
				newest = g.ID
			}
		}
		start = next
	}
	return newest
}

// callHint adds to an error of an expression with calls what an optimized build explains:
// the compiler inlines functions (Delve cannot call an inlined one) and drops unused ones.
func (s *Session) callHint(sc debug.Scope, expr string, err error) error {
	var stopped *debug.StoppedError
	if errors.As(err, &stopped) || !debug.HasCall(expr) {
		return err
	}
	const rebuild = "build with -gcflags=all='-N -l'"
	if m := inlined.FindStringSubmatch(err.Error()); m != nil {
		return fmt.Errorf("%s cannot be called: the compiler inlined it (the program was built with optimizations: %s)", m[1], rebuild)
	}
	frames, ferr := s.client.Stacktrace(sc.GoroutineID, sc.Frame, 0, 0, nil)
	if ferr == nil && len(frames) > sc.Frame && frames[sc.Frame].Function != nil && frames[sc.Frame].Function.Optimized {
		return fmt.Errorf("%v (the program was built with optimizations, which inline or drop functions: %s)", err, rebuild)
	}
	return err
}

// inlined is Delve's answer for a call of a function that exists only inlined.
var inlined = regexp.MustCompile(`function (\S+) is inlined`)

// panicking are the runtime's functions a dying goroutine stops in.
var panicking = map[string]bool{"runtime.fatalpanic": true, "runtime.gopanic": true, "runtime.fatalthrow": true, "runtime.throw": true, "runtime.fatal": true}

// insideRuntime says that Delve cannot call from the runtime's code (fn, when known), and what
// to do instead.
func insideRuntime(fn string) error {
	if fn == "" || panicking[fn] {
		return errors.New("functions cannot be called here: the goroutine is inside the Go runtime (at a panic, in runtime.fatalpanic); print values and fields instead, or set a breakpoint before the panic and restart to call there")
	}
	return fmt.Errorf("functions cannot be called here: the goroutine is inside the Go runtime (%s); step to a line of the program first, or print values without calls", fn)
}

// callReturned says what a function call returned when a continue let one finish (the call
// had stopped at a breakpoint): the program stops where the call was made.
func (s *Session) callReturned(st *api.DebuggerState, stop *debug.Stop) {
	if stop.Kind != debug.StopHalt {
		return
	}
	for _, th := range st.Threads {
		if !th.CallReturn {
			continue
		}
		v, err := s.callResult(th.ReturnValues)
		if err != nil {
			stop.Message = "The call finished: " + err.Error() + "."
		} else {
			stop.Message = "The call returned " + v.String() + "."
		}
		return
	}
}

// callableGoroutine says why Delve cannot inject a call into g, nil when it can.
func callableGoroutine(g *api.Goroutine) error {
	if g.Status == proc.Grunning && g.ThreadID != 0 {
		return nil
	}
	if g.Status == api.GoroutineSyscall {
		return fmt.Errorf("goroutine %d is in a system call: functions can be called only on a goroutine stopped in Go code (at a breakpoint or after a step)", g.ID)
	}
	return fmt.Errorf("goroutine %d is not running on a thread (it waits): functions can be called only on a goroutine stopped in Go code, such as the one at a breakpoint", g.ID)
}

// runCall runs a call command, stopping the program when it runs longer than the call
// timeout; Ctrl-C (Halt) stops it too, as it stops a continue.
func (s *Session) runCall(cmd api.DebuggerCommand) (*api.DebuggerState, error) {
	if err := s.checkLive(); err != nil {
		return nil, err
	}
	s.setRunning(true)
	s.callTimedOut = false
	type reply struct {
		out rpc2.CommandOut
		err error
	}
	done := make(chan reply, 1)
	go func() {
		var r reply
		if !s.resume(func() { r.err = s.client.CallAPI("Command", cmd, &r.out) }) {
			r.err = errors.New("halted before the call began")
		}
		done <- r
	}()
	var r reply
	select {
	case r = <-done:
	case <-time.After(s.callTimeout()):
		s.callTimedOut = true
		_ = s.Halt()
		r = <-done
	}
	if s.endRun() {
		return nil, debug.ErrClosed
	}
	if r.err != nil {
		if stop, err := s.afterError(r.err); err == nil {
			return &api.DebuggerState{Exited: true, ExitStatus: stop.ExitStatus}, nil
		}
		return nil, callError(r.err, cmd.Expr)
	}
	return &r.out.State, nil
}

func (s *Session) callTimeout() time.Duration {
	if s.cfg.CallTimeout > 0 {
		return s.cfg.CallTimeout
	}
	return DefaultCallTimeout
}

// callResult turns what a call returned into one value: its result, its results joined as a
// tuple, or the panic it raised as an error.
func (s *Session) callResult(vs []api.Variable) (value.Value, error) {
	if len(vs) == 1 && vs[0].Name == "~panic" {
		return value.Value{}, fmt.Errorf("the call panicked: %s", s.printRules().valueText(panicRecord{arg: toValue(&vs[0])}))
	}
	if len(vs) == 1 {
		v := toValue(&vs[0])
		v.Name = ""
		return v, nil
	}
	if len(vs) == 0 {
		return value.Value{Value: "(no value: the function returns nothing)"}, nil
	}
	texts, types := make([]string, len(vs)), make([]string, len(vs))
	for i := range vs {
		v := toValue(&vs[i])
		texts[i], types[i] = v.String(), v.Type
	}
	return value.Value{Kind: reflect.Invalid, Type: "(" + strings.Join(types, ", ") + ")", Value: strings.Join(texts, ", ")}, nil
}

// noMember is Delve's answer for a method the binary does not have.
var noMember = regexp.MustCompile(`^(.+) has no member (\w+)$`)

// evalError is Delve's error for expr in pdbgo's words.
func evalError(err error, expr string) error {
	msg := cleanError(err).Error()
	if m := noMember.FindStringSubmatch(msg); m != nil && strings.Contains(expr, "."+m[2]+"(") {
		return fmt.Errorf("%s has no method %s in the binary: the linker leaves out methods the program never calls", m[1], m[2])
	}
	return errors.New(strings.ReplaceAll(msg, " without using 'call'", ""))
}

// callError says why a call failed in pdbgo's words; Delve's name its own commands.
func callError(err error, expr string) error {
	msg := cleanError(err).Error()
	switch {
	case strings.Contains(msg, "call from within the Go runtime"), strings.Contains(msg, "executing on Go runtime stack"):
		return insideRuntime("")
	case strings.Contains(msg, "call not at safe point"), strings.Contains(msg, "call from unknown function"):
		return errors.New("functions cannot be called at this instruction (not a safe point for the runtime): next or step to a line of the program, then call")
	case strings.Contains(msg, "can not call optimized function"):
		fn := strings.TrimSuffix(strings.TrimPrefix(msg[strings.Index(msg, "can not call optimized function "):], "can not call optimized function "), " when regabi is in use")
		return fmt.Errorf("%s cannot be called: it was compiled with optimizations (build with -gcflags=all='-N -l')", fn)
	case strings.Contains(msg, "selected goroutine not running"):
		return errors.New("functions can be called only on a goroutine stopped in Go code, such as the one at a breakpoint")
	}
	return evalError(err, expr)
}
