//go:build linux && amd64

package session

import (
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/go-delve/delve/service/api"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/stack"
	"github.com/pdbgo/pdbgo/internal/value"
)

// TestStackMapsSayWhatIsKept reads the stack maps of a real program at a real stop: a map
// pointer each deep frame passed on and never uses again is dead there, the same pointer in
// the frame that uses it after the call is live.
func TestStackMapsSayWhatIsKept(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "onpanicmap")
	if out, err := exec.Command("go", "build", "-gcflags=all=-N -l", "-o", bin, "../../trace/testdata/onpanicmap").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	s, err := Start(Config{Mode: ModeExec, Binary: bin})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	stop, err := s.Continue() // trace.OnPanic traps: the program runs under a debugger already
	if err != nil || stop.Kind != debug.StopPanic {
		t.Fatalf("stop %+v, %v", stop, err)
	}
	frames, err := s.client.Stacktrace(stop.GoroutineID, 20, 0, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	checked := map[string]bool{}
	for depth, f := range frames {
		if f.Function == nil || depth == 0 {
			continue
		}
		name := f.Function.Name()
		if name != "main.deep" && name != "main.handle" {
			continue
		}
		sc := debug.Scope{GoroutineID: stop.GoroutineID, Frame: depth}
		d := s.frameLiveness(sc)
		if !d.known {
			t.Fatalf("%s (frame %d): no stack maps read", name, depth)
		}
		v, err := s.client.EvalVariable(api.EvalScope{GoroutineID: stop.GoroutineID, Frame: depth}, "payload", api.LoadConfig{})
		if err != nil {
			t.Fatal(err)
		}
		if dead, want := d.live.dead(v.Addr), name == "main.deep"; dead != want {
			t.Errorf("%s (frame %d): payload dead %v, want %v", name, depth, dead, want)
		}
		checked[name] = true
	}
	if !checked["main.deep"] || !checked["main.handle"] {
		t.Errorf("frames checked: %v", checked)
	}
}

