package ui

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/value"
)

// pageSize is how many elements a page of a big collection loads, Delve's default.
const pageSize = 64

// varNode is one row of the variables tree. Its children are built from the loaded value when
// it is first opened; a value loaded too shallowly is loaded again through expr.
type varNode struct {
	key     string // unique in the tree: section + expression or position
	label   string
	expr    string // a Go expression for the value, "" when there is none
	v       value.Value
	open    bool
	kids    []*varNode
	built   bool
	loading bool
	changed bool
	err     string
	asShown string // top-level nodes: the value's text as the snapshot gave it
}

// varRow is a line of the pane: a section header, a node, or the "... N more" row of a node.
type varRow struct {
	section string
	node    *varNode
	more    *varNode
	text    string // a piece of an open long string
	depth   int
}

// varsPane shows args, locals and watches of the selected frame as a tree.
type varsPane struct {
	args, locals, watches []*varNode
	nodes                 map[string]*varNode
	function              string // the selected frame's, short
	msg                   string
	cursor                int
	top                   int
	width                 int
	height                int
}

func (p *varsPane) setSize(w, h int) { p.width, p.height = w, h }

// set replaces the tree with a new frame's values; open is the set of keys to keep open (the
// same frame seen again after a step keeps what the user opened).
//
// With same set (the same stop and frame, after a command like p or display), a variable whose
// value reads the same keeps its node: what the user opened and the pages loaded stay.
func (p *varsPane) set(args, locals []value.Value, watches []watchValue, msg string, open map[string]bool, changed map[string]bool, same bool) {
	old := p.nodes
	p.nodes = map[string]*varNode{}
	p.msg = msg
	reuse := func(n *varNode) *varNode {
		n.asShown = n.v.String()
		if o, ok := old[n.key]; ok && same && o.err == n.err && o.asShown == n.asShown && !o.loading {
			return o
		}
		return n
	}
	mk := func(section string, vs []value.Value) []*varNode {
		var out []*varNode
		for _, v := range vs {
			out = append(out, reuse(&varNode{key: section + ":" + v.Name, label: v.Name, expr: v.Name, v: v}))
		}
		return out
	}
	p.args = mk("a", args)
	p.locals = mk("l", locals)
	p.watches = nil
	for _, w := range watches {
		p.watches = append(p.watches, reuse(&varNode{key: "w:" + w.expr, label: w.expr, expr: w.expr, v: w.v, err: w.err}))
	}
	for _, list := range [][]*varNode{p.args, p.locals, p.watches} {
		for _, n := range list {
			if old[n.key] == n {
				p.keep(n)
				continue
			}
			p.register(n, open, changed)
		}
	}
	p.cursor = min(p.cursor, max(len(p.rows())-1, 0))
	p.fixCursor(1)
}

// register records a node and its loaded descendants, reopening those that were open.
func (p *varsPane) register(n *varNode, open, changed map[string]bool) {
	p.nodes[n.key] = n
	n.changed = changed[n.expr] && n.expr != ""
	if open[n.key] && expandable(n.v) && !needsLoad(n.v) {
		n.open = true
		p.build(n)
		for _, k := range n.kids {
			p.register(k, open, changed)
		}
	}
}

// keep records a reused node and its built descendants.
func (p *varsPane) keep(n *varNode) {
	p.nodes[n.key] = n
	for _, k := range n.kids {
		p.keep(k)
	}
}

// openKeys are the keys of the open nodes, to keep them open across stops.
func (p *varsPane) openKeys() map[string]bool {
	open := map[string]bool{}
	for k, n := range p.nodes {
		if n.open {
			open[k] = true
		}
	}
	return open
}

func (p *varsPane) rows() []varRow {
	var rows []varRow
	var walk func(n *varNode, depth int)
	walk = func(n *varNode, depth int) {
		rows = append(rows, varRow{node: n, depth: depth})
		if !n.open {
			return
		}
		if t := target(n.v); t.Kind == reflect.String {
			// An open string shows all it has loaded, wrapped, below its row.
			room := max(p.width-2*depth-4, 8)
			q := []rune(strconv.Quote(t.Value))
			for i := 0; i < len(q); i += room {
				rows = append(rows, varRow{text: string(q[i:min(i+room, len(q))]), depth: depth + 1})
			}
		}
		for _, k := range n.kids {
			walk(k, depth+1)
		}
		if more(n) > 0 {
			rows = append(rows, varRow{more: n, depth: depth + 1})
		}
	}
	section := func(name string, ns []*varNode, always bool) {
		if len(ns) == 0 && !always {
			return
		}
		rows = append(rows, varRow{section: name})
		if len(ns) == 0 {
			rows = append(rows, varRow{text: "(none)", depth: 1})
		}
		for _, n := range ns {
			walk(n, 1)
		}
	}
	section("Args", p.args, false)
	section("Locals", p.locals, true)
	section("Watch", p.watches, false)
	return rows
}

