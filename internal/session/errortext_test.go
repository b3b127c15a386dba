package session

import (
	"reflect"
	"testing"

	"github.com/pdbgo/pdbgo/internal/value"
)

// TestErrorText: the Error text of the runtime's and the standard library's common errors,
// read from their fields as Delve shows them, is what their Error methods return.
func TestErrorText(t *testing.T) {
	bounds := func(x, y, signed, code string) value.Value {
		return value.Value{Type: "runtime.boundsError", Kind: reflect.Struct, Children: []value.Value{
			{Name: "x", Kind: reflect.Int64, Value: x}, {Name: "y", Kind: reflect.Int, Value: y},
			{Name: "signed", Kind: reflect.Bool, Value: signed}, {Name: "code", Kind: reflect.Uint8, Value: code},
		}}
	}
	ptrTo := func(typ string, fields ...value.Value) value.Value {
		return value.Value{Type: typ, Kind: reflect.Ptr, Children: []value.Value{{Kind: reflect.Struct, Children: fields}}}
	}
	str := func(name, s string) value.Value {
		return value.Value{Name: name, Kind: reflect.String, Value: s, Len: int64(len(s))}
	}
	for _, tc := range []struct {
		v    value.Value
		want string
	}{
		{bounds("5", "2", "true", "BoundsIndex (0)"), "runtime error: index out of range [5] with length 2"},
		{bounds("-1", "2", "true", "BoundsIndex (0)"), "runtime error: index out of range [-1]"},
		{bounds("18446744073709551615", "2", "false", "BoundsIndex (0)"), "runtime error: index out of range [18446744073709551615] with length 2"},
		{bounds("3", "1", "true", "BoundsSliceB (3)"), "runtime error: slice bounds out of range [3:1]"},
		{bounds("4", "2", "true", "BoundsConvert (8)"), "runtime error: cannot convert slice with length 2 to array or pointer to array with length 4"},
		{value.Value{Type: "runtime.errorString", Kind: reflect.String, Value: "integer divide by zero"}, "runtime error: integer divide by zero"},
		{value.Value{Type: "runtime.plainError", Kind: reflect.String, Value: "assignment to entry in nil map"}, "assignment to entry in nil map"},
		{ptrTo("*errors.errorString", str("s", "boom")), "boom"},
		{ptrTo("*fmt.wrapError", str("msg", "load: file does not exist")), "load: file does not exist"},
	} {
		got, ok := errorText(tc.v)
		if !ok || got != tc.want {
			t.Errorf("%s: got %q, %v; want %q", tc.v.Type, got, ok, tc.want)
		}
	}
	if _, ok := errorText(ptrTo("*main.MyErr", str("s", "x"))); ok {
		t.Error("an error type of the program's own was read as if known")
	}
}
