package ui

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/value"
)

// valueView is a value to show whole in the viewer: a row of the variables tree.
type valueView struct {
	label string      // the row's name
	expr  string      // a Go expression for it, "" when there is none (only what is loaded shows)
	v     value.Value // what the tree has loaded of it
	scope debug.Scope
}

// Pages the viewer loads: a string's bytes a page at a time (what Delve reads of a string with
// debug.LoadFull), a slice's elements as the tree does.
const stringPage = 1024

// valueMsg answers a request of the viewer: a page of a string or a slice, or the whole value.
type valueMsg struct {
	seq  int
	gen  int   // the viewer's opening it was asked in
	from int64 // the first byte or element of a page; -1: the whole value
	v    value.Value
	err  error
}

// viewerPane shows one value whole, scrollable: a string as its text (loaded in pages as it
// is scrolled to), a slice or array one element a line (the same), anything else as pp prints it.
type viewerPane struct {
	box
	host    host
	view    *viewState
	vv      valueView
	gen     int
	text    []byte   // a string's bytes loaded
	elems   []string // a slice's elements loaded, one line each
	whole   string   // any other value, as pp prints it
	total   int64    // bytes or elements in all
	lines   []string // what is shown, wrapped to the width
	loading bool
	err     string
	vp      viewport
}

func newViewerPane(h host, v *viewState) *viewerPane {
	return &viewerPane{box: box{focused: true}, host: h, view: v}
}

// kind is how the viewer shows the value.
func (p *viewerPane) kind() reflect.Kind {
	switch k := p.vv.v.Target().Kind; k {
	case reflect.String, reflect.Slice, reflect.Array:
		return k
	}
	return reflect.Invalid
}

// open shows a value, with what the tree loaded of it, and loads the rest as needed.
func (p *viewerPane) open(vv valueView) tea.Cmd {
	p.gen++
	p.vv, p.text, p.elems, p.whole, p.err, p.loading = vv, nil, nil, "", "", false
	p.vp.top = 0
	t := vv.v.Target()
	switch p.kind() {
	case reflect.String:
		p.text, p.total = []byte(t.Value), t.Len
	case reflect.Slice, reflect.Array:
		p.total = t.Len
		p.addElems(t, 0)
	default:
		p.whole = vv.v.Multiline(1 << 20)
		if vv.expr != "" {
			p.loading = true
			p.rewrap()
			return p.load(-1)
		}
	}
	p.rewrap()
	return p.more()
}

func (p *viewerPane) addElems(v value.Value, from int64) {
	for _, c := range v.Expand(from) {
		name := "[" + strconv.FormatInt(c.Index, 10) + "]"
		if c.Kind == value.Entry {
			name = "[" + c.Key.String() + "]"
		}
		p.elems = append(p.elems, name+" = "+c.Value.String())
	}
}

// loaded is how many bytes or elements are loaded.
func (p *viewerPane) loaded() int64 {
	if p.kind() == reflect.String {
		return int64(len(p.text))
	}
	return int64(len(p.elems))
}

// more loads the next page when the window is near the end of what is loaded.
func (p *viewerPane) more() tea.Cmd {
	if p.loading || p.err != "" || p.kind() == reflect.Invalid || p.loaded() >= p.total || p.vv.expr == "" {
		return nil
	}
	if p.vp.end(len(p.lines)) < len(p.lines)-p.vp.height {
		return nil
	}
	p.loading = true
	return p.load(p.loaded())
}

// load asks for a page from from on (-1: the whole value, deeper).
func (p *viewerPane) load(from int64) tea.Cmd {
	gen, sc := p.gen, p.vv.scope
	base := baseExpr(p.vv.expr, p.vv.v)
	expr, l := p.vv.expr, debug.LoadFull
	switch {
	case from < 0:
	case p.kind() == reflect.String:
		expr = fmt.Sprintf("%s[%d:%d]", base, from, min(from+stringPage, p.total))
	default:
		expr, l = fmt.Sprintf("%s[%d:%d]", base, from, min(from+pageSize, p.total)), debug.LoadShort
	}
	return p.host.enqueue(&request{run: func(w *worker, seq int) tea.Msg {
		v, err := w.dbg.Eval(sc, expr, l)
		return valueMsg{seq: seq, gen: gen, from: from, v: v, err: err}
	}})
}

