package report_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/debug/debugtest"
	"github.com/pdbgo/pdbgo/internal/report"
)

// Collect, RunToCrash and ExitStatus over the fake debugger: the shipped crash example stopped
// at its panic. cmd/pdbgo's tests run the whole path on real programs.

var crashFile, _ = filepath.Abs("../../examples/crash/main.go")

func options() report.Options {
	return report.Options{Scrub: true, Limits: report.DefaultLimits}
}

func functions(r *report.Report) []string {
	var fns []string
	for _, f := range r.Frames {
		fns = append(fns, f.Function)
	}
	return fns
}

func TestCollectPanic(t *testing.T) {
	fake := &debugtest.Crash{File: crashFile}
	stop, _ := fake.Continue()
	r := report.Collect(fake, stop, options(), "v9.9.9")
	if r.Error != (report.Error{Kind: report.KindPanic, Message: debugtest.PanicMessage}) || r.Goroutine != 1 || r.Note != "" {
		t.Errorf("error %+v, goroutine %d, note %q", r.Error, r.Goroutine, r.Note)
	}
	if r.Pdbgo != "v9.9.9" || r.Go != "go1.26.8" {
		t.Errorf("versions: pdbgo %q, go %q", r.Pdbgo, r.Go)
	}
	// The runtime's panic frames above main.lookup and runtime.main below main.main are left out.
	if got, want := functions(r), []string{"main.lookup", "main.total", "main.main"}; !reflect.DeepEqual(got, want) || r.FramesOmitted != 0 {
		t.Fatalf("frames %v (%d omitted), want %v", got, r.FramesOmitted, want)
	}
	lookup := r.Frames[0]
	if lookup.File != crashFile || lookup.Line != 14 || !lookup.InApp || lookup.Source != "return o.Meta[key] + len(o.Items[slot])" {
		t.Errorf("frame 0: %+v", lookup)
	}
	if len(lookup.Args) != 3 || !reflect.DeepEqual(lookup.Args[1], report.Var{Name: "key", Type: "string", Value: `"qty"`}) {
		t.Errorf("main.lookup's args: %+v", lookup.Args)
	}
	if len(lookup.Locals) != 2 || lookup.Locals[1].Name != "big" {
		t.Errorf("main.lookup's locals: %+v", lookup.Locals)
	}
	if r.Frames[1].Source != `sum += lookup(o, "qty", i*5)` || !reflect.DeepEqual(r.Frames[1].Locals[0], report.Var{Name: "sum", Type: "int", Value: "5"}) {
		t.Errorf("frame 1: %+v", r.Frames[1])
	}
	// The other goroutines: the crashed one and the runtime's (forcegchelper) are not listed.
	want := []report.Goroutine{{ID: 5, Function: "time.Sleep", File: "/usr/local/go/src/runtime/time.go", Line: 363, Status: "sleep"}}
	if !reflect.DeepEqual(r.Goroutines, want) || r.MoreGoroutines != 0 {
		t.Errorf("goroutines %+v (%d more), want %+v", r.Goroutines, r.MoreGoroutines, want)
	}
}

func TestCollectShowsTheProgramGoroutine(t *testing.T) {
	for _, tc := range []struct {
		gid  int64
		note string
	}{
		{-1, "No goroutine crashed here; showing goroutine 1."},
		{2, "Goroutine 2 has no frames of the program; showing goroutine 1."},
	} {
		fake := &debugtest.Crash{File: crashFile}
		stop := debug.Stop{Kind: debug.StopFatal, GoroutineID: tc.gid, Message: "fatal error: all goroutines are asleep - deadlock!"}
		r := report.Collect(fake, stop, options(), "devel")
		if r.Note != tc.note || r.Goroutine != 1 || r.Error.Kind != report.KindFatal {
			t.Errorf("stopped in %d: note %q, goroutine %d, error %+v", tc.gid, r.Note, r.Goroutine, r.Error)
		}
		if got := functions(r); len(got) != 3 || got[0] != "main.lookup" {
			t.Errorf("stopped in %d: frames %v", tc.gid, got)
		}
		for _, g := range r.Goroutines {
			if g.ID == 1 {
				t.Errorf("stopped in %d: the goroutine shown is listed among the others too", tc.gid)
			}
		}
	}
}