// fixCursor moves the cursor off section headers, in direction dir.
func (p *varsPane) fixCursor(dir int) {
	rows := p.rows()
	if len(rows) == 0 {
		p.cursor = 0
		return
	}
	p.cursor = min(max(p.cursor, 0), len(rows)-1)
	for i := 0; i < len(rows) && rows[p.cursor].section != ""; i++ {
		next := p.cursor + dir
		if next < 0 || next >= len(rows) {
			dir = -dir
			next = p.cursor + dir
			if next < 0 || next >= len(rows) {
				return
			}
		}
		p.cursor = next
	}
}

func (p *varsPane) move(by int) {
	p.cursor += by
	dir := 1
	if by < 0 {
		dir = -1
	}
	p.fixCursor(dir)
}

func (p *varsPane) selected() (varRow, bool) {
	rows := p.rows()
	if p.cursor < 0 || p.cursor >= len(rows) {
		return varRow{}, false
	}
	return rows[p.cursor], true
}

// more is how many elements of n are not loaded yet.
func more(n *varNode) int64 {
	v := target(n.v)
	switch v.Kind {
	case reflect.Slice, reflect.Array:
		return v.Len - int64(len(v.Children))
	case reflect.Map:
		return v.Len - int64(len(v.Children)/2)
	case reflect.String:
		return v.Len - int64(len(v.Value))
	}
	return 0
}

// target is what a node's children come from: the pointee of a pointer, the value of an
// interface.
func target(v value.Value) value.Value {
	switch v.Kind {
	case reflect.Pointer:
		if len(v.Children) > 0 {
			return v.Children[0]
		}
	case reflect.Interface:
		if len(v.Children) > 0 && v.Children[0].Kind != reflect.Invalid {
			return target(v.Children[0])
		}
	}
	return v
}

// expandable reports whether a value has something to show below it.
func expandable(v value.Value) bool {
	if v.Unreadable != "" {
		return false
	}
	switch v.Kind {
	case reflect.Pointer:
		if len(v.Children) == 0 {
			return false
		}
		c := v.Children[0]
		return c.Addr != 0 || len(c.Children) > 0 || c.Value != ""
	case reflect.Interface:
		return len(v.Children) > 0 && v.Children[0].Kind != reflect.Invalid && (expandable(v.Children[0]) || v.Children[0].OnlyAddr)
	case reflect.Struct:
		return v.Len > 0 || len(v.Children) > 0
	case reflect.Slice, reflect.Array, reflect.Map:
		return v.Len > 0
	case reflect.Chan:
		return len(v.Children) > 0
	case reflect.String:
		return int64(len(v.Value)) < v.Len || len(v.Value) > 40
	}
	return false
}

// needsLoad reports whether v must be loaded again before its children can be shown.
func needsLoad(v value.Value) bool {
	t := v
	switch v.Kind {
	case reflect.Pointer:
		if len(v.Children) == 0 {
			return false
		}
		t = v.Children[0]
		if t.OnlyAddr {
			return true
		}
	case reflect.Interface:
		if len(v.Children) == 0 {
			return false
		}
		t = v.Children[0]
		if t.OnlyAddr {
			return true
		}
		t = target(t)
	}
	switch t.Kind {
	case reflect.Struct:
		return t.Len > 0 && len(t.Children) == 0
	case reflect.Slice, reflect.Array, reflect.Map:
		return t.Len > 0 && len(t.Children) == 0
	}
	return false
}

var simpleExpr = regexp.MustCompile(`^[\p{L}_][\p{L}\p{N}_]*(\.[\p{L}_][\p{L}\p{N}_]*|\[[^\[\]]*\])*$`)

// paren wraps an expression for a selector or an index unless it is a plain chain.
func paren(expr string) string {
	if simpleExpr.MatchString(expr) {
		return expr
	}
	return "(" + expr + ")"
}

