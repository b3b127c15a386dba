package session

import (
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/go-delve/delve/service/api"

	"github.com/pdbgo/pdbgo/internal/debug"
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
