// Package launch starts the debugging session of pdbgo's command line so that pdbgo can be
// ended cleanly from its first moment: a signal that ends pdbgo (SIGINT, SIGTERM, SIGHUP, a
// closed output) while the program builds, the process is attached or the server is dialled
// abandons the start, stops a build under way and removes its files.
package launch

import (
	"errors"
	"fmt"
	"io"
	"syscall"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/session"
	"github.com/pdbgo/pdbgo/internal/signals"
)

// Ended is the error of a start that a signal ended; pdbgo exits with
// signals.ExitStatus(Signal), as a shell reports a death by that signal.
type Ended struct{ Signal syscall.Signal }

func (e Ended) Error() string { return fmt.Sprintf("ended by signal %d", int(e.Signal)) }

// Start starts the session cfg describes; a build error shows the compiler's output on stderr.
func Start(cfg session.Config, stderr io.Writer) (*session.Session, error) {
	abort := make(chan struct{})
	cfg.Abort = abort
	ended := make(chan syscall.Signal, 1)
	stop := signals.Watch(signals.Handlers{End: func(sig syscall.Signal) {
		ended <- sig
		close(abort)
	}})
	sess, err := session.Start(cfg)
	stop()
	select {
	case sig := <-ended:
		if err == nil {
			sess.Close() // it started as the signal came: it ends all the same
		}
		return nil, Ended{sig}
	default:
	}
	var build *debug.BuildError
	if errors.As(err, &build) {
		fmt.Fprintln(stderr, build.Output)
		return nil, errors.New("build failed")
	}
	if err != nil {
		return nil, err
	}
	return sess, nil
}
