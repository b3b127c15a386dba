//go:build !windows

package signals

import (
	"os"
	"syscall"
	"testing"
	"time"
)

// The tests send real signals to the test process. A signal that ends pdbgo is sent only while
// a watcher that takes it is running: after it, the default action would end the test binary.

func send(t *testing.T, sig syscall.Signal) {
	t.Helper()
	if err := syscall.Kill(os.Getpid(), sig); err != nil {
		t.Fatal(err)
	}
}

func within[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("no %s within 10 s", what)
	}
	var zero T
	return zero
}

func TestInterruptThenEnd(t *testing.T) {
	interrupts := make(chan struct{}, 4)
	ended := make(chan syscall.Signal, 2)
	stop := Watch(Handlers{
		Interrupt: func() { interrupts <- struct{}{} },
		End:       func(sig syscall.Signal) { ended <- sig },
	})
	defer stop()
	for range 3 { // each Ctrl-C halts; none ends pdbgo
		send(t, syscall.SIGINT)
		within(t, interrupts, "Interrupt call")
	}
	send(t, syscall.SIGTERM)
	if sig := within(t, ended, "End call"); sig != syscall.SIGTERM {
		t.Errorf("End(%v), want SIGTERM", sig)
	}
	select {
	case sig := <-ended:
		t.Errorf("End called again with %v", sig)
	case <-interrupts:
		t.Error("Interrupt called after End")
	default:
	}
}

func TestHangupEnds(t *testing.T) {
	ended := make(chan syscall.Signal, 1)
	stop := Watch(Handlers{Interrupt: func() {}, End: func(sig syscall.Signal) { ended <- sig }})
	defer stop()
	send(t, syscall.SIGHUP)
	if sig := within(t, ended, "End call"); sig != syscall.SIGHUP {
		t.Errorf("End(%v), want SIGHUP", sig)
	}
}

// With no Interrupt handler (a crash report: nobody is at the keyboard) Ctrl-C ends pdbgo.
func TestInterruptWithoutHandlerEnds(t *testing.T) {
	ended := make(chan syscall.Signal, 1)
	stop := Watch(Handlers{End: func(sig syscall.Signal) { ended <- sig }})
	defer stop()
	send(t, syscall.SIGINT)
	if sig := within(t, ended, "End call"); sig != syscall.SIGINT {
		t.Errorf("End(%v), want SIGINT", sig)
	}
}

// stop waits for a handler that is running: once it returns, no handler touches the session.
func TestStopWaitsForTheHandler(t *testing.T) {
	entered := make(chan struct{})
	release := make(chan struct{})
	stop := Watch(Handlers{Interrupt: func() {
		close(entered)
		<-release
	}})
	send(t, syscall.SIGINT)
	within(t, entered, "Interrupt call")
	stopped := make(chan struct{})
	go func() {
		stop()
		close(stopped)
	}()
	select {
	case <-stopped:
		t.Fatal("stop returned while the handler was running")
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	within(t, stopped, "return from stop")
	stop() // a second stop is harmless
}

func TestExitStatus(t *testing.T) {
	for sig, want := range map[syscall.Signal]int{syscall.SIGINT: 130, syscall.SIGHUP: 129, syscall.SIGTERM: 143} {
		if got := ExitStatus(sig); got != want {
			t.Errorf("ExitStatus(%v) = %d, want %d", sig, got, want)
		}
	}
}
