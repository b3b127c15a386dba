package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"

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

// sourcePane shows the selected frame's file around its line.
type sourcePane struct {
	file      *sourceFile
	current   int // the selected frame's line
	panicLine int // the line that panicked, when a caller's frame shows the same file
	bps       map[int]bool
	cursor    int // the line b toggles a breakpoint at
	top       int // first line shown (1-based)
	left      int // columns scrolled sideways
	width     int
	height    int
}

func (p *sourcePane) setSize(w, h int) {
	p.width, p.height = w, h
	p.keepInView(p.cursor)
}

// show points the pane at a file and line, keeping the line in view.
func (p *sourcePane) show(f *sourceFile, line, panicLine int, bps []debug.Breakpoint) {
	changed := p.file == nil || f == nil || p.file.path != f.path || p.current != line
	p.file, p.current, p.panicLine = f, line, panicLine
	p.bps = map[int]bool{}
	if f != nil {
		for _, b := range bps {
			if b.File == f.path {
				p.bps[b.Line] = p.bps[b.Line] || !b.Disabled
			}
		}
	}
	if changed {
		p.cursor = line
		p.top = 0
		p.left = 0
		p.keepInView(line)
	}
}

func (p *sourcePane) lineCount() int {
	if p.file == nil {
		return 0
	}
	return len(p.file.lines)
}

// keepInView scrolls so line is shown, centring it when it was out of view.
func (p *sourcePane) keepInView(line int) {
	h := p.bodyHeight()
	if h <= 0 || line <= 0 {
		return
	}
	if p.top == 0 || line < p.top || line >= p.top+h {
		p.top = line - h/2
	}
	p.clampTop()
}

func (p *sourcePane) clampTop() {
	h := p.bodyHeight()
	p.top = min(p.top, p.lineCount()-h+1)
	p.top = max(p.top, 1)
}

func (p *sourcePane) bodyHeight() int { return p.height - 1 }

func (p *sourcePane) moveCursor(by int) {
	if p.lineCount() == 0 {
		return
	}
	p.cursor = min(max(p.cursor+by, 1), p.lineCount())
	h := p.bodyHeight()
	if p.cursor < p.top {
		p.top = p.cursor
	} else if p.cursor >= p.top+h {
		p.top = p.cursor - h + 1
	}
	p.clampTop()
}

func (p *sourcePane) scroll(by int) {
	p.top += by
	p.clampTop()
	h := p.bodyHeight()
	p.cursor = min(max(p.cursor, p.top), p.top+h-1)
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
		for n := p.top; n < p.top+p.bodyHeight() && n <= len(p.file.lines); n++ {
			longest = max(longest, ansi.StringWidth(p.file.lines[n-1]))
		}
	}
	p.left = max(0, min(p.left+cols, longest-8))
}

func (p *sourcePane) view(focused bool) string {
	lines := []string{paneTitle(p.title(), p.width, focused)}
	h := p.bodyHeight()
	switch {
	case p.file == nil:
		lines = append(lines, theme.Dim.Render(" no source: the program is not stopped in its code"))
	case p.file.err != "":
		lines = append(lines, theme.Error.Render(" "+p.file.err))
	default:
		numWidth := len(fmt.Sprint(len(p.file.lines)))
		for n := p.top; n < p.top+h && n <= len(p.file.lines); n++ {
			lines = append(lines, p.line(n, numWidth, focused))
		}
	}
	return fit(lines, p.width, p.height)
}

// line renders one source line: cursor, breakpoint, number, marker, code.
func (p *sourcePane) line(n, numWidth int, focused bool) string {
	cursor := " "
	if focused && n == p.cursor {
		cursor = ">"
	}
	bp := " "
	if enabled, ok := p.bps[n]; ok {
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
	if focused && n == p.cursor {
		cursor = theme.Selected.Render(cursor)
	}
	return cursor + bp + num + " " + mark + " " + code
}
