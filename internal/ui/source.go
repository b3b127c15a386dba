package ui

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/source"
)

// sourceFile is a file's lines as the source pane shows them, plain and highlighted, made once
// and never changed: replies share it with the model.
type sourceFile struct {
	path   string
	lines  []string // tabs expanded
	styled []string // the same lines with syntax colours
	err    string
}

// highlighter makes sourceFiles from the files the interpreter reads (one cache for the line
// mode's list and the source pane; restart empties it), highlighting each file once.
type highlighter struct {
	mu    sync.Mutex
	files *source.Cache
	made  map[string]highlighted
}

type highlighted struct {
	from *source.File // what it was made from: a file read again is highlighted again
	file *sourceFile
}

func newHighlighter(files *source.Cache) *highlighter {
	return &highlighter{files: files, made: map[string]highlighted{}}
}

func (h *highlighter) get(path string) *sourceFile {
	src := h.files.File(path)
	h.mu.Lock()
	defer h.mu.Unlock()
	if m, ok := h.made[path]; ok && m.from == src {
		return m.file
	}
	f := &sourceFile{path: path}
	if src.Err != nil {
		f.err = src.Err.Error()
	} else {
		f.lines = make([]string, len(src.Lines))
		for i, l := range src.Lines {
			f.lines[i] = expandTabs(l)
		}
		f.styled = highlight(path, f.lines)
	}
	h.made[path] = highlighted{from: src, file: f}
	return f
}

const tabWidth = 4

func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		if r == '\t' {
			n := tabWidth - col%tabWidth
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col++
	}
	return b.String()
}

