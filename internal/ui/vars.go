package ui

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
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
	parent  *varNode
	open    bool
	kids    []*varNode
	built   bool
	loading bool
	changed bool
	err     string
	asShown string // top-level nodes: the value's text as the snapshot gave it
	// first is the index of the first element loaded of a slice or an array: [ loads a page
	// from anywhere in it.
	first int64
	// cycle names the node above this pointer that it points back to ("o"): a cyclic
	// structure shows the way back instead of opening forever.
	cycle string
}

// varRow is a line of the pane: a section header, a node, or the "... N more" (or "N
// earlier") row of a node.
type varRow struct {
	section string
	node    *varNode
	more    *varNode
	earlier *varNode
	text    string
	depth   int
}

// key names the row for the cursor to find it again in a tree built anew.
func (r varRow) key() string {
	switch {
	case r.node != nil:
		return r.node.key
	case r.more != nil:
		return "more:" + r.more.key
	case r.earlier != nil:
		return "earlier:" + r.earlier.key
	}
	return "section:" + r.section
}

// frameMemory is what the pane remembers of a function on a goroutine, as pudb does: the nodes
// the user opened and the row the cursor was on, kept across frame moves and across stops.
type frameMemory struct {
	open   map[string]bool
	cursor string
	top    int
}

// frameTree is the tree of a frame at a stop: going back to the frame at the same stop shows it
// again as it was left, pages loaded and all.
type frameTree struct {
	args, locals, watches, returned []*varNode
	nodes                           map[string]*varNode
}

// varsPane shows the return values after return, the args, locals and watches of the selected
// frame as a tree. It remembers, per frame, the values at the last stop the frame was seen (to
// mark what changed), and per function and goroutine which nodes were open and where the cursor
// was (to open them again, loading what must be loaded).
type varsPane struct {
	box
	host                            host
	view                            *viewState
	args, locals, watches, returned []*varNode
	nodes                           map[string]*varNode
	msg                             string
	cursor                          int
	vp                              viewport
	gen                             int // the tree's generation: a load asked for in an earlier one is dropped

	frameKey  string // the frame the tree shows: goroutine, function and depth from the bottom
	memoryKey string // the function and goroutine the tree shows
	stops     int64  // the stop the tree is of
	wantRow   string // the row the cursor goes back to once loaded
	reopen    map[string]bool

	trees  map[string]*frameTree        // at the stop shown, per frame: the trees left
	memory map[string]frameMemory       // per function and goroutine
	seen   map[string]seenValues        // per frame: values at the last stop it was seen
	base   map[string]map[string]string // per frame: values to compare the current stop with
	addrs  bool                         // pointers show the address they point to
	filter string                       // rows whose names contain it, in any case (/)
	prompt promptLine                   // the filter or the index being typed
	index  *varNode                     // the slice [ jumps in
}

// maxFramesRemembered bounds the frames whose values and open nodes are kept across stops.
const maxFramesRemembered = 500

type seenValues struct {
	stops int64
	vals  map[string]string
}

func newVarsPane(h host, v *viewState) *varsPane {
	return &varsPane{host: h, view: v, seen: map[string]seenValues{}, base: map[string]map[string]string{},
		memory: map[string]frameMemory{}, trees: map[string]*frameTree{}}
}

func (p *varsPane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.follow()
}

func (p *varsPane) ShortHelp() []key.Binding {
	if p.prompt.open {
		return p.prompt.help()
	}
	row := []key.Binding{short(keys.Expand, "expand"), short(keys.Watch, "watch"), short(keys.Filter, "filter"), short(keys.ViewValue, "view")}
	if p.filter != "" {
		row = append(row, short(keys.Close, "clear filter"))
	}
	return row
}

func (p *varsPane) FullHelp() [][]key.Binding { return [][]key.Binding{keys.varsKeys()} }

func (p *varsPane) prompting() bool { return p.prompt.open }

// takes: the pane's keys; esc clears a filter.
func (p *varsPane) takes(msg tea.KeyMsg) bool {
	if p.prompt.open {
		return true
	}
	if key.Matches(msg, keys.Close) {
		return p.filter != ""
	}
	return key.Matches(msg, keys.varsKeys()...)
}

