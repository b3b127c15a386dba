package command_test

import (
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/debug"
)

// The benchmarks here drive the real interpreter over a real in-process Delve on the harness's
// programs (bench/progs), stopped at their panic. Starting and building are outside the timed
// loop. They run one after another: two Delve targets in one process must not run at once.

// stopped starts prog under Delve and runs it to its panic.
func stopped(b *testing.B, prog string) *command.Interpreter {
	b.Helper()
	in := command.New(startSession(b, runConfig("../../bench/progs/"+prog)), io.Discard)
	in.Begin()
	if in.Stop().Kind != debug.StopPanic {
		b.Fatalf("%s did not stop at its panic: %+v", prog, in.Stop())
	}
	return in
}

// timed runs op once per b.Loop iteration and reports the median time of an op, which the
// targets are stated in, beside the mean that ns/op gives.
func timed(b *testing.B, op func(i int)) { timedAfter(b, nil, op) }

// timedAfter is timed with an untimed setup before each op.
func timedAfter(b *testing.B, setup, op func(i int)) {
	b.Helper()
	var ds []time.Duration
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if setup != nil {
			b.StopTimer()
			setup(i)
			b.StartTimer()
		}
		t := time.Now()
		op(i)
		ds = append(ds, time.Since(t))
		i++
	}
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)/2].Nanoseconds())/1e6, "ms-median/op")
}

// execute runs a command and fails the benchmark on an error it prints.
func execute(b *testing.B, in *command.Interpreter, cmd string) {
	var out strings.Builder
	in.Out = &out
	in.Execute(cmd)
	in.Out = io.Discard
	if strings.HasPrefix(out.String(), "***") {
		b.Fatalf("%s: %s", cmd, out.String())
	}
}

// BenchmarkFrameSwitchLocals is one frame switch (up or down) with the new frame's locals, as
// a person walking a stack does it. Target: under 5 ms at the median.
func BenchmarkFrameSwitchLocals(b *testing.B) {
	b.Run("to-locals", func(b *testing.B) {
		in := stopped(b, "tolocals")
		timed(b, func(i int) {
			execute(b, in, []string{"up", "down"}[i%2])
			execute(b, in, "locals")
		})
	})
	b.Run("frame-walk", func(b *testing.B) {
		in := stopped(b, "framewalk")
		timed(b, func(i int) {
			// 30 up, 30 down, as the harness's workload 3.
			execute(b, in, []string{"up", "down"}[(i/30)%2])
			execute(b, in, "locals")
		})
	})
}

// BenchmarkLocalsBigValues is locals in the frames of workload 2: the innermost one, and its
// caller holding the 1,000,000-element slice, the 100,000-entry map and the 5 MB string.
// Target: under 50 ms at the median.
func BenchmarkLocalsBigValues(b *testing.B) {
	in := stopped(b, "bigvalues")
	for _, frame := range []string{"0", "1"} {
		b.Run("frame"+frame, func(b *testing.B) {
			execute(b, in, "frame "+frame)
			timed(b, func(int) { execute(b, in, "locals") })
		})
	}
}

// BenchmarkStopToLocals is the whole of workload 2 in-process, start excepted: run to the
// panic (the stop loads the stack), locals, up, locals.
func BenchmarkStopToLocals(b *testing.B) {
	sess := startSession(b, runConfig("../../bench/progs/bigvalues"))
	timedAfter(b, func(i int) {
		if i > 0 {
			if err := sess.Restart(false, nil); err != nil {
				b.Fatal(err)
			}
		}
	}, func(int) {
		in := command.New(sess, io.Discard)
		in.Begin()
		for _, c := range []string{"locals", "up", "locals"} {
			execute(b, in, c)
		}
	})
}

// BenchmarkNext is one next in a loop of the program's own code (the common case: frame 0 of
// the goroutine at the stop), as a person stepping through a function does it.
func BenchmarkNext(b *testing.B) {
	in := command.New(startSession(b, runConfig("../../bench/progs/steploop")), io.Discard)
	if err := in.Break("main.go:13"); err != nil {
		b.Fatal(err)
	}
	in.Begin()
	timed(b, func(int) { execute(b, in, "next") })
}

// BenchmarkNextFromCaller is next from the caller of the stop's frame (up, then next): the
// callee first runs to its return.
func BenchmarkNextFromCaller(b *testing.B) {
	in := command.New(startSession(b, runConfig("../../bench/progs/steploop")), io.Discard)
	if err := in.Break("main.step"); err != nil {
		b.Fatal(err)
	}
	in.Begin()
	timedAfter(b, func(i int) {
		if i > 0 {
			execute(b, in, "continue")
		}
		execute(b, in, "up")
	}, func(int) { execute(b, in, "next") })
}
