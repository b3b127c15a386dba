//go:build linux && amd64

package trace_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestOnPanicNeverShowsStaleValues: at a trace.OnPanic stop, the frames below the panic that
// passed the map on and never use it again hold a pointer the runtime did not fix when it
// moved the stack (the panic and OnPanic's start of pdbgo move it). pdbgo used to read the
// memory it points to, by then another goroutine's, and showed a map of length 6547710533431.
// Now such a variable reads right (its old memory untouched) or as not kept: never a wrong
// number. Two runs: whether the memory is reused varies from run to run.
func TestOnPanicNeverShowsStaleValues(t *testing.T) {
	dir := binaries(t)
	answer := regexp.MustCompile(`\(pdbgo\) p len\(payload\)\r?\n(.*)\r?\n`)
	for run := range 2 {
		term := startOnTerminal(t, filepath.Join(dir, "onpanicmap"), "PDBGO="+filepath.Join(dir, "pdbgo-plain"))
		term.expect("panic: 0.5\r\n") // a float, printed by Go 1.26's rules: the trace package leaves it to pdbgo
		term.expect("main.score()")
		term.do("args")
		term.expect(`payload = map[string]int ["count": 2, "size": 10, "weight": 3]`)
		term.do("up 7") // main.deep with n = 6
		term.expect("main.deep()")
		term.do("p len(payload)")
		term.do("up") // main.handle, which uses payload after the call
		term.do("p len(payload)")
		term.do("q")
		term.exit()
		out := term.output()
		got := answer.FindAllStringSubmatch(out, -1)
		if len(got) != 2 {
			t.Fatalf("run %d: no answers to p len(payload):\n%s", run, out)
		}
		if deep := strings.TrimSpace(got[0][1]); deep != "3" && !strings.Contains(deep, "payload is not kept") {
			t.Errorf("run %d: in main.deep, len(payload) = %q: neither the right length nor not kept", run, deep)
		}
		if handle := strings.TrimSpace(got[1][1]); handle != "3" {
			t.Errorf("run %d: in main.handle, which keeps it, len(payload) = %q, want 3", run, handle)
		}
	}
}
