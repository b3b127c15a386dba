package testenv

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestSkipUnlessCI runs a test that cannot run in a child test binary, with and without CI=true.
func TestSkipUnlessCI(t *testing.T) {
	if os.Getenv("TESTENV_CHILD") == "1" {
		SkipUnlessCI(t, "no %s here", "widget")
		t.Error("SkipUnlessCI returned")
		return
	}
	for _, tc := range []struct {
		ci     string
		fails  bool
		output string
	}{
		{"", false, "--- SKIP: TestSkipUnlessCI"},
		{"false", false, "--- SKIP: TestSkipUnlessCI"},
		{"true", true, "no widget here (CI=true: the CI machine must be able to run this test)"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSkipUnlessCI$", "-test.v")
		cmd.Env = append(os.Environ(), "TESTENV_CHILD=1", "CI="+tc.ci)
		out, err := cmd.CombinedOutput()
		if failed := err != nil; failed != tc.fails || !strings.Contains(string(out), tc.output) {
			t.Errorf("CI=%q: failed %v, want %v; output lacks %q:\n%s", tc.ci, failed, tc.fails, tc.output, out)
		}
	}
}