func TestCollectCoreWithoutACrash(t *testing.T) {
	fake := &debugtest.Crash{File: crashFile}
	r := report.Collect(fake, debug.Stop{Kind: debug.StopHalt, GoroutineID: 1}, options(), "devel")
	if r.Error != (report.Error{Kind: report.KindUnknown, Message: "the core shows no panic or fatal error"}) {
		t.Errorf("error %+v", r.Error)
	}
}

func TestCollectLimits(t *testing.T) {
	fake := &debugtest.Crash{File: crashFile}
	stop, _ := fake.Continue()
	o := options()
	o.Limits.Frames = 2
	o.Limits.Goroutines = 1
	r := report.Collect(fake, stop, o, "devel")
	if got := functions(r); !reflect.DeepEqual(got, []string{"main.lookup", "main.total"}) || r.FramesOmitted != 1 {
		t.Errorf("frames %v, %d omitted; want the first 2, 1 omitted", got, r.FramesOmitted)
	}
	if len(r.Goroutines) != 1 || r.Goroutines[0].ID != 5 || r.MoreGoroutines != 0 {
		t.Errorf("goroutines %+v, %d more", r.Goroutines, r.MoreGoroutines)
	}
}

// scripted stops where it is told to, in turn.
type scripted struct {
	*debugtest.Crash
	stops     []debug.Stop
	err       error
	continued int
	core      bool
}

func (s *scripted) Continue() (debug.Stop, error) {
	s.continued++
	if s.err != nil {
		return debug.Stop{}, s.err
	}
	stop := s.stops[0]
	s.stops = s.stops[1:]
	return stop, nil
}

func (s *scripted) Live() bool { return !s.core }

func TestRunToCrash(t *testing.T) {
	trap := debug.Stop{Kind: debug.StopTrap, GoroutineID: 1}
	panicked := debug.Stop{Kind: debug.StopPanic, GoroutineID: 1, Message: "panic: boom"}
	fatal := debug.Stop{Kind: debug.StopFatal, GoroutineID: -1, Message: "fatal error: x"}
	exited := debug.Stop{Kind: debug.StopExited, ExitStatus: 3, GoroutineID: -1}
	for _, tc := range []struct {
		name  string
		stops []debug.Stop
		want  debug.Stop
	}{
		{"runtime.Breakpoint calls are passed over", []debug.Stop{trap, trap, panicked}, panicked},
		{"a fatal error", []debug.Stop{fatal}, fatal},
		{"an exit", []debug.Stop{trap, exited}, exited},
	} {
		s := &scripted{Crash: &debugtest.Crash{}, stops: tc.stops}
		got, err := report.RunToCrash(s, noEvents(t))
		if err != nil || !reflect.DeepEqual(got, tc.want) || s.continued != len(tc.stops) {
			t.Errorf("%s: %+v, %v after %d continues", tc.name, got, err, s.continued)
		}
	}
	gone := errors.New("the process is gone")
	if _, err := report.RunToCrash(&scripted{Crash: &debugtest.Crash{}, err: gone}, noEvents(t)); !errors.Is(err, gone) {
		t.Errorf("error %v, want %v", err, gone)
	}
	// A core dump is reported where it is: never continued.
	core := &scripted{Crash: &debugtest.Crash{}, core: true}
	if got, err := report.RunToCrash(core, noEvents(t)); err != nil || got.Kind != debug.StopPanic || core.continued != 0 {
		t.Errorf("core: %+v, %v, continued %d times", got, err, core.continued)
	}
}

func noEvents(t *testing.T) func(debug.Stop) error {
	return func(stop debug.Stop) error {
		t.Errorf("event %+v reported", stop)
		return nil
	}
}

