package stack

import "testing"

func TestPackagePattern(t *testing.T) {
	for _, tc := range []struct {
		pattern, pkg string
		want         bool
	}{
		{"...", "main", true},
		{"...", "encoding/json", true},
		{"main", "main", true},
		{"main", "mainly", false},
		{"example.com/app/...", "example.com/app", true},
		{"example.com/app/...", "example.com/app/store", true},
		{"example.com/app/...", "example.com/apple", false},
		{"net/...", "net/http", true},
		{"net/...", "encoding/json", false},
		{"example.com/.../store", "example.com/a/b/store", true},
		{"encoding/json", "encoding/json/v2", false},
		{"a.b", "axb", false}, // a dot is a dot
	} {
		if got := NewPackagePattern(tc.pattern).Match(tc.pkg); got != tc.want {
			t.Errorf("%q matches %q: %v, want %v", tc.pattern, tc.pkg, got, tc.want)
		}
	}
}

func TestPanicSite(t *testing.T) {
	for _, tc := range []struct {
		name   string
		frames []Frame
		want   int
	}{
		{"a panic call", []Frame{rt("runtime.gopanic"), user("main.handle"), user("main.main")}, 1},
		{"a runtime error", []Frame{rt("runtime.gopanic"), rt("runtime.goPanicIndex"), user("main.lookup")}, 2},
		{"a nil dereference", []Frame{rt("runtime.gopanic"), rt("runtime.panicmem"), rt("runtime.sigpanic"), std("encoding/json.(*decodeState).value")}, 3},
		// Raised by a deferred call while an older panic unwinds: the newest panic's site.
		{"a panic in a deferred call", []Frame{rt("runtime.gopanic"), std("encoding/json.(*encodeState).error"), user("main.cleanup"), rt("runtime.gopanic"), user("main.work")}, 1},
		{"no panic", []Frame{user("main.main")}, -1},
	} {
		if got := PanicSite(tc.frames); got != tc.want {
			t.Errorf("%s: PanicSite = %d, want %d", tc.name, got, tc.want)
		}
	}
}
