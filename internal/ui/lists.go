package ui

import (
	"fmt"
	"path/filepath"

	"github.com/pdbgo/pdbgo/internal/debug"
)

// overlay is what covers the source, stack and variables panes for a while.
type overlay int

const (
	overlayNone overlay = iota
	overlayHelp
	overlayGoroutines
	overlayBreakpoints
)

// listPane is the goroutines or breakpoints view: a list with a cursor.
type listPane struct {
	gs      []debug.Goroutine
	hidden  int // runtime goroutines not listed
	more    int // goroutines beyond the list's limit
	bps     []debug.Breakpoint
	gid     int64
	loading bool
	err     string
	cursor  int
	top     int
	width   int
	height  int
}

func (p *listPane) setSize(w, h int) { p.width, p.height = w, h }

func (p *listPane) move(by, n int) {
	p.cursor = min(max(p.cursor+by, 0), max(n-1, 0))
}

func (p *listPane) goroutinesView() string {
	title := fmt.Sprintf("Goroutines (%d", len(p.gs))
	if p.hidden > 0 {
		title += fmt.Sprintf(", %d runtime not shown", p.hidden)
	}
	if p.more > 0 {
		title += fmt.Sprintf(", %d more not listed", p.more)
	}
	title += ")  enter: switch  esc: close"
	lines := []string{paneTitle(title, p.width, true)}
	switch {
	case p.loading:
		lines = append(lines, theme.Dim.Render(" loading..."))
	case p.err != "":
		lines = append(lines, theme.Error.Render(" *** "+p.err))
	}
	rows := make([]string, len(p.gs))
	for i, g := range p.gs {
		mark := " "
		if g.ID == p.gid {
			mark = "*"
		}
		loc := g.Where()
		s := fmt.Sprintf("%s %5d  %s  %s:%d [%s]", mark, g.ID, loc.Function, filepath.Base(loc.File), loc.Line, g.Status)
		if at, ok := g.StartedAt(); ok {
			s += fmt.Sprintf(" created at %s:%d", filepath.Base(at.File), at.Line)
		}
		rows[i] = s
	}
	return p.render(lines, rows)
}

func (p *listPane) breakpointsView() string {
	title := "Breakpoints  b: enable/disable  x: delete  esc: close"
	lines := []string{paneTitle(title, p.width, true)}
	if len(p.bps) == 0 {
		lines = append(lines, theme.Dim.Render(" no breakpoints: b in the source pane, or break LOC in the console"))
	}
	rows := make([]string, len(p.bps))
	for i, b := range p.bps {
		state := "●"
		if b.Disabled {
			state = "○"
		}
		s := fmt.Sprintf(" %3d %s %s:%d  %s  hits: %d", b.ID, state, filepath.Base(b.File), b.Line, b.Function, b.Hits)
		if b.Cond != "" {
			s += "  if " + b.Cond
		}
		rows[i] = s
	}
	return p.render(lines, rows)
}

func (p *listPane) render(lines, rows []string) string {
	h := p.height - len(lines)
	p.cursor = min(p.cursor, max(len(rows)-1, 0))
	if p.cursor < p.top {
		p.top = p.cursor
	} else if h > 0 && p.cursor >= p.top+h {
		p.top = p.cursor - h + 1
	}
	for i := p.top; i < len(rows) && i < p.top+h; i++ {
		if i == p.cursor {
			lines = append(lines, theme.Selected.Render(fitLine(">"+rows[i], p.width)))
		} else {
			lines = append(lines, " "+rows[i])
		}
	}
	return fit(lines, p.width, p.height)
}

func helpView(width, height int, text []string) string {
	lines := []string{paneTitle("Help  (↑/↓ scroll, esc or ? closes; help in the console lists the commands)", width, true)}
	lines = append(lines, text...)
	return fit(lines, width, height)
}