// TestRunToCrashEvents: each failing test is reported once (its first failure), up to
// MaxEventReports, and the program goes on; an error writing one ends the run.
func TestRunToCrashEvents(t *testing.T) {
	failed := func(msg string) debug.Stop {
		return debug.Stop{Kind: debug.StopTestFailed, GoroutineID: 7, Message: msg}
	}
	exited := debug.Stop{Kind: debug.StopExited, ExitStatus: 1, GoroutineID: -1}
	stops := []debug.Stop{
		failed("--- FAIL: TestA: a_test.go:3: one"),
		failed("--- FAIL: TestA: a_test.go:4: two"),
		failed("--- FAIL: TestA/sub: a_test.go:9: three"),
		failed("--- FAIL: TestB: b_test.go:5: (FailNow)"),
	}
	for i := range report.MaxEventReports + 5 {
		stops = append(stops, failed(fmt.Sprintf("--- FAIL: TestMany%d: m_test.go:1: x", i)))
	}
	s := &scripted{Crash: &debugtest.Crash{}, stops: append(stops, exited)}
	var reported []string
	got, err := report.RunToCrash(s, func(stop debug.Stop) error {
		reported = append(reported, stop.Message)
		return nil
	})
	if err != nil || !reflect.DeepEqual(got, exited) {
		t.Fatalf("ended with %+v, %v", got, err)
	}
	if len(reported) != report.MaxEventReports || reported[0] != stops[0].Message || reported[1] != stops[2].Message || reported[2] != stops[3].Message {
		t.Errorf("reported %d: %q", len(reported), reported[:min(4, len(reported))])
	}
	// The first caught panic is reported, catching turned off, the program goes on.
	caught := debug.Stop{Kind: debug.StopCaught, GoroutineID: 9, Message: "panic: boom"}
	s = &scripted{Crash: &debugtest.Crash{}, stops: []debug.Stop{caught, exited}}
	_ = s.CatchPanics(true, []string{"main"})
	reported = nil
	if _, err := report.RunToCrash(s, func(stop debug.Stop) error {
		reported = append(reported, stop.Message)
		return nil
	}); err != nil || len(reported) != 1 || reported[0] != "panic: boom" {
		t.Errorf("caught panic: reported %q, %v", reported, err)
	}
	if on, _ := s.Catching(); on {
		t.Error("catching is still on after the first caught panic's report")
	}
	full := errors.New("disk full")
	s = &scripted{Crash: &debugtest.Crash{}, stops: append(stops[:1], exited)}
	if _, err := report.RunToCrash(s, func(debug.Stop) error { return full }); !errors.Is(err, full) || s.continued != 1 {
		t.Errorf("error %v after %d continues, want %v after 1", err, s.continued, full)
	}
}

func TestExitStatus(t *testing.T) {
	panicked := debug.Stop{Kind: debug.StopPanic}
	for _, tc := range []struct {
		stop        debug.Stop
		gotraceback string
		want        int
	}{
		{debug.Stop{Kind: debug.StopExited, ExitStatus: 0}, "", 0},
		{debug.Stop{Kind: debug.StopExited, ExitStatus: 3}, "crash", 3},
		{debug.Stop{Kind: debug.StopExited, ExitStatus: -15}, "", 143}, // killed by SIGTERM
		{debug.Stop{Kind: debug.StopExited, ExitStatus: -9}, "", 137},
		{panicked, "", 2},
		{panicked, "all", 2},
		{panicked, "crash", 134}, // the runtime aborts: SIGABRT
		{panicked, "core", 134},
		{debug.Stop{Kind: debug.StopFatal}, "", 2},
	} {
		if got := report.ExitStatus(tc.stop, tc.gotraceback); got != tc.want {
			t.Errorf("ExitStatus(%+v, %q) = %d, want %d", tc.stop, tc.gotraceback, got, tc.want)
		}
	}
}
