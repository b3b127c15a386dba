package session

import (
	"fmt"
	"net"
	"reflect"
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

// stopTranscript runs a session to its panic and renders what pdbgo shows there: the stop,
// every frame with its args and locals, an expression, the goroutines and the breakpoints.
func stopTranscript(t *testing.T, s *Session) string {
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
	pick := -1
	for i, f := range frames {
		if !strings.HasPrefix(f.Function, "main.") {
			continue // the runtime's frames hold addresses and thread ids of the run
		}
		if f.Function == "main.pick" {
			pick = i
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
	v, err := s.Eval(debug.Scope{GoroutineID: stop.GoroutineID, Frame: pick}, "xs[1:]", debug.LoadShort)
	fmt.Fprintf(&b, "xs[1:] = %s %v\n", v.String(), err)
	_, err = s.Eval(debug.Scope{GoroutineID: stop.GoroutineID}, "nosuch", debug.LoadShort)
	fmt.Fprintf(&b, "nosuch: %v\n", err)
	bps, err := s.Breakpoints()
	fmt.Fprintf(&b, "breakpoints %+v %v\n", bps, err)
	end, err := s.Continue()
	fmt.Fprintf(&b, "then %v status %d %v\n", end.Kind, end.ExitStatus, err)
	return b.String()
}

// TestDirectClientAnswersAsJSONRPC: pdbgo's in-process Delve, called directly, shows the same
// stop, frames, values, errors and exit as Delve's own JSON-RPC client gets from a headless
// server on the same program.
func TestDirectClientAnswersAsJSONRPC(t *testing.T) {
	bin := buildIndexFixture(t)
	s, err := Start(Config{Mode: ModeExec, Binary: bin})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.client.(*directClient); !ok {
		t.Fatalf("an exec session talks to Delve through %T", s.client)
	}
	if _, err := s.SetBreakpoint(debug.Scope{GoroutineID: -1}, "main.go:14", "total > 100"); err != nil {
		t.Fatal(err)
	}
	direct := stopTranscript(t, s)
	s.Close()

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
	defer server.Stop()
	r, err := Start(Config{Mode: ModeConnect, Addr: listener.Addr().String()})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, ok := r.client.(*rpc2.RPCClient); !ok {
		t.Fatalf("a connect session talks to Delve through %T", r.client)
	}
	if _, err := r.SetBreakpoint(debug.Scope{GoroutineID: -1}, "main.go:14", "total > 100"); err != nil {
		t.Fatal(err)
	}
	overJSON := stopTranscript(t, r)
	if direct != overJSON {
		t.Errorf("in-process:\n%s\nover JSON-RPC:\n%s", direct, overJSON)
	}
	if !strings.Contains(direct, "index out of range") || !strings.Contains(direct, "main.sumEvery") {
		t.Errorf("transcript lacks the panic:\n%s", direct)
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
