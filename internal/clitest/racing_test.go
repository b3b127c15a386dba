//go:build linux

package clitest

import (
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestRacingGoroutinePanicNeverMissed runs a program whose goroutine panics while its deferred
// wg.Done lets main return: natively about one run in eight exits 0 and the panic is lost, and
// pdbgo caught it in about two runs of three before it stopped such exits. Every run must stop
// at the panic. PDBGO_RACING_RUNS sets the number of runs (20 by default; 100 for the count
// quoted in the README).
func TestRacingGoroutinePanicNeverMissed(t *testing.T) {
	runs := 20
	if n, err := strconv.Atoi(os.Getenv("PDBGO_RACING_RUNS")); err == nil && n > 0 {
		runs = n
	}
	bin := buildCorpus(t, "testdata/racing", "")
	caught := 0
	for i := 0; i < runs; i++ {
		stdout, stderr, status := runPdbgo(t, ".", "", "exec", "--report=json", bin)
		lines := strings.Split(strings.TrimSpace(stdout), "\n")
		var report struct {
			Error  struct{ Kind, Message string }
			Frames []struct{ Function string }
		}
		err := json.Unmarshal([]byte(lines[len(lines)-1]), &report)
		switch {
		case status != 2 || err != nil:
			t.Logf("run %d: status %d, no report:\n%s%s", i+1, status, stdout, stderr)
		case report.Error.Kind != "panic" || !strings.HasPrefix(report.Error.Message, "panic: runtime error: invalid memory address or nil pointer dereference"):
			t.Logf("run %d: %+v", i+1, report.Error)
		case len(report.Frames) == 0 || report.Frames[0].Function != "main.work":
			t.Logf("run %d: the report does not start at the panic: %+v", i+1, report.Frames)
		default:
			caught++
		}
	}
	t.Logf("%d of %d runs stopped at the panic", caught, runs)
	if caught != runs {
		t.Errorf("%d of %d runs missed the panic", runs-caught, runs)
	}
}
