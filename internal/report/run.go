package report

import (
	"syscall"

	"github.com/pdbgo/pdbgo/internal/debug"
)

// RunToCrash runs the program until it crashes or exits, passing over the breakpoints the
// program sets itself (runtime.Breakpoint); a core dump (live false) is where it is.
func RunToCrash(d debug.Debugger) (debug.Stop, error) {
	if !d.Live() {
		return d.State()
	}
	for {
		stop, err := d.Continue()
		if err != nil || stop.Crashed() || stop.Kind == debug.StopExited {
			return stop, err
		}
	}
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
