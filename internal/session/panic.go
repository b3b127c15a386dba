package session

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/go-delve/delve/service/api"

	"github.com/pdbgo/pdbgo/internal/value"
)

// panicLoad loads a panic's argument: enough for a message, never a whole big value.
var panicLoad = api.LoadConfig{FollowPointers: true, MaxVariableRecurse: 1, MaxStringLen: 4096, MaxArrayValues: 16, MaxStructFields: -1}

// panicRecord is one element of the runtime's chain of panics.
type panicRecord struct {
	arg                           value.Value
	recovered, repanicked, goexit bool
}

// panicMessage returns what Go itself prints for the panics unwinding goroutine gid: the chain
// of the runtime's _panic records (the argument of runtime.fatalpanic), oldest first.
func (s *Session) panicMessage(gid int64, th *api.Thread) string {
	chain := s.panicChain(gid)
	if len(chain) == 0 {
		// Fall back on the value Delve's breakpoint loaded: runtime.curg._panic.arg.
		if info := th.BreakpointInfo; info != nil && len(info.Variables) > 0 {
			return "panic: " + PanicValueText(toValue(&info.Variables[0]))
		}
		return "panic"
	}
	return formatPanics(chain)
}

func (s *Session) panicChain(gid int64) []panicRecord { return s.panicChainFrom(gid, "msgs") }

// panicChainFrom reads the chain from first, an expression of type *runtime._panic.
func (s *Session) panicChainFrom(gid int64, first string) []panicRecord {
	var chain []panicRecord // newest first, as linked
	expr := first
	for range 8 {
		v, err := s.client.EvalVariable(api.EvalScope{GoroutineID: gid}, "*"+expr, panicLoad)
		if err != nil || v.Unreadable != "" || v.Kind != reflect.Struct {
			break
		}
		var rec panicRecord
		linked := false
		for i := range v.Children {
			f := &v.Children[i]
			switch f.Name {
			case "arg":
				rec.arg = toValue(f)
			case "recovered":
				rec.recovered = f.Value == "true"
			case "repanicked":
				rec.repanicked = f.Value == "true"
			case "goexit":
				rec.goexit = f.Value == "true"
			case "link":
				linked = len(f.Children) > 0 && f.Children[0].Addr != 0
			}
		}
		chain = append(chain, rec)
		if !linked {
			break
		}
		expr += ".link"
	}
	return chain
}

// formatPanics prints a chain (newest first) the way runtime.printpanics does, oldest first.
func formatPanics(chain []panicRecord) string {
	var b strings.Builder
	var print func(i int)
	print = func(i int) {
		p := chain[i]
		if i+1 < len(chain) {
			print(i + 1)
			if chain[i+1].repanicked {
				return
			}
			if !chain[i+1].goexit {
				b.WriteString("\t")
			}
		}
		if p.goexit {
			return
		}
		b.WriteString("panic: " + PanicValueText(p.arg))
		switch {
		case p.recovered && p.repanicked:
			b.WriteString(" [recovered, repanicked]")
		case p.recovered:
			b.WriteString(" [recovered]")
		}
		b.WriteString("\n")
	}
	print(0)
	return strings.TrimSuffix(b.String(), "\n")
}

// basicTypes are the types runtime.printpanicval prints bare.
var basicTypes = map[string]bool{
	"bool": true, "int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true,
	"float32": true, "float64": true, "complex64": true, "complex128": true, "string": true,
}

// PanicValueText renders a panic's argument (an interface value) as runtime.printpanicval
// does. By the time the program stops, the runtime has already replaced an error or Stringer
// with its text. For a composite value Go prints only its address; pdbgo prints the value.
func PanicValueText(arg value.Value) string {
	data := arg
	if arg.Kind == reflect.Interface {
		if len(arg.Children) == 0 || arg.Children[0].Kind == reflect.Invalid {
			return "nil"
		}
		data = arg.Children[0]
	}
	text := scalarText(data)
	switch {
	case data.Type == "string":
		return strings.ReplaceAll(data.Value, "\n", "\n\t")
	case basicTypes[data.Type]:
		return text
	case isBasicKind(data.Kind) && data.Kind == reflect.String:
		return fmt.Sprintf("%s(%q)", data.Type, data.Value)
	case isBasicKind(data.Kind):
		return fmt.Sprintf("%s(%s)", data.Type, text)
	}
	return fmt.Sprintf("(%s) %s", data.Type, data.Untyped())
}

func isBasicKind(k reflect.Kind) bool {
	return k >= reflect.Bool && k <= reflect.Complex128 || k == reflect.String
}

// scalarText prints numbers as the runtime's print does: floats as +1.500000e+000.
func scalarText(v value.Value) string {
	if v.Kind != reflect.Float32 && v.Kind != reflect.Float64 {
		return v.Value
	}
	f, err := strconv.ParseFloat(v.Value, 64)
	if err != nil {
		return v.Value
	}
	return runtimeFloat(f)
}

// runtimeFloat formats f like the runtime's printfloat: sign, one digit, six decimals, and
// a three-digit exponent.
func runtimeFloat(f float64) string {
	s := strconv.FormatFloat(f, 'e', 6, 64) // 1.500000e+00
	if !strings.HasPrefix(s, "-") && !strings.HasPrefix(s, "+") {
		s = "+" + s
	}
	mant, exp, ok := strings.Cut(s, "e")
	if !ok {
		return s
	}
	sign, digits := exp[:1], exp[1:]
	for len(digits) < 3 {
		digits = "0" + digits
	}
	return mant + "e" + sign + digits
}
