// Package debug is the contract between pdbgo's front-ends (the line mode, the TUI, crash
// reports) and the debugger that drives the program: the Debugger interface and the values it
// answers in. It knows nothing of Delve: internal/session implements Debugger over Delve, and
// the front-ends' tests fake it.
//
// The rules every front-end shares about goroutines (which belong to the runtime, where one is
// in the program's own code, which to show when a stop has none) live here too, once.
package debug

import (
	"errors"
	"strings"

	"github.com/pdbgo/pdbgo/internal/stack"
	"github.com/pdbgo/pdbgo/internal/value"
)

// Debugger is what the front-ends need of a debugging session.
type Debugger interface {
	// Continue runs the program until it stops and says why.
	Continue() (Stop, error)
	// Next, Step and StepOut move goroutine sc.GoroutineID from its frame sc.Frame, as pdb's
	// next, step and return act on the selected frame: next runs to the frame's next line
	// (or to where it returns), step also stops in the calls it makes, StepOut runs until the
	// frame returns.
	Next(sc Scope) (Stop, error)
	Step(sc Scope) (Stop, error)
	StepOut(sc Scope) (Stop, error)
	// Until runs goroutine sc.GoroutineID until its frame sc.Frame reaches a line at or after
	// line, or returns (pdb's until; line 0: a line after the current one). The frame is
	// known by its identity, not by its depth: recursion and other goroutines do not stop it.
	Until(sc Scope, line int) (Stop, error)
	// State is the stop the program is at now, without running it (after attach, connect, core).
	State() (Stop, error)

	// Stacktrace returns up to count frames of goroutine gid (-1: the current thread) from
	// depth skip on, innermost first; fewer than count frames means the stack ends there.
	// Deep stacks are read in pages (stack.Read, Stack.Grow): each page costs the unwinding
	// of the frames above it again, but only its own frames are converted and copied.
	Stacktrace(gid int64, skip, count int) ([]stack.Frame, error)
	Locals(sc Scope, l Load) ([]value.Value, error)
	Args(sc Scope, l Load) ([]value.Value, error)
	Eval(sc Scope, expr string, l Load) (value.Value, error)
	Set(sc Scope, target, val string) error

	// Goroutines lists up to count goroutines from start; next is -1 when there are no more.
	Goroutines(start, count int) (gs []Goroutine, next int, err error)
	SwitchGoroutine(gid int64) error

	// Functions lists the program's own functions (stack.IsOwnFunction: package main and the
	// main module's packages) and Sources its own source files (stack.IsOwnFile), sorted: what
	// a person opens and completes, without the standard library and the dependencies.
	Functions() ([]string, error)
	Sources() ([]string, error)

	SetBreakpoint(sc Scope, loc, cond string) (Breakpoint, error)
	Locate(sc Scope, loc string) (file string, line int, err error)
	Breakpoints() ([]Breakpoint, error)
	ClearBreakpoint(id int) error
	AmendBreakpoint(id int, change func(*Breakpoint)) (Breakpoint, error)

	// CatchPanics, on, stops every panic as it begins (StopCaught), whoever recovers it later;
	// patterns (Go package patterns, "..." for every package; none: every package) keep to the
	// panics raised in the packages they match. Off, only unrecovered panics stop. Catching
	// reports the setting.
	CatchPanics(on bool, patterns []string) error
	Catching() (on bool, patterns []string)

	Restart(newArgs bool, args []string) error
	// Rewind runs the program again, with the same arguments and binary, to the entry of the
	// call t names: it counts the calls of t.Function on the way back to the last stop a run
	// can find again (a panic, a fatal error, a failed test, a caught panic, a breakpoint's
	// hit), then runs once more to the call with that number.
	Rewind(t RewindTarget) (Rewound, error)
	Kill() error
	// Live reports whether the process can run (false for a core dump).
	Live() bool
	PID() int
	// GoVersion is the Go version the program was built with ("go1.26.8"), "" when unknown.
	GoVersion() string
}

// MaxDepth is how many frames of a goroutine are read when nothing asks for more: the first
// page of a stack.
const MaxDepth = 200

// StopKind says why the program stopped.
type StopKind int

