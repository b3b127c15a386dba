package stack

import "testing"

const tr = TracePackage + "."

func frames(functions ...string) []Frame {
	out := make([]Frame, len(functions))
	for i, fn := range functions {
		out[i] = Frame{Function: fn, File: "/src/app/main.go", Line: 10 + i}
		if IsRuntime(fn) {
			out[i].File = "/usr/local/go/src/runtime/x.go"
		}
	}
	return out
}

func TestIsTrace(t *testing.T) {
	for fn, want := range map[string]bool{
		tr + "SetTrace":                           true,
		tr + "OnPanic":                            true,
		tr + "stop.func1":                         true,
		TracePackage + "/internal/x.F":            true,
		"github.com/pdbgo/pdbgo/tracer.F":         false,
		"github.com/pdbgo/pdbgo/internal/stack.F": false,
		"main.main":                               false,
		"runtime.Breakpoint":                      false,
	} {
		if got := IsTrace(fn); got != want {
			t.Errorf("IsTrace(%q) = %v, want %v", fn, got, want)
		}
	}
}

func TestTraceStops(t *testing.T) {
	tests := []struct {
		name     string
		frames   []Frame
		call     string // TraceCall
		stop     int    // StopIndex
		visible  int    // len(New(frames).Visible)
		stopFunc string
	}{
		{
			name:     "SetTrace from main",
			frames:   frames("runtime.breakpoint", tr+"trap", tr+"stop", tr+"SetTrace", "main.main", "runtime.main", "runtime.goexit"),
			call:     "SetTrace",
			stop:     4,
			visible:  1,
			stopFunc: "main.main",
		},
		{
			name:     "SetTrace from a goroutine",
			frames:   frames("runtime.breakpoint", tr+"stop", tr+"SetTrace", "main.worker", "main.main.gowrap1", "runtime.goexit"),
			call:     "SetTrace",
			stop:     3,
			visible:  1,
			stopFunc: "main.worker",
		},
		{
			name: "SetTrace in a recovering deferred call stops at the call, not the panic",
			frames: frames("runtime.breakpoint", tr+"stop", tr+"SetTrace", "main.main.func1",
				"runtime.gopanic", "runtime.goPanicIndex", "main.lookup", "main.main", "runtime.main"),
			call:     "SetTrace",
			stop:     3,
			visible:  3,
			stopFunc: "main.main.func1",
		},
		{
			name: "OnPanic stops in the frame that panicked",
			frames: frames("runtime.breakpoint", tr+"stop", tr+"OnPanic", "runtime.gopanic", "runtime.goPanicIndex",
				"main.lookup", "main.total", "main.main", "runtime.main", "runtime.goexit"),
			call:     "OnPanic",
			stop:     5,
			visible:  3,
			stopFunc: "main.lookup",
		},
		{
			name: "re-panic of OnPanic stops in the frame that first panicked",
			frames: frames("runtime.fatalpanic", "runtime.gopanic", tr+"OnPanic", "runtime.gopanic", "runtime.goPanicIndex",
				"main.lookup", "main.total", "main.main", "runtime.main"),
			call:     "OnPanic",
			stop:     5,
			visible:  3,
			stopFunc: "main.lookup",
		},
		{
			name:     "halted while SetTrace waits for the debugger",
			frames:   frames("runtime.nanotime", "time.Sleep", tr+"waitTraced", tr+"stop", tr+"SetTrace", "main.main"),
			call:     "",
			stop:     1,
			visible:  2,
			stopFunc: "time.Sleep",
		},
		{
			name:     "no trace frames: unchanged",
			frames:   frames("runtime.breakpoint", "runtime.Breakpoint", "main.main", "runtime.main"),
			call:     "",
			stop:     2,
			visible:  1,
			stopFunc: "main.main",
		},
		{
			name:     "only trace frames",
			frames:   frames("runtime.breakpoint", tr+"SetTrace"),
			call:     "SetTrace",
			stop:     -1,
			visible:  0,
			stopFunc: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TraceCall(tt.frames); got != tt.call {
				t.Errorf("TraceCall = %q, want %q", got, tt.call)
			}
			s := New(tt.frames)
			stop := StopIndex(tt.frames)
			if stop != tt.stop {
				t.Errorf("StopIndex = %d, want %d", stop, tt.stop)
			}
			if len(s.Visible) != tt.visible {
				t.Errorf("visible frames = %v, want %d of them", s.Visible, tt.visible)
			}
			if tt.stopFunc != "" && (s.Len() == 0 || s.Frame(0).Function != tt.stopFunc) {
				t.Errorf("frame 0 is not %s: %v", tt.stopFunc, s.Visible)
			}
			for n := range s.Len() {
				if IsTrace(s.Frame(n).Function) {
					t.Errorf("trace frame %s is visible", s.Frame(n).Function)
				}
			}
		})
	}
}
