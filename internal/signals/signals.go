// Package signals is pdbgo's one watcher of the signals sent to it: Ctrl-C, which halts the
// program (pdbgo stays), and the signals that end pdbgo (SIGTERM, SIGHUP, SIGPIPE when its
// output is closed), after which the program must not outlive it. The line mode, crash reports and the TUI all watch through it.
package signals

import (
	"os"
	"os/signal"
	"syscall"
)

// Handlers say what a signal does. Each runs in the watcher's goroutine.
type Handlers struct {
	// Interrupt is called on each SIGINT; nil: SIGINT ends pdbgo, as End says.
	Interrupt func()
	// End is called once, on SIGTERM, SIGHUP, SIGPIPE from a closed output (or SIGINT
	// without Interrupt); the watcher stops watching then. It usually ends the session and
	// exits with ExitStatus(sig).
	End func(sig syscall.Signal)
}

// ExitStatus is the status pdbgo ends with after sig, as a shell reports a death by sig.
func ExitStatus(sig syscall.Signal) int { return 128 + int(sig) }

// Watch calls h's functions as signals arrive until stop is called; stop waits for a handler
// that is running to return.
func Watch(h Handlers) (stop func()) {
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGPIPE)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for {
			select {
			case <-done:
				return
			case sig := <-sigs:
				if sig == os.Interrupt && h.Interrupt != nil {
					h.Interrupt()
					continue
				}
				if sig == syscall.SIGPIPE && !outputClosed() {
					continue // a pipe of pdbgo's own, not its output: the write just failed
				}
				if sig == syscall.SIGPIPE {
					// pdbgo is ending; what it still writes while End runs fails quietly
					// instead of killing it half-way (no program is started after this).
					signal.Ignore(syscall.SIGPIPE)
				}
				signal.Stop(sigs)
				if h.End != nil {
					h.End(sig.(syscall.Signal))
				}
				return
			}
		}
	}()
	return func() {
		if outputClosed() {
			// Unwatched, a write to the closed output would kill pdbgo by SIGPIPE on the
			// spot, before it ends as a closed output ends it (status 141, files removed).
			signal.Ignore(syscall.SIGPIPE)
		}
		signal.Stop(sigs)
		select {
		case <-done:
		default:
			close(done)
		}
		<-finished
	}
}