// highlight colours the lines of a Go file, one styled string a line; other files (the
// runtime's assembly) stay plain.
func highlight(path string, lines []string) []string {
	if !strings.HasSuffix(path, ".go") {
		return lines
	}
	out := make([]string, 0, len(lines))
	var cur strings.Builder
	for _, tok := range goTokens(strings.Join(lines, "\n") + "\n") {
		parts := strings.Split(tok.Value, "\n")
		for i, p := range parts {
			if i > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
			if p == "" {
				continue
			}
			if st, ok := theme.syntaxStyle(tok.Kind); ok {
				cur.WriteString(st.Render(p))
			} else {
				cur.WriteString(p)
			}
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	for len(out) < len(lines) {
		out = append(out, lines[len(out)])
	}
	return out[:len(lines)]
}

// sourcePane shows the selected frame's file around its line, with a cursor for b and t.
type sourcePane struct {
	box
	host      host
	view      *viewState
	file      *sourceFile
	current   int // the selected frame's line
	panicLine int // the line that panicked, when a caller's frame shows the same file
	cursor    int // the line b toggles a breakpoint at (1-based)
	left      int // columns scrolled sideways
	vp        viewport
}

func newSourcePane(h host, v *viewState) *sourcePane { return &sourcePane{host: h, view: v} }

func (p *sourcePane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.vp.height = p.bodyHeight()
	p.vp.reveal(p.cursor-1, p.lineCount())
}

func (p *sourcePane) ShortHelp() []key.Binding {
	return []key.Binding{short(keys.ToggleBP, "break"), short(keys.RunTo, "run to")}
}

func (p *sourcePane) FullHelp() [][]key.Binding { return [][]key.Binding{keys.sourceKeys()} }

func (p *sourcePane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case viewMsg:
		p.showFrame(msg.snapshotMsg)
	case tea.KeyMsg:
		return p.key(msg)
	case tea.MouseMsg:
		switch {
		case msg.Button == tea.MouseButtonWheelUp:
			p.scroll(-3)
		case msg.Button == tea.MouseButtonWheelDown:
			p.scroll(3)
		case msg.Y >= 1: // below the title
			p.cursor = min(p.vp.top+msg.Y, p.lineCount())
		}
	}
	return nil
}

// showFrame points the pane at the selected frame's line; when a caller's frame shows the
// file that panicked, the panicking line is marked too.
func (p *sourcePane) showFrame(s snapshotMsg) {
	if s.noFrames {
		p.show(nil, 0, 0)
		return
	}
	f := s.stack.Frame(s.frame)
	panicLine := 0
	if (s.stop.Kind == debug.StopPanic || s.stop.Kind == debug.StopFatal) && s.frame != 0 {
		if f0 := s.stack.Frame(0); f0.File == f.File {
			panicLine = f0.Line
		}
	}
	p.show(s.source, f.Line, panicLine)
}

// show points the pane at a file and line, centring the line when it is a new one.
func (p *sourcePane) show(f *sourceFile, line, panicLine int) {
	changed := p.file == nil || f == nil || p.file.path != f.path || p.current != line
	p.file, p.current, p.panicLine = f, line, panicLine
	if changed {
		p.cursor = line
		p.left = 0
		p.vp.top = 0
		p.vp.center(line-1, p.lineCount())
	}
}

func (p *sourcePane) key(msg tea.KeyMsg) tea.Cmd {
	page := max(p.bodyHeight()-1, 1)
	switch {
	case msg.Type == tea.KeyLeft:
		p.sideways(-8)
	case msg.Type == tea.KeyRight:
		p.sideways(8)
	case key.Matches(msg, keys.Up):
		p.moveCursor(-1)
	case key.Matches(msg, keys.Down):
		p.moveCursor(1)
	case key.Matches(msg, keys.PageUp):
		p.moveCursor(-page)
	case key.Matches(msg, keys.PageDown):
		p.moveCursor(page)
	case key.Matches(msg, keys.Home):
		p.moveCursor(-p.lineCount())
	case key.Matches(msg, keys.End):
		p.moveCursor(p.lineCount())
	case key.Matches(msg, keys.ToggleBP):
		if p.file == nil || p.file.err != "" {
			return nil
		}
		loc := p.file.path + ":" + strconv.Itoa(p.cursor)
		if _, ok := p.breakpointAt(p.cursor); ok {
			return p.host.exec("clear " + loc)
		}
		return p.host.exec("break " + loc)
	case key.Matches(msg, keys.RunTo):
		if p.file == nil || p.file.err != "" {
			return nil
		}
		return p.host.exec(fmt.Sprintf("tbreak %s:%d ;; continue", p.file.path, p.cursor))
	}
	return nil
}

// breakpointAt says whether a breakpoint is set at a line of the file shown, and whether one
// there is enabled.
func (p *sourcePane) breakpointAt(line int) (enabled, ok bool) {
	if p.file == nil {
		return false, false
	}
	for _, b := range p.view.bps {
		if b.File == p.file.path && b.Line == line {
			ok = true
			enabled = enabled || !b.Disabled
		}
	}
	return enabled, ok
}

func (p *sourcePane) lineCount() int {
	if p.file == nil {
		return 0
	}
	return len(p.file.lines)
}

func (p *sourcePane) bodyHeight() int { return p.height - 1 }

func (p *sourcePane) moveCursor(by int) {
	if p.lineCount() == 0 {
		return
	}
	p.cursor = min(max(p.cursor+by, 1), p.lineCount())
	p.vp.follow(p.cursor-1, p.lineCount())
}

// scroll moves the lines shown (the mouse wheel), taking the cursor along when it leaves them.
func (p *sourcePane) scroll(by int) {
	p.vp.scroll(by, p.lineCount())
	p.cursor = min(max(p.cursor, p.vp.top+1), p.vp.top+p.vp.height)
}

func (p *sourcePane) title() string {
	if p.file == nil {
		return "Source"
	}
	t := fmt.Sprintf("Source  %s:%d", filepath.Base(p.file.path), p.current)
	if p.left > 0 {
		t += fmt.Sprintf("  (from column %d)", p.left+1)
	}
	return t
}

// sideways scrolls the code by cols columns, not past the longest line shown.
func (p *sourcePane) sideways(cols int) {
	longest := 0
	if p.file != nil {
		for n := p.vp.top; n < p.vp.end(len(p.file.lines)); n++ {
			longest = max(longest, ansi.StringWidth(p.file.lines[n]))
		}
	}
	p.left = max(0, min(p.left+cols, longest-8))
}

func (p *sourcePane) View() string {
	lines := []string{paneTitle(p.title(), p.width, p.focused)}
	switch {
	case p.file == nil:
		lines = append(lines, theme.Dim.Render(" no source: the program is not stopped in its code"))
	case p.file.err != "":
		lines = append(lines, theme.Error.Render(" "+p.file.err))
	default:
		numWidth := len(fmt.Sprint(len(p.file.lines)))
		for i := p.vp.top; i < p.vp.end(len(p.file.lines)); i++ {
			lines = append(lines, p.line(i+1, numWidth))
		}
	}
	return fit(lines, p.width, p.height)
}

// line renders one source line: cursor, breakpoint, number, marker, code.
func (p *sourcePane) line(n, numWidth int) string {
	cursor := " "
	if p.focused && n == p.cursor {
		cursor = ">"
	}
	bp := " "
	if enabled, ok := p.breakpointAt(n); ok {
		bp = theme.Breakpoint.Render("●")
		if !enabled {
			bp = theme.Dim.Render("○")
		}
	}
	mark := "  "
	switch n {
	case p.current:
		mark = "->"
	case p.panicLine:
		mark = ">>"
	}
	num := theme.Dim.Render(fmt.Sprintf("%*d", numWidth, n))
	prefix := cursor + bp + num + " " + mark + " "
	room := p.width - ansi.StringWidth(prefix)
	plain, code := p.file.lines[n-1], p.file.styled[n-1]
	if p.left > 0 {
		plain = ansi.Cut(plain, p.left, p.left+room+1)
		code = ansi.Cut(code, p.left, p.left+room+1)
	}
	switch n {
	case p.current:
		code = theme.CurrentLine.Render(padRight(ansi.Truncate(plain, room, "…"), room))
	case p.panicLine:
		code = theme.PanicLine.Render(padRight(ansi.Truncate(plain, room, "…"), room))
	default:
		code = ansi.Truncate(code, room, "…")
	}
	if p.focused && n == p.cursor {
		cursor = theme.Selected.Render(cursor)
	}
	return cursor + bp + num + " " + mark + " " + code
}
