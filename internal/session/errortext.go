package session

import (
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/pdbgo/pdbgo/internal/value"
)

// errorText is what Error() returns for the error types programs panic with most, read from
// their fields: the runtime's own (index out of range, nil dereference, nil map) and the
// standard library's errors.New and fmt.Errorf. The runtime calls Error just before it prints
// a panic; a stop before that (a program exiting while a goroutine runs a panic's deferred
// calls, trace.OnPanic) sees the error value itself, and pdbgo cannot call methods there.
// false for any other value.
func errorText(v value.Value) (string, bool) {
	switch v.Type {
	case "runtime.errorString":
		return "runtime error: " + v.Value, true
	case "runtime.plainError":
		return v.Value, true
	case "*runtime.PanicNilError":
		return "panic called with nil argument", true
	case "runtime.boundsError":
		return boundsErrorText(v)
	case "*errors.errorString":
		return field(v, "s")
	case "*fmt.wrapError", "*fmt.wrapErrors":
		return field(v, "msg")
	}
	return "", false
}

// field is the string field name of the struct v points to.
func field(v value.Value, name string) (string, bool) {
	if v.Kind == reflect.Ptr && len(v.Children) == 1 {
		v = v.Children[0]
	}
	for _, f := range v.Children {
		if f.Name == name && f.Kind == reflect.String && int64(len(f.Value)) >= f.Len {
			return f.Value, true
		}
	}
	return "", false
}

// boundsErrorFormats are runtime.boundsError's messages by its code, and by its code when x is
// negative (runtime/error.go, the same from Go 1.13 to 1.26).
var boundsErrorFormats = [...][2]string{
	{"index out of range [%x] with length %y", "index out of range [%x]"},
	{"slice bounds out of range [:%x] with length %y", "slice bounds out of range [:%x]"},
	{"slice bounds out of range [:%x] with capacity %y", "slice bounds out of range [:%x]"},
	{"slice bounds out of range [%x:%y]", "slice bounds out of range [%x:]"},
	{"slice bounds out of range [::%x] with length %y", "slice bounds out of range [::%x]"},
	{"slice bounds out of range [::%x] with capacity %y", "slice bounds out of range [::%x]"},
	{"slice bounds out of range [:%x:%y]", "slice bounds out of range [:%x:]"},
	{"slice bounds out of range [%x:%y:]", "slice bounds out of range [%x::]"},
	{"cannot convert slice with length %y to array or pointer to array with length %x", ""},
}

// trailingNumber is the number Delve shows after a constant's name ("BoundsIndex (0)").
var trailingNumber = regexp.MustCompile(`(\d+)\)?$`)

// boundsErrorText is runtime.boundsError's Error: x, y, signed and the code pick the message.
func boundsErrorText(v value.Value) (string, bool) {
	var x, y, code int64
	var signed, okX, okY, okCode bool
	for _, f := range v.Children {
		switch f.Name {
		case "x":
			n, err := strconv.ParseInt(f.Value, 10, 64)
			if err != nil { // a uint64 above MaxInt64 can only be unsigned
				u, uerr := strconv.ParseUint(f.Value, 10, 64)
				n, err = int64(u), uerr
			}
			x, okX = n, err == nil
		case "y":
			n, err := strconv.ParseInt(f.Value, 10, 64)
			y, okY = n, err == nil
		case "signed":
			signed = f.Value == "true"
		case "code":
			if m := trailingNumber.FindStringSubmatch(f.Value); m != nil {
				n, err := strconv.ParseInt(m[1], 10, 64)
				code, okCode = n, err == nil
			}
		}
	}
	if !okX || !okY || !okCode || code < 0 || code >= int64(len(boundsErrorFormats)) {
		return "", false
	}
	format := boundsErrorFormats[code][0]
	if signed && x < 0 && boundsErrorFormats[code][1] != "" {
		format = boundsErrorFormats[code][1]
	}
	xText := strconv.FormatUint(uint64(x), 10)
	if signed && x < 0 {
		xText = strconv.FormatInt(x, 10)
	}
	text := strings.NewReplacer("%x", xText, "%y", strconv.FormatInt(y, 10)).Replace(format)
	return "runtime error: " + text, true
}
