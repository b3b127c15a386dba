package session

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/go-delve/delve/service/api"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/stack"
)

// A failing test stops like a panic. Every failure goes through testing.(*common).Fail (Error
// is Log then Fail, Fatal is Log then FailNow, FailNow calls Fail; b. and f. alike), and Fail
// first calls its parent test's Fail, up to the root test, whose parent is nil: a breakpoint
// there with the condition "c.parent == nil" stops once per failure, with the whole chain on
// the stack (stack.TestFailure reads it). The message is what Go prints for the failure: the
// last entry of the failing test's output buffer (testing.common.output), which Error, Errorf,
// Fatal and Fatalf have just written with the file and line testing chose. With -v the
// testing package prints the entry at once instead of keeping it: pdbgo names the line
// itself (the rule is stack.TestFailure's), and the message is in the program's output just
// above.
const (
	bpTestFailed = "pdbgoTestFailed"
	testFailedID = exitWatchID + 1
)

// stopPass is the kind of a stop at one of pdbgo's own breakpoints that is not to be shown: a
// run goes on from it (see Continue, runStep).
const stopPass debug.StopKind = -1

// watchTestFailures sets the breakpoint that stops a failing test, in a program that has the
// testing package (a test binary), unless Config.NoStopOnFail.
func (s *Session) watchTestFailures() {
	if s.cfg.NoStopOnFail || s.cfg.Mode == ModeConnect || s.cfg.Mode == ModeCore || !s.exitWatched {
		return
	}
	_, _ = s.client.CreateBreakpoint(&api.Breakpoint{
		ID:           testFailedID,
		Name:         bpTestFailed,
		FunctionName: "testing.(*common).Fail",
		Cond:         "c.parent == nil",
	})
}

// failureDepth is how many frames are read at a test failure: the chain of Fail calls (one
// per level of subtests), the testing function called, the helpers and the test.
const failureDepth = 64

// testFailed explains a stop at the test failure breakpoint: a failure of the program's own
// becomes a StopTestFailed on the line the failure names; the testing package failing a test
// that panicked, or a plain Fail on a test that had already failed, pass.
func (s *Session) testFailed(stop *debug.Stop) {
	stop.Kind = stopPass
	gid := stop.GoroutineID
	frames, err := s.Stacktrace(gid, 0, failureDepth)
	if err != nil {
		return
	}
	// The helpers are read only when the caller is one of the program's functions.
	var helpers map[string]bool
	isHelper := func(fn string) bool {
		if helpers == nil {
			helpers = s.testHelpers(gid, frames)
		}
		return helpers[fn]
	}
	f, ok := stack.TestFailure(frames, isHelper)
	if !ok {
		return
	}
	sc := api.EvalScope{GoroutineID: gid, Frame: f.Receiver}
	failedBefore := s.evalText(sc, "c.failed") == "true"
	if failedBefore && !f.Logged {
		return // t.FailNow after t.Errorf (testify's require): the failure was shown
	}
	name := s.evalText(sc, "c.name")
	site := frames[f.Site]
	where := fmt.Sprintf("%s:%d", filepath.Base(site.File), site.Line)
	switch {
	case !f.Logged:
		called := frames[f.Caller-1].Function
		stop.Message = fmt.Sprintf("--- FAIL: %s: %s: (%s)", name, where, called[strings.LastIndexByte(called, '.')+1:])
	case s.evalText(sc, "c.chatty != nil") == "true":
		// -v: the testing package printed the message instead of keeping it.
		stop.Message = fmt.Sprintf("--- FAIL: %s: %s (the message is in the test's output above)", name, where)
	default:
		entry := lastLogEntry(s.outputTail(sc))
		if entry == "" {
			entry = where
		}
		stop.Message = fmt.Sprintf("--- FAIL: %s: %s", name, entry)
	}
	stop.Kind = debug.StopTestFailed
	stop.Frame = f.Site
}

// evalText is the value of a short expression as Delve prints it, "" when it cannot be read.
func (s *Session) evalText(sc api.EvalScope, expr string) string {
	v, err := s.client.EvalVariable(sc, expr, api.LoadConfig{MaxStringLen: 1024})
	if err != nil || v.Unreadable != "" {
		return ""
	}
	return v.Value
}

// maxOutputTail is how much of the end of a test's output is read for the failure's message.
const maxOutputTail = 16 << 10

// outputTail reads the end of the failing test's output buffer (its receiver in scope sc).
func (s *Session) outputTail(sc api.EvalScope) string {
	n, err := strconv.Atoi(s.evalText(sc, "len(c.output)"))
	if err != nil || n == 0 {
		return ""
	}
	v, err := s.client.EvalVariable(sc, fmt.Sprintf("string(c.output[%d:])", max(0, n-maxOutputTail)), api.LoadConfig{MaxStringLen: maxOutputTail})
	if err != nil || v.Unreadable != "" {
		return ""
	}
	return v.Value
}

// lastLogEntry is the last entry of a test's output as the testing package keeps it: each line
// indented by four spaces, an entry's first line "file:line: text" and its further lines
// indented by four more. It is returned as Go prints it after "--- FAIL", less the first
// indentation of its first line: "parse_test.go:16: Fields(\"a,b,\") = 3, want 2".
func lastLogEntry(output string) string {
	const indent = "    "
	lines := strings.Split(strings.TrimRight(output, "\n"), "\n")
	start := -1
	for i := len(lines) - 1; i >= 0; i-- {
		l := lines[i]
		if strings.HasPrefix(l, indent) && len(l) > len(indent) && l[len(indent)] != ' ' {
			start = i
			break
		}
	}
	if start < 0 {
		return ""
	}
	entry := lines[start:]
	entry[0] = entry[0][len(indent):] // further lines keep their indentation, as Go prints them
	return strings.Join(entry, "\n")
}

// testHelpers names the functions the failing test marked as helpers (t.Helper): the testing
// package keeps their program counters (common.helperPCs, of the test's own testing.common,
// the receiver of the outermost Fail frame); Delve names the function of each.
func (s *Session) testHelpers(gid int64, frames []stack.Frame) map[string]bool {
	helpers := map[string]bool{}
	receiver := 0
	for receiver+1 < len(frames) && frames[receiver+1].Function == "testing.(*common).Fail" {
		receiver++
	}
	v, err := s.client.EvalVariable(api.EvalScope{GoroutineID: gid, Frame: receiver}, "c.helperPCs", api.LoadConfig{MaxArrayValues: 256})
	if err != nil || v.Unreadable != "" {
		return helpers
	}
	// A map's children are its keys and values, in turn.
	for i := 0; i < len(v.Children); i += 2 {
		pc, err := strconv.ParseUint(v.Children[i].Value, 10, 64)
		if err != nil {
			continue
		}
		if fn := s.functionAt(pc); fn != "" {
			helpers[fn] = true
		}
	}
	return helpers
}

// functionAt names the function holding program counter pc, "" when Delve knows none.
func (s *Session) functionAt(pc uint64) string {
	locs, _, err := s.client.FindLocation(api.EvalScope{GoroutineID: -1}, fmt.Sprintf("*%#x", pc), false, nil)
	if err != nil || len(locs) == 0 || locs[0].Function == nil {
		return ""
	}
	return locs[0].Function.Name()
}
