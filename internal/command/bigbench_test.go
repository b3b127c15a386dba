package command_test

import (
	"fmt"
	"io"
	"testing"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/session"
)

// BenchmarkLocalsBigBinary is the locals command in the panicking frame of bench/progs/kube, a
// program using k8s.io/client-go (a module of its own; about 80 MB built with optimizations
// off; its first build downloads the modules its go.mod pins). Profile it with
// go test ./internal/command -run '^$' -bench LocalsBigBinary -cpuprofile cpu.out: through
// Delve's JSON-RPC client, four fifths of its time went to JSON (Delve's Variable marshals
// each nested value again at every level); session's directClient calls Delve without it.
func BenchmarkLocalsBigBinary(b *testing.B) {
	b.Log("building bench/progs/kube (k8s.io/client-go; the first build downloads its modules)")
	sess := startSession(b, session.Config{Mode: session.ModeRun, Packages: []string{"."}, BuildFlags: "-C ../../bench/progs/kube"})
	in := command.New(sess, io.Discard)
	in.Begin()
	if in.Stop().Kind != debug.StopPanic {
		b.Fatalf("kube did not stop at its panic: %+v", in.Stop())
	}
	timed(b, func(int) { execute(b, in, "locals") })
}

// BenchmarkLocalsBigBinaryFirst is the first locals in the panicking frame of the big binary
// after the target changed: an untimed goroutine 1 (a switch to the goroutine already
// selected) before each makes the session forget the frame's scope (session's scopeCache),
// so each locals unwinds to the frame again, as the first locals after a stop does.
func BenchmarkLocalsBigBinaryFirst(b *testing.B) {
	sess := startSession(b, session.Config{Mode: session.ModeRun, Packages: []string{"."}, BuildFlags: "-C ../../bench/progs/kube"})
	in := command.New(sess, io.Discard)
	in.Begin()
	if in.Stop().Kind != debug.StopPanic {
		b.Fatalf("kube did not stop at its panic: %+v", in.Stop())
	}
	gid := in.Stop().GoroutineID
	timedAfter(b, func(int) { execute(b, in, fmt.Sprintf("goroutine %d", gid)) }, func(int) { execute(b, in, "locals") })
}
