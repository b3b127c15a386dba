// Package debugtest has a fake debugger for the front-ends' tests of rendering and flow: a program
// stopped at the panic of pdbgo's shipped crash example, with a big slice to page through and a
// long string. Behaviour against real programs is tested through real Delve, not with this.
package debugtest

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/stack"
	"github.com/pdbgo/pdbgo/internal/value"
)

// Crash stands in for a session: the crash example stopped at its panic in main.lookup. Next
// moves main.lookup's slot, so values change between stops.
type Crash struct {
	// File is the path of the crash example's source the frames name (CrashFile when empty).
	File string
	// AtBreakpoint makes the first stop a breakpoint on the panicking line instead of the
	// panic, for tests that step: a program dying of a panic cannot step.
	AtBreakpoint bool
	// AtTestFailure makes the first stop a failing test whose failure names main.total's line
	// (a helper's caller), for tests of how the front-ends show one.
	AtTestFailure bool
	// AtCaught makes the first stop the crash example's panic caught as it began (catch
	// recovered): a program that may still recover it.
	AtCaught bool

	mu       sync.Mutex
	catching bool
	patterns []string
	rewinds  []debug.RewindTarget
	evals    []string      // expressions evaluated, in order
	steps    []debug.Scope // the scopes next, step and return were asked to step from
	bps      []debug.Breakpoint
	bpIDs    int // the last breakpoint id given
	slot     int
	sets     []Assignment
}

// Assignment is one Set the fake was asked to do.
type Assignment struct{ Target, Value string }

var _ debug.Debugger = (*Crash)(nil)

// CrashFile is where a test package keeps its copy of the crash example's source.
const CrashFile = "testdata/crash/main.go"

func (f *Crash) file() string {
	if f.File == "" {
		return CrashFile
	}
	return f.File
}

// Frames are the stack of goroutine 1, innermost first.
func (f *Crash) Frames() []stack.Frame {
	file := f.file()
	return []stack.Frame{
		{Function: "runtime.gopanic", File: "/usr/local/go/src/runtime/panic.go", Line: 783},
		{Function: "runtime.goPanicIndex", File: "/usr/local/go/src/runtime/panic.go", Line: 115},
		{Function: "main.lookup", File: file, Line: 14},
		{Function: "main.total", File: file, Line: 20},
		{Function: "main.main", File: file, Line: 30},
		{Function: "runtime.main", File: "/usr/local/go/src/runtime/proc.go", Line: 285},
		{Function: "runtime.goexit", File: "/usr/local/go/src/runtime/asm_amd64.s", Line: 1700},
	}
}

// PanicMessage is what the crash example's panic prints.
const PanicMessage = "panic: runtime error: index out of range [5] with length 2"

// TestFailureMessage is the message of the stop AtTestFailure.
const TestFailureMessage = "--- FAIL: TestTotal: main.go:20: total = 5, want 6"

func (f *Crash) Continue() (debug.Stop, error) {
	if f.AtTestFailure {
		return debug.Stop{Kind: debug.StopTestFailed, Message: TestFailureMessage, GoroutineID: 1, Frame: 3}, nil
	}
	if f.AtCaught {
		return debug.Stop{Kind: debug.StopCaught, Message: PanicMessage + "\n[pdbgo: caught as the panic began]", GoroutineID: 1}, nil
	}
	if f.AtBreakpoint {
		bp := debug.Breakpoint{ID: 1, Function: "main.lookup", File: f.file(), Line: 14, Hits: 1}
		return debug.Stop{Kind: debug.StopBreakpoint, Breakpoint: &bp, GoroutineID: 1}, nil
	}
	return debug.Stop{Kind: debug.StopPanic, Message: PanicMessage, GoroutineID: 1}, nil
}

