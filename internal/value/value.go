// Package value holds a program's values as pdbgo shows them, independent of Delve, and formats
// them on one line or several, always within a size bound.
package value

import (
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Value is a variable or the result of an expression, with as many children as were loaded.
type Value struct {
	Name       string
	Type       string
	Kind       reflect.Kind
	Value      string // scalars: the value as text; strings: the bytes loaded; funcs: the name
	Len        int64  // strings, slices, arrays, maps, channels: the real length
	Cap        int64
	Addr       uint64 // address of the variable itself
	Base       uint64 // slices, strings: the backing array; maps: the table (0: nil)
	OnlyAddr   bool   // only the address was loaded (recursion limit)
	Unreadable string // why the value could not be read
	Children   []Value
}

// Truncated reports whether fewer children (or bytes of a string) were loaded than exist.
func (v Value) Truncated() bool {
	switch v.Kind {
	case reflect.String:
		return int64(len(v.Value)) < v.Len
	case reflect.Slice, reflect.Array:
		return int64(len(v.Children)) < v.Len
	case reflect.Map:
		return int64(len(v.Children)/2) < v.Len
	}
	return false
}

// MaxLine bounds a single-line rendering; the rest is replaced by a marker.
const MaxLine = 4096

// String renders v on one line, bounded by MaxLine.
func (v Value) String() string {
	p := printer{budget: MaxLine}
	p.value(v, true, true, "")
	return p.result()
}

// Untyped renders v on one line without the type name a struct or array starts with.
func (v Value) Untyped() string {
	p := printer{budget: MaxLine}
	p.value(v, true, false, "")
	return p.result()
}

// Multiline renders v expanded, one field or element per line, bounded by max bytes.
func (v Value) Multiline(max int) string {
	p := printer{budget: max, newlines: true}
	p.value(v, true, true, "")
	return p.result()
}

type printer struct {
	b        strings.Builder
	budget   int
	newlines bool
	over     bool
}

func (p *printer) write(s string) {
	if p.over {
		return
	}
	if p.b.Len()+len(s) > p.budget {
		s = trimRunes(s[:max(p.budget-p.b.Len(), 0)])
		p.b.WriteString(s)
		p.over = true
		return
	}
	p.b.WriteString(s)
}

func (p *printer) result() string {
	if p.over {
		return p.b.String() + " ...(output truncated)"
	}
	return p.b.String()
}

// trimRunes drops a partial UTF-8 sequence at the end of s, so a cut never splits a character.
func trimRunes(s string) string {
	for i := 0; i < utf8.UTFMax && len(s) > 0; i++ {
		r, size := utf8.DecodeLastRuneInString(s)
		if r != utf8.RuneError || size > 1 {
			return s
		}
		s = s[:len(s)-1]
	}
	return s
}

// value writes v. top is true for the value asked for; withType says whether the type name
// is printed before composite values.
func (p *printer) value(v Value, top, withType bool, indent string) {
	if p.over {
		return
	}
	if v.Unreadable != "" {
		p.write("(unreadable " + p.text(v.Unreadable) + ")")
		return
	}
	typ := p.text(v.Type)
	switch v.Kind {
	case reflect.String:
		p.write(quote(v))
	case reflect.Slice:
		p.write(typ + " len: " + itoa(v.Len) + ", cap: " + itoa(v.Cap) + ", ")
		if v.Base == 0 && len(v.Children) == 0 {
			p.write("nil")
			return
		}
		p.elements(v, indent)
	case reflect.Array:
		p.write(typ + " ")
		p.elements(v, indent)
	case reflect.Map:
		if v.Base == 0 && len(v.Children) == 0 {
			p.write(typ + " nil")
			return
		}
		p.write(typ + " ")
		p.mapEntries(v, indent)
	case reflect.Struct:
		if withType {
			p.write(typ + " ")
		}
		p.fields(v, indent)
	case reflect.Pointer:
		switch {
		case len(v.Children) == 0 || v.Children[0].Addr == 0:
			p.write("nil")
		case v.Children[0].OnlyAddr:
			p.write("(" + typ + ")(0x" + strconv.FormatUint(v.Children[0].Addr, 16) + ")")
		default:
			p.write("*")
			p.value(v.Children[0], false, withType, indent)
		}
	case reflect.UnsafePointer:
		if len(v.Children) == 0 || v.Children[0].Addr == 0 {
			p.write("unsafe.Pointer(nil)")
		} else {
			p.write("unsafe.Pointer(0x" + strconv.FormatUint(v.Children[0].Addr, 16) + ")")
		}
	case reflect.Interface:
		p.iface(v, indent)
	case reflect.Chan:
		if len(v.Children) < 2 {
			p.write(typ + " nil")
			return
		}
		p.write(typ + " " + p.text(v.Children[0].Value) + "/" + p.text(v.Children[1].Value))
	case reflect.Func:
		if v.Value == "" {
			p.write("nil")
		} else {
			p.write(p.text(v.Value))
		}
	case reflect.Invalid:
		if v.Value == "" {
			p.write("nil")
		} else {
			p.write(p.text(v.Value))
		}
	default: // bool, numbers
		if v.Value == "" {
			p.write("?")
		} else {
			p.write(p.text(v.Value))
		}
	}
}

func (p *printer) iface(v Value, indent string) {
	if v.Addr == 0 && len(v.Children) == 0 || len(v.Children) == 0 {
		p.write("nil")
		return
	}
	data := v.Children[0]
	if data.Kind == reflect.Invalid {
		p.write(p.text(v.Type) + " nil")
		return
	}
	p.write(p.text(v.Type) + "(" + p.text(data.Type) + ") ")
	if data.OnlyAddr {
		// Not loaded (the depth limit): its address would mean nothing to the reader; printing
		// the expression that leads to it loads it.
		p.write("...")
		return
	}
	// The type was just printed in parentheses: don't repeat it for structs.
	p.value(data, false, false, indent)
}

func quote(v Value) string {
	text := trimRunesIf(v)
	s := strconv.Quote(text)
	if more := v.Len - int64(len(text)); more > 0 {
		return s[:len(s)-1] + "...+" + itoa(more) + " more\""
	}
	return s
}

// trimRunesIf trims a partial rune at the end of a string cut by the load limit.
func trimRunesIf(v Value) string {
	if int64(len(v.Value)) < v.Len {
		return trimRunes(v.Value)
	}
	return v.Value
}

// sep separates elements: ", " on one line, "," before a line break.
func (p *printer) sep() string {
	if p.newlines {
		return ","
	}
	return ", "
}

func (p *printer) open(indent string) string {
	if p.newlines {
		return "\n" + indent + "\t"
	}
	return ""
}

func (p *printer) elements(v Value, indent string) {
	if len(v.Children) == 0 && v.Len > 0 {
		p.write("[...]")
		return
	}
	p.write("[")
	inner := indent + "\t"
	for i, c := range v.Children {
		if i > 0 {
			p.write(",")
		}
		p.write(p.open(indent))
		p.value(c, false, false, inner)
	}
	if more := v.Len - int64(len(v.Children)); more > 0 {
		if len(v.Children) > 0 {
			p.write(",")
		}
		p.write(p.open(indent) + "...+" + itoa(more) + " more")
	}
	if p.newlines && len(v.Children) > 0 {
		p.write("\n" + indent)
	}
	p.write("]")
}

func (p *printer) mapEntries(v Value, indent string) {
	if len(v.Children) == 0 && v.Len > 0 {
		p.write("[...]")
		return
	}
	p.write("[")
	inner := indent + "\t"
	for i := 0; i+1 < len(v.Children); i += 2 {
		if i > 0 {
			p.write(p.sep())
		}
		p.write(p.open(indent))
		p.value(v.Children[i], false, false, inner)
		p.write(": ")
		p.value(v.Children[i+1], false, false, inner)
	}
	if more := v.Len - int64(len(v.Children)/2); more > 0 {
		if len(v.Children) > 0 {
			p.write(p.sep())
		}
		p.write(p.open(indent) + "...+" + itoa(more) + " more")
	}
	if p.newlines && len(v.Children) > 0 {
		p.write("\n" + indent)
	}
	p.write("]")
}

func (p *printer) fields(v Value, indent string) {
	if len(v.Children) == 0 && v.Len > 0 {
		p.write("{...}")
		return
	}
	p.write("{")
	inner := indent + "\t"
	for i, c := range v.Children {
		if i > 0 {
			p.write(p.sep())
		}
		p.write(p.open(indent))
		p.write(p.text(c.Name) + ": ")
		p.value(c, false, true, inner)
	}
	if p.newlines && len(v.Children) > 0 {
		p.write("\n" + indent)
	}
	p.write("}")
}

// Printable returns s with what a terminal would not show as text escaped the way Go escapes
// it in a quoted string (\n, \x1b, \u202e; \xff for a byte that is not UTF-8), so that a
// name, a type or a number read from a program can neither break a line nor drive the
// terminal. Printable text, quotes and backslashes stay as they are.
func Printable(s string) string {
	if isPrintable(s) {
		return s
	}
	b := make([]byte, 0, len(s)+16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, '\\', 'x', hexDigits[s[i]>>4], hexDigits[s[i]&0xf])
		case strconv.IsPrint(r):
			b = append(b, s[i:i+size]...)
		default:
			b = escapeRune(b, r)
		}
		i += size
	}
	return string(b)
}

