package ui

import (
	"fmt"
	"path/filepath"

	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/stack"
)

// stackPane lists the selected goroutine's visible frames, newest first; with all set, the
// hidden runtime frames too, dimmed and not selectable.
type stackPane struct {
	stk    stack.Stack
	gid    int64
	frame  int // selected visible frame
	all    bool
	top    int
	width  int
	height int
}

func (p *stackPane) setSize(w, h int) { p.width, p.height = w, h }

func (p *stackPane) set(stk stack.Stack, gid int64, frame int) {
	p.stk, p.gid, p.frame = stk, gid, frame
}

// rows are the frames shown: depth in stk.All and visible number (-1 for hidden).
type stackRow struct {
	depth, n int
}

func (p *stackPane) rows() []stackRow {
	var rows []stackRow
	if p.all {
		for d := range p.stk.All {
			rows = append(rows, stackRow{d, p.stk.VisibleIndex(d)})
		}
		return rows
	}
	for n := range p.stk.Len() {
		rows = append(rows, stackRow{p.stk.Depth(n), n})
	}
	return rows
}

func (p *stackPane) title() string {
	if p.gid < 0 || len(p.stk.All) == 0 {
		return "Stack"
	}
	hidden := len(p.stk.All) - p.stk.Len()
	if p.all || hidden == 0 {
		return fmt.Sprintf("Stack  goroutine %d", p.gid)
	}
	return fmt.Sprintf("Stack  goroutine %d  +%d hidden (a)", p.gid, hidden)
}

func (p *stackPane) view(focused bool) string {
	lines := []string{paneTitle(p.title(), p.width, focused)}
	rows := p.rows()
	h := p.height - 1
	sel := 0
	for i, r := range rows {
		if r.n == p.frame {
			sel = i
		}
	}
	// A stack not read to its end has one more row: what says older frames can be read.
	end := len(rows)
	if len(rows) > 0 && !p.stk.Complete {
		end++
	}
	if sel < p.top {
		p.top = sel
	} else if h > 0 && sel >= p.top+h {
		p.top = sel - h + 1
	}
	if end > len(rows) && sel == len(rows)-1 {
		p.top = max(p.top, end-h)
	}
	p.top = max(0, min(p.top, end-h))
	if len(rows) == 0 {
		lines = append(lines, theme.Dim.Render(" no frames"))
	}
	goroot := stack.GOROOT(p.stk.All)
	for i := p.top; i < len(rows) && i < p.top+h; i++ {
		lines = append(lines, p.row(rows[i], goroot, focused))
	}
	if end > len(rows) && p.top+h >= end {
		switch {
		case p.stk.Capped():
			lines = append(lines, theme.Dim.Render(fitLine("  … the stack is deeper than "+stack.Thousands(stack.MaxFrames)+" frames", p.width)))
		case !p.stk.Complete:
			lines = append(lines, theme.Dim.Render(fitLine("  … older frames: ↓ or end reads them", p.width)))
		}
	}
	return fit(lines, p.width, p.height)
}

func (p *stackPane) row(r stackRow, goroot string, focused bool) string {
	f := p.stk.All[r.depth]
	mark := " "
	if r.n == p.frame && r.n >= 0 {
		mark = ">"
	}
	num := "  -"
	if r.n >= 0 {
		num = fmt.Sprintf("%3d", r.n)
	}
	text := fmt.Sprintf("%s %s  %s:%d", num, stack.ShortFunction(f.Function), filepath.Base(f.File), f.Line)
	text = fitLine(text, p.width-1)
	switch {
	case r.n < 0 || stack.IsStdlib(f, goroot):
		text = theme.Dim.Render(text)
	case stack.IsProgram(f, goroot):
		text = theme.Program.Render(text)
	}
	if mark == ">" && focused {
		return theme.Selected.Render(mark + ansi.Strip(text))
	}
	return mark + text
}
