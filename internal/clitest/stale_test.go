//go:build linux && amd64

package clitest

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestReportNeverShowsStaleValues: a crash report reads a frame's variables as the line mode
// and the TUI do: at the panic of faultmap (its frame dead for the runtime, the stack moved
// and written over) the map and the pointer of the frame that faulted are not kept, not what
// other goroutines wrote there, and its struct's map likewise.
func TestReportNeverShowsStaleValues(t *testing.T) {
	bin := buildCorpus(t, "../session/testdata/faultmap", "")
	stdout, stderr, status := runPdbgo(t, ".", "", "exec", "--report=json", bin)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	var report struct {
		Frames []struct {
			Function     string
			Args, Locals []struct{ Name, Value string }
		}
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &report); err != nil || status != 2 || len(report.Frames) == 0 {
		t.Fatalf("status %d, %v:\n%s%s", status, err, stdout, stderr)
	}
	f := report.Frames[0]
	if f.Function != "main.fault" {
		t.Fatalf("frame 0 is %s", f.Function)
	}
	got := map[string]string{}
	for _, v := range append(f.Args, f.Locals...) {
		got[v.Name] = v.Value
	}
	const notKept = "(unreadable not kept: "
	for name, want := range map[string]string{"p": "nil", "n": "1", "m": notKept, "q": notKept, "s": "main.pair {m: " + notKept} {
		if !strings.HasPrefix(got[name], want) {
			t.Errorf("%s = %q, want %q...", name, got[name], want)
		}
	}
}