// TestFaultedFrameNeverShowsStaleValues: a frame that faulted (a nil dereference) in a
// function with no defer is dead for the runtime, which fixes none of its words when the
// panic's deferred call moves the stack; goroutines started next write over the stack it
// left. Its map, its pointer and the map in its struct used to read what those goroutines
// wrote (len(m) gave 3735928559, q.n the same 0xdeadbeef); they read as not kept now, every
// expression through them is refused, and nothing is written through them. What is not a
// pointer reads right, and the caller's map, which it uses after the call, is shown.
func TestFaultedFrameNeverShowsStaleValues(t *testing.T) {
	s, err := Start(Config{Mode: ModeRun, Packages: []string{"./testdata/faultmap"}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	stop, err := s.Continue()
	if err != nil || stop.Kind != debug.StopPanic {
		t.Fatalf("stop %+v, %v", stop, err)
	}
	frames, err := s.Stacktrace(stop.GoroutineID, 0, 20)
	if err != nil {
		t.Fatal(err)
	}
	fault := slices.IndexFunc(frames, func(f stack.Frame) bool { return f.Function == "main.fault" })
	if fault < 0 || fault+1 >= len(frames) || frames[fault+1].Function != "main.run" {
		t.Fatalf("no main.fault frame called by main.run: %+v", frames)
	}
	sc := debug.Scope{GoroutineID: stop.GoroutineID, Frame: fault}

	locals, err := s.Locals(sc, debug.LoadShort)
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]value.Value{}
	for _, v := range locals {
		vars[v.Name] = v
	}
	for _, name := range []string{"m", "q"} {
		if vars[name].Unreadable != notKept {
			t.Errorf("locals: %s = %s, want it not kept", name, vars[name].String())
		}
	}
	if st := vars["s"]; len(st.Children) != 2 || st.Children[0].Unreadable != notKept || st.Children[1].Value != "2" {
		t.Errorf("locals: s = %s, want its map not kept and n: 2", st.String())
	}
	args, err := s.Args(sc, debug.LoadShort)
	if err != nil {
		t.Fatal(err)
	}
	if got := joinVars(args); got != "p = nil; n = 1" {
		t.Errorf("args: %s", got)
	}

	for expr, refused := range map[string]string{"len(m)": "m", "q.n": "q", "*q": "q", "len(s.m)": "s.m", `m["a"]`: "m"} {
		if v, err := s.Eval(sc, expr, debug.LoadShort); err == nil || err.Error() != refused+" is "+notKept {
			t.Errorf("p %s: %s, %v; want it refused: %s is not kept", expr, v.String(), err, refused)
		}
	}
	for expr, want := range map[string]string{"s.n": "2", "n": "1", "n + s.n": "3"} {
		if v, err := s.Eval(sc, expr, debug.LoadShort); err != nil || v.Value != want {
			t.Errorf("p %s: %s, %v; want %s", expr, v.String(), err, want)
		}
	}
	if v, err := s.Eval(sc, "s", debug.LoadShort); err != nil || len(v.Children) != 2 || v.Children[0].Unreadable != notKept {
		t.Errorf("p s: %s, %v; want its map not kept", v.String(), err)
	}
	if err := s.Set(sc, "q.n", "5"); err == nil || err.Error() != "q is "+notKept {
		t.Errorf("set q.n = 5: %v; want it refused", err)
	}

	run := debug.Scope{GoroutineID: stop.GoroutineID, Frame: fault + 1}
	locals, err = s.Locals(run, debug.LoadShort)
	if err != nil {
		t.Fatal(err)
	}
	if got := joinVars(locals); got != `kept = map[string]int ["k": 7]` {
		t.Errorf("main.run's locals: %s; want its map, which it keeps", got)
	}
}

// TestStaleUse: which stale variables (and parts of them) an expression reads through, and
// that an assignment may name one but not write through it.
func TestStaleUse(t *testing.T) {
	paths := map[string]bool{"m": true, "s.m": true, "a[2]": true, "e.?": true, "w.Inner": true}
	for _, tc := range []struct {
		expr   string
		target bool
		want   string
	}{
		{"m", false, "m"},
		{"len(m)", false, "m"},
		{`m["k"] + 1`, false, "m"},
		{"s", false, ""}, // its other fields are right; the map is shown not kept
		{"s.n", false, ""},
		{"s.m", false, "s.m"},
		{"len((s).m)", false, "s.m"},
		{"a[1]", false, ""},
		{"a[2]", false, "a[2]"},
		{"a[i]", false, "a"}, // any element: the stale one too
		{"b[m[1]]", false, "m"},
		{"x.m", false, ""},    // a field named like a stale variable
		{"f(x).m", false, ""}, // likewise
		{"(*p).m", false, ""}, // likewise
		{"f(m)", false, "m"},  // a call would pass it on
		{"e.X", false, "e.X"}, // through an embedded pointer
		{"w.Inner.X", false, "w.Inner"},
		{"m", true, ""},       // overwriting the variable is harmless
		{"s.m", true, ""},     // so is overwriting the field
		{`m["k"]`, true, "m"}, // writing through it is not
		{"s.m.x", true, "s.m"},
		{"m.(T)", false, "m"},
		{"m..bad", false, "m"}, // Delve's own syntax or a typo: by the names alone
		{"x..m", false, ""},
	} {
		if got := staleUse(tc.expr, paths, tc.target); got != tc.want {
			t.Errorf("staleUse(%q, target %v) = %q, want %q", tc.expr, tc.target, got, tc.want)
		}
	}
}

// joinVars writes variables as the line mode does, on one line: "a = 1; b = 2".
func joinVars(vs []value.Value) string {
	var out []string
	for _, v := range vs {
		out = append(out, v.Name+" = "+v.String())
	}
	return strings.Join(out, "; ")
}
