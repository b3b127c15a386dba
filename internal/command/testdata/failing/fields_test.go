package failing

import (
	"strings"
	"testing"
)

func TestFields(t *testing.T) {
	in := "a,b,"
	got := Fields(in)
	t.Log("split", in)
	if len(got) != 2 {
		t.Errorf("Fields(%q) = %d, want 2", in, len(got))
	}
	if got[0] != "x" {
		t.Errorf("first field %q, want %q\nsecond line", got[0], "x")
	}
	t.Log("done")
}

func TestFatal(t *testing.T) {
	count := 7
	if count > 3 {
		t.Fatalf("count = %d", count)
	}
	t.Log("not reached")
}

// checkLen is a helper: a failure names its caller's line.
func checkLen(t *testing.T, got []string, want int) {
	t.Helper()
	if len(got) != want {
		t.Errorf("len = %d, want %d", len(got), want)
	}
}

func TestHelper(t *testing.T) {
	fields := Fields("p,q,r")
	checkLen(t, fields, 2)
}

func TestSubtests(t *testing.T) {
	for _, in := range []string{"a", "a,b"} {
		t.Run(in, func(t *testing.T) {
			n := len(Fields(in))
			if n != 1 {
				t.Fatalf("%s: %d fields", in, n)
			}
		})
	}
}

func TestParallel(t *testing.T) {
	for _, word := range []string{"alpha", "beta"} {
		t.Run(word, func(t *testing.T) {
			t.Parallel()
			upper := strings.ToUpper(word)
			if upper == "BETA" {
				t.Error("beta fails")
			}
		})
	}
}

func TestFailNow(t *testing.T) {
	ok := false
	if !ok {
		t.FailNow()
	}
}

func TestFailThenFatal(t *testing.T) {
	t.Error("first")
	t.FailNow() // the failure was shown: no stop
}

func TestPasses(t *testing.T) {
	if len(Fields("a")) != 1 {
		t.Fatal("unreachable")
	}
}

func TestPanics(t *testing.T) {
	var m map[string]int
	m["x"] = 1
}

func TestTable(t *testing.T) {
	cases := []struct {
		in   string
		want int
	}{{"a,b", 2}, {"a,,b", 2}}
	for _, tc := range cases {
		if got := len(Fields(tc.in)); got != tc.want {
			t.Errorf("Fields(%q) has %d fields, want %d", tc.in, got, tc.want)
		}
	}
}
