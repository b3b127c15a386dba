//go:build !windows

package signals

import (
	"syscall"
	"testing"
	"time"
)

// TestPipeOfItsOwnDoesNotEnd: a SIGPIPE from a pipe other than pdbgo's output (its stdout and
// stderr are open here) does not end pdbgo; the failed write just fails.
func TestPipeOfItsOwnDoesNotEnd(t *testing.T) {
	ended := make(chan syscall.Signal, 1)
	stop := Watch(Handlers{Interrupt: func() {}, End: func(sig syscall.Signal) { ended <- sig }})
	defer stop()
	send(t, syscall.SIGPIPE)
	select {
	case sig := <-ended:
		t.Errorf("End(%v) on a SIGPIPE while the output is open", sig)
	case <-time.After(300 * time.Millisecond):
	}
}
