package session

import (
	"errors"
	"fmt"
	"strings"

	"github.com/go-delve/delve/pkg/goversion"
	"github.com/go-delve/delve/service/api"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/stack"
	"github.com/pdbgo/pdbgo/internal/value"
)

// loadConfig is how much of a value Delve reads for each Load.
func loadConfig(l debug.Load) api.LoadConfig {
	switch l {
	case debug.LoadFull:
		return api.LoadConfig{FollowPointers: true, MaxVariableRecurse: 3, MaxStringLen: 1024, MaxArrayValues: 100, MaxStructFields: -1}
	case debug.LoadReport:
		return api.LoadConfig{FollowPointers: true, MaxVariableRecurse: 2, MaxStringLen: 256, MaxArrayValues: 20, MaxStructFields: 50}
	}
	return api.LoadConfig{FollowPointers: true, MaxVariableRecurse: 1, MaxStringLen: 64, MaxArrayValues: 64, MaxStructFields: -1}
}

// Stacktrace returns up to count frames of goroutine gid (-1: the current thread) from depth
// skip on, innermost first.
func (s *Session) Stacktrace(gid int64, skip, count int) ([]stack.Frame, error) {
	if count <= 0 {
		return nil, nil
	}
	// Delve unwinds to its depth (counted from 0, so depth+1 frames) and drops the first skip.
	frames, err := s.client.Stacktrace(gid, skip+count-1, skip, 0, nil)
	if err != nil {
		return nil, cleanError(err)
	}
	out := make([]stack.Frame, len(frames))
	for i, f := range frames {
		fn, optimized := "?", false
		if f.Function != nil {
			fn, optimized = f.Function.Name(), f.Function.Optimized
		}
		out[i] = stack.Frame{Function: fn, File: f.File, Line: f.Line, PC: f.PC, Optimized: optimized}
	}
	return out, nil
}

func evalScope(sc debug.Scope) api.EvalScope {
	return api.EvalScope{GoroutineID: sc.GoroutineID, Frame: sc.Frame}
}

// Locals returns the local variables of a frame.
func (s *Session) Locals(sc debug.Scope, l debug.Load) ([]value.Value, error) {
	vs, err := s.client.ListLocalVariables(evalScope(sc), loadConfig(l))
	if err != nil {
		return nil, cleanError(err)
	}
	return toValues(vs), nil
}

// Args returns the arguments of a frame's function.
func (s *Session) Args(sc debug.Scope, l debug.Load) ([]value.Value, error) {
	vs, err := s.client.ListFunctionArgs(evalScope(sc), loadConfig(l))
	if err != nil {
		return nil, cleanError(err)
	}
	return toValues(vs), nil
}

// Eval evaluates a Go expression in a frame.
func (s *Session) Eval(sc debug.Scope, expr string, l debug.Load) (value.Value, error) {
	v, err := s.client.EvalVariable(evalScope(sc), expr, loadConfig(l))
	if err != nil {
		return value.Value{}, cleanError(err)
	}
	return toValue(v), nil
}

// Set assigns value to the variable or field named by target.
func (s *Session) Set(sc debug.Scope, target, val string) error {
	if err := s.checkLive(); err != nil {
		return err
	}
	return cleanError(s.client.SetVariable(evalScope(sc), target, val))
}

// SwitchGoroutine makes gid the goroutine that next, step and return move.
func (s *Session) SwitchGoroutine(gid int64) error {
	_, err := s.client.SwitchGoroutine(gid)
	return cleanError(err)
}

func toLocation(l api.Location) debug.Location {
	loc := debug.Location{File: l.File, Line: l.Line}
	if l.Function != nil {
		loc.Function = l.Function.Name()
	}
	return loc
}

// Goroutines lists up to count goroutines from start; next is -1 when there are no more.
func (s *Session) Goroutines(start, count int) (gs []debug.Goroutine, next int, err error) {
	list, next, err := s.client.ListGoroutines(start, count)
	if err != nil {
		return nil, -1, cleanError(err)
	}
	gs = make([]debug.Goroutine, len(list))
	for i, g := range list {
		gs[i] = debug.Goroutine{
			ID:         g.ID,
			Current:    toLocation(g.CurrentLoc),
			User:       toLocation(g.UserCurrentLoc),
			GoStmt:     toLocation(g.GoStatementLoc),
			Start:      toLocation(g.StartLoc),
			ThreadID:   g.ThreadID,
			Status:     s.goroutineStatus(g),
			Unreadable: g.Unreadable,
		}
	}
	return gs, next, nil
}

// goroutineStatus says what a goroutine is doing, in the runtime's words for the Go version
// the program was built with.
func (s *Session) goroutineStatus(g *api.Goroutine) string {
	switch {
	case g.ThreadID != 0:
		return "running"
	case g.Status == api.GoroutineWaiting:
		if v := s.programGoVersion(); v != nil && g.WaitReason > 0 {
			if r := api.WaitReasonString(v, g.WaitReason); !strings.HasPrefix(r, "unknown") {
				return r
			}
		}
		return "waiting"
	case g.Status == api.GoroutineSyscall:
		return "syscall"
	}
	return "runnable"
}

// programGoVersion is the program's Go version, parsed once; nil when unknown.
func (s *Session) programGoVersion() *goversion.GoVersion {
	s.goVersionOnce.Do(func() {
		if v, ok := goversion.Parse(s.GoVersion()); ok {
			s.goVersion = &v
		}
	})
	return s.goVersion
}

// cleanError keeps Delve's message but drops the noise of its RPC layer.
func cleanError(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "could not find symbol value for ")
	if strings.HasPrefix(err.Error(), "could not find symbol value for ") {
		return fmt.Errorf("name %q is not defined", msg)
	}
	return errors.New(msg)
}
