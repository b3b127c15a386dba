package session

import (
	"fmt"
	"net"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/go-delve/delve/service"
	"github.com/go-delve/delve/service/api"
	"github.com/go-delve/delve/service/debugger"
	"github.com/go-delve/delve/service/rpc2"
	"github.com/go-delve/delve/service/rpccommon"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/value"
)

// addresses are where the runtime put things in one run; they differ between two runs.
var addresses = regexp.MustCompile(`0x[0-9a-f]{5,}`)

// stopTranscript runs a session to its panic and renders what pdbgo shows there: the stop,
// every frame of the program with its args and locals (values fully loaded), the expressions
// exprs evaluated in frame fn, an error, the program's goroutines, the breakpoints and the
// exit.
func stopTranscript(t *testing.T, s *Session, fn string, exprs ...string) string {
	t.Helper()
	var b strings.Builder
	stop, err := s.Continue()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "stop %v %q goroutine %d\n", stop.Kind, stop.Message, stop.GoroutineID)
	frames, err := s.Stacktrace(stop.GoroutineID, 0, debug.MaxDepth)
	if err != nil {
		t.Fatal(err)
	}
	in := -1
	for i, f := range frames {
		if !strings.HasPrefix(f.Function, "main.") {
			continue // the runtime's frames hold addresses and thread ids of the run
		}
		if f.Function == fn {
			in = i
		}
		fmt.Fprintf(&b, "#%d %s %s:%d\n", i, f.Function, f.File, f.Line)
		sc := debug.Scope{GoroutineID: stop.GoroutineID, Frame: i}
		for _, list := range []func(debug.Scope, debug.Load) ([]value.Value, error){s.Args, s.Locals} {
			vs, err := list(sc, debug.LoadFull)
			for _, v := range vs {
				fmt.Fprintf(&b, "   %s = %s\n", v.Name, v.String())
			}
			if err != nil {
				fmt.Fprintf(&b, "   error %v\n", err)
			}
		}
	}
	if in < 0 {
		t.Fatalf("no frame %s at the stop:\n%s", fn, b.String())
	}
	for _, expr := range exprs {
		for _, l := range []debug.Load{debug.LoadShort, debug.LoadFull} {
			v, err := s.Eval(debug.Scope{GoroutineID: stop.GoroutineID, Frame: in}, expr, l)
			fmt.Fprintf(&b, "%s = %s %v\n", expr, v.String(), err)
		}
	}
	_, err = s.Eval(debug.Scope{GoroutineID: stop.GoroutineID}, "nosuch", debug.LoadShort)
	fmt.Fprintf(&b, "nosuch: %v\n", err)
	gs, _, err := s.Goroutines(0, 100)
	for _, g := range gs {
		if !g.IsRuntime() {
			fmt.Fprintf(&b, "goroutine %d %s %s:%d\n", g.ID, g.Current.Function, g.Current.File, g.Current.Line)
		}
	}
	fmt.Fprintf(&b, "goroutines: %v\n", err)
	bps, err := s.Breakpoints()
	fmt.Fprintf(&b, "breakpoints %+v %v\n", bps, err)
	end, err := s.Continue()
	fmt.Fprintf(&b, "then %v status %d %v\n", end.Kind, end.ExitStatus, err)
	return addresses.ReplaceAllString(b.String(), "0xADDR")
}