func (f *Crash) Next(sc debug.Scope) (debug.Stop, error) {
	f.mu.Lock()
	f.steps = append(f.steps, sc)
	f.slot++
	f.mu.Unlock()
	return debug.Stop{Kind: debug.StopStep, GoroutineID: 1}, nil
}
func (f *Crash) Step(sc debug.Scope) (debug.Stop, error)    { return f.Next(sc) }
func (f *Crash) StepOut(sc debug.Scope) (debug.Stop, error) { return f.Next(sc) }
func (f *Crash) Until(sc debug.Scope, _ int) (debug.Stop, error) {
	return f.Next(sc)
}

func (f *Crash) Stacktrace(gid int64, skip, count int) ([]stack.Frame, error) {
	if gid != 1 {
		return nil, fmt.Errorf("no goroutine %d", gid)
	}
	frames := f.Frames()
	skip = min(skip, len(frames))
	return frames[skip:min(skip+count, len(frames))], nil
}

// Str is a string value.
func Str(name, s string) value.Value {
	return value.Value{Name: name, Type: "string", Kind: reflect.String, Value: s, Len: int64(len(s))}
}

// Num is an int value.
func Num(name string, n int) value.Value {
	return value.Value{Name: name, Type: "int", Kind: reflect.Int, Value: strconv.Itoa(n)}
}

// Strs is a []string of length length with elements from..to loaded.
func Strs(name string, from, to int, length int64) value.Value {
	v := value.Value{Name: name, Type: "[]string", Kind: reflect.Slice, Len: length, Cap: length, Addr: 0xc000010000, Base: 0xc000100000}
	for i := from; i < to; i++ {
		v.Children = append(v.Children, Str("", "item"+strconv.Itoa(i)))
	}
	return v
}

// Order is *main.Order loaded as Delve loads it one level deep: the slice and map inside have
// their lengths but no elements.
func Order(name string, id int, loaded bool) value.Value {
	items := value.Value{Name: "Items", Type: "[]string", Kind: reflect.Slice, Len: 2, Cap: 2, Addr: 0xc000020000, Base: 0xc000200000}
	meta := value.Value{Name: "Meta", Type: "map[string]int", Kind: reflect.Map, Len: 1, Addr: 0xc000030000, Base: 0xc000300000}
	if loaded {
		items.Children = []value.Value{Str("", "kettle"), Str("", "lid")}
		meta.Children = []value.Value{Str("", "qty"), Num("", 1)}
	}
	st := value.Value{Type: "main.Order", Kind: reflect.Struct, Len: 3, Addr: 0xc000040000,
		Children: []value.Value{Num("ID", id), items, meta}}
	return value.Value{Name: name, Type: "*main.Order", Kind: reflect.Pointer, Addr: 0xc000050000, Children: []value.Value{st}}
}

// BigLen is the length of the slice big, a local of main.lookup.
const BigLen = 1000000

// LongText is the string long, a local of main.lookup.
var LongText = strings.Repeat("The quick brown fox jumps over the lazy dog. ", 60)

func (f *Crash) frameOf(sc debug.Scope) string {
	if frames := f.Frames(); sc.Frame >= 0 && sc.Frame < len(frames) {
		return frames[sc.Frame].Function
	}
	return ""
}

func (f *Crash) Args(sc debug.Scope, l debug.Load) ([]value.Value, error) {
	switch f.frameOf(sc) {
	case "main.lookup":
		f.mu.Lock()
		slot := 5 + f.slot
		f.mu.Unlock()
		return []value.Value{Order("o", 41, false), Str("key", "qty"), Num("slot", slot)}, nil
	case "main.total":
		return []value.Value{{Name: "orders", Type: "[]*main.Order", Kind: reflect.Slice, Len: 2, Cap: 2, Addr: 0xc000060000, Base: 0xc000600000,
			Children: []value.Value{Order("", 40, false), Order("", 41, false)}}}, nil
	}
	return nil, nil
}