// base is the expression the children of n are reached from.
func base(n *varNode) string {
	if n.expr == "" {
		return ""
	}
	v := n.v
	switch v.Kind {
	case reflect.Pointer:
		switch target(v).Kind {
		case reflect.Struct:
			return paren(n.expr) // Go selects through a pointer
		default:
			return "(*" + n.expr + ")"
		}
	case reflect.Interface:
		d := v.Children[0]
		if d.Addr != 0 && d.Type != "" && !strings.ContainsAny(d.Type, " ") {
			return "(*(*" + d.Type + ")(0x" + strconv.FormatUint(d.Addr, 16) + "))"
		}
		return ""
	}
	return paren(n.expr)
}

// build makes n's children from its loaded value.
func (p *varsPane) build(n *varNode) {
	if n.built {
		return
	}
	n.built = true
	b := base(n)
	v := n.v
	if v.Kind == reflect.Pointer {
		t := target(v)
		switch t.Kind {
		case reflect.Struct, reflect.Slice, reflect.Array, reflect.Map:
		default:
			n.kids = []*varNode{p.child(n, "*"+n.label, "*"+paren(n.expr), t)}
			return
		}
	}
	n.kids = p.children(n, target(v), b, 0)
}

// children makes nodes for the loaded children of t (t is n's value or what it points to),
// numbering elements from first.
func (p *varsPane) children(n *varNode, t value.Value, b string, first int64) []*varNode {
	var kids []*varNode
	at := func(expr string) string {
		if b == "" {
			return ""
		}
		return expr
	}
	switch t.Kind {
	case reflect.Struct:
		for _, c := range t.Children {
			kids = append(kids, p.child(n, c.Name, at(b+"."+c.Name), c))
		}
	case reflect.Slice, reflect.Array:
		for i, c := range t.Children {
			idx := first + int64(i)
			kids = append(kids, p.child(n, fmt.Sprintf("[%d]", idx), at(fmt.Sprintf("%s[%d]", b, idx)), c))
		}
	case reflect.Map:
		for i := 0; i+1 < len(t.Children); i += 2 {
			k, val := t.Children[i], t.Children[i+1]
			ks := k.String()
			expr := ""
			switch k.Kind {
			case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
				reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
				if int64(len(k.Value)) >= k.Len || k.Kind != reflect.String {
					expr = at(b + "[" + ks + "]")
				}
			}
			kids = append(kids, p.child(n, "["+ks+"]", expr, val))
		}
	case reflect.Chan:
		for _, c := range t.Children {
			kids = append(kids, p.child(n, c.Name, "", c))
		}
	case reflect.String:
		// A long string shows in full on its own row below.
	}
	return kids
}

func (p *varsPane) child(parent *varNode, label, expr string, v value.Value) *varNode {
	if expr == "" && v.Addr != 0 && v.Type != "" && !strings.ContainsAny(v.Type, " ") {
		expr = "*(*" + v.Type + ")(0x" + strconv.FormatUint(v.Addr, 16) + ")"
	}
	key := parent.key + "/" + label
	n := &varNode{key: key, label: label, expr: expr, v: v}
	if p.nodes != nil {
		p.nodes[key] = n
	}
	return n
}

// loaded puts a reloaded value into a node and opens it.
func (p *varsPane) loaded(n *varNode, v value.Value, err error) {
	n.loading = false
	if err != nil {
		n.err = command.OneLine(err.Error())
		return
	}
	name := n.v.Name
	n.v = v
	n.v.Name = name
	n.err = ""
	n.built = false
	n.kids = nil
	if expandable(n.v) && !needsLoad(n.v) {
		n.open = true
		p.build(n)
	}
}

// paged appends a page of elements (or bytes of a string) loaded from expression base[from:].
func (p *varsPane) paged(n *varNode, page value.Value, from int64, err error) {
	n.loading = false
	if err != nil {
		n.err = command.OneLine(err.Error())
		return
	}
	t := target(n.v)
	switch t.Kind {
	case reflect.String:
		t.Value += page.Value
	case reflect.Slice, reflect.Array, reflect.Map:
		n.kids = append(n.kids, p.children(n, page, base(n), from)...)
		t.Children = append(t.Children, page.Children...)
	}
	// Put the grown value back where target found it.
	switch n.v.Kind {
	case reflect.Pointer:
		n.v.Children[0] = t
	case reflect.Interface:
		n.v.Children[0] = t
	default:
		n.v = t
	}
}

