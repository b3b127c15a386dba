package ui

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/session"
	"github.com/pdbgo/pdbgo/internal/stack"
	"github.com/pdbgo/pdbgo/internal/value"
)

// fakeDebugger stands in for a session in the UI's rendering and flow tests: the shipped crash
// example stopped at its panic, with a big slice to page through. Behaviour against real
// programs is tested with a real pdbgo in e2e_test.go.
type fakeDebugger struct {
	mu    sync.Mutex
	evals []string // expressions evaluated, in order
	bps   []session.Breakpoint
	// stops: Next moves main.lookup's slot, to see changed values.
	slot int
}

var _ command.Debugger = (*fakeDebugger)(nil)

const fixture = "testdata/crash/main.go"

var fakeFrames = []stack.Frame{
	{Function: "runtime.gopanic", File: "/usr/local/go/src/runtime/panic.go", Line: 783},
	{Function: "runtime.goPanicIndex", File: "/usr/local/go/src/runtime/panic.go", Line: 115},
	{Function: "main.lookup", File: fixture, Line: 14},
	{Function: "main.total", File: fixture, Line: 20},
	{Function: "main.main", File: fixture, Line: 30},
	{Function: "runtime.main", File: "/usr/local/go/src/runtime/proc.go", Line: 285},
	{Function: "runtime.goexit", File: "/usr/local/go/src/runtime/asm_amd64.s", Line: 1700},
}

const panicMessage = "panic: runtime error: index out of range [5] with length 2"

func (f *fakeDebugger) Continue() (session.Stop, error) {
	return session.Stop{Kind: session.StopPanic, Message: panicMessage, GoroutineID: 1}, nil
}

func (f *fakeDebugger) Next() (session.Stop, error) {
	f.mu.Lock()
	f.slot++
	f.mu.Unlock()
	return session.Stop{Kind: session.StopStep, GoroutineID: 1}, nil
}
func (f *fakeDebugger) Step() (session.Stop, error)    { return f.Next() }
func (f *fakeDebugger) StepOut() (session.Stop, error) { return f.Next() }

func (f *fakeDebugger) Stacktrace(gid int64) ([]stack.Frame, error) {
	if gid != 1 {
		return nil, fmt.Errorf("no goroutine %d", gid)
	}
	return fakeFrames, nil
}

func str(name, s string) value.Value {
	return value.Value{Name: name, Type: "string", Kind: reflect.String, Value: s, Len: int64(len(s))}
}

func num(name string, n int) value.Value {
	return value.Value{Name: name, Type: "int", Kind: reflect.Int, Value: strconv.Itoa(n)}
}

func strs(name string, from, to int, length int64) value.Value {
	v := value.Value{Name: name, Type: "[]string", Kind: reflect.Slice, Len: length, Cap: length, Addr: 0xc000010000, Base: 0xc000100000}
	for i := from; i < to; i++ {
		v.Children = append(v.Children, str("", "item"+strconv.Itoa(i)))
	}
	return v
}

// order is *main.Order loaded as Delve loads it one level deep: the slice and map inside have
// their lengths but no elements.
func order(name string, id int, loaded bool) value.Value {
	items := value.Value{Name: "Items", Type: "[]string", Kind: reflect.Slice, Len: 2, Cap: 2, Addr: 0xc000020000, Base: 0xc000200000}
	meta := value.Value{Name: "Meta", Type: "map[string]int", Kind: reflect.Map, Len: 1, Addr: 0xc000030000, Base: 0xc000300000}
	if loaded {
		items.Children = []value.Value{str("", "kettle"), str("", "lid")}
		meta.Children = []value.Value{str("", "qty"), num("", 1)}
	}
	st := value.Value{Type: "main.Order", Kind: reflect.Struct, Len: 3, Addr: 0xc000040000,
		Children: []value.Value{num("ID", id), items, meta}}
	return value.Value{Name: name, Type: "*main.Order", Kind: reflect.Pointer, Addr: 0xc000050000, Children: []value.Value{st}}
}

const bigLen = 1000000

var longText = strings.Repeat("The quick brown fox jumps over the lazy dog. ", 60)

func (f *fakeDebugger) frameOf(sc session.Scope) string {
	if sc.Frame >= 0 && sc.Frame < len(fakeFrames) {
		return fakeFrames[sc.Frame].Function
	}
	return ""
}

func (f *fakeDebugger) Args(sc session.Scope, l session.Load) ([]value.Value, error) {
	switch f.frameOf(sc) {
	case "main.lookup":
		f.mu.Lock()
		slot := 5 + f.slot
		f.mu.Unlock()
		return []value.Value{order("o", 41, false), str("key", "qty"), num("slot", slot)}, nil
	case "main.total":
		return []value.Value{{Name: "orders", Type: "[]*main.Order", Kind: reflect.Slice, Len: 2, Cap: 2, Addr: 0xc000060000, Base: 0xc000600000,
			Children: []value.Value{order("", 40, false), order("", 41, false)}}}, nil
	}
	return nil, nil
}