func (f *Crash) Locals(sc debug.Scope, l debug.Load) ([]value.Value, error) {
	switch f.frameOf(sc) {
	case "main.lookup":
		long := Str("long", LongText[:64])
		long.Len = int64(len(LongText))
		return []value.Value{long, Strs("big", 0, 64, BigLen)}, nil
	case "main.total":
		return []value.Value{Num("sum", 5), Order("o", 41, false), Num("i", 1)}, nil
	case "main.main":
		return []value.Value{{Name: "orders", Type: "[]*main.Order", Kind: reflect.Slice, Len: 2, Cap: 2, Addr: 0xc000060000, Base: 0xc000600000,
			Children: []value.Value{Order("", 40, false), Order("", 41, false)}}}, nil
	}
	return nil, nil
}

func (f *Crash) Eval(sc debug.Scope, expr string, l debug.Load) (value.Value, error) {
	f.mu.Lock()
	f.evals = append(f.evals, expr)
	assigned, isSet := "", false
	for _, a := range f.sets {
		if a.Target == expr {
			assigned, isSet = a.Value, true
		}
	}
	f.mu.Unlock()
	if isSet { // what was set reads back: an int, a quoted string, or the text as typed
		if n, err := strconv.Atoi(assigned); err == nil {
			return Num("", n), nil
		}
		if s, err := strconv.Unquote(assigned); err == nil {
			return Str("", s), nil
		}
		return value.Value{Type: "?", Value: assigned}, nil
	}
	var from, to int
	if n, _ := fmt.Sscanf(expr, "big[%d:%d]", &from, &to); n == 2 {
		return Strs("", from, to, int64(to-from)), nil
	}
	if n, _ := fmt.Sscanf(expr, "long[%d:%d]", &from, &to); n == 2 {
		return Str("", LongText[from:to]), nil
	}
	switch expr {
	case "o":
		return Order("o", 41, true), nil
	case "o.Items":
		return Order("", 41, true).Children[0].Children[1], nil
	case "o.Meta":
		return Order("", 41, true).Children[0].Children[2], nil
	case "slot":
		return Num("", 5), nil
	case "key":
		return Str("", "qty"), nil
	}
	if strings.HasPrefix(expr, "o.") || strings.HasPrefix(expr, "big") {
		return value.Value{}, fmt.Errorf("fake: %s not modelled", expr)
	}
	return value.Value{}, fmt.Errorf("name %q is not defined", expr)
}

// Set records the assignment; Eval reads it back.
func (f *Crash) Set(sc debug.Scope, target, val string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sets = append(f.sets, Assignment{Target: target, Value: val})
	return nil
}

// Assignments are the Sets done so far, in order.
func (f *Crash) Assignments() []Assignment {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Assignment(nil), f.sets...)
}

func (f *Crash) Goroutines(start, count int) ([]debug.Goroutine, int, error) {
	return []debug.Goroutine{
		{ID: 1, User: debug.Location{Function: "main.lookup", File: f.file(), Line: 14}, Start: debug.Location{Function: "runtime.main"}, Status: "running"},
		{ID: 2, User: debug.Location{Function: "runtime.forcegchelper", File: "/usr/local/go/src/runtime/proc.go", Line: 373},
			Start: debug.Location{Function: "runtime.forcegchelper"}, Status: "force gc (idle)"},
		{ID: 5, User: debug.Location{Function: "time.Sleep", File: "/usr/local/go/src/runtime/time.go", Line: 363},
			Start: debug.Location{Function: "main.tick"}, GoStmt: debug.Location{Function: "main.main", File: f.file(), Line: 27}, Status: "sleep"},
	}, -1, nil
}

func (f *Crash) SwitchGoroutine(gid int64) error { return nil }

// Functions are the crash example's functions.
func (f *Crash) Functions() ([]string, error) {
	return []string{"main.lookup", "main.main", "main.total"}, nil
}

// Sources is the crash example's one file.
func (f *Crash) Sources() ([]string, error) { return []string{f.file()}, nil }

