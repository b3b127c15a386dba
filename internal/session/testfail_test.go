package session

import "testing"

func TestLastLogEntry(t *testing.T) {
	for _, tc := range []struct{ output, want string }{
		{"", ""},
		{"    a_test.go:3: one\n", "a_test.go:3: one"},
		{"    a_test.go:3: one\n    a_test.go:5: two\n", "a_test.go:5: two"},
		{"    a_test.go:3: one\n    a_test.go:5: two\n        lines\n        more\n", "a_test.go:5: two\n        lines\n        more"},
		// A subtest's output, flushed to its parent, then the parent's own entry.
		{"    --- FAIL: TestX/a (0.00s)\n        x_test.go:9: inner\n    x_test.go:12: outer\n", "x_test.go:12: outer"},
		{"no indentation\n", ""},
	} {
		if got := lastLogEntry(tc.output); got != tc.want {
			t.Errorf("lastLogEntry(%q) = %q, want %q", tc.output, got, tc.want)
		}
	}
}
