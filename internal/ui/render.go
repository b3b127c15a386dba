package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// paneTitle is the first row of a pane: its title on a rule, in brackets when it has the focus
// (so the focus shows without colour too).
func paneTitle(title string, width int, focused bool) string {
	if width <= 0 {
		return ""
	}
	var s string
	if focused {
		s = "─[ " + title + " ]"
	} else {
		s = "── " + title + " "
	}
	s = ansi.Truncate(s, width, "…")
	if pad := width - ansi.StringWidth(s); pad > 0 {
		s += strings.Repeat("─", pad)
	}
	if focused {
		return theme.TitleFocused.Render(s)
	}
	return theme.Title.Render(s)
}

// fit makes lines exactly width columns wide and height rows tall: long lines are cut, short
// ones padded, missing rows added. Nothing the TUI draws is ever wider than the terminal.
func fit(lines []string, width, height int) string {
	if height <= 0 || width <= 0 {
		return ""
	}
	out := make([]string, height)
	for i := range height {
		l := ""
		if i < len(lines) {
			l = lines[i]
		}
		out[i] = fitLine(l, width)
	}
	return strings.Join(out, "\n")
}

func fitLine(l string, width int) string {
	if ansi.StringWidth(l) > width {
		l = ansi.Truncate(l, width, "…")
	}
	return padRight(l, width)
}

func padRight(s string, width int) string {
	if pad := width - ansi.StringWidth(s); pad > 0 {
		return s + strings.Repeat(" ", pad)
	}
	return s
}

// joinColumns puts blocks of equal height side by side with a rule between them.
func joinColumns(left, right string) string {
	ls := strings.Split(left, "\n")
	rs := strings.Split(right, "\n")
	n := max(len(ls), len(rs))
	out := make([]string, n)
	sep := theme.Title.Render("│")
	for i := range n {
		var l, r string
		if i < len(ls) {
			l = ls[i]
		}
		if i < len(rs) {
			r = rs[i]
		}
		out[i] = l + sep + r
	}
	return strings.Join(out, "\n")
}

// sanitize turns text the program or the debugger printed into something that cannot move the
// cursor or change modes: escape sequences are removed, tabs expanded, other controls dropped.
func sanitize(s string) string {
	s = ansi.Strip(s)
	if !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t':
			b.WriteString("    ")
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
