package session

import (
	"reflect"
	"slices"
	"testing"

	"github.com/go-delve/delve/service/api"

	"github.com/pdbgo/pdbgo/internal/value"
)

func iface(data value.Value) value.Value {
	return value.Value{Type: "interface {}", Kind: reflect.Interface, Addr: 1, Children: []value.Value{data}}
}

func rec(data value.Value) panicRecord { return panicRecord{arg: iface(data)} }

// TestPanicValueText: values as runtime.printpanicval prints them, by the rules of Go 1.26
// (shortest floats) and of Go 1.25 and before (+d.dddddde+ddd), both checked against what
// those runtimes print (the differential test in internal/clitest runs the real ones).
func TestPanicValueText(t *testing.T) {
	cplx := func(typ string, kind, part reflect.Kind, re, im string) value.Value {
		return value.Value{Type: typ, Kind: kind, Len: 2, Children: []value.Value{{Name: "real", Kind: part, Value: re}, {Name: "imaginary", Kind: part, Value: im}}}
	}
	for _, tc := range []struct {
		rec      panicRecord
		go126    string
		go125    string // "" when the same
		whatItIs string
	}{
		{rec(value.Value{Type: "string", Kind: reflect.String, Value: "boom", Len: 4}), "boom", "", "string"},
		{rec(value.Value{Type: "string", Kind: reflect.String, Value: "two\nlines", Len: 9}), "two\n\tlines", "", "string with a newline"},
		{rec(value.Value{Type: "int", Kind: reflect.Int, Value: "42"}), "42", "", "int"},
		{rec(value.Value{Type: "float64", Kind: reflect.Float64, Value: "3.5"}), "3.5", "+3.500000e+000", "float64"},
		{rec(value.Value{Type: "float64", Kind: reflect.Float64, Value: "-0.000123"}), "-0.000123", "-1.230000e-004", "small float64"},
		{rec(value.Value{Type: "float64", Kind: reflect.Float64, Value: "NaN"}), "NaN", "", "NaN"},
		{rec(value.Value{Type: "float64", Kind: reflect.Float64, Value: "-Inf"}), "-Inf", "", "-Inf"},
		{rec(value.Value{Type: "float32", Kind: reflect.Float32, Value: "0.1"}), "0.1", "+1.000000e-001", "float32"},
		{rec(cplx("complex128", reflect.Complex128, reflect.Float64, "1", "2")), "(1+2i)", "(+1.000000e+000+2.000000e+000i)", "complex128"},
		{rec(cplx("main.MyComplex64", reflect.Complex64, reflect.Float32, "0.11", "3")), "main.MyComplex64(0.11+3i)", "main.MyComplex64(+1.100000e-001+3.000000e+000i)", "named complex64"},
		{rec(value.Value{Type: "main.MyFloat64", Kind: reflect.Float64, Value: "-93.7"}), "main.MyFloat64(-93.7)", "main.MyFloat64(-9.370000e+001)", "named float"},
		{rec(value.Value{Type: "main.MyInt", Kind: reflect.Int, Value: "93"}), "main.MyInt(93)", "", "named int"},
		{rec(value.Value{Type: "github.com/x/inner.Code", Kind: reflect.Int, Value: "7"}), "inner.Code(7)", "", "a type of another package, by package name"},
		{rec(value.Value{Type: "main.MyString", Kind: reflect.String, Value: "x\ny", Len: 3}), "main.MyString(\"x\n\ty\")", "", "named string"},
		{panicRecord{arg: iface(value.Value{Type: "main.T", Kind: reflect.Struct, Children: []value.Value{{Name: "A", Kind: reflect.Int, Value: "1"}}, Len: 1}), data: 0xc000012345}, "(main.T) 0xc000012345 {A: 1}", "", "composite: Go's text, then the value"},
		{panicRecord{arg: iface(value.Value{Type: "string", Kind: reflect.String, Value: "abc", Len: 10}), expr: "runtime.curg._panic"}, "abc [pdbgo: cut at 3 of 10 bytes; pp runtime.curg._panic.arg.(string)[3:] prints on]", "", "a cut message"},
		{panicRecord{arg: value.Value{Type: "interface {}", Kind: reflect.Interface}}, "nil", "", "nil interface"},
		{panicRecord{arg: value.Value{Type: "interface {}", Kind: reflect.Interface, Unreadable: "could not resolve interface type"}}, "(interface {}) (unreadable: could not resolve interface type)", "", "an interface Delve cannot read is not nil"},
		{panicRecord{arg: value.Value{Type: "main.Point", Kind: reflect.Struct}, data: 0x4c8b48}, "(main.Point) 0x4c8b48", "", "a composite read only by its type"},
	} {
		if got := (printRules{shortestFloats: true}).valueText(tc.rec); got != tc.go126 {
			t.Errorf("%s, Go 1.26: got %q, want %q", tc.whatItIs, got, tc.go126)
		}
		want := tc.go125
		if want == "" {
			want = tc.go126
		}
		if got := (printRules{}).valueText(tc.rec); got != want {
			t.Errorf("%s, Go 1.25: got %q, want %q", tc.whatItIs, got, want)
		}
	}
}

func TestFormatPanics(t *testing.T) {
	str := func(s string) value.Value {
		return iface(value.Value{Type: "string", Kind: reflect.String, Value: s, Len: int64(len(s))})
	}
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
		if got := (printRules{shortestFloats: true}).formatPanics(tc.chain); got != tc.want {
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

// TestCompilerVariablesLeftOut: the compiler's temporaries and unnamed results are not listed;
// the program's variables, unnamed parameters included, are.
func TestCompilerVariablesLeftOut(t *testing.T) {
	vs := []api.Variable{{Name: ".autotmp_31"}, {Name: "~r0"}, {Name: "total"}, {Name: ".dict"}, {Name: "~p0"}, {Name: "shadowed", Flags: api.VariableShadowed}, {Name: "err"}}
	var got []string
	for _, v := range toValues(vs) {
		got = append(got, v.Name)
	}
	if want := []string{"total", "~p0", "err"}; !slices.Equal(got, want) {
		t.Errorf("listed %q, want %q", got, want)
	}
}
