package ui

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/value"
)

func TestPageExpressions(t *testing.T) {
	slice := strs("s", 0, 64, 1000)
	mapv := value.Value{Name: "m", Type: "map[int]int", Kind: reflect.Map, Len: 100, Base: 1}
	for i := range 64 {
		mapv.Children = append(mapv.Children, num("", i), num("", i))
	}
	ptrToSlice := value.Value{Name: "p", Type: "*[]string", Kind: reflect.Pointer, Children: []value.Value{slice}}
	arr := value.Value{Name: "a", Type: "[100]int", Kind: reflect.Array, Len: 100, Children: make([]value.Value, 64)}
	for _, c := range []struct {
		expr string
		v    value.Value
		want string
		from int64
	}{
		{"s", slice, "s[64:128]", 64},
		{"m", mapv, "m[64:]", 64},
		{"p", ptrToSlice, "(*p)[64:128]", 64},
		{"a", arr, "a[64:100]", 64},
		{"o.Items", strs("", 0, 64, 70), "o.Items[64:70]", 64},
		{"*(*[]string)(0xc0)", strs("", 0, 64, 70), "(*(*[]string)(0xc0))[64:70]", 64},
	} {
		got, from, ok := pageExpr(&varNode{expr: c.expr, v: c.v}, opAppend)
		if !ok || got != c.want || from != c.from {
			t.Errorf("next page of %s: %q from %d (%v), want %q from %d", c.expr, got, from, ok, c.want, c.from)
		}
	}
}

func TestChildExpressions(t *testing.T) {
	p := &varsPane{nodes: map[string]*varNode{}}
	o := &varNode{key: "a:o", label: "o", expr: "o", v: order("o", 41, true)}
	p.build(o)
	want := map[string]string{"ID": "o.ID", "Items": "o.Items", "Meta": "o.Meta"}
	for _, k := range o.kids {
		if want[k.label] != k.expr {
			t.Errorf("child %s of o: expression %q, want %q", k.label, k.expr, want[k.label])
		}
	}
	items := o.kids[1]
	p.build(items)
	if items.kids[1].expr != "o.Items[1]" {
		t.Errorf("o.Items[1] has expression %q", items.kids[1].expr)
	}
	meta := o.kids[2]
	p.build(meta)
	if len(meta.kids) != 1 || meta.kids[0].label != `["qty"]` || meta.kids[0].expr != `o.Meta["qty"]` {
		t.Errorf("map entry: %+v", meta.kids[0])
	}
	// A pointer to a scalar opens on its target.
	ip := &varNode{key: "l:ip", label: "ip", expr: "ip", v: value.Value{Name: "ip", Type: "*int", Kind: reflect.Pointer,
		Children: []value.Value{{Type: "int", Kind: reflect.Int, Value: "7", Addr: 0xc1}}}}
	if !expandable(ip.v) || needsLoad(ip.v) {
		t.Fatal("*int is not expandable at once")
	}
	p.build(ip)
	if len(ip.kids) != 1 || ip.kids[0].expr != "*ip" || ip.kids[0].v.Value != "7" {
		t.Errorf("*ip: %+v", ip.kids)
	}
	// A pointer whose target was not loaded (recursion limit) loads again before opening.
	deep := value.Value{Name: "d", Type: "*main.T", Kind: reflect.Pointer, Children: []value.Value{{Type: "main.T", Kind: reflect.Struct, OnlyAddr: true, Addr: 0xc2}}}
	if !needsLoad(deep) {
		t.Error("a pointer to an unloaded struct does not need loading")
	}
	nilPtr := value.Value{Name: "n", Type: "*main.T", Kind: reflect.Pointer, Children: []value.Value{{Kind: reflect.Struct}}}
	if expandable(nilPtr) {
		t.Error("a nil pointer is expandable")
	}
}

