// Package testenv is for pdbgo's tests only: what a test does when the machine it runs on
// cannot do what the test needs (ptrace, core dumps, a pseudo-terminal).
package testenv

import (
	"fmt"
	"os"
	"testing"
)

// CI reports whether the tests run on pdbgo's CI (CI=true), which can do everything the tests
// need: there a test that cannot run is a failure, not a skip.
func CI() bool { return os.Getenv("CI") == "true" }

// SkipUnlessCI skips the test, saying why the machine cannot run it; on CI it fails the test
// instead, so that a broken CI machine cannot pass by skipping.
func SkipUnlessCI(t testing.TB, format string, args ...any) {
	t.Helper()
	reason := fmt.Sprintf(format, args...)
	if CI() {
		t.Fatalf("%s (CI=true: the CI machine must be able to run this test)", reason)
	}
	t.Skip(reason)
}
