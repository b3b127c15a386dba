package session

import (
	"reflect"
	"testing"

	"github.com/pdbgo/pdbgo/internal/value"
)

func iface(data value.Value) value.Value {
	return value.Value{Type: "interface {}", Kind: reflect.Interface, Addr: 1, Children: []value.Value{data}}
}

func TestPanicValueText(t *testing.T) {
	for _, tc := range []struct {
		arg  value.Value
		want string
	}{
		{iface(value.Value{Type: "string", Kind: reflect.String, Value: "boom"}), "boom"},
		{iface(value.Value{Type: "string", Kind: reflect.String, Value: "two\nlines"}), "two\n\tlines"},
		{iface(value.Value{Type: "int", Kind: reflect.Int, Value: "42"}), "42"},
		{iface(value.Value{Type: "float64", Kind: reflect.Float64, Value: "1.5"}), "+1.500000e+000"},
		{iface(value.Value{Type: "main.MyInt", Kind: reflect.Int, Value: "93"}), "main.MyInt(93)"},
		{iface(value.Value{Type: "main.MyString", Kind: reflect.String, Value: "x"}), `main.MyString("x")`},
		{iface(value.Value{Type: "main.T", Kind: reflect.Struct, Children: []value.Value{{Name: "A", Kind: reflect.Int, Value: "1"}}, Len: 1}), "(main.T) {A: 1}"},
		{value.Value{Type: "interface {}", Kind: reflect.Interface}, "nil"},
	} {
		if got := PanicValueText(tc.arg); got != tc.want {
			t.Errorf("PanicValueText(%s) = %q, want %q", tc.arg.Children, got, tc.want)
		}
	}
}

func TestFormatPanics(t *testing.T) {
	str := func(s string) value.Value { return iface(value.Value{Type: "string", Kind: reflect.String, Value: s}) }
	for _, tc := range []struct {
		name  string
		chain []panicRecord // newest first
		want  string
	}{
		{"one", []panicRecord{{arg: str("a")}}, "panic: a"},
		{"raised while another unwinds", []panicRecord{{arg: str("b")}, {arg: str("a")}}, "panic: a\n\tpanic: b"},
		{"recovered and raised again", []panicRecord{{arg: str("b")}, {arg: str("a"), recovered: true}}, "panic: a [recovered]\n\tpanic: b"},
		{"repanicked", []panicRecord{{arg: str("a")}, {arg: str("a"), recovered: true, repanicked: true}}, "panic: a [recovered, repanicked]"},
	} {
		if got := formatPanics(tc.chain); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestExitStatusOf(t *testing.T) {
	if s, ok := exitStatusOf("Process 123 has exited with status 3"); !ok || s != 3 {
		t.Errorf("got %d %v", s, ok)
	}
	if _, ok := exitStatusOf("something else"); ok {
		t.Error("parsed a non-exit message")
	}
}
