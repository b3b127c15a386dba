package command

import (
	"strings"
	"testing"
)

// TestHelpListsWholeSentences: help's list gives each command's first sentence whole, wrapped
// under itself, not the first line of its wrapped help text (until's read "..., or with LINE a
// line", rewind's "... stop at the entry of the selected").
func TestHelpListsWholeSentences(t *testing.T) {
	for _, c := range Table {
		s := c.Summary()
		if !strings.HasSuffix(s, ".") || strings.Count(s, "(") != strings.Count(s, ")") {
			t.Errorf("%s: the summary %q is not a whole sentence", c.Name(), s)
		}
	}
	text := HelpText()
	for _, line := range strings.Split(text, "\n") {
		if len(line) > helpWidth {
			t.Errorf("a line of help is wider than %d: %q", helpWidth, line)
		}
	}
	for _, want := range []string{"a line at or after LINE, or until it returns.", "the selected frame's function, on the same call that went on to this stop."} {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
			t.Errorf("help lacks %q:\n%s", want, text)
		}
	}
}