func TestCommas(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 999936: "999,936", 1234567: "1,234,567", -1500: "-1,500"} {
		if got := commas(n); got != want {
			t.Errorf("commas(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestChangedKeysAreNodeExpressions: the values remembered to mark what changed since the last
// stop are keyed by the expressions the tree's nodes have, so every node two levels down finds
// its own (the elements of a pointed-to slice, the fields of a struct in an interface).
func TestChangedKeysAreNodeExpressions(t *testing.T) {
	ps := value.Value{Name: "ps", Type: "*[]string", Kind: reflect.Pointer, Addr: 0xc8, Children: []value.Value{strs("", 0, 3, 3)}}
	st := order("", 41, true).Children[0]
	iface := value.Value{Name: "e", Type: "any", Kind: reflect.Interface, Addr: 0xd0, Children: []value.Value{st}}
	vals := flatten([]value.Value{ps, iface, order("o", 41, true)})
	p := &varsPane{nodes: map[string]*varNode{}}
	for _, v := range []value.Value{ps, iface, order("o", 41, true)} {
		n := &varNode{key: v.Name, label: v.Name, expr: v.Name, v: v}
		p.build(n)
		for _, k := range n.kids {
			p.build(k)
			for _, kk := range append([]*varNode{k}, k.kids...) {
				if _, ok := vals[kk.expr]; !ok && kk.expr != "" {
					t.Errorf("node %s (%s) has no remembered value; remembered: %q", kk.key, kk.expr, sortedKeys(vals))
				}
			}
		}
	}
}

func sortedKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestDerefThroughInterface: an interface holding a pointer to a number opens on the number,
// reached through its address.
func TestDerefThroughInterface(t *testing.T) {
	ip := value.Value{Type: "*int", Kind: reflect.Pointer, Addr: 0xc0, Children: []value.Value{{Type: "int", Kind: reflect.Int, Value: "7", Addr: 0xc1}}}
	n := &varNode{key: "l:x", label: "x", expr: "x", v: value.Value{Name: "x", Type: "any", Kind: reflect.Interface, Addr: 0xb0, Children: []value.Value{ip}}}
	if !expandable(n.v) || needsLoad(n.v) {
		t.Fatal("any(*int) is not expandable at once")
	}
	p := &varsPane{nodes: map[string]*varNode{}}
	p.build(n)
	if len(n.kids) != 1 || n.kids[0].label != "*x" || n.kids[0].expr != "*(*int)(0xc1)" || n.kids[0].v.Value != "7" {
		t.Errorf("children of any(*int): %+v", n.kids)
	}
}

// TestWatchFilterAddresses: w adds the row as a watch (a display), / keeps the rows whose name
// matches as typed (esc shows them all again), & shows where pointers point.
func TestWatchFilterAddresses(t *testing.T) {
	m, _ := newStopped(t, 120, 30)
	selectVar(t, m, "slot =")
	press(m, "w")
	if n := m.vars.nodes["w:slot"]; n == nil || n.v.Value != "5" {
		t.Fatalf("w on slot added no watch:\n%s", varsText(m))
	}
	press(m, "/")
	typeKeys(m, "SL")
	text := varsText(m)
	if strings.Contains(text, "key =") || strings.Contains(text, "Locals") || strings.Count(text, "slot = 5") != 2 {
		t.Errorf("filter sl:\n%s", text)
	}
	press(m, "enter")
	if !strings.Contains(m.vars.View(), "filter: SL  (esc clears)") {
		t.Errorf("the filter kept is not shown:\n%s", m.vars.View())
	}
	press(m, "esc")
	if text := varsText(m); !strings.Contains(text, "key =") || !strings.Contains(text, "Locals") {
		t.Errorf("esc did not clear the filter:\n%s", text)
	}
	press(m, "&")
	if text := varsText(m); !strings.Contains(text, "o = *main.Order {ID: 41, Items: []string len: 2, cap: 2, [...], Meta: map[string]int [...]}  → 0xc000040000") {
		t.Errorf("& did not show where o points:\n%s", text)
	}
}

// TestChangeMarkInAColumn: a value changed since the last stop is marked in a column of its
// own, with a mark no Go value reads as, and the title says what the mark means.
func TestChangeMarkInAColumn(t *testing.T) {
	m := New(Options{Debugger: &fakeDebugger{AtBreakpoint: true}})
	m.Update(resize(120, 30))
	settle(m, m.Init())
	typeLine(m, "next")
	lines := strings.Split(m.vars.View(), "\n")
	if !strings.Contains(lines[0], "• changed") {
		t.Errorf("the title does not say what • means: %q", lines[0])
	}
	var slot, key string
	for _, l := range lines {
		switch {
		case strings.Contains(l, "slot ="):
			slot = strings.TrimRight(l, " ")
		case strings.Contains(l, "key ="):
			key = strings.TrimRight(l, " ")
		}
	}
	if slot != " •  slot = 6" || key != "    key = \"qty\"" {
		t.Errorf("rows: %q and %q", slot, key)
	}
}

// TestCycleMarkAndMapOrder: a pointer back to a node above it is marked, not opened again;
// map entries show in the order of their keys, numbers by value.
func TestCycleMarkAndMapOrder(t *testing.T) {
	p := &varsPane{nodes: map[string]*varNode{}}
	node := func(addr, next uint64, val int) value.Value {
		st := value.Value{Type: "main.node", Kind: reflect.Struct, Len: 2, Addr: addr, Children: []value.Value{num("val", val),
			{Name: "next", Type: "*main.node", Kind: reflect.Pointer, Children: []value.Value{{Type: "main.node", Kind: reflect.Struct, Addr: next, OnlyAddr: true}}}}}
		return value.Value{Name: "r", Type: "*main.node", Kind: reflect.Pointer, Children: []value.Value{st}}
	}
	r := &varNode{key: "l:r", label: "r", expr: "r", v: node(0x100, 0x200, 1)}
	p.build(r)
	next := r.kids[1]
	next.v = node(0x200, 0x100, 2)
	next.built = false
	p.build(next)
	back := next.kids[1]
	if back.cycle != "r" || !strings.Contains(ansi.Strip(p.nodeText(back)), "next = *main.node ↻ same as r") {
		t.Errorf("the pointer back to r: %q (%q)", back.cycle, p.nodeText(back))
	}
	m := &varNode{key: "l:m", label: "m", expr: "m", v: value.Value{Name: "m", Type: "map[int]string", Kind: reflect.Map, Len: 3,
		Children: []value.Value{num("", 10), str("", "ten"), num("", 2), str("", "two"), num("", -1), str("", "minus one")}}}
	p.build(m)
	var order []string
	for _, k := range m.kids {
		order = append(order, k.label)
	}
	if strings.Join(order, " ") != "[-1] [2] [10]" {
		t.Errorf("map entries in the order %q", order)
	}
}