func (p *varsPane) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case viewMsg:
		cmd = p.showFrame(msg.snapshotMsg)
	case evalMsg:
		cmd = p.applyEval(msg)
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
	if p.prompt.open || p.filter != "" {
		p.vp.height--
	}
	p.vp.follow(p.cursor, len(p.rows()))
}

// setCursor puts the cursor on row i.
func (p *varsPane) setCursor(i int) {
	p.cursor = i
	p.wantRow = ""
	p.follow()
}

// showFrame makes the tree of a snapshot's frame: a new generation. At the stop the frame was
// last shown at, the tree it had comes back (values set since are read again). Otherwise values
// that changed since the last stop the frame was seen at are marked, and the nodes open when its
// function was last shown on this goroutine open again, loaded again where they must be.
func (p *varsPane) showFrame(s snapshotMsg) tea.Cmd {
	p.gen++
	p.leave()
	if s.stops != p.stops {
		p.trees = map[string]*frameTree{}
		p.stops = s.stops
	}
	if s.noFrames {
		p.frameKey, p.memoryKey = "", ""
		msg := "no frames of the program on this goroutine"
		if s.exited {
			msg = "the program has exited"
		}
		p.set(s, msg, nil, nil, nil)
		return nil
	}
	f := s.stack.Frame(s.frame)
	p.frameKey = fmt.Sprintf("%d/%s/%d", s.gid, f.Function, len(s.stack.All)-s.scope.Frame)
	p.memoryKey = fmt.Sprintf("%d/%s", s.gid, f.Function)
	cur := flatten(append(append([]value.Value{}, s.args...), s.locals...))
	prev, ok := p.seen[p.frameKey]
	if ok && prev.stops < s.stops {
		p.base[p.frameKey] = prev.vals
	} else if !ok {
		delete(p.base, p.frameKey)
	}
	if len(p.seen) > maxFramesRemembered || len(p.memory) > maxFramesRemembered {
		// A long session through deep recursion: start remembering afresh.
		p.seen, p.base, p.memory = map[string]seenValues{}, map[string]map[string]string{}, map[string]frameMemory{}
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
	mem := p.memory[p.memoryKey]
	cmd := p.set(s, msg, p.trees[p.frameKey], mem.open, changed)
	p.wantRow = mem.cursor
	if mem.cursor != "" {
		p.vp.top = mem.top
		p.findRow()
	}
	return cmd
}

// leave remembers the tree shown, its open nodes and its cursor, before another is shown.
func (p *varsPane) leave() {
	if p.frameKey == "" {
		return
	}
	for _, n := range p.nodes {
		n.loading = false // its reply is for this generation: it will be dropped
	}
	p.trees[p.frameKey] = &frameTree{args: p.args, locals: p.locals, watches: p.watches, returned: p.returned, nodes: p.nodes}
	mem := frameMemory{open: p.openKeys(), top: p.vp.top}
	if r, ok := p.selected(); ok {
		mem.cursor = r.key()
	}
	p.memory[p.memoryKey] = mem
}

// findRow puts the cursor back on the row it was on when the frame was left, once that row is
// there (it may wait for a node to load).
func (p *varsPane) findRow() {
	if p.wantRow == "" {
		return
	}
	for i, r := range p.rows() {
		if r.key() == p.wantRow {
			p.cursor = i
			p.wantRow = ""
			p.follow()
			return
		}
	}
}

// evalOp is what a loaded value does to its node.
type evalOp int

const (
	opLoad    evalOp = iota // the node's value, loaded deeper: it opens
	opAppend                // the next page of a big collection
	opPrepend               // the page before the first loaded
	opJump                  // a page from an index: it replaces the elements loaded
)

// applyEval puts a loaded node into the tree, unless the tree is of another generation now: the
// user moved on, and the node with that key, if any, is another value.
func (p *varsPane) applyEval(e evalMsg) tea.Cmd {
	if e.gen != p.gen {
		return nil // stale
	}
	n, ok := p.nodes[e.path]
	if !ok {
		return nil
	}
	var cmd tea.Cmd
	switch e.op {
	case opLoad:
		cmd = p.loaded(n, e.v, e.err)
	default:
		p.paged(n, e.op, e.v, e.from, e.err)
	}
	p.findRow()
	return cmd
}

func (p *varsPane) key(msg tea.KeyMsg) tea.Cmd {
	if p.prompt.open {
		return p.promptKey(msg)
	}
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
	case key.Matches(msg, keys.Expand):
		return p.choose(msg.String() == "enter")
	case key.Matches(msg, keys.Collapse):
		p.collapse()
	case key.Matches(msg, keys.Close):
		p.filter = ""
	case key.Matches(msg, keys.Filter):
		p.prompt.start("filter: ", p.filter)
	case key.Matches(msg, keys.Addresses):
		p.addrs = !p.addrs
	case key.Matches(msg, keys.Watch):
		if n := p.selectedNode(); n != nil {
			if n.expr == "" {
				n.err = "cannot watch this value: it has no expression"
				return nil
			}
			return p.host.exec("display " + n.expr)
		}
	case key.Matches(msg, keys.ViewValue):
		if n := p.selectedNode(); n != nil {
			return p.viewValue(n)
		}
	case key.Matches(msg, keys.Index):
		if n := p.indexable(); n != nil {
			p.index = n
			p.prompt.start(fmt.Sprintf("index of %s (0 to %s): ", n.label, commas(n.v.Target().Len-1)), "")
		}
	}
	return nil
}

