package ui

import (
	"strings"
	"sync"

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
