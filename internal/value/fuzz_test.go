package value_test

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pdbgo/pdbgo/internal/value"
	"github.com/pdbgo/pdbgo/internal/value/valuetest"
)

// FuzzFormat formats arbitrary value trees (valuetest.Tree: every kind and kinds reflect does
// not have, deep chains, a child repeated 20,000 times, addresses repeated as in a cycle,
// lengths that disagree with the children loaded, invalid UTF-8, control characters, NaN and
// the infinities). Whatever the tree:
//   - String and Untyped are one line of at most value.MaxLine bytes and the truncation
//     marker, and Multiline(max) at most max bytes and the marker;
//   - the output is valid UTF-8 and every character in it is printable (strconv.IsPrint),
//     but for Multiline's own line breaks and tabs: a name, type or number from the program
//     cannot move the cursor or change the terminal;
//   - a cut output is what a rendering with a wider bound starts with (value.Render), ending on
//     a character boundary, and is cut only when that rendering is longer than the bound; an
//     output that was not cut is the same under any wider bound;
//   - Expand never panics and lists no more children than were loaded.
func FuzzFormat(f *testing.F) {
	seeds := [][]byte{
		nil,
		{byte(24), 0, 0x20 | 3, 'a', 'b', 'c'}, // a string
		{byte(14), 0, 0, 0, 0},                 // a float
		{byte(25), 0x80, 0, 0, 0},              // a chain of interfaces
		{byte(23), 0x40 | 0x20, 0, 0, 0, 0xc0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, // a huge claimed length
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v := valuetest.Tree(data)
		checkLine(t, "String", v.String(), value.Render(v, true, wider))
		checkLine(t, "Untyped", v.Untyped(), value.Render(v, false, wider))
		for _, max := range []int{0, 1, 7, 100, 64 << 10} {
			got := v.Multiline(max)
			checkCut(t, "Multiline("+strconv.Itoa(max)+")", got, value.RenderMultiline(v, 2*max+wider), max)
			checkPrintable(t, "Multiline", got, "\n\t")
		}
		n := len(v.Target().Children)
		if kids := v.Expand(0); len(kids) > max(n, len(v.Children)) {
			t.Errorf("Expand lists %d children of %d loaded", len(kids), n)
		}
	})
}

const marker = " ...(output truncated)"

// wider is the bound of the renderings a cut output is compared with: more than any bound
// checked, so that what was cut shows in them.
const wider = 2*value.MaxLine + 1024

func checkLine(t *testing.T, what, got, full string) {
	t.Helper()
	checkCut(t, what, got, full, value.MaxLine)
	checkPrintable(t, what, got, "")
}

// checkCut checks that got, bounded by max, is full, bounded by more than max, or what full
// starts with, cut within max bytes on a character boundary and marked.
func checkCut(t *testing.T, what, got, full string, max int) {
	t.Helper()
	if len(got) > max+len(marker) {
		t.Fatalf("%s: %d bytes, more than %d and the marker", what, len(got), max)
	}
	if !utf8.ValidString(got) {
		t.Fatalf("%s: invalid UTF-8: %q", what, short(got))
	}
	if got == full {
		return
	}
	cut, ok := strings.CutSuffix(got, marker)
	if !ok {
		t.Fatalf("%s: differs from the whole rendering and is not marked as cut:\n got %q\nfull %q", what, short(got), short(full))
	}
	if !strings.HasPrefix(strings.TrimSuffix(full, marker), cut) {
		t.Fatalf("%s: the cut is not what the whole rendering starts with:\n cut %q\nfull %q", what, short(cut), short(full))
	}
	if !strings.HasSuffix(full, marker) && len(full) <= max {
		t.Fatalf("%s: cut although the whole rendering (%d bytes) fits in %d", what, len(full), max)
	}
}

// checkPrintable checks that every character of s is printable or one of allowed.
func checkPrintable(t *testing.T, what, s, allowed string) {
	t.Helper()
	for i, r := range s {
		if !strconv.IsPrint(r) && !strings.ContainsRune(allowed, r) {
			t.Fatalf("%s: character %U at byte %d is not printable: %q", what, r, i, short(s[max(i-40, 0):]))
		}
	}
}

func short(s string) string {
	if len(s) > 300 {
		return s[:300] + "..."
	}
	return s
}
