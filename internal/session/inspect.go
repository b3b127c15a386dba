package session

import (
	"errors"
	"fmt"
	"strings"

	"github.com/go-delve/delve/service/api"

	"github.com/pdbgo/pdbgo/internal/stack"
	"github.com/pdbgo/pdbgo/internal/value"
)

// Load says how much of a value to read.
type Load int

const (
	LoadShort  Load = iota // one line: locals, args, p
	LoadFull               // pp: deeper and longer
	LoadReport             // crash reports
)

func (l Load) config() api.LoadConfig {
	switch l {
	case LoadFull:
		return api.LoadConfig{FollowPointers: true, MaxVariableRecurse: 3, MaxStringLen: 1024, MaxArrayValues: 100, MaxStructFields: -1}
	case LoadReport:
		return api.LoadConfig{FollowPointers: true, MaxVariableRecurse: 2, MaxStringLen: 256, MaxArrayValues: 20, MaxStructFields: 50}
	}
	return api.LoadConfig{FollowPointers: true, MaxVariableRecurse: 1, MaxStringLen: 64, MaxArrayValues: 64, MaxStructFields: -1}
}

// MaxDepth is how many frames of a goroutine are read.
const MaxDepth = 200

// Stacktrace returns the frames of goroutine gid (-1: the current thread), innermost first.
func (s *Session) Stacktrace(gid int64) ([]stack.Frame, error) {
	frames, err := s.client.Stacktrace(gid, MaxDepth, 0, 0, nil)
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

// Scope names a frame of a goroutine; Frame is Delve's depth (an index into stack.Stack.All).
type Scope struct {
	GoroutineID int64
	Frame       int
}

func (sc Scope) api() api.EvalScope {
	return api.EvalScope{GoroutineID: sc.GoroutineID, Frame: sc.Frame}
}

// Locals returns the local variables of a frame.
func (s *Session) Locals(sc Scope, l Load) ([]value.Value, error) {
	vs, err := s.client.ListLocalVariables(sc.api(), l.config())
	if err != nil {
		return nil, cleanError(err)
	}
	return toValues(vs), nil
}

// Args returns the arguments of a frame's function.
func (s *Session) Args(sc Scope, l Load) ([]value.Value, error) {
	vs, err := s.client.ListFunctionArgs(sc.api(), l.config())
	if err != nil {
		return nil, cleanError(err)
	}
	return toValues(vs), nil
}

// Eval evaluates a Go expression in a frame.
func (s *Session) Eval(sc Scope, expr string, l Load) (value.Value, error) {
	v, err := s.client.EvalVariable(sc.api(), expr, l.config())
	if err != nil {
		return value.Value{}, cleanError(err)
	}
	return toValue(v), nil
}

// Set assigns value to the variable or field named by target.
func (s *Session) Set(sc Scope, target, val string) error {
	if err := s.checkLive(); err != nil {
		return err
	}
	return cleanError(s.client.SetVariable(sc.api(), target, val))
}

// SwitchGoroutine makes gid the goroutine that next, step and return move.
func (s *Session) SwitchGoroutine(gid int64) error {
	_, err := s.client.SwitchGoroutine(gid)
	return cleanError(err)
}

// Goroutine is one goroutine of the program.
type Goroutine struct {
	ID         int64
	Current    Location // where it is, runtime included
	User       Location // innermost frame outside the runtime (Delve's notion: stdlib counts)
	GoStmt     Location // the go statement that started it
	Start      Location // its start function
	ThreadID   int
	Status     string
	Unreadable string
}

// Location is a place in the program.
type Location struct {
	Function string
	File     string
	Line     int
}

func toLocation(l api.Location) Location {
	loc := Location{File: l.File, Line: l.Line}
	if l.Function != nil {
		loc.Function = l.Function.Name()
	}
	return loc
}

// Goroutines lists up to count goroutines from start; next is -1 when there are no more.
func (s *Session) Goroutines(start, count int) (gs []Goroutine, next int, err error) {
	list, next, err := s.client.ListGoroutines(start, count)
	if err != nil {
		return nil, -1, cleanError(err)
	}
	gs = make([]Goroutine, len(list))
	for i, g := range list {
		gs[i] = Goroutine{
			ID:         g.ID,
			Current:    toLocation(g.CurrentLoc),
			User:       toLocation(g.UserCurrentLoc),
			GoStmt:     toLocation(g.GoStatementLoc),
			Start:      toLocation(g.StartLoc),
			ThreadID:   g.ThreadID,
			Status:     goroutineStatus(g),
			Unreadable: g.Unreadable,
		}
	}
	return gs, next, nil
}

func goroutineStatus(g *api.Goroutine) string {
	switch {
	case g.ThreadID != 0:
		return "running"
	case g.Status == api.GoroutineWaiting:
		if r, ok := waitReasons[g.WaitReason]; ok {
			return r
		}
		return "waiting"
	case g.Status == api.GoroutineSyscall:
		return "syscall"
	}
	return "runnable"
}

// waitReasons names the runtime's wait reasons, in the order of runtime/runtime2.go (Go 1.26).
var waitReasons = map[int64]string{
	1: "GC assist marking", 2: "IO wait", 3: "dumping heap", 4: "garbage collection",
	5: "garbage collection scan", 6: "panicwait", 7: "GC assist wait", 8: "GC sweep wait",
	9: "GC scavenge wait", 10: "finalizer wait", 11: "force gc (idle)",
	12: "GOMAXPROCS updater (idle)", 13: "semacquire", 14: "sleep", 15: "chan receive (nil chan)",
	16: "chan send (nil chan)", 17: "select (no cases)", 18: "select", 19: "chan receive",
	20: "chan send", 21: "sync.Cond.Wait", 22: "sync.Mutex.Lock", 23: "sync.RWMutex.RLock",
	24: "sync.RWMutex.Lock", 25: "sync.WaitGroup.Wait", 26: "trace reader (blocked)",
	27: "wait for GC cycle", 28: "GC worker (idle)", 29: "GC worker (active)", 30: "preempted",
	31: "debug call", 32: "GC mark termination", 33: "stopping the world", 34: "flushing proc caches",
	35: "trace goroutine status", 36: "trace proc status", 37: "page trace flush", 38: "coroutine",
	39: "GC weak to strong wait", 40: "synctest.Run", 41: "synctest.Wait",
	42: "chan receive (durable)", 43: "chan send (durable)", 44: "select (durable)",
	45: "sync.WaitGroup.Wait (durable)", 46: "cleanup wait",
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