const hexDigits = "0123456789abcdef"

// escapeRune appends r as strconv.QuoteRune writes it between the quotes.
func escapeRune(b []byte, r rune) []byte {
	switch r {
	case '\a':
		return append(b, `\a`...)
	case '\b':
		return append(b, `\b`...)
	case '\f':
		return append(b, `\f`...)
	case '\n':
		return append(b, `\n`...)
	case '\r':
		return append(b, `\r`...)
	case '\t':
		return append(b, `\t`...)
	case '\v':
		return append(b, `\v`...)
	}
	switch {
	case r < ' ' || r == 0x7f:
		return append(b, '\\', 'x', hexDigits[r>>4], hexDigits[r&0xf])
	case r < 0x10000:
		b = append(b, '\\', 'u')
		for s := 12; s >= 0; s -= 4 {
			b = append(b, hexDigits[r>>uint(s)&0xf])
		}
		return b
	}
	b = append(b, '\\', 'U')
	for s := 28; s >= 0; s -= 4 {
		b = append(b, hexDigits[r>>uint(s)&0xf])
	}
	return b
}

// isPrintable is Printable's fast path: most text needs no escaping.
func isPrintable(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			for _, r := range s[i:] {
				if r == utf8.RuneError || !strconv.IsPrint(r) {
					return false
				}
			}
			return true
		}
	}
	return true
}

// text is p.text(s) as far as it can be written: escaping never shortens text, so the
// bytes of s past what is left of the budget (and a character's length) cannot show.
func (p *printer) text(s string) string {
	if room := max(p.budget-p.b.Len(), 0) + utf8.UTFMax; len(s) > room {
		s = s[:room]
	}
	return Printable(s)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// qualifiedField matches a field of a struct type literal as Delve names it: an unexported
// field's name qualified by its package's path ("struct { example.com/p.in string; ... }"),
// which Go writes, and pdbgo shows, as "in string".
var qualifiedField = regexp.MustCompile(`(struct \{ |; )[\p{L}\p{N}_./~-]+\.([\p{L}_][\p{L}\p{N}_]*) `)

// TypeName is a type's name as Go writes it: the fields of an anonymous struct (a test's table
// of cases: []struct { in string; want int }) without the package path Delve qualifies
// unexported ones with.
func TypeName(t string) string {
	if !strings.Contains(t, "struct {") {
		return t
	}
	return qualifiedField.ReplaceAllString(t, "$1$2 ")
}