// promptKey types the filter (the rows follow as it is typed) or the index to go to.
func (p *varsPane) promptKey(msg tea.KeyMsg) tea.Cmd {
	filtering := p.index == nil
	res := p.prompt.update(msg)
	if filtering {
		p.filter = p.prompt.value()
		if res == promptCancelled {
			p.filter = ""
		}
		p.fixCursor(1)
		return nil
	}
	n := p.index
	if res != promptAccepted {
		if res == promptCancelled {
			p.index = nil
		}
		return nil
	}
	p.index = nil
	i, err := strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(p.prompt.value()), ",", ""), 10, 64)
	if t := n.v.Target(); err != nil || i < 0 || i >= t.Len {
		n.err = fmt.Sprintf("no index %q: %s has %s elements", p.prompt.value(), n.label, commas(t.Len))
		return nil
	}
	return p.jump(n, i)
}

// selectedNode is the node of the cursor's row, nil on another row.
func (p *varsPane) selectedNode() *varNode {
	r, ok := p.selected()
	if !ok {
		return nil
	}
	return r.node
}

// indexable is the slice or array [ jumps in: the cursor's row, or the one its row is in.
func (p *varsPane) indexable() *varNode {
	r, ok := p.selected()
	if !ok {
		return nil
	}
	n := r.node
	for _, o := range []*varNode{r.more, r.earlier} {
		if n == nil {
			n = o
		}
	}
	for ; n != nil; n = n.parent {
		if t := n.v.Target(); (t.Kind == reflect.Slice || t.Kind == reflect.Array) && t.Len > 0 {
			return n
		}
	}
	return nil
}

// viewValue opens the viewer on a node's whole value.
func (p *varsPane) viewValue(n *varNode) tea.Cmd {
	label := n.expr
	if label == "" {
		label = n.label
	}
	return p.host.openViewer(valueView{label: label, expr: n.expr, v: n.v, scope: p.view.scope})
}

// choose expands the selected node (loading it when needed), or loads the next page of the
// collection whose "... N more" row is selected. toggle collapses an open node. A long string,
// or a value too long for its row, opens in the viewer.
func (p *varsPane) choose(toggle bool) tea.Cmd {
	r, ok := p.selected()
	if !ok {
		return nil
	}
	if r.more != nil {
		return p.loadPage(r.more, opAppend)
	}
	if r.earlier != nil {
		return p.loadPage(r.earlier, opPrepend)
	}
	n := r.node
	if n == nil || n.loading || n.cycle != "" {
		return nil
	}
	if n.open {
		if toggle {
			n.open = false
		}
		return nil
	}
	if n.v.Target().Kind == reflect.String && expandable(n.v) {
		return p.viewValue(n)
	}
	if !expandable(n.v) {
		if toggle && ansi.StringWidth(ansi.Strip(p.nodeText(n)))+2*r.depth > p.width-2 {
			return p.viewValue(n)
		}
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
		return w.eval(seq, gen, sc, path, expr, l, opLoad, 0)
	}})
}

