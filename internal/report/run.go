package report

import (
	"strings"
	"syscall"

	"github.com/pdbgo/pdbgo/internal/debug"
)

// MaxEventReports bounds the reports of the events a run goes on after (failing tests): a
// suite whose every test fails gets this many, not one per test.
const MaxEventReports = 20

// RunToCrash runs the program until it crashes or exits, passing over the breakpoints the
// program sets itself (runtime.Breakpoint); a core dump (live false) is where it is. On the way
// it hands event the stops that get a report of their own while the program goes on: the
// first failure of each failing test, up to MaxEventReports, and the first panic caught as it
// began (CatchPanics, then turned off); an error of event ends the run.
func RunToCrash(d debug.Debugger, event func(debug.Stop) error) (debug.Stop, error) {
	if !d.Live() {
		return d.State()
	}
	reported := map[string]bool{} // the failing tests reported, by name
	for {
		stop, err := d.Continue()
		if err != nil || stop.Crashed() || stop.Kind == debug.StopExited {
			return stop, err
		}
		if stop.Kind == debug.StopCaught {
			// The first panic caught as it began is reported; the program goes on, and only
			// an unrecovered panic stops it from then on.
			if err := d.CatchPanics(false, nil); err != nil {
				return stop, err
			}
			if err := event(stop); err != nil {
				return stop, err
			}
			continue
		}
		if stop.Kind != debug.StopTestFailed || len(reported) >= MaxEventReports {
			continue
		}
		name := failedTest(stop.Message)
		if reported[name] {
			continue
		}
		reported[name] = true
		if err := event(stop); err != nil {
			return stop, err
		}
	}
}

// failedTest is the name of the test a test failure's message names: "TestX/sub" in
// "--- FAIL: TestX/sub: x_test.go:9: ..." (a test's name holds no space).
func failedTest(message string) string {
	name := strings.TrimPrefix(message, "--- FAIL: ")
	if i := strings.Index(name, ": "); i >= 0 {
		name = name[:i]
	}
	return name
}

// ExitStatus is the status the program ends with, as a shell would report it: its own when it
// exited (128+N when killed by signal N); for a crash, Go's: 2, or SIGABRT's when the
// GOTRACEBACK setting asks the runtime to crash.
func ExitStatus(stop debug.Stop, gotraceback string) int {
	sig, killed := stop.KilledBy()
	switch {
	case killed:
		return 128 + int(sig)
	case stop.Kind == debug.StopExited:
		return stop.ExitStatus
	case gotraceback == "crash" || gotraceback == "core":
		return 128 + int(syscall.SIGABRT)
	}
	return 2
}

// Reporting is a run with no person at the keyboard (--report): the reports go to Output.
type Reporting struct {
	Output  *Output
	Options Options
	Version string // pdbgo's
	// Gotraceback is the program's GOTRACEBACK setting, which decides its crash's status.
	Gotraceback string
	Core        bool // a core dump: its report is what was asked for, the status is 0
}

// Run runs the program through d until it crashes or exits, reporting failing tests on the
// way (RunToCrash) and the crash, and returns the status the program would have ended with
// (its own when it exited). end ends the session, once the crash is read: the report holds
// copies.
func (rp Reporting) Run(d debug.Debugger, end func() error) (int, error) {
	collect := func(stop debug.Stop) *Report { return Collect(d, stop, rp.Options, rp.Version) }
	stop, err := RunToCrash(d, func(stop debug.Stop) error { return rp.Output.Write(collect(stop)) })
	if err != nil {
		return 0, err
	}
	status := ExitStatus(stop, rp.Gotraceback)
	if stop.Kind == debug.StopExited {
		return status, end()
	}
	r := collect(stop)
	_ = end()
	if err := rp.Output.Write(r); err != nil {
		return 0, err
	}
	if rp.Core {
		return 0, nil
	}
	return status, nil
}
