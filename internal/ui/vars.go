package ui

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/stack"
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

// varsPane shows args, locals and watches of the selected frame as a tree. It remembers, per
// frame, the values at the last stop the frame was seen (to mark what changed) and which nodes
// were open (to open them again).
type varsPane struct {
	box
	host                  host
	view                  *viewState
	args, locals, watches []*varNode
	nodes                 map[string]*varNode
	msg                   string
	cursor                int
	vp                    viewport
	gen                   int // the tree's generation: a load asked for in an earlier one is dropped

	frameKey string                       // the frame the tree shows
	seen     map[string]seenValues        // per frame: values at the last stop it was seen
	base     map[string]map[string]string // per frame: values to compare the current stop with
	opened   map[string]map[string]bool   // per frame: the open nodes of the tree
}

// maxFramesRemembered bounds the frames whose values and open nodes are kept across stops.
const maxFramesRemembered = 500

type seenValues struct {
	stops int64
	vals  map[string]string
}

func newVarsPane(h host, v *viewState) *varsPane {
	return &varsPane{host: h, view: v, seen: map[string]seenValues{}, base: map[string]map[string]string{}, opened: map[string]map[string]bool{}}
}

func (p *varsPane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.follow()
}

func (p *varsPane) ShortHelp() []key.Binding {
	return []key.Binding{short(keys.Choose, "expand"), short(keys.Collapse, "collapse")}
}

func (p *varsPane) FullHelp() [][]key.Binding { return [][]key.Binding{keys.varsKeys()} }

func (p *varsPane) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case viewMsg:
		p.showFrame(msg.snapshotMsg)
	case evalMsg:
		p.applyEval(msg)
	case tea.KeyMsg:
		cmd = p.key(msg)
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			p.move(-3)
		case tea.MouseButtonWheelDown:
			p.move(3)
		default:
			if i := p.vp.top + msg.Y - 1; msg.Y >= 1 && i < len(p.rows()) {
				if p.msg != "" {
					i--
				}
				p.cursor = i
				p.fixCursor(1)
			}
		}
	}
	p.follow()
	return cmd
}

// follow keeps the cursor's row in view.
func (p *varsPane) follow() {
	p.vp.height = p.height - 1
	if p.msg != "" {
		p.vp.height--
	}
	p.vp.follow(p.cursor, len(p.rows()))
}

// setCursor puts the cursor on row i.
func (p *varsPane) setCursor(i int) {
	p.cursor = i
	p.follow()
}

// showFrame makes the tree of a snapshot's frame: a new generation. Values that changed since
// the last stop the frame was seen at are marked, and the nodes open when it was last shown
// open again.
func (p *varsPane) showFrame(s snapshotMsg) {
	p.gen++
	if p.frameKey != "" {
		p.opened[p.frameKey] = p.openKeys()
	}
	if s.noFrames {
		p.frameKey = ""
		msg := "no frames of the program on this goroutine"
		if s.exited {
			msg = "the program has exited"
		}
		p.set(nil, nil, nil, msg, nil, nil, false)
		return
	}
	f := s.stack.Frame(s.frame)
	prevKey := p.frameKey
	p.frameKey = fmt.Sprintf("%d/%s/%d", s.gid, f.Function, len(s.stack.All)-s.scope.Frame)
	cur := flatten(append(append([]value.Value{}, s.args...), s.locals...))
	prev, ok := p.seen[p.frameKey]
	if ok && prev.stops < s.stops {
		p.base[p.frameKey] = prev.vals
	} else if !ok {
		delete(p.base, p.frameKey)
	}
	if len(p.seen) > maxFramesRemembered {
		// A long session through deep recursion: start remembering afresh.
		p.seen, p.base, p.opened = map[string]seenValues{}, map[string]map[string]string{}, map[string]map[string]bool{}
	}
	p.seen[p.frameKey] = seenValues{stops: s.stops, vals: cur}
	changed := map[string]bool{}
	for expr, text := range cur {
		if old, ok := p.base[p.frameKey][expr]; ok && old != text {
			changed[expr] = true
		}
	}
	msg := ""
	if s.varsErr != "" {
		msg = "*** " + command.OneLine(s.varsErr)
	}
	// The same stop and frame again (after p or display): nodes whose values read the same stay.
	same := p.frameKey == prevKey && ok && prev.stops == s.stops
	p.set(s.args, s.locals, s.watches, msg, p.opened[p.frameKey], changed, same)
}

