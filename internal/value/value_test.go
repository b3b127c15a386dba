package value

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func ints(n int, total int64) Value {
	v := Value{Type: "[]int", Kind: reflect.Slice, Len: total, Cap: total, Base: 1}
	for i := range n {
		v.Children = append(v.Children, Value{Type: "int", Kind: reflect.Int, Value: string(rune('0' + i))})
	}
	return v
}

func TestString(t *testing.T) {
	str := func(s string, n int64) Value { return Value{Type: "string", Kind: reflect.String, Value: s, Len: n} }
	order := Value{Type: "main.Order", Kind: reflect.Struct, Len: 2, Children: []Value{
		{Name: "ID", Type: "int", Kind: reflect.Int, Value: "41"},
		{Name: "Tag", Type: "string", Kind: reflect.String, Value: "qty", Len: 3},
	}}
	for _, tc := range []struct {
		name string
		v    Value
		want string
	}{
		{"int", Value{Type: "int", Kind: reflect.Int, Value: "41"}, "41"},
		{"string", str("qty", 3), `"qty"`},
		{"truncated string", str("abc", 10), `"abc...+7 more"`},
		{"cut inside a rune", str("h\xc3", 5), `"h...+4 more"`},
		{"struct", order, `main.Order {ID: 41, Tag: "qty"}`},
		{"slice", ints(3, 3), "[]int len: 3, cap: 3, [0,1,2]"},
		{"truncated slice", ints(2, 1000000), "[]int len: 1000000, cap: 1000000, [0,1,...+999998 more]"},
		{"nil slice", Value{Type: "[]int", Kind: reflect.Slice}, "[]int len: 0, cap: 0, nil"},
		{"nil map", Value{Type: "map[string]int", Kind: reflect.Map}, "map[string]int nil"},
		{"map", Value{Type: "map[string]int", Kind: reflect.Map, Len: 3, Base: 1, Children: []Value{str("a", 1), {Kind: reflect.Int, Value: "1"}}},
			`map[string]int ["a": 1, ...+2 more]`},
		{"pointer", Value{Type: "*main.Order", Kind: reflect.Pointer, Children: []Value{withAddr(order)}}, `*main.Order {ID: 41, Tag: "qty"}`},
		{"nil pointer", Value{Type: "*main.Order", Kind: reflect.Pointer, Children: []Value{{Kind: reflect.Struct}}}, "nil"},
		{"pointer at the depth limit", Value{Type: "*main.Order", Kind: reflect.Pointer, Children: []Value{{Addr: 0xc0, OnlyAddr: true}}}, "(*main.Order)(0xc0)"},
		{"interface", Value{Type: "error", Kind: reflect.Interface, Addr: 1, Children: []Value{
			{Type: "*main.E", Kind: reflect.Pointer, Children: []Value{withAddr(order)}}}}, `error(*main.E) *{ID: 41, Tag: "qty"}`},
		{"interface at the depth limit", Value{Type: "interface {}", Kind: reflect.Interface, Addr: 1, Children: []Value{
			{Type: "string", Kind: reflect.String, Addr: 0x4f1268, OnlyAddr: true}}}, "interface {}(string) ..."},
		{"nil interface", Value{Type: "error", Kind: reflect.Interface, Addr: 1, Children: []Value{{Kind: reflect.Invalid}}}, "error nil"},
		{"unreadable", Value{Unreadable: "no memory"}, "(unreadable no memory)"},
		{"struct not loaded", Value{Type: "main.T", Kind: reflect.Struct, Len: 3}, "main.T {...}"},
		{"chan", Value{Type: "chan int", Kind: reflect.Chan, Children: []Value{{Value: "1"}, {Value: "4"}}}, "chan int 1/4"},
	} {
		if got := tc.v.String(); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, got, tc.want)
		}
	}
}

func withAddr(v Value) Value { v.Addr = 0xc0; return v }

func TestBounded(t *testing.T) {
	big := Value{Type: "[]string", Kind: reflect.Slice, Len: 64, Cap: 64, Base: 1}
	for range 64 {
		big.Children = append(big.Children, Value{Type: "string", Kind: reflect.String, Value: strings.Repeat("é", 500), Len: 1000})
	}
	got := big.String()
	if len(got) > MaxLine+64 || !strings.HasSuffix(got, "...(output truncated)") {
		t.Errorf("len %d, ends %q", len(got), got[len(got)-40:])
	}
	if !utf8.ValidString(got) {
		t.Error("a cut split a character")
	}
}

func TestMultiline(t *testing.T) {
	v := Value{Type: "main.T", Kind: reflect.Struct, Len: 2, Children: []Value{
		{Name: "A", Kind: reflect.Int, Value: "1"},
		{Name: "B", Type: "[]int", Kind: reflect.Slice, Len: 2, Cap: 2, Base: 1, Children: []Value{{Kind: reflect.Int, Value: "1"}, {Kind: reflect.Int, Value: "2"}}},
	}}
	want := "main.T {\n\tA: 1,\n\tB: []int len: 2, cap: 2, [\n\t\t1,\n\t\t2\n\t]\n}"
	if got := v.Multiline(1 << 10); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"main.Order":            "main.Order",
		`map["a\b"]int`:         `map["a\b"]int`, // quotes and backslashes as they are
		"Größe":                 "Größe",
		"a\nb\tc\x1b[2J\x7f":    `a\nb\tc\x1b[2J\x7f`,
		"\xff\xc3":              `\xff\xc3`,
		"rtl\u202eoverride":     `rtl\u202eoverride`,
		"\U000e0001 tag":        `\U000e0001 tag`,
		"\u0085 next line (C1)": `\u0085 next line (C1)`,
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %s, want %s", in, got, want)
		}
	}
	v := Value{Name: "x\ny", Type: "main.T\r", Kind: reflect.Struct, Len: 1, Children: []Value{{Name: "a\x00", Kind: reflect.Int, Value: "1\n"}}}
	if got, want := v.String(), `main.T\r {a\x00: 1\n}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestTypeName(t *testing.T) {
	for _, tc := range []struct{ delve, want string }{
		{"struct { example.com/try3.in string; example.com/try3.want int }", "struct { in string; want int }"},
		{"[]struct { example.com/p.name string; example.com/p.args []string; Exported bool }", "[]struct { name string; args []string; Exported bool }"},
		{"struct { main.t time.Time; main.inner struct { main.n int }; main.m map[string]int }", "struct { t time.Time; inner struct { n int }; m map[string]int }"},
		{"struct { sync.Mutex; main.n int }", "struct { sync.Mutex; n int }"},
		{"struct { A time.Time }", "struct { A time.Time }"},
		{"struct {}", "struct {}"},
		{"main.T", "main.T"},
		{"map[string]*github.com/x/y.T", "map[string]*github.com/x/y.T"},
	} {
		if got := TypeName(tc.delve); got != tc.want {
			t.Errorf("TypeName(%q) = %q, want %q", tc.delve, got, tc.want)
		}
	}
}