// loadPage loads the next page of a big collection, or the page before the first loaded.
func (p *varsPane) loadPage(n *varNode, op evalOp) tea.Cmd {
	if n.loading {
		return nil
	}
	expr, from, ok := pageExpr(n, op)
	if !ok {
		n.err = "cannot load more of this value"
		return nil
	}
	n.loading = true
	gen, sc, path := p.gen, p.view.scope, n.key
	return p.host.enqueue(&request{run: func(w *worker, seq int) tea.Msg {
		return w.eval(seq, gen, sc, path, expr, debug.LoadShort, op, from)
	}})
}

// jump shows the elements of slice n from index i on ([), loading them unless they are.
func (p *varsPane) jump(n *varNode, i int64) tea.Cmd {
	t := n.v.Target()
	if i >= n.first && i < n.first+int64(len(t.Children)) {
		p.wantRow = n.key + "/[" + strconv.FormatInt(i, 10) + "]"
		p.findRow()
		return nil
	}
	b := base(n)
	if b == "" {
		n.err = "cannot load elements of this value: it has no expression"
		return nil
	}
	n.loading = true
	p.wantRow = n.key + "/[" + strconv.FormatInt(i, 10) + "]"
	gen, sc, path := p.gen, p.view.scope, n.key
	expr := fmt.Sprintf("%s[%d:%d]", b, i, min(i+pageSize, t.Len))
	return p.host.enqueue(&request{run: func(w *worker, seq int) tea.Msg {
		return w.eval(seq, gen, sc, path, expr, debug.LoadShort, opJump, i)
	}})
}

