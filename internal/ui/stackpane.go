package ui

import (
	"fmt"
	"path/filepath"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/stack"
)

// stackPane lists the selected goroutine's visible frames, newest first; with all set, the
// hidden runtime frames too, dimmed and not selectable. A frame chosen here is marked at once,
// before its source and variables are loaded.
type stackPane struct {
	box
	host    host
	view    *viewState
	all     bool
	pending int // the frame chosen and not shown yet, -1 when none
	vp      viewport
}

func newStackPane(h host, v *viewState) *stackPane {
	return &stackPane{host: h, view: v, pending: -1}
}

func (p *stackPane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.vp.height = h - 1
	p.follow()
}

func (p *stackPane) ShortHelp() []key.Binding {
	return []key.Binding{short(keys.AllFrames, "all frames")}
}

func (p *stackPane) FullHelp() [][]key.Binding { return [][]key.Binding{keys.stackKeys()} }

// selected is the frame marked: the one chosen, or the one shown.
func (p *stackPane) selected() int {
	if p.pending >= 0 {
		return p.pending
	}
	return p.view.frame
}

func (p *stackPane) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case viewMsg:
		p.pending = -1
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, keys.FrameUpKey):
			cmd = p.selectFrame(p.selected() - 1)
		case key.Matches(msg, keys.FrameDownKey):
			cmd = p.selectFrame(p.selected() + 1)
		case key.Matches(msg, keys.Home):
			cmd = p.selectFrame(0)
		case key.Matches(msg, keys.End):
			if !p.view.stack.Complete {
				cmd = p.selectFrame(oldestFrame)
			} else {
				cmd = p.selectFrame(p.view.stack.Len() - 1)
			}
		case key.Matches(msg, keys.AllFrames):
			p.all = !p.all
		}
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			cmd = p.selectFrame(p.selected() - 1)
		case tea.MouseButtonWheelDown:
			cmd = p.selectFrame(p.selected() + 1)
		default:
			rows := p.rows()
			if i := p.vp.top + msg.Y - 1; msg.Y >= 1 && i < len(rows) && rows[i].n >= 0 {
				cmd = p.selectFrame(rows[i].n)
			}
		}
	}
	p.follow()
	return cmd
}

// oldestFrame asks selectFrame for the oldest frame of a stack not read to its end.
const oldestFrame = -1

// selectFrame shows visible frame n: the stack pane marks it at once, source and variables
// follow when the frame is loaded. Quick moves are coalesced; replies for frames left behind
// are dropped. Past the frames read of a deep stack (n == Len, or oldestFrame), the
// interpreter reads older frames and the reply shows them.
func (p *stackPane) selectFrame(n int) tea.Cmd {
	stk := p.view.stack
	readMore := !stk.Complete && (n == stk.Len() || n == oldestFrame)
	if !readMore && (n < 0 || n >= stk.Len()) || n == p.selected() || p.view.running {
		return nil // the frames shown are the last stop's: the program runs
	}
	if !readMore {
		p.pending = n
	}
	return p.host.enqueue(&request{view: true, coalesce: "frame", run: func(w *worker, seq int) tea.Msg {
		return w.do(seq, func(in *command.Interpreter) error { return in.SelectFrame(n) })
	}})
}

// follow keeps the selected frame in view; at the last frame read of a deep stack, the row
// that says older frames can be read too.
func (p *stackPane) follow() {
	rows := p.rows()
	sel := 0
	for i, r := range rows {
		if r.n == p.selected() {
			sel = i
		}
	}
	n := p.shownRows(len(rows))
	p.vp.follow(sel, n)
	if n > len(rows) && sel == len(rows)-1 {
		p.vp.follow(n-1, n)
	}
}

// shownRows is how many rows the pane has for frames rows long: a stack not read to its end
// has one more, which says older frames can be read.
func (p *stackPane) shownRows(frames int) int {
	if frames > 0 && !p.view.stack.Complete {
		return frames + 1
	}
	return frames
}

// stackRow is a frame shown: its depth in the stack's frames and its visible number (-1 for a
// hidden frame).
type stackRow struct {
	depth, n int
}

func (p *stackPane) rows() []stackRow {
	stk := p.view.stack
	var rows []stackRow
	if p.all {
		for d := range stk.All {
			rows = append(rows, stackRow{d, stk.VisibleIndex(d)})
		}
		return rows
	}
	for n := range stk.Len() {
		rows = append(rows, stackRow{stk.Depth(n), n})
	}
	return rows
}

// rowCount is how many rows the pane shows without scrolling, for the layout.
func (p *stackPane) rowCount() int {
	if p.all {
		return len(p.view.stack.All)
	}
	return p.view.stack.Len()
}

func (p *stackPane) title() string {
	stk := p.view.stack
	if p.view.running {
		if p.view.gid < 0 || len(stk.All) == 0 {
			return "Stack  running"
		}
		return fmt.Sprintf("Stack  running · last stop goroutine %d", p.view.gid)
	}
	if p.view.gid < 0 || len(stk.All) == 0 {
		return "Stack"
	}
	hidden := len(stk.All) - stk.Len()
	if p.all || hidden == 0 {
		return fmt.Sprintf("Stack  goroutine %d", p.view.gid)
	}
	return fmt.Sprintf("Stack  goroutine %d  +%d hidden (a)", p.view.gid, hidden)
}

func (p *stackPane) View() string {
	lines := []string{paneTitle(p.title(), p.width, p.focused)}
	rows := p.rows()
	if len(rows) == 0 {
		lines = append(lines, theme.Dim.Render(" no frames"))
	}
	goroot := stack.GOROOT(p.view.stack.All)
	for i := p.vp.top; i < p.vp.end(len(rows)); i++ {
		l := p.row(rows[i], goroot)
		if p.view.running {
			l = theme.Dim.Render(ansi.Strip(l))
		}
		lines = append(lines, l)
	}
	if n := p.shownRows(len(rows)); n > len(rows) && p.vp.end(n) == n {
		switch {
		case p.view.stack.Capped():
			lines = append(lines, theme.Dim.Render(fitLine("  … the stack is deeper than "+stack.Thousands(stack.MaxFrames)+" frames", p.width)))
		default:
			lines = append(lines, theme.Dim.Render(fitLine("  … older frames: ↓ or end reads them", p.width)))
		}
	}
	return fit(lines, p.width, p.height)
}

func (p *stackPane) row(r stackRow, goroot string) string {
	f := p.view.stack.All[r.depth]
	mark := " "
	if r.n == p.selected() && r.n >= 0 {
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
	if mark == ">" && p.focused {
		return theme.Selected.Render(mark + ansi.Strip(text))
	}
	return mark + text
}