const (
	StopPanic      StopKind = iota // an unrecovered panic
	StopFatal                      // a fatal runtime error (throw)
	StopBreakpoint                 // a user breakpoint
	StopTrap                       // runtime.Breakpoint() in the program
	StopStep                       // next, step, return finished
	StopHalt                       // halted by the user (Ctrl-C) or attached
	StopExited                     // the process is gone
	StopTestFailed                 // a test failed (t.Error, t.Fatal, t.Fail...: testing.(*common).Fail)
	StopCaught                     // a panic as it began (CatchPanics): the program may recover it
)

// Stop is the state of the program after it ran.
type Stop struct {
	Kind        StopKind
	Message     string // panic, caught: the lines Go would print; fatal: "fatal error: ..."; test failed: "--- FAIL: TestX: x_test.go:16: message"; trap: who stopped it, if known; halt: what a function call that finished returned
	ExitStatus  int
	GoroutineID int64 // the goroutine that stopped, -1 if none
	Breakpoint  *Breakpoint
	// ReturnValues are what the function just stepped out of (return) returned.
	ReturnValues []value.Value
	// ConditionError says why the breakpoint's condition could not be evaluated: the program
	// stopped there all the same.
	ConditionError string
	// Frame is the frame to select first, as a depth (stack.Stack.All's index), when it is
	// not the stop frame (0): at a test failure, the line the failure names (a t.Helper
	// function's caller), below the frame that called t.Errorf.
	Frame int
}

// Crashed reports whether the stop is the program dying: an unrecovered panic or a fatal error.
func (s Stop) Crashed() bool { return s.Kind == StopPanic || s.Kind == StopFatal }

// Scope names a frame of a goroutine; Frame is the debugger's depth (an index into
// stack.Stack.All).
type Scope struct {
	GoroutineID int64
	Frame       int
}

// Load says how much of a value to read.
type Load int

const (
	LoadShort  Load = iota // one line: locals, args, p
	LoadFull               // pp: deeper and longer
	LoadReport             // crash reports
)

// StoppedError is what Eval and Set answer when a function call in the expression did not
// return: the program stopped elsewhere first (a breakpoint the call reached, the call
// timeout, a crash, the exit). Stop is where it is now.
type StoppedError struct {
	Stop   Stop
	Reason string
}

func (e *StoppedError) Error() string { return e.Reason }

// ErrClosed is what a run returns when the session was closed while the program ran (pdbgo
// is ending: SIGTERM, the TUI quit): there is no stop to show.
var ErrClosed = errors.New("the session has ended")

// BuildError is a failed go build; Output is what the compiler said.
type BuildError struct {
	Output string
}

func (e *BuildError) Error() string {
	out := strings.TrimSpace(e.Output)
	if out == "" {
		return "build failed"
	}
	return "build failed:\n" + out
}

// Breakpoint is a user breakpoint.
type Breakpoint struct {
	ID       int
	Function string
	File     string
	Line     int
	Cond     string
	Hits     uint64
	Disabled bool
	// IgnoreUntil makes the breakpoint stop only once its hit count is above it (pdb's ignore).
	IgnoreUntil uint64
}

// RewindTarget is the call Rewind goes back to, as the last stop a run can find again
// showed it.
type RewindTarget struct {
	Function string
	// Newer counts the calls of Function newer than it on its goroutine's stack at that stop
	// (a recursion's inner calls): they were counted too.
	Newer int
	// Callers are the frames below the call, innermost first: its path, to tell the same call
	// from another one of the same number.
	Callers []Location
	// SameGoroutine says the call is on the goroutine that stopped: its calls are counted on
	// that goroutine alone.
	SameGoroutine bool
}

// Rewound is where Rewind brought the program.
type Rewound struct {
	Stop  Stop // at the entry of the call (StopBreakpoint, no Breakpoint)
	Call  int  // the number of the call it stopped at: 1 is the first
	Calls int  // the calls counted up to the stop in the run again
	// Note says how the run again differed from the first, when it did: the stop not found
	// again, fewer calls, another path. "" when it repeated.
	Note string
}

// Location is a place in the program.
type Location struct {
	Function string
	File     string
	Line     int
}

// LocationOf is where a frame is.
func LocationOf(f stack.Frame) Location {
	return Location{Function: f.Function, File: f.File, Line: f.Line}
}