// TestDirectClientAnswersAsJSONRPC: pdbgo's in-process Delve, called directly, shows the same
// stop, frames, values, errors, goroutines, breakpoints and exit as Delve's own JSON-RPC
// client gets from a headless server on the same program: on the index fixture (a conditional
// breakpoint, a slice expression) and on one with a value of every kind (a string that is not
// valid UTF-8, which Delve's JSON sends as bytes beside it; a cycle of pointers; maps of
// slices; an interface; an error; NaN and infinities; a channel; a func; an array longer than
// a load; complex; an empty struct; a nil map).
func TestDirectClientAnswersAsJSONRPC(t *testing.T) {
	for _, c := range []struct {
		bin, bp, cond, fn string
		exprs             []string
		want              []string
	}{
		{buildIndexFixture(t), "main.go:14", "total > 100", "main.pick", []string{"xs[1:]"}, []string{"index out of range", "main.sumEvery /"}},
		{buildFixture(t, "testdata/kinds"), "main.go:27", "len(raw) < 3", "main.inspect",
			[]string{"raw", "raw[3:5]", "n.next.tags", "*n", "s", "err", "nums", "arr", "arr[60:]", "c", "nilMap", "fn", "ch", "local"},
			[]string{`raw = "ok \xff\xfe bytes"`, "NaN", `"x": []int len: 2`}},
	} {
		t.Run(filepath.Base(c.bin), func(t *testing.T) {
			s, err := Start(Config{Mode: ModeExec, Binary: c.bin})
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := s.client.(*directClient); !ok {
				t.Fatalf("an exec session talks to Delve through %T", s.client)
			}
			if _, err := s.SetBreakpoint(debug.Scope{GoroutineID: -1}, c.bp, c.cond); err != nil {
				t.Fatal(err)
			}
			direct := stopTranscript(t, s, c.fn, c.exprs...)
			s.Close()

			r := connectHeadless(t, c.bin)
			defer r.Close()
			if _, err := r.SetBreakpoint(debug.Scope{GoroutineID: -1}, c.bp, c.cond); err != nil {
				t.Fatal(err)
			}
			overJSON := stopTranscript(t, r, c.fn, c.exprs...)
			if direct != overJSON {
				t.Errorf("in-process:\n%s\nover JSON-RPC:\n%s", direct, overJSON)
			}
			if testing.Verbose() {
				t.Logf("transcript:\n%s", direct)
			}
			for _, w := range c.want {
				if !strings.Contains(direct, w) {
					t.Errorf("transcript lacks %s:\n%s", w, direct)
				}
			}
		})
	}
}

// TestDirectClientCall: the plumbing net/rpc did for rpc2.RPCClient: arguments by value or
// pointer, replies to a pointer or a pointer to a pointer, errors leave the reply alone, an
// unknown method is an error.
func TestDirectClientCall(t *testing.T) {
	var out rpc2.CommandOut
	if err := setReply(&out, reflect.ValueOf(rpc2.CommandOut{State: api.DebuggerState{Pid: 7}})); err != nil || out.State.Pid != 7 {
		t.Errorf("reply to *T: %+v, %v", out, err)
	}
	pout := new(rpc2.CommandOut)
	if err := setReply(&pout, reflect.ValueOf(&rpc2.CommandOut{State: api.DebuggerState{Pid: 8}})); err != nil || pout.State.Pid != 8 {
		t.Errorf("reply to **T: %+v, %v", pout, err)
	}
	var wrong rpc2.StateOut
	if err := setReply(&wrong, reflect.ValueOf(rpc2.CommandOut{})); err == nil {
		t.Error("a reply of another type was stored")
	}
	c := &directClient{server: &rpc2.RPCServer{}}
	if err := c.call("NoSuchMethod", nil, nil); err == nil || !strings.Contains(err.Error(), "unknown method") {
		t.Errorf("unknown method: %v", err)
	}
	if err := c.call("ProcessPid", rpc2.StateIn{}, new(rpc2.ProcessPidOut)); err == nil {
		t.Error("an argument of another type was passed")
	}
}

// buildFixture builds the program in the directory dir with optimizations off.
func buildFixture(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), filepath.Base(dir))
	if out, err := exec.Command("go", "build", "-gcflags=all=-N -l", "-o", bin, "./"+dir).CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// connectHeadless starts Delve's headless JSON-RPC server on the program, in this process,
// and connects a session to it; the server stops with the test.
func connectHeadless(t *testing.T, bin string) *Session {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := rpccommon.NewServer(&service.Config{
		Listener: listener, ProcessArgs: []string{bin}, AcceptMulti: true, APIVersion: 2,
		Debugger: debugger.Config{Backend: "default", ExecuteKind: debugger.ExecutingExistingFile, WorkingDir: "."},
	})
	if err := server.Run(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { server.Stop() })
	r, err := Start(Config{Mode: ModeConnect, Addr: listener.Addr().String()})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := r.client.(*rpc2.RPCClient); !ok {
		t.Fatalf("a connect session talks to Delve through %T", r.client)
	}
	return r
}