func (f *fakeDebugger) Locals(sc session.Scope, l session.Load) ([]value.Value, error) {
	switch f.frameOf(sc) {
	case "main.lookup":
		long := str("long", longText[:64])
		long.Len = int64(len(longText))
		return []value.Value{long, strs("big", 0, 64, bigLen)}, nil
	case "main.total":
		return []value.Value{num("sum", 5), order("o", 41, false), num("i", 1)}, nil
	case "main.main":
		return []value.Value{{Name: "orders", Type: "[]*main.Order", Kind: reflect.Slice, Len: 2, Cap: 2, Addr: 0xc000060000, Base: 0xc000600000,
			Children: []value.Value{order("", 40, false), order("", 41, false)}}}, nil
	}
	return nil, nil
}

func (f *fakeDebugger) Eval(sc session.Scope, expr string, l session.Load) (value.Value, error) {
	f.mu.Lock()
	f.evals = append(f.evals, expr)
	f.mu.Unlock()
	var from, to int
	if n, _ := fmt.Sscanf(expr, "big[%d:%d]", &from, &to); n == 2 {
		return strs("", from, to, int64(to-from)), nil
	}
	if n, _ := fmt.Sscanf(expr, "long[%d:%d]", &from, &to); n == 2 {
		return str("", longText[from:to]), nil
	}
	switch expr {
	case "o":
		return order("o", 41, true), nil
	case "o.Items":
		return order("", 41, true).Children[0].Children[1], nil
	case "o.Meta":
		return order("", 41, true).Children[0].Children[2], nil
	case "slot":
		return num("", 5), nil
	case "key":
		return str("", "qty"), nil
	}
	if strings.HasPrefix(expr, "o.") || strings.HasPrefix(expr, "big") {
		return value.Value{}, fmt.Errorf("fake: %s not modelled", expr)
	}
	return value.Value{}, fmt.Errorf("name %q is not defined", expr)
}

func (f *fakeDebugger) Set(sc session.Scope, target, val string) error {
	return errors.New("fake: set is not modelled")
}

func (f *fakeDebugger) Goroutines(start, count int) ([]session.Goroutine, int, error) {
	return []session.Goroutine{
		{ID: 1, User: session.Location{Function: "main.lookup", File: fixture, Line: 14}, Status: "running"},
		{ID: 2, User: session.Location{Function: "runtime.forcegchelper", File: "/usr/local/go/src/runtime/proc.go", Line: 373}, Status: "force gc (idle)"},
	}, -1, nil
}

func (f *fakeDebugger) SwitchGoroutine(gid int64) error { return nil }

func (f *fakeDebugger) Locate(sc session.Scope, loc string) (string, int, error) {
	return "", 0, errors.New("the fake session locates nothing")
}

func (f *fakeDebugger) SetBreakpoint(sc session.Scope, loc, cond string) (session.Breakpoint, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	file, lineText, _ := strings.Cut(loc, ":")
	line, err := strconv.Atoi(lineText)
	if err != nil {
		return session.Breakpoint{}, fmt.Errorf("cannot set a breakpoint at %s", loc)
	}
	bp := session.Breakpoint{ID: len(f.bps) + 1, File: file, Line: line, Function: "main.total", Cond: cond}
	f.bps = append(f.bps, bp)
	return bp, nil
}

func (f *fakeDebugger) Breakpoints() ([]session.Breakpoint, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]session.Breakpoint(nil), f.bps...), nil
}

func (f *fakeDebugger) ClearBreakpoint(id int) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, b := range f.bps {
		if b.ID == id {
			f.bps = append(f.bps[:i], f.bps[i+1:]...)
			return nil
		}
	}
	return fmt.Errorf("no breakpoint %d", id)
}

func (f *fakeDebugger) AmendBreakpoint(id int, change func(*session.Breakpoint)) (session.Breakpoint, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range f.bps {
		if f.bps[i].ID == id {
			change(&f.bps[i])
			return f.bps[i], nil
		}
	}
	return session.Breakpoint{}, fmt.Errorf("no breakpoint %d", id)
}

func (f *fakeDebugger) Restart(bool, []string) error { return nil }
func (f *fakeDebugger) Kill() error                  { return nil }
func (f *fakeDebugger) Live() bool                   { return true }
func (f *fakeDebugger) PID() int                     { return 4242 }

// blockingDebugger runs "forever" on continue after the first stop, until halted.
type blockingDebugger struct {
	fakeDebugger
	first  sync.Once
	halted chan struct{}
}

func (b *blockingDebugger) Continue() (session.Stop, error) {
	firstStop := false
	b.first.Do(func() { firstStop = true })
	if firstStop {
		return b.fakeDebugger.Continue()
	}
	<-b.halted
	return session.Stop{Kind: session.StopHalt, GoroutineID: 1}, nil
}

func (b *blockingDebugger) Halt() error {
	close(b.halted)
	return nil
}