// pageExpr is the expression of the next page of n and the index it starts at.
func pageExpr(n *varNode) (expr string, from int64, ok bool) {
	b := base(n)
	if b == "" {
		return "", 0, false
	}
	t := target(n.v)
	switch t.Kind {
	case reflect.Slice, reflect.Array:
		from = int64(len(t.Children))
		return fmt.Sprintf("%s[%d:%d]", b, from, min(from+pageSize, t.Len)), from, true
	case reflect.Map:
		from = int64(len(t.Children) / 2)
		return fmt.Sprintf("%s[%d:]", b, from), from, true
	case reflect.String:
		from = int64(len(t.Value))
		return fmt.Sprintf("%s[%d:%d]", b, from, min(from+1024, t.Len)), from, true
	}
	return "", 0, false
}

func (p *varsPane) title() string {
	if p.function == "" {
		return "Variables"
	}
	return "Variables  " + p.function
}

func (p *varsPane) view(focused bool) string {
	lines := []string{paneTitle(p.title(), p.width, focused)}
	rows := p.rows()
	h := p.height - 1
	if p.msg != "" {
		lines = append(lines, theme.Dim.Render(" "+p.msg))
		h--
	}
	if p.cursor < p.top {
		p.top = p.cursor
	} else if h > 0 && p.cursor >= p.top+h {
		p.top = p.cursor - h + 1
	}
	p.top = max(0, min(p.top, len(rows)-h))
	for i := p.top; i < len(rows) && i < p.top+h; i++ {
		lines = append(lines, p.row(rows[i], focused && i == p.cursor))
	}
	return fit(lines, p.width, p.height)
}

func (p *varsPane) row(r varRow, selected bool) string {
	if r.section != "" {
		return theme.Section.Render(r.section)
	}
	indent := strings.Repeat("  ", r.depth-1)
	var text string
	if r.text != "" {
		text = indent + "  " + r.text
	} else if r.more != nil {
		n := r.more
		unit := "more"
		if target(n.v).Kind == reflect.String {
			unit = "more bytes"
		}
		text = indent + "  ... " + commas(more(n)) + " " + unit
		if n.loading {
			text += " (loading)"
		}
		text = theme.Dim.Render(text)
	} else {
		text = indent + p.nodeText(r.node)
	}
	cur := " "
	if selected {
		cur = ">"
		return theme.Selected.Render(fitLine(cur+ansi.Strip(text), p.width))
	}
	return cur + text
}

func (p *varsPane) nodeText(n *varNode) string {
	arrow := "  "
	if expandable(n.v) {
		arrow = "▸ "
		if n.open {
			arrow = "▾ "
		}
	}
	var val string
	switch {
	case n.err != "":
		val = theme.Error.Render("*** " + n.err)
	case n.loading:
		val = theme.Dim.Render("(loading)")
	case n.open && n.v.Kind == reflect.String:
		val = theme.Dim.Render(fmt.Sprintf("string len: %d", n.v.Len))
	case n.open:
		val = theme.Dim.Render(summary(n.v))
	default:
		val = n.v.String()
	}
	name := n.label
	if n.changed {
		name = theme.Changed.Render("*" + name)
		val = theme.Changed.Render(ansi.Strip(val))
	}
	return arrow + name + " = " + val
}

// summary describes an open composite value by its type and size; its children say the rest.
func summary(v value.Value) string {
	t := target(v)
	typ := v.Type
	switch t.Kind {
	case reflect.Slice:
		return fmt.Sprintf("%s len: %d, cap: %d", typ, t.Len, t.Cap)
	case reflect.Array, reflect.Map:
		return fmt.Sprintf("%s len: %d", typ, t.Len)
	}
	if v.Kind == reflect.Interface && len(v.Children) > 0 {
		return typ + "(" + v.Children[0].Type + ")"
	}
	return typ
}

// commas writes n with thousands separators: 999,936.
func commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 0 {
		return "-" + commas(-n)
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// flatten lists the expressions of a value and its loaded descendants with their text, to see
// what changed since the last stop.
func flatten(vs []value.Value) map[string]string {
	out := map[string]string{}
	var walk func(expr string, v value.Value, depth int)
	walk = func(expr string, v value.Value, depth int) {
		if len(out) > 2000 {
			return
		}
		out[expr] = v.String()
		if depth == 0 {
			return
		}
		t := target(v)
		b := paren(expr)
		switch t.Kind {
		case reflect.Struct:
			for _, c := range t.Children {
				walk(b+"."+c.Name, c, depth-1)
			}
		case reflect.Slice, reflect.Array:
			for i, c := range t.Children {
				walk(fmt.Sprintf("%s[%d]", b, i), c, depth-1)
			}
		}
	}
	for _, v := range vs {
		walk(v.Name, v, 2)
	}
	return out
}
