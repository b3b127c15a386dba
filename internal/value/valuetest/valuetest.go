// Package valuetest decodes arbitrary bytes into value trees, for the fuzz tests of what
// formats values (internal/value, internal/report): any input decodes to some tree, and the
// fuzzer's mutations of the input reach every kind, deep and wide trees, addresses repeated
// as Delve gives them for a cycle, claimed lengths that disagree with what was loaded,
// invalid UTF-8, control characters, NaN and the infinities.
package valuetest

import (
	"reflect"

	"github.com/pdbgo/pdbgo/internal/value"
)

// Bounds of a decoded tree, so that one input costs little time and memory whatever it says.
const (
	// MaxNodes is how many values are decoded, at most (repeated children are one).
	MaxNodes = 2000
	// MaxRepeat is how many times children are repeated in a tree, at most: a huge slice or map.
	MaxRepeat = 20000
	// MaxChain is how many pointers or interfaces chains of them add to a tree, at most: a
	// deep tree.
	MaxChain = 20000
	// MaxExpanded is how many values a tree holds at most, every repeated child counted each
	// time: what a walk of every value (Scrub) visits.
	MaxExpanded = 50000
	// MaxText is the longest text decoded, at most.
	MaxText = 1 << 16
)

// Special texts a scalar takes: what Delve prints for floats and complex numbers at their
// limits, and numbers at the limits of their types.
var Special = []string{
	"NaN", "+Inf", "-Inf", "-0", "0", "1e+308", "-1.7976931348623157e+308", "5e-324", "(NaN + +Infi)",
	"(+Inf + -Infi)", "18446744073709551615", "-9223372036854775808", "true", "false", "",
}

// Names a value takes besides those in the input: secret-looking names, for the scrubbing.
var Names = []string{"password", "dbPassword", "API_KEY", "Authorization", "sessionID", "token", "x", "", "author"}

// Tree decodes data into a value tree.
func Tree(data []byte) value.Value {
	d := &decoder{data: data}
	v, _ := d.value(0)
	return v
}

// Decoder reads values, numbers and texts from data in turn; reading past the end gives
// zeros and empty texts.
type Decoder struct{ d decoder }

// NewDecoder reads data.
func NewDecoder(data []byte) *Decoder { return &Decoder{decoder{data: data}} }

// Value decodes the next value tree.
func (d *Decoder) Value() value.Value {
	v, _ := d.d.value(0)
	return v
}

// Values decodes up to max values.
func (d *Decoder) Values(max int) []value.Value {
	n := int(d.d.byte()) % (max + 1)
	out := make([]value.Value, 0, n)
	for range n {
		v, _ := d.d.value(0)
		out = append(out, v)
	}
	return out
}

// Byte decodes the next byte.
func (d *Decoder) Byte() byte { return d.d.byte() }

// Int decodes the next number, any int64 (negative and huge ones too).
func (d *Decoder) Int() int64 { return d.d.int() }

// Text decodes the next text: bytes of the input, a special text or a secret-looking name.
func (d *Decoder) Text() string { return d.d.text() }

type decoder struct {
	data     []byte
	nodes    int
	repeats  int // children repeated so far
	chained  int // pointers and interfaces chained so far
	expanded int // values in the tree so far, every repeated child counted each time
}

func (d *decoder) byte() byte {
	if len(d.data) == 0 {
		return 0
	}
	b := d.data[0]
	d.data = d.data[1:]
	return b
}

// int reads a number: small ones often, any int64 sometimes.
func (d *decoder) int() int64 {
	switch b := d.byte(); b >> 6 {
	case 0, 1:
		return int64(b & 0x7f)
	case 2:
		return int64(d.byte())<<8 | int64(d.byte())
	default:
		var n uint64
		for range 8 {
			n = n<<8 | uint64(d.byte())
		}
		return int64(n)
	}
}

// text reads a length and that many bytes of input, or picks a special text or a name, or
// repeats a byte (a long text from a short input).
func (d *decoder) text() string {
	switch b := d.byte(); b >> 5 {
	case 0:
		return Special[int(b)%len(Special)]
	case 1:
		return Names[int(b)%len(Names)]
	case 2:
		n := min(int(d.int())&0x7fffffff, MaxText)
		c := d.byte()
		buf := make([]byte, n)
		for i := range buf {
			buf[i] = c
		}
		return string(buf)
	default:
		n := min(int(b&0x1f), len(d.data))
		if b&0x1f == 0x1f {
			n = min(int(d.int())&0x7fffffff, len(d.data), MaxText)
		}
		s := string(d.data[:n])
		d.data = d.data[n:]
		return s
	}
}

// Flags of a decoded value.
const (
	hasName = 1 << iota
	unreadable
	onlyAddr
	sharedAddr // an address from a small set: the same address in several places, as a cycle
	hasBase
	hasLen
	repeat // one child repeated many times
	chain  // under a chain of pointers or interfaces
)

// value decodes one value and, within the bounds, its children; size is how many values the
// tree holds, every repeated child counted each time.
func (d *decoder) value(depth int) (v value.Value, size int) {
	d.nodes++
	d.expanded++
	size = 1
	kindByte := d.byte()
	kind := reflect.Kind(kindByte % 28) // 27 is no kind of reflect's
	if kind == 27 {
		kind = reflect.Kind(kindByte)
	}
	flags := d.byte()
	v = value.Value{Kind: kind, Type: d.text()}
	if flags&hasName != 0 {
		v.Name = d.text()
	}
	if flags&unreadable != 0 {
		v.Unreadable = d.text()
	}
	v.OnlyAddr = flags&onlyAddr != 0
	if flags&sharedAddr != 0 {
		v.Addr = 0xc000010000 + uint64(d.byte()%4)*8
	} else if d.byte()&1 == 1 {
		v.Addr = uint64(d.int())
	}
	if flags&hasBase != 0 {
		v.Base = uint64(d.int())
	}
	v.Value = d.text()
	if flags&hasLen != 0 {
		v.Len, v.Cap = d.int(), d.int()
	}
	n := int(d.byte() % 6)
	if d.nodes >= MaxNodes || depth > 200 {
		n = 0
	}
	if n > 0 {
		v.Children = make([]value.Value, 0, n)
		last := 0
		for range n {
			c, n := d.value(depth + 1)
			v.Children = append(v.Children, c)
			size += n
			last = n
		}
		if flags&repeat != 0 {
			times := min(int(d.int())&0x7fffffff, MaxRepeat-d.repeats, max(MaxExpanded-d.expanded, 0)/last)
			d.repeats += times
			d.expanded += times * last
			size += times * last
			for range times {
				v.Children = append(v.Children, v.Children[len(v.Children)-1])
			}
		}
		if flags&hasLen == 0 {
			v.Len = int64(len(v.Children))
		}
	}
	if flags&chain != 0 {
		levels := min(int(d.int())&0x7fffffff, MaxChain-d.chained, max(MaxExpanded-d.expanded, 0))
		d.chained += levels
		d.expanded += levels
		size += levels
		wrap := reflect.Pointer
		if d.byte()&1 == 1 {
			wrap = reflect.Interface
		}
		for range levels {
			v = value.Value{Kind: wrap, Type: "*T", Addr: v.Addr, Children: []value.Value{v}}
		}
	}
	return v, size
}
