package stack

import (
	"strconv"
	"testing"
)

// deepStack is a goroutine stopped at a panic depth calls deep: the runtime's panic frames,
// depth frames of the program, then main and the runtime's start.
func deepStack(depth int) []Frame {
	frames := []Frame{
		{Function: "runtime.fatalpanic", File: "/usr/local/go/src/runtime/panic.go", Line: 1456},
		{Function: "runtime.gopanic", File: "/usr/local/go/src/runtime/panic.go", Line: 783},
		{Function: "runtime.panicBounds64", File: "/usr/local/go/src/runtime/panic.go", Line: 115},
		{Function: "runtime.panicBounds", File: "/usr/local/go/src/runtime/asm_amd64.s", Line: 1620},
	}
	for i := range depth {
		fn := "main.descend"
		if i%3 == 1 {
			fn = "github.com/acme/app/internal/walk.(*Tree).Visit"
		} else if i%3 == 2 {
			fn = "github.com/acme/app/internal/walk.(*Tree).Visit.func1"
		}
		frames = append(frames, Frame{Function: fn, File: "/src/app/walk/walk.go", Line: 10 + i})
	}
	return append(frames,
		Frame{Function: "main.main", File: "/src/app/main.go", Line: 30},
		Frame{Function: "runtime.main", File: "/usr/local/go/src/runtime/proc.go", Line: 285},
		Frame{Function: "runtime.goexit", File: "/usr/local/go/src/runtime/asm_amd64.s", Line: 1700},
	)
}

// BenchmarkNew classifies the frames of a stack as every stop does.
func BenchmarkNew(b *testing.B) {
	for _, depth := range []int{3, 40, 200} {
		frames := deepStack(depth)
		b.Run(strconv.Itoa(depth), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s := New(frames)
				if s.Len() != depth+1 {
					b.Fatalf("%d visible frames, want %d", s.Len(), depth+1)
				}
			}
		})
	}
}

// BenchmarkIsProgram is the per-frame test the stack pane and the goroutine list make.
func BenchmarkIsProgram(b *testing.B) {
	frames := deepStack(200)
	goroot := GOROOT(frames)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range frames {
			_ = IsProgram(f, goroot)
		}
	}
}
