package session

import (
	"debug/elf"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-delve/delve/service"
	"github.com/go-delve/delve/service/debugger"
	"github.com/go-delve/delve/service/rpccommon"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/stack"
)

// buildIndexFixture builds the index fixture of internal/command with optimizations off.
func buildIndexFixture(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "index")
	cmd := exec.Command("go", "build", "-gcflags=all=-N -l", "-o", bin, "../command/testdata/index")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// TestConnectToHeadlessDelve drives a real headless Delve server (what dlv --headless
// --api-version=2 runs) over TCP on loopback.
func TestConnectToHeadlessDelve(t *testing.T) {
	bin := buildIndexFixture(t)
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := rpccommon.NewServer(&service.Config{
		Listener:    listener,
		ProcessArgs: []string{bin},
		AcceptMulti: true,
		APIVersion:  2,
		Debugger:    debugger.Config{Backend: "default", ExecuteKind: debugger.ExecutingExistingFile, WorkingDir: "."},
	})
	if err := server.Run(); err != nil {
		t.Fatal(err)
	}
	defer server.Stop()

	s, err := Start(Config{Mode: ModeConnect, Addr: listener.Addr().String()})
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.State()
	if err != nil {
		t.Fatal(err)
	}
	if st.GoroutineID >= 0 {
		t.Fatalf("a fresh headless exec should sit at the entry point, got %+v", st)
	}
	stop, err := s.Continue()
	if err != nil {
		t.Fatal(err)
	}
	if stop.Kind != debug.StopPanic || !strings.Contains(stop.Message, "index out of range [3] with length 3") {
		t.Fatalf("stop = %+v", stop)
	}
	frames, err := s.Stacktrace(stop.GoroutineID, 0, debug.MaxDepth)
	if err != nil {
		t.Fatal(err)
	}
	stk := stack.New(frames)
	if stk.Len() < 3 || stk.Frame(0).Function != "main.pick" || stk.Frame(1).Function != "main.sumEvery" {
		t.Fatalf("frames: %+v", stk)
	}
	v, err := s.Eval(debug.Scope{GoroutineID: stop.GoroutineID, Frame: stk.Depth(1)}, "total", debug.LoadShort)
	if err != nil || v.Value != "16" {
		t.Fatalf("total = %+v, %v", v, err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}
}

func TestConnectRefused(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := listener.Addr().String()
	listener.Close()
	_, err = Start(Config{Mode: ModeConnect, Addr: addr})
	if err == nil || err.Error() != "cannot connect to "+addr+": connection refused" {
		t.Fatalf("err = %v", err)
	}
}

// TestExecPassesArguments runs an existing binary to its panic.
func TestExecStopsAtPanic(t *testing.T) {
	bin := buildIndexFixture(t)
	s, err := Start(Config{Mode: ModeExec, Binary: bin})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	stop, err := s.Continue()
	if err != nil {
		t.Fatal(err)
	}
	if stop.Kind != debug.StopPanic || stop.Message != "panic: runtime error: index out of range [3] with length 3" {
		t.Fatalf("stop = %+v", stop)
	}
	if _, err := s.Continue(); err != nil {
		t.Fatalf("continue after the panic: %v", err)
	}
}

// TestRunBuildsUncompressedDWARF: run builds with uncompressed debug info, which Delve reads
// at every start without inflating it; a user's own -ldflags are left alone.
func TestRunBuildsUncompressedDWARF(t *testing.T) {
	for _, tc := range []struct {
		flags      string
		compressed bool
	}{{"", false}, {"-ldflags=-s=false", true}} {
		s, err := Start(Config{Mode: ModeRun, Packages: []string{"../command/testdata/index"}, BuildFlags: tc.flags})
		if err != nil {
			t.Fatal(err)
		}
		f, err := elf.Open(s.binary)
		if err != nil {
			s.Close()
			t.Fatal(err)
		}
		sec := f.Section(".debug_info")
		f.Close()
		s.Close()
		if sec == nil {
			t.Fatalf("flags %q: no .debug_info", tc.flags)
		}
		if got := sec.Flags&elf.SHF_COMPRESSED != 0; got != tc.compressed {
			t.Errorf("flags %q: .debug_info compressed = %v, want %v", tc.flags, got, tc.compressed)
		}
	}
}
