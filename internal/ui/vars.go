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
		if t := n.v.Target(); t.Kind == reflect.String {
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
	v := n.v.Target()
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
		t = t.Target()
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
func base(n *varNode) string { return baseExpr(n.expr, n.v) }

// baseExpr is the expression the children of the value v of expression expr are reached from:
// Go selects through a pointer to a struct, a pointer to anything else is dereferenced, and the
// value an interface holds is reached through its address. "" when there is none.
func baseExpr(expr string, v value.Value) string {
	if expr == "" {
		return ""
	}
	switch v.Kind {
	case reflect.Pointer:
		switch v.Target().Kind {
		case reflect.Struct:
			return paren(expr) // Go selects through a pointer
		default:
			return "(*" + expr + ")"
		}
	case reflect.Interface:
		d := v.Children[0]
		if d.Addr != 0 && d.Type != "" && !strings.ContainsAny(d.Type, " ") {
			return "(*(*" + d.Type + ")(0x" + strconv.FormatUint(d.Addr, 16) + "))"
		}
		return ""
	}
	return paren(expr)
}

// childExpr names a child of the value v (of expression expr, shown as label) and writes the Go
// expression that reaches it, from the child's kind; b is baseExpr(expr, v). A child that
// cannot be reached from expr but has an address and a plain type is reached through them.
func childExpr(label, expr string, v value.Value, b string, c value.Child) (string, string) {
	at := func(e string) string {
		if b == "" {
			return ""
		}
		return e
	}
	var name, cexpr string
	switch c.Kind {
	case value.Field:
		name, cexpr = c.Name, at(b+"."+c.Name)
	case value.Element:
		name = "[" + strconv.FormatInt(c.Index, 10) + "]"
		cexpr = at(b + name)
	case value.Entry:
		k := c.Key
		name = "[" + k.String() + "]"
		switch k.Kind {
		case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			if k.Kind != reflect.String || int64(len(k.Value)) >= k.Len {
				cexpr = at(b + name)
			}
		}
	case value.Deref:
		name = "*" + label
		if v.Kind == reflect.Pointer && expr != "" {
			cexpr = "*" + paren(expr)
		}
	case value.Internal:
		name = c.Name
	}
	if cv := c.Value; cexpr == "" && cv.Addr != 0 && cv.Type != "" && !strings.ContainsAny(cv.Type, " ") {
		cexpr = "*(*" + cv.Type + ")(0x" + strconv.FormatUint(cv.Addr, 16) + ")"
	}
	return name, cexpr
}

// build makes n's children from its loaded value.
func (p *varsPane) build(n *varNode) {
	if n.built {
		return
	}
	n.built = true
	n.kids = p.children(n, n.v, 0)
}

// children makes nodes for the loaded children of v (n's value, or a page of it whose first
// element has index first).
func (p *varsPane) children(n *varNode, v value.Value, first int64) []*varNode {
	b := base(n)
	var kids []*varNode
	for _, c := range v.Expand(first) {
		label, expr := childExpr(n.label, n.expr, n.v, b, c)
		key := n.key + "/" + label
		k := &varNode{key: key, label: label, expr: expr, v: c.Value}
		if p.nodes != nil {
			p.nodes[key] = k
		}
		kids = append(kids, k)
	}
	return kids
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
	t := n.v.Target()
	switch t.Kind {
	case reflect.String:
		t.Value += page.Value
	case reflect.Slice, reflect.Array, reflect.Map:
		n.kids = append(n.kids, p.children(n, page, from)...)
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
	t := n.v.Target()
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
		if n.v.Target().Kind == reflect.String {
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
	t := v.Target()
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

// flatten lists the expressions of a value and its loaded descendants, two levels down, with
// their text, to see what changed since the last stop. The expressions are the ones the tree's
// nodes get (childExpr), so a node finds its own.
func flatten(vs []value.Value) map[string]string {
	out := map[string]string{}
	var walk func(label, expr string, v value.Value, depth int)
	walk = func(label, expr string, v value.Value, depth int) {
		if len(out) > 2000 {
			return
		}
		if expr != "" {
			out[expr] = v.String()
		}
		if depth == 0 {
			return
		}
		b := baseExpr(expr, v)
		for _, c := range v.Expand(0) {
			l, e := childExpr(label, expr, v, b, c)
			walk(l, e, c.Value, depth-1)
		}
	}
	for _, v := range vs {
		walk(v.Name, v.Name, v, 2)
	}
	return out
}