func (p *viewerPane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.vp.height = h - 1
	p.rewrap()
}

// rewrap makes the rows shown from what is loaded, at the pane's width.
func (p *viewerPane) rewrap() {
	var src []string
	switch p.kind() {
	case reflect.String:
		src = strings.Split(printable(string(p.text)), "\n")
	case reflect.Slice, reflect.Array:
		src = p.elems
	default:
		src = strings.Split(p.whole, "\n")
	}
	p.lines = p.lines[:0]
	for _, l := range src {
		if p.width > 0 && ansi.StringWidth(l) > p.width {
			p.lines = append(p.lines, strings.Split(ansi.Wrap(l, p.width, ""), "\n")...)
			continue
		}
		p.lines = append(p.lines, l)
	}
	if rest := p.total - p.loaded(); p.kind() != reflect.Invalid && rest > 0 {
		unit := "more elements"
		if p.kind() == reflect.String {
			unit = "more bytes"
		}
		row := fmt.Sprintf("... %s %s: ↓ loads them", commas(rest), unit)
		if p.vv.expr == "" {
			row = fmt.Sprintf("... %s %s not loaded (this value has no expression to load them with)", commas(rest), unit)
		}
		p.lines = append(p.lines, theme.Dim.Render(row))
	}
	p.vp.clamp(len(p.lines))
}

// printable shows a string's text as it reads: its lines, with characters that would move the
// cursor or change the terminal escaped as Go escapes them.
func printable(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == ' ' || r != unicode.ReplacementChar && unicode.IsPrint(r):
			b.WriteRune(r)
		case r == '\t':
			b.WriteString("    ")
		default:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
	}
	return b.String()
}

func (p *viewerPane) ShortHelp() []key.Binding {
	return []key.Binding{short(keys.Down, "down"), short(keys.PageDown, "page"), short(keys.End, "end"), short(keys.Close, "close")}
}

func (p *viewerPane) FullHelp() [][]key.Binding { return [][]key.Binding{keys.viewerKeys()} }

func (p *viewerPane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case valueMsg:
		if msg.gen != p.gen {
			return nil // for a value shown before
		}
		p.loading = false
		if msg.err != nil {
			p.err = command.OneLine(msg.err.Error())
			p.rewrap()
			return nil
		}
		switch {
		case msg.from < 0:
			p.whole = msg.v.Multiline(1 << 20)
		case p.kind() == reflect.String:
			p.text = append(p.text, msg.v.Value...)
		default:
			p.addElems(msg.v, msg.from)
		}
		p.rewrap()
		return p.more()
	case tea.KeyMsg:
		if key.Matches(msg, keys.Close, keys.QuitLetter, keys.ViewValue) {
			p.host.closeOverlay()
			return nil
		}
		p.vp.scrollKey(msg, len(p.lines))
		return p.more()
	}
	return nil
}

func (p *viewerPane) title() string {
	t := "Value  " + p.vv.label
	switch k := p.kind(); k {
	case reflect.String:
		t += fmt.Sprintf("  string, %s bytes", commas(p.total))
	case reflect.Slice, reflect.Array:
		t += fmt.Sprintf("  %s len: %s", p.vv.v.Type, commas(p.total))
	default:
		t += "  " + p.vv.v.Type
	}
	if n := len(p.lines); n > p.vp.height {
		t += fmt.Sprintf("  rows %d-%d of %d", p.vp.top+1, p.vp.end(n), n)
	}
	if p.loading {
		t += "  (loading)"
	}
	return t + "  esc closes"
}

func (p *viewerPane) View() string {
	lines := []string{paneTitle(p.title(), p.width, true)}
	if p.err != "" {
		lines = append(lines, theme.Error.Render(" *** "+p.err))
	}
	lines = append(lines, p.lines[p.vp.top:p.vp.end(len(p.lines))]...)
	return fit(lines, p.width, p.height)
}