// set replaces the tree with a new frame's values: the tree left at this stop (same, the frame
// shown again), whose variables reading the same keep their nodes, or new nodes opened as open
// says (their loads are the command returned).
func (p *varsPane) set(s snapshotMsg, msg string, same *frameTree, open, changed map[string]bool) tea.Cmd {
	old := map[string]*varNode{}
	if same != nil {
		old = same.nodes
	}
	p.nodes = map[string]*varNode{}
	p.msg = msg
	p.reopen = open
	reuse := func(n *varNode) *varNode {
		n.asShown = n.v.String()
		if o, ok := old[n.key]; ok && o.err == n.err && o.asShown == n.asShown && !o.loading {
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
	p.args = mk("a", s.args)
	p.locals = mk("l", s.locals)
	p.watches, p.returned = nil, nil
	for _, w := range s.watches {
		p.watches = append(p.watches, reuse(&varNode{key: "w:" + w.expr, label: w.expr, expr: w.expr, v: w.v, err: w.err}))
	}
	if !s.noFrames && s.frame == 0 {
		rvs := s.stop.ReturnValues
		for i, v := range rvs {
			p.returned = append(p.returned, reuse(&varNode{key: "r:" + strconv.Itoa(i), label: resultName(v.Name, i, len(rvs)), v: v}))
		}
	}
	var cmds []tea.Cmd
	for _, list := range [][]*varNode{p.returned, p.args, p.locals, p.watches} {
		for _, n := range list {
			if old[n.key] == n {
				p.keep(n)
				continue
			}
			cmds = append(cmds, p.register(n, open, changed))
		}
	}
	p.cursor = min(p.cursor, max(len(p.rows())-1, 0))
	p.fixCursor(1)
	return tea.Batch(cmds...)
}

// resultName names a returned value: its name when the function names its results, else result
// (result 0, result 1, ... for several).
func resultName(name string, i, n int) string {
	if name != "" && !strings.HasPrefix(name, "~") {
		return name
	}
	if n == 1 {
		return "result"
	}
	return "result " + strconv.Itoa(i)
}

// register records a node and its loaded descendants, reopening those that were open; a node
// that must be loaded first is loaded, and opens when it is (the command returned).
func (p *varsPane) register(n *varNode, open, changed map[string]bool) tea.Cmd {
	p.nodes[n.key] = n
	n.changed = changed[n.expr] && n.expr != ""
	if !open[n.key] || !expandable(n.v) || n.cycle != "" {
		return nil
	}
	if needsLoad(n.v) {
		if n.expr == "" {
			return nil
		}
		return p.loadNode(n, debug.LoadShort)
	}
	n.open = true
	p.build(n)
	var cmds []tea.Cmd
	for _, k := range n.kids {
		cmds = append(cmds, p.register(k, open, changed))
	}
	return tea.Batch(cmds...)
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
	filter := strings.ToLower(p.filter)
	// shown reports whether a node has a row: it matches the filter, or one of the rows below
	// it does.
	var shown func(n *varNode) bool
	shown = func(n *varNode) bool {
		if filter == "" || strings.Contains(strings.ToLower(n.label), filter) {
			return true
		}
		if n.open {
			for _, k := range n.kids {
				if shown(k) {
					return true
				}
			}
		}
		return false
	}
	var walk func(n *varNode, depth int, all bool)
	walk = func(n *varNode, depth int, all bool) {
		if !all && !shown(n) {
			return
		}
		rows = append(rows, varRow{node: n, depth: depth})
		if !n.open {
			return
		}
		// Below a row that matches the filter, everything open shows.
		all = all || filter == "" || strings.Contains(strings.ToLower(n.label), filter)
		if n.first > 0 && all {
			rows = append(rows, varRow{earlier: n, depth: depth + 1})
		}
		for _, k := range n.kids {
			walk(k, depth+1, all)
		}
		if more(n) > 0 && all {
			rows = append(rows, varRow{more: n, depth: depth + 1})
		}
	}
	section := func(name string, ns []*varNode, always bool) {
		if len(ns) == 0 && !always {
			return
		}
		start := len(rows)
		rows = append(rows, varRow{section: name})
		if len(ns) == 0 {
			rows = append(rows, varRow{text: "(none)", depth: 1})
		}
		for _, n := range ns {
			walk(n, 1, false)
		}
		if filter != "" && len(rows) == start+1 {
			rows = rows[:start] // nothing matches here
		}
	}
	section("Returned", p.returned, false)
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
	p.wantRow = ""
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

// more is how many elements of n after those loaded are not loaded.
func more(n *varNode) int64 {
	v := n.v.Target()
	switch v.Kind {
	case reflect.Slice, reflect.Array:
		return v.Len - n.first - int64(len(v.Children))
	case reflect.Map:
		return v.Len - int64(len(v.Children)/2)
	}
	return 0
}

// expandable reports whether a value has something to show below it (a string: in the viewer).
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
	n.kids = p.children(n, n.v, n.first)
	sortEntries(n.kids)
}

// children makes nodes for the loaded children of v (n's value, or a page of it whose first
// element has index first). A pointer back to a value above it is marked, not followed.
func (p *varsPane) children(n *varNode, v value.Value, first int64) []*varNode {
	b := base(n)
	var kids []*varNode
	for _, c := range v.Expand(first) {
		label, expr := childExpr(n.label, n.expr, n.v, b, c)
		key := n.key + "/" + label
		k := &varNode{key: key, label: label, expr: expr, v: c.Value, parent: n}
		k.cycle = cycleOf(k)
		if p.nodes != nil {
			p.nodes[key] = k
		}
		kids = append(kids, k)
	}
	return kids
}

// cycleOf names the node above n that pointer n points back to, "" when none does: a cyclic
// list shows where it turns instead of opening forever.
func cycleOf(n *varNode) string {
	if n.v.Kind != reflect.Pointer || len(n.v.Children) == 0 {
		return ""
	}
	to := n.v.Children[0]
	if to.Addr == 0 {
		return ""
	}
	for a := n.parent; a != nil; a = a.parent {
		at := a.v
		if a.v.Kind == reflect.Pointer && len(a.v.Children) > 0 {
			at = a.v.Children[0]
		}
		if at.Addr == to.Addr && at.Type == to.Type {
			if a.expr != "" {
				return a.expr
			}
			return a.label
		}
	}
	return ""
}

// sortEntries puts a map's entries in the order of their keys when the keys are ordered
// (numbers, strings), as fmt prints maps; Delve reads them in the map's own order.
func sortEntries(kids []*varNode) {
	keys := make([]value.Value, len(kids))
	kind := reflect.Invalid
	for i, k := range kids {
		if !strings.HasPrefix(k.label, "[") || k.parent == nil || k.parent.v.Target().Kind != reflect.Map {
			return
		}
		keys[i] = mapKey(k)
		if i == 0 {
			kind = keys[i].Kind
		}
		if keys[i].Kind != kind {
			return
		}
	}
	var less func(a, b value.Value) bool
	switch kind {
	case reflect.String:
		less = func(a, b value.Value) bool { return a.Value < b.Value }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		less = func(a, b value.Value) bool {
			x, _ := strconv.ParseInt(a.Value, 10, 64)
			y, _ := strconv.ParseInt(b.Value, 10, 64)
			return x < y
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		less = func(a, b value.Value) bool {
			x, _ := strconv.ParseUint(a.Value, 10, 64)
			y, _ := strconv.ParseUint(b.Value, 10, 64)
			return x < y
		}
	case reflect.Float32, reflect.Float64:
		less = func(a, b value.Value) bool {
			x, _ := strconv.ParseFloat(a.Value, 64)
			y, _ := strconv.ParseFloat(b.Value, 64)
			return x < y
		}
	default:
		return
	}
	idx := make([]int, len(kids))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return less(keys[idx[i]], keys[idx[j]]) })
	sorted := make([]*varNode, len(kids))
	for i, j := range idx {
		sorted[i] = kids[j]
	}
	copy(kids, sorted)
}

// mapKey is the key of a map entry's node, from its parent's loaded entries.
func mapKey(n *varNode) value.Value {
	for _, c := range n.parent.v.Expand(0) {
		if c.Kind == value.Entry && "["+c.Key.String()+"]" == n.label {
			return c.Key
		}
	}
	return value.Value{}
}

// loaded puts a reloaded value into a node and opens it; the nodes below it that were open when
// the frame was last shown open too (loading in turn, the command returned).
func (p *varsPane) loaded(n *varNode, v value.Value, err error) tea.Cmd {
	n.loading = false
	if err != nil {
		n.err = command.OneLine(err.Error())
		return nil
	}
	name := n.v.Name
	n.v = v
	n.v.Name = name
	n.err = ""
	n.built = false
	n.kids = nil
	n.first = 0
	if !expandable(n.v) || needsLoad(n.v) {
		return nil
	}
	n.open = true
	p.build(n)
	var cmds []tea.Cmd
	for _, k := range n.kids {
		cmds = append(cmds, p.register(k, p.reopen, nil))
	}
	return tea.Batch(cmds...)
}

// paged puts a page of elements loaded from expression base[from:] into a node: after those
// loaded, before them, or instead of them (a jump).
func (p *varsPane) paged(n *varNode, op evalOp, page value.Value, from int64, err error) {
	n.loading = false
	if err != nil {
		n.err = command.OneLine(err.Error())
		return
	}
	t := n.v.Target()
	kids := p.children(n, page, from)
	switch op {
	case opAppend:
		n.kids = append(n.kids, kids...)
		t.Children = append(t.Children, page.Children...)
		sortEntries(n.kids)
	case opPrepend:
		n.kids = append(kids, n.kids...)
		t.Children = append(append([]value.Value{}, page.Children...), t.Children...)
		n.first = from
	case opJump:
		for k := range p.nodes {
			if strings.HasPrefix(k, n.key+"/") {
				delete(p.nodes, k)
			}
		}
		for _, k := range kids {
			p.nodes[k.key] = k
		}
		n.kids = kids
		t.Children = page.Children
		n.first = from
		n.open = true
	}
	// Put the grown value back where target found it.
	switch n.v.Kind {
	case reflect.Pointer, reflect.Interface:
		n.v.Children[0] = t
	default:
		n.v = t
	}
}

// pageExpr is the expression of the next page of n (or, for opPrepend, the page before its
// first element) and the index it starts at.
func pageExpr(n *varNode, op evalOp) (expr string, from int64, ok bool) {
	b := base(n)
	if b == "" {
		return "", 0, false
	}
	t := n.v.Target()
	switch t.Kind {
	case reflect.Slice, reflect.Array:
		if op == opPrepend {
			from = max(n.first-pageSize, 0)
			return fmt.Sprintf("%s[%d:%d]", b, from, n.first), from, true
		}
		from = n.first + int64(len(t.Children))
		return fmt.Sprintf("%s[%d:%d]", b, from, min(from+pageSize, t.Len)), from, true
	case reflect.Map:
		from = int64(len(t.Children) / 2)
		return fmt.Sprintf("%s[%d:]", b, from), from, true
	}
	return "", 0, false
}

func (p *varsPane) title() string {
	if p.view.running && (p.view.noFrames || !p.view.started) {
		return "Variables  running"
	}
	if p.view.noFrames || !p.view.started {
		return "Variables"
	}
	t := "Variables  " + stack.ShortFunction(p.view.stack.Frame(p.view.frame).Function)
	if p.view.running {
		return "Variables  running · last stop " + stack.ShortFunction(p.view.stack.Frame(p.view.frame).Function)
	}
	for _, n := range p.nodes {
		if n.changed {
			return t + "  • changed"
		}
	}
	return t
}

func (p *varsPane) View() string {
	lines := []string{paneTitle(p.title(), p.width, p.focused)}
	rows := p.rows()
	if p.msg != "" {
		lines = append(lines, theme.Dim.Render(" "+p.msg))
	}
	for i := p.vp.top; i < p.vp.end(len(rows)); i++ {
		l := p.row(rows[i], p.focused && i == p.cursor)
		if p.view.running {
			l = theme.Dim.Render(ansi.Strip(l))
		}
		lines = append(lines, l)
	}
	switch {
	case p.prompt.open:
		for len(lines) < p.height-1 {
			lines = append(lines, "")
		}
		lines = append(lines[:max(p.height-1, 0)], p.prompt.view(p.width))
	case p.filter != "":
		for len(lines) < p.height-1 {
			lines = append(lines, "")
		}
		lines = append(lines[:max(p.height-1, 0)], theme.Dim.Render("filter: "+p.filter+"  (esc clears)"))
	}
	return fit(lines, p.width, p.height)
}

// row draws a row: the cursor's column, the change marker's column (• a value changed since
// the last stop in this frame: a mark no Go value reads as, so the value after it reads as it
// is), then the tree.
func (p *varsPane) row(r varRow, selected bool) string {
	if r.section != "" {
		return theme.Section.Render(r.section)
	}
	indent := strings.Repeat("  ", r.depth-1)
	mark := " "
	var text string
	switch {
	case r.text != "":
		text = indent + "  " + r.text
	case r.more != nil:
		n := r.more
		text = indent + "  ... " + commas(more(n)) + " more"
		if n.loading {
			text += " (loading)"
		}
		text = theme.Dim.Render(text)
	case r.earlier != nil:
		n := r.earlier
		text = indent + "  ... " + commas(n.first) + " earlier"
		if n.loading {
			text += " (loading)"
		}
		text = theme.Dim.Render(text)
	default:
		text = indent + p.nodeText(r.node)
		if r.node.changed {
			mark = theme.Changed.Render("•")
		}
	}
	if selected {
		return theme.Selected.Render(fitLine(">"+ansi.Strip(mark+text), p.width))
	}
	return " " + mark + text
}

func (p *varsPane) nodeText(n *varNode) string {
	arrow := "  "
	if expandable(n.v) && n.cycle == "" {
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
	case n.cycle != "":
		val = theme.Dim.Render(n.v.Type + " ↻ same as " + n.cycle)
	case n.open:
		val = theme.Dim.Render(summary(n.v))
	default:
		val = n.v.String()
	}
	if p.addrs {
		if a := pointsTo(n.v); a != 0 {
			val += theme.Dim.Render(fmt.Sprintf("  → 0x%x", a))
		}
	}
	if n.changed {
		val = theme.Changed.Render(ansi.Strip(val))
	}
	return arrow + n.label + " = " + val
}

// pointsTo is the address a pointer (or an interface holding one) points to, 0 for nil or
// another kind of value.
func pointsTo(v value.Value) uint64 {
	switch v.Kind {
	case reflect.Pointer:
		if len(v.Children) > 0 {
			return v.Children[0].Addr
		}
	case reflect.Interface:
		if len(v.Children) > 0 {
			return pointsTo(v.Children[0])
		}
	}
	return 0
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
