// Package fields is the test package the Sentry report test runs with pdbgo test --report: two
// tests that fail with t.Errorf and go on, one through a t.Helper.
package fields

import (
	"strings"
	"testing"
)

func lenIs(t *testing.T, got []string, want int) {
	t.Helper()
	if len(got) != want {
		t.Errorf("len = %d, want %d", len(got), want)
	}
}

func TestFields(t *testing.T) {
	in := "a,b,"
	token := "tok-in-fields"
	got := strings.Split(in, ",")
	if len(got) != 2 {
		t.Errorf("Fields(%q) = %d, want 2 (%d)", in, len(got), len(token))
	}
}

func TestHelper(t *testing.T) {
	lenIs(t, strings.Split("x", ","), 2)
}
