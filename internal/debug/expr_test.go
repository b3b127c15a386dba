package debug_test

import (
	"testing"

	"github.com/pdbgo/pdbgo/internal/debug"
)

func TestHasCall(t *testing.T) {
	for expr, want := range map[string]bool{
		"x":                  false,
		"len(xs) + cap(xs)":  false,
		"int64(n) * 2":       false,
		"[]byte(s)":          true, // a conversion to a composite type looks like a call: read again
		"f()":                true,
		"s.String()":         true,
		"xs[g(1)]":           true,
		"pkg.F(x) == 3":      true,
		"a.b.c == \"f(x)\"":  false,
		"not an expression(": false,
	} {
		if got := debug.HasCall(expr); got != want {
			t.Errorf("HasCall(%q) = %v, want %v", expr, got, want)
		}
	}
}