// FunctionLines are the lines the crash example's functions begin on.
var FunctionLines = map[string]int{"main.lookup": 13, "main.total": 17, "main.main": 25}

// Locate finds the crash example's functions by name and FILE:LINE in its file.
func (f *Crash) Locate(sc debug.Scope, loc string) (string, int, error) {
	if line, ok := FunctionLines[loc]; ok {
		return f.file(), line, nil
	}
	file, lineText, _ := strings.Cut(loc, ":")
	if line, err := strconv.Atoi(lineText); err == nil && line > 0 && filepath.Base(file) == filepath.Base(f.file()) {
		return f.file(), line, nil
	}
	return "", 0, fmt.Errorf("location %q not found", loc)
}

// SetBreakpoint sets a breakpoint at FILE:LINE (any file, as typed; in main.total) or at one
// of the crash example's functions.
func (f *Crash) SetBreakpoint(sc debug.Scope, loc, cond string) (debug.Breakpoint, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	file, lineText, _ := strings.Cut(loc, ":")
	line, err := strconv.Atoi(lineText)
	function := "main.total"
	if fl, ok := FunctionLines[loc]; ok {
		file, line, function, err = f.file(), fl, loc, nil
	}
	if err != nil {
		return debug.Breakpoint{}, fmt.Errorf("cannot set a breakpoint at %s", loc)
	}
	f.bpIDs++
	bp := debug.Breakpoint{ID: f.bpIDs, File: file, Line: line, Function: function, Cond: cond}
	f.bps = append(f.bps, bp)
	return bp, nil
}

func (f *Crash) Breakpoints() ([]debug.Breakpoint, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]debug.Breakpoint(nil), f.bps...), nil
}

func (f *Crash) ClearBreakpoint(id int) error {
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

func (f *Crash) AmendBreakpoint(id int, change func(*debug.Breakpoint)) (debug.Breakpoint, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range f.bps {
		if f.bps[i].ID == id {
			change(&f.bps[i])
			return f.bps[i], nil
		}
	}
	return debug.Breakpoint{}, fmt.Errorf("no breakpoint %d", id)
}

// CatchPanics keeps the setting, for Catching.
func (f *Crash) CatchPanics(on bool, patterns []string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.catching, f.patterns = on, patterns
	return nil
}

func (f *Crash) Catching() (bool, []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.catching, f.patterns
}

func (f *Crash) Restart(bool, []string) error { return nil }

// Rewind goes back to the entry of main.lookup's second call, the one that panics: the fake's
// program repeats itself.
func (f *Crash) Rewind(t debug.RewindTarget) (debug.Rewound, error) {
	f.mu.Lock()
	f.rewinds = append(f.rewinds, t)
	f.mu.Unlock()
	return debug.Rewound{Stop: debug.Stop{Kind: debug.StopBreakpoint, GoroutineID: 1}, Call: 2, Calls: 2}, nil
}

// Rewinds are the targets Rewind was asked for, in order.
func (f *Crash) Rewinds() []debug.RewindTarget {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]debug.RewindTarget(nil), f.rewinds...)
}
func (f *Crash) Kill() error { return nil }
func (f *Crash) Live() bool  { return true }
func (f *Crash) PID() int    { return 4242 }

// State is the panic stop.
func (f *Crash) State() (debug.Stop, error) { return f.Continue() }

// GoVersion is the version the frames' runtime paths belong to.
func (f *Crash) GoVersion() string { return "go1.26.8" }

// Evaluated are the expressions evaluated so far, in order.
func (f *Crash) Evaluated() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.evals...)
}

// Slot is how many times the program was stepped (main.lookup's slot is 5 + Slot).
func (f *Crash) Slot() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.slot
}

// Steps are the scopes next, step and return stepped from, in order.
func (f *Crash) Steps() []debug.Scope {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]debug.Scope(nil), f.steps...)
}
