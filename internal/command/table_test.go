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

// TestResumes: the TUI asks the table, through the line's aliases, whether a line runs the
// program; before, an alias of continue and rewind ran while the program ran.
func TestResumes(t *testing.T) {
	aliases := map[string]string{"cc": "continue", "go2": "p 1;;n", "pp2": "p %1"}
	for line, want := range map[string]bool{
		"c":               true,
		"n":               true,
		"rw":              true,
		"rewind 2":        true,
		"restart":         true,
		"unt 12":          true,
		"r":               true,
		"cc":              true,
		"p x;;cc":         true,
		"go2":             true,
		"p x":             false,
		"where;;locals":   false,
		"pp2 c":           false,
		"alias x c":       false,
		"retval":          false,
		"nosuchcommand c": false,
	} {
		if got := Resumes(aliases, line); got != want {
			t.Errorf("Resumes(%q) = %v, want %v", line, got, want)
		}
	}
}
