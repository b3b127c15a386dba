// Package trace stops a running Go program in pdbgo from a line of its own code, the way
// Python's pdb.set_trace() does:
//
//	trace.SetTrace()      // stop here, in pdbgo, on this terminal
//	defer trace.OnPanic() // if this function panics, stop where it panicked
//
// SetTrace starts `pdbgo attach` on the calling process and stops the program at the line
// that called it, in the calling goroutine. `c` lets the program go on, still attached: a
// later SetTrace stops in the same session. `q` detaches and the program goes on; pdbgo ends
// when the program does. Under a debugger already (pdbgo, dlv, an IDE) it just stops there.
//
// The terminal is PDBGO_TTY (a terminal device such as /dev/pts/3), else the program's own
// stdin and stdout if both are terminals, else /dev/tty. PDBGO names the pdbgo binary, else
// it is looked up in PATH. PDBGO_DISABLE=1 turns SetTrace and OnPanic into no-ops. When no
// debugger can be started (no terminal, no pdbgo, it exits or does not attach within 10
// seconds) they write one line on stderr and return: they never hang or crash the program.
//
// While pdbgo is attached, a Ctrl-C stops the program in pdbgo: the SIGINT that also reaches
// the program, on the same terminal, is swallowed instead of killing it.
//
// The package imports only the standard library, so importing it costs a program nothing.
// Locals are complete only in binaries built with -gcflags=all="-N -l". A program attaches
// pdbgo to itself on Linux only (through ptrace); on macOS and Windows the calls say so in one
// line and return: run the program under pdbgo there (pdbgo run, or pdbgo attach PID).
package trace

import (
	"fmt"
	"os"
	"strings"
)

// Environment variables the package reads.
const (
	envBinary  = "PDBGO"         // path of the pdbgo binary
	envTTY     = "PDBGO_TTY"     // terminal for the debugger
	envDisable = "PDBGO_DISABLE" // "1": SetTrace and OnPanic do nothing
)

// SetTrace stops the program in pdbgo at the line that called it, with the caller's frame
// selected. It returns when the user continues or quits the debugger, or at once, after one
// line on stderr, when no debugger can be started.
func SetTrace() {
	if disabled() {
		return
	}
	stop("")
}

// OnPanic, deferred, stops a panicking program in pdbgo inside the panicking goroutine, with
// the frame that panicked selected and the panic shown, like a panic under `pdbgo run`:
//
//	func handle(req *Request) {
//		defer trace.OnPanic()
//		...
//	}
//
// It does nothing when the function returns normally. When the session ends (or none could
// be started) it panics again with the same value, so the program goes on as it would have,
// but for the pause. It must be deferred directly: `defer trace.OnPanic()`, not called from
// a deferred function of your own (Go's recover only works there).
func OnPanic() {
	if disabled() {
		return
	}
	r := recover()
	if r == nil {
		return
	}
	stop(panicMessage(r))
	panic(r)
}

func disabled() bool { return os.Getenv(envDisable) == "1" }

// stopMessage is what the program says while it is stopped in the debugger: the panic that
// OnPanic holds, as Go would print it, or "" for SetTrace. pdbgo reads it at the stop (by
// then the runtime has not yet turned an error value into its text).
//
//lint:ignore U1000 read by pdbgo through the debugger, never by Go code
var stopMessage string

// panicMessage is the line Go prints for a panic with value r when r is an error, a Stringer
// or a string: the runtime calls Error or String only as it prints, so pdbgo cannot read that
// text at the stop. For any other value it is "": pdbgo prints it from the runtime's own panic
// record, by the rules of the program's Go version, as for a panic under pdbgo run.
func panicMessage(r any) string {
	var text string
	switch v := r.(type) {
	case error:
		text = v.Error()
	case fmt.Stringer:
		text = v.String()
	case string:
		text = v
	default:
		return ""
	}
	return "panic: " + strings.ReplaceAll(text, "\n", "\n\t")
}
