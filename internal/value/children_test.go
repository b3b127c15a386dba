package value

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// describe writes children as kind:name=value, one after the other, for comparing.
func describe(kids []Child) string {
	var out []string
	for _, c := range kids {
		var name string
		switch c.Kind {
		case Field, Internal:
			name = c.Name
		case Element:
			name = fmt.Sprint(c.Index)
		case Entry:
			name = c.Key.String()
		}
		out = append(out, fmt.Sprintf("%s:%s=%s", c.Kind, name, c.Value.String()))
	}
	return strings.Join(out, " ")
}

func TestExpand(t *testing.T) {
	num := func(n string) Value { return Value{Type: "int", Kind: reflect.Int, Value: n, Addr: 0xc8} }
	str := func(s string) Value { return Value{Type: "string", Kind: reflect.String, Value: s, Len: int64(len(s))} }
	order := Value{Type: "main.Order", Kind: reflect.Struct, Len: 2, Addr: 0xc0, Children: []Value{
		func() Value { v := num("41"); v.Name = "ID"; return v }(),
		func() Value { v := str("qty"); v.Name = "Tag"; return v }(),
	}}
	ptr := func(to Value) Value { return Value{Type: "*" + to.Type, Kind: reflect.Pointer, Children: []Value{to}} }
	iface := func(data Value) Value {
		return Value{Type: "any", Kind: reflect.Interface, Addr: 1, Children: []Value{data}}
	}
	slice := Value{Type: "[]int", Kind: reflect.Slice, Len: 100, Cap: 100, Base: 1, Children: []Value{num("7"), num("8")}}
	mapv := Value{Type: "map[string]int", Kind: reflect.Map, Len: 2, Base: 1, Children: []Value{str("a"), num("1"), str("b"), num("2")}}
	ch := Value{Type: "chan int", Kind: reflect.Chan, Children: []Value{{Name: "qcount", Kind: reflect.Uint, Value: "1"}, {Name: "dataqsiz", Kind: reflect.Uint, Value: "4"}}}
	notLoaded := Value{Type: "main.Order", Kind: reflect.Struct, Addr: 0xc0, OnlyAddr: true}

	for _, tc := range []struct {
		name  string
		v     Value
		first int64
		want  string
	}{
		{"struct", order, 0, `field:ID=41 field:Tag="qty"`},
		{"slice", slice, 0, "element:0=7 element:1=8"},
		{"a page of a slice", slice, 64, "element:64=7 element:65=8"},
		{"array", Value{Type: "[2]int", Kind: reflect.Array, Len: 2, Children: []Value{num("1"), num("2")}}, 0, "element:0=1 element:1=2"},
		{"map", mapv, 0, `entry:"a"=1 entry:"b"=2`},
		{"channel", ch, 0, "internal:qcount=1 internal:dataqsiz=4"},
		{"pointer to a struct: looked through", ptr(order), 0, `field:ID=41 field:Tag="qty"`},
		{"pointer to a slice: looked through", ptr(slice), 0, "element:0=7 element:1=8"},
		{"pointer to a number", ptr(num("7")), 0, "deref:=7"},
		{"pointer to a string", ptr(str("x")), 0, `deref:="x"`},
		{"pointer to a pointer", ptr(ptr(num("7"))), 0, "deref:=*7"},
		{"pointer to an interface", ptr(iface(num("7"))), 0, "deref:=any(int) 7"},
		{"nil pointer", Value{Type: "*main.Order", Kind: reflect.Pointer, Children: []Value{{Kind: reflect.Struct}}}, 0, ""},
		{"pointer not loaded", ptr(notLoaded), 0, ""},
		{"interface holding a struct", iface(order), 0, `field:ID=41 field:Tag="qty"`},
		{"interface holding a pointer to a struct", iface(ptr(order)), 0, `field:ID=41 field:Tag="qty"`},
		{"interface holding a pointer to a number", iface(ptr(num("7"))), 0, "deref:=7"},
		{"interface holding a number", iface(num("7")), 0, ""},
		{"nil interface", iface(Value{Kind: reflect.Invalid}), 0, ""},
		{"interface not loaded", iface(notLoaded), 0, ""},
		{"string", str("abc"), 0, ""},
		{"number", num("1"), 0, ""},
		{"unreadable", Value{Kind: reflect.Struct, Unreadable: "no memory", Children: order.Children}, 0, ""},
	} {
		if got := describe(tc.v.Expand(tc.first)); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestTarget(t *testing.T) {
	s := Value{Type: "[]int", Kind: reflect.Slice, Len: 3}
	ptrS := Value{Type: "*[]int", Kind: reflect.Pointer, Children: []Value{s}}
	ptrPtr := Value{Type: "**[]int", Kind: reflect.Pointer, Children: []Value{ptrS}}
	iface := func(data Value) Value {
		return Value{Type: "any", Kind: reflect.Interface, Addr: 1, Children: []Value{data}}
	}
	for _, tc := range []struct {
		name string
		v    Value
		want reflect.Kind
	}{
		{"slice", s, reflect.Slice},
		{"pointer", ptrS, reflect.Slice},
		{"pointer to a pointer: one level", ptrPtr, reflect.Pointer},
		{"interface", iface(s), reflect.Slice},
		{"interface holding a pointer: both", iface(ptrS), reflect.Slice},
		{"nil interface", iface(Value{Kind: reflect.Invalid}), reflect.Interface},
		{"pointer with nothing loaded", Value{Kind: reflect.Pointer}, reflect.Pointer},
	} {
		if got := tc.v.Target().Kind; got != tc.want {
			t.Errorf("%s: target kind %v, want %v", tc.name, got, tc.want)
		}
	}
}