// applyEval puts a loaded node into the tree, unless the tree is of another generation now: the
// user moved on, and the node with that key, if any, is another value.
func (p *varsPane) applyEval(e evalMsg) {
	if e.gen != p.gen {
		return // stale
	}
	n, ok := p.nodes[e.path]
	if !ok {
		return
	}
	if e.page {
		p.paged(n, e.v, e.from, e.err)
	} else {
		p.loaded(n, e.v, e.err)
	}
}

func (p *varsPane) key(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, keys.Up):
		p.move(-1)
	case key.Matches(msg, keys.Down):
		p.move(1)
	case key.Matches(msg, keys.PageUp):
		p.move(-(p.height - 2))
	case key.Matches(msg, keys.PageDown):
		p.move(p.height - 2)
	case key.Matches(msg, keys.Home):
		p.cursor = 0
		p.fixCursor(1)
	case key.Matches(msg, keys.End):
		p.cursor = len(p.rows()) - 1
		p.fixCursor(-1)
	case key.Matches(msg, keys.Choose):
		return p.choose(msg.String() == "enter" || msg.String() == " ")
	case key.Matches(msg, keys.Collapse):
		p.collapse()
	}
	return nil
}

// choose expands the selected node (loading it when needed), or loads the next page of the
// collection whose "... N more" row is selected. toggle collapses an open node.
func (p *varsPane) choose(toggle bool) tea.Cmd {
	r, ok := p.selected()
	if !ok {
		return nil
	}
	if r.more != nil {
		return p.loadPage(r.more)
	}
	n := r.node
	if n == nil || n.loading {
		return nil
	}
	if n.open {
		if toggle {
			n.open = false
		}
		return nil
	}
	if !expandable(n.v) {
		return nil
	}
	if needsLoad(n.v) {
		return p.loadNode(n, debug.LoadShort)
	}
	n.open = true
	p.build(n)
	return nil
}

func (p *varsPane) collapse() {
	r, ok := p.selected()
	if !ok || r.node == nil {
		return
	}
	if r.node.open {
		r.node.open = false
		return
	}
	// Go to the parent.
	rows := p.rows()
	for i := p.cursor - 1; i >= 0; i-- {
		if rows[i].node != nil && rows[i].depth < r.depth {
			p.cursor = i
			return
		}
	}
}

// loadNode loads a node's value again, deeper, in this generation of the tree.
func (p *varsPane) loadNode(n *varNode, l debug.Load) tea.Cmd {
	if n.expr == "" {
		n.err = "cannot load this value: it has no expression"
		return nil
	}
	n.loading = true
	gen, sc, path, expr := p.gen, p.view.scope, n.key, n.expr
	return p.host.enqueue(&request{run: func(w *worker, seq int) tea.Msg {
		return w.eval(seq, gen, sc, path, expr, l, false, 0)
	}})
}

// loadPage loads the next page of a big collection or long string.
func (p *varsPane) loadPage(n *varNode) tea.Cmd {
	if n.loading {
		return nil
	}
	expr, from, ok := pageExpr(n)
	if !ok {
		n.err = "cannot load more of this value"
		return nil
	}
	l := debug.LoadShort
	if n.v.Target().Kind == reflect.String {
		l = debug.LoadFull
	}
	n.loading = true
	gen, sc, path := p.gen, p.view.scope, n.key
	return p.host.enqueue(&request{run: func(w *worker, seq int) tea.Msg {
		return w.eval(seq, gen, sc, path, expr, l, true, from)
	}})
}

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
	if p.view.noFrames || !p.view.started {
		return "Variables"
	}
	return "Variables  " + stack.ShortFunction(p.view.stack.Frame(p.view.frame).Function)
}

func (p *varsPane) View() string {
	lines := []string{paneTitle(p.title(), p.width, p.focused)}
	rows := p.rows()
	if p.msg != "" {
		lines = append(lines, theme.Dim.Render(" "+p.msg))
	}
	for i := p.vp.top; i < p.vp.end(len(rows)); i++ {
		lines = append(lines, p.row(rows[i], p.focused && i == p.cursor))
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
