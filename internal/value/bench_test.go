package value

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// Values as Delve loads them for locals (64 elements, strings of 64 bytes, one level deep),
// the shapes of the benchmark programs: big slices of structs, big maps, long strings.

func point(i int) Value {
	return Value{Type: "main.Point", Kind: reflect.Struct, Children: []Value{
		{Name: "X", Type: "int", Kind: reflect.Int, Value: strconv.Itoa(i)},
		{Name: "Y", Type: "int", Kind: reflect.Int, Value: strconv.Itoa(-i)},
		{Name: "Label", Type: "string", Kind: reflect.String, Value: "p", Len: 1},
		{Name: "Tags", Type: "[]string", Kind: reflect.Slice},
	}}
}

func bigSlice() Value {
	v := Value{Name: "points", Type: "[]main.Point", Kind: reflect.Slice, Len: 1_000_000, Cap: 1_000_000, Base: 0xc000100000}
	for i := range 64 {
		v.Children = append(v.Children, point(i))
	}
	return v
}

func bigMap() Value {
	v := Value{Name: "index", Type: "map[string]int", Kind: reflect.Map, Len: 100_000, Base: 0xc000200000}
	for i := range 64 {
		k := "key-" + strconv.Itoa(i*1013)
		v.Children = append(v.Children,
			Value{Type: "string", Kind: reflect.String, Value: k, Len: int64(len(k))},
			Value{Type: "int", Kind: reflect.Int, Value: strconv.Itoa(i * 1013)})
	}
	return v
}

func longString() Value {
	return Value{Name: "text", Type: "string", Kind: reflect.String, Value: strings.Repeat("0123456789abcdef", 4), Len: 5 << 20}
}

func order() Value {
	items := Value{Name: "Items", Type: "[]string", Kind: reflect.Slice, Len: 2, Cap: 2, Base: 0xc000010000, Children: []Value{
		{Type: "string", Kind: reflect.String, Value: "kettle", Len: 6},
		{Type: "string", Kind: reflect.String, Value: "lid", Len: 3},
	}}
	meta := Value{Name: "Meta", Type: "map[string]int", Kind: reflect.Map, Len: 1, Base: 0xc000020000, Children: []Value{
		{Type: "string", Kind: reflect.String, Value: "qty", Len: 3},
		{Type: "int", Kind: reflect.Int, Value: "1"},
	}}
	s := Value{Type: "main.Order", Kind: reflect.Struct, Addr: 0xc000030000, Children: []Value{
		{Name: "ID", Type: "int", Kind: reflect.Int, Value: "41"}, items, meta,
	}}
	return Value{Name: "o", Type: "*main.Order", Kind: reflect.Pointer, Children: []Value{s}}
}

func BenchmarkString(b *testing.B) {
	for _, c := range []struct {
		name string
		v    Value
	}{
		{"int", Value{Type: "int", Kind: reflect.Int, Value: "42"}},
		{"pointer-to-struct", order()},
		{"slice-1e6-structs", bigSlice()},
		{"map-1e5", bigMap()},
		{"string-5MB", longString()},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = c.v.String()
			}
		})
	}
}

func BenchmarkMultiline(b *testing.B) {
	v := bigSlice()
	b.ReportAllocs()
	for b.Loop() {
		_ = v.Multiline(64 << 10)
	}
}
