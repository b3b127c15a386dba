package session

import (
	"encoding/binary"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-delve/delve/service/api"

	"github.com/pdbgo/pdbgo/internal/value"
)

// maxPanicText is how much of a panic's string (an error's text, once the runtime converted
// it) is read: the whole of any real message; a longer one is cut with a mark that says how to
// print the rest.
const maxPanicText = 1 << 20

// panicLoad loads a panic's argument: the whole message, never a whole big composite value.
var panicLoad = api.LoadConfig{FollowPointers: true, MaxVariableRecurse: 1, MaxStringLen: maxPanicText, MaxArrayValues: 16, MaxStructFields: -1}

// panicRecord is one element of the runtime's chain of panics.
type panicRecord struct {
	arg                           value.Value
	recovered, repanicked, goexit bool
	// expr is the record as an expression the user can evaluate (runtime.curg._panic.link...).
	expr string
	// data is the argument's data word, which Go prints for a value it cannot print itself
	// ("(main.Point) 0xc000012345"); 0 when not read.
	data uint64
	// unconverted says the argument is an error or Stringer whose text the runtime has not
	// yet asked for (a stop before runtime.fatalpanic): Go will print what method returns.
	unconverted bool
	method      string // "Error" or "String"
}

// panicMessage returns what Go itself prints for the panics unwinding goroutine gid: the chain
// of the runtime's _panic records (the argument of runtime.fatalpanic), oldest first, and the
// "[signal ...]" line when a signal raised the panic (a nil dereference).
func (s *Session) panicMessage(gid int64, th *api.Thread) string {
	chain := s.panicChain(gid)
	if len(chain) == 0 {
		// Fall back on the value Delve's breakpoint loaded: runtime.curg._panic.arg.
		if info := th.BreakpointInfo; info != nil && len(info.Variables) > 0 {
			rec := panicRecord{arg: toValue(&info.Variables[0]), expr: "runtime.curg._panic"}
			s.readData(gid, &rec)
			chain = []panicRecord{rec}
		} else {
			return "panic"
		}
	}
	return s.formatPanics(chain) + s.signalLine(gid)
}

func (s *Session) panicChain(gid int64) []panicRecord {
	return s.panicChainFrom(gid, "msgs", "runtime.curg._panic")
}

// panicChainFrom reads the chain from first, an expression of type *runtime._panic that the
// user can name as shown (the same record, as the user's own frames see it).
func (s *Session) panicChainFrom(gid int64, first, shown string) []panicRecord {
	var chain []panicRecord // newest first, as linked
	expr := first
	for range 8 {
		v, err := s.client.EvalVariable(api.EvalScope{GoroutineID: gid}, "*"+expr, panicLoad)
		if err != nil || v.Unreadable != "" || v.Kind != reflect.Struct {
			break
		}
		rec := panicRecord{expr: shown}
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
		if rec.arg.Kind == reflect.Interface && rec.arg.Unreadable != "" && rec.arg.Addr != 0 {
			if inner, data, ok := s.ifaceByRuntime(gid, rec.arg.Addr); ok {
				rec.arg, rec.data = inner, data
			}
		} else {
			s.readData(gid, &rec)
		}
		chain = append(chain, rec)
		if !linked {
			break
		}
		expr += ".link"
		shown += ".link"
	}
	return chain
}

// readData reads the data word of a record's argument when Go would print it: for a value of
// a kind printpanicval does not print (a struct, a pointer, a slice...).
func (s *Session) readData(gid int64, rec *panicRecord) {
	data, ok := ifaceData(rec.arg)
	if !ok || isBasicKind(data.Kind) || rec.arg.Addr == 0 {
		return
	}
	// An interface is two words, its type and its data.
	expr := fmt.Sprintf("*(*uintptr)(%#x)", rec.arg.Addr+8)
	v, err := s.client.EvalVariable(api.EvalScope{GoroutineID: gid}, expr, api.LoadConfig{})
	if err != nil || v.Unreadable != "" {
		return
	}
	if n, err := strconv.ParseUint(v.Value, 10, 64); err == nil {
		rec.data = n
	}
}

// signalLine is the line Go prints after the panics when a signal caused them
// (runtime.dopanic_m): "\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4c6330]";
// "" when none did or it cannot be read.
func (s *Session) signalLine(gid int64) string {
	if gid < 0 {
		return ""
	}
	sc := api.EvalScope{GoroutineID: gid}
	number := func(expr string) (uint64, bool) {
		v, err := s.client.EvalVariable(sc, expr, api.LoadConfig{})
		if err != nil || v.Unreadable != "" {
			return 0, false
		}
		n, err := strconv.ParseUint(v.Value, 10, 64)
		return n, err == nil
	}
	sig, ok := number("runtime.curg.sig")
	if !ok || sig == 0 {
		return ""
	}
	name := fmt.Sprintf("%#x", sig)
	if v, err := s.client.EvalVariable(sc, fmt.Sprintf("runtime.sigtable[%d].name", sig), api.LoadConfig{MaxStringLen: 64}); err == nil && v.Unreadable == "" && v.Value != "" {
		name = v.Value
	}
	code, ok1 := number("runtime.curg.sigcode0")
	addr, ok2 := number("runtime.curg.sigcode1")
	pc, ok3 := number("runtime.curg.sigpc")
	if !ok1 || !ok2 || !ok3 {
		return ""
	}
	return fmt.Sprintf("\n[signal %s code=%#x addr=%#x pc=%#x]", name, code, addr, pc)
}

// formatPanics prints a chain (newest first) the way runtime.printpanics does, oldest first,
// with the printing rules of the program's Go version.
func (s *Session) formatPanics(chain []panicRecord) string {
	return s.printRules().formatPanics(chain)
}

// printRules are the rules the program's runtime prints panic values by.
func (s *Session) printRules() printRules {
	v := s.programGoVersion()
	// Unknown (or a development build): the rules of the Go pdbgo was built for.
	return printRules{shortestFloats: v == nil || v.Major < 0 || v.Major > 1 || v.Minor >= 26}
}

// printRules are the runtime's rules for printing a panic's value (runtime/error.go
// printpanicval, runtime/print.go). They changed once in a way that shows: up to Go 1.25 the
// runtime printed floats as +3.500000e+000 and complex numbers as (+1.000000e+000+2.000000e+000i);
// from Go 1.26 on in the shortest form, 3.5 and (1+2i), as strconv does.
type printRules struct {
	shortestFloats bool
}

func (r printRules) formatPanics(chain []panicRecord) string {
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
		b.WriteString("panic: " + r.valueText(p))
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

// ifaceData is the value inside a panic's argument (an interface); false for a nil interface.
func ifaceData(arg value.Value) (value.Value, bool) {
	if arg.Kind != reflect.Interface || arg.Unreadable != "" {
		return arg, true // an unreadable interface is not a nil one
	}
	if len(arg.Children) == 0 || arg.Children[0].Kind == reflect.Invalid {
		return value.Value{}, false
	}
	return arg.Children[0], true
}

// valueText renders a panic's argument as runtime.printpanicval does. By the time the program
// stops, the runtime has already replaced an error or Stringer with its text. For a value of
// another kind Go prints only its type and address; pdbgo prints that, then the value.
func (r printRules) valueText(p panicRecord) string {
	data, ok := ifaceData(p.arg)
	if !ok {
		return "nil"
	}
	typ := runtimeTypeName(data.Type)
	if text, ok := errorText(data); ok {
		return indented(text)
	}
	switch {
	case data.Unreadable != "":
		return fmt.Sprintf("(%s) (unreadable: %s)", typ, data.Unreadable)
	case data.Type == "string":
		return indented(data.Value) + cutNote(data, p.expr)
	case basicTypes[data.Type]:
		return r.scalar(data)
	case data.Kind == reflect.String:
		return typ + `("` + indented(data.Value) + `")` + cutNote(data, p.expr)
	case data.Kind == reflect.Complex64 || data.Kind == reflect.Complex128:
		return typ + r.scalar(data) // a complex number prints its own parentheses
	case isBasicKind(data.Kind):
		return typ + "(" + r.scalar(data) + ")"
	}
	goText := "(" + typ + ")"
	if p.data != 0 {
		goText += fmt.Sprintf(" %#x", p.data)
	}
	if len(data.Children) == 0 && data.Value == "" {
		return goText // only its type was read (ifaceByRuntime)
	}
	goText += " " + data.Untyped()
	if p.unconverted {
		goText += " [pdbgo: Go prints the text of its " + p.method + " method here, which cannot be called at this stop]"
	}
	return goText
}

// indented is s as runtime.printindented prints it: each newline followed by a tab.
func indented(s string) string { return strings.ReplaceAll(s, "\n", "\n\t") }

// cutNote marks a string read only in part, and says how to print the rest.
func cutNote(v value.Value, expr string) string {
	if int64(len(v.Value)) >= v.Len || expr == "" {
		return ""
	}
	return fmt.Sprintf(" [pdbgo: cut at %d of %d bytes; pp %s.arg.(%s)[%d:] prints on]",
		len(v.Value), v.Len, expr, v.Type, len(v.Value))
}

func isBasicKind(k reflect.Kind) bool {
	return k >= reflect.Bool && k <= reflect.Complex128 || k == reflect.String
}

// qualifiedPath matches the import path before a package name in a type name
// ("github.com/x/" in "github.com/x/y.T"): the runtime names types by package name alone.
var qualifiedPath = regexp.MustCompile(`[\w.~-]+(/[\w.~-]+)*/`)

// runtimeTypeName is a type as the runtime prints it: "y.T" where Delve says "github.com/x/y.T".
func runtimeTypeName(t string) string {
	if !strings.Contains(t, "/") {
		return t
	}
	return qualifiedPath.ReplaceAllString(t, "")
}

// scalar prints a number or bool as the runtime's print does.
func (r printRules) scalar(v value.Value) string {
	switch v.Kind {
	case reflect.Float32, reflect.Float64:
		bits := 64
		if v.Kind == reflect.Float32 {
			bits = 32
		}
		f, err := strconv.ParseFloat(v.Value, bits)
		if err != nil {
			return v.Value
		}
		return r.float(f, bits)
	case reflect.Complex64, reflect.Complex128:
		bits := 64
		if v.Kind == reflect.Complex64 {
			bits = 32
		}
		if len(v.Children) != 2 {
			return v.Value
		}
		re, err1 := strconv.ParseFloat(v.Children[0].Value, bits)
		im, err2 := strconv.ParseFloat(v.Children[1].Value, bits)
		if err1 != nil || err2 != nil {
			return v.Value
		}
		if r.shortestFloats {
			return strconv.FormatComplex(complex(re, im), 'g', -1, 2*bits)
		}
		return "(" + oldRuntimeFloat(re) + oldRuntimeFloat(im) + "i)"
	}
	return v.Value
}

func (r printRules) float(f float64, bits int) string {
	if r.shortestFloats {
		return strconv.FormatFloat(f, 'g', -1, bits)
	}
	return oldRuntimeFloat(f)
}

// oldRuntimeFloat formats f as the runtime's printfloat did up to Go 1.25: a sign, seven
// significant digits and a signed three-digit exponent (+1.500000e+000). It follows that
// function's arithmetic step by step (scale by ten, add half of the last digit, truncate), so
// that it agrees with it to the last digit, where correctly rounded formatting would not.
func oldRuntimeFloat(f float64) string {
	switch {
	case f != f:
		return "NaN"
	case f+f == f && f > 0:
		return "+Inf"
	case f+f == f && f < 0:
		return "-Inf"
	}
	const digits = 7
	sign := byte('+')
	exp := 0
	if f == 0 {
		if 1/f < 0 {
			sign = '-'
		}
	} else {
		if f < 0 {
			f, sign = -f, '-'
		}
		for f >= 10 {
			exp++
			f /= 10
		}
		for f < 1 {
			exp--
			f *= 10
		}
		half := 5.0
		for range digits {
			half /= 10
		}
		f += half
		if f >= 10 {
			exp++
			f /= 10
		}
	}
	var mant [digits]byte
	for i := range mant {
		d := int(f)
		mant[i] = byte('0' + d)
		f = (f - float64(d)) * 10
	}
	expSign := byte('+')
	if exp < 0 {
		exp, expSign = -exp, '-'
	}
	return fmt.Sprintf("%c%c.%se%c%03d", sign, mant[0], mant[1:], expSign, exp)
}

// basicKindTypes name a Go type for each kind printpanicval prints by value.
var basicKindTypes = map[reflect.Kind]string{
	reflect.Bool: "bool", reflect.Int: "int", reflect.Int8: "int8", reflect.Int16: "int16",
	reflect.Int32: "int32", reflect.Int64: "int64", reflect.Uint: "uint", reflect.Uint8: "uint8",
	reflect.Uint16: "uint16", reflect.Uint32: "uint32", reflect.Uint64: "uint64",
	reflect.Uintptr: "uintptr", reflect.Float32: "float32", reflect.Float64: "float64",
	reflect.Complex64: "complex64", reflect.Complex128: "complex128", reflect.String: "string",
}

// parenNumber matches the number Delve shows after a constant's name: "Int (2)".
var parenNumber = regexp.MustCompile(`\((\d+)\)$`)

// ifaceByRuntime reads the interface at addr the way the runtime itself does, for an argument
// Delve could not read ("could not resolve interface type": Delve 1.27 on a named type of a
// Go 1.25 program): the type's name from the module's type data (abi.Type.Str, a name offset),
// its kind, and a value of a basic kind through its data word.
func (s *Session) ifaceByRuntime(gid int64, addr uint64) (v value.Value, data uint64, ok bool) {
	sc := api.EvalScope{GoroutineID: gid}
	eval := func(expr string, cfg api.LoadConfig) (*api.Variable, bool) {
		v, err := s.client.EvalVariable(sc, expr, cfg)
		return v, err == nil && v.Unreadable == ""
	}
	num := func(expr string) (uint64, bool) {
		v, ok := eval(expr, api.LoadConfig{})
		if !ok {
			return 0, false
		}
		text := v.Value
		if m := parenNumber.FindStringSubmatch(text); m != nil {
			text = m[1]
		}
		n, err := strconv.ParseUint(text, 10, 64)
		return n, err == nil
	}
	eface := fmt.Sprintf("(*runtime.eface)(%#x)", addr)
	str, ok1 := num(eface + "._type.Str")
	kind, ok2 := num(eface + "._type.Kind_")
	tflag, ok3 := num(eface + "._type.TFlag")
	data, ok4 := num(eface + ".data")
	types, ok5 := num("runtime.firstmoduledata.types")
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 {
		return value.Value{}, 0, false
	}
	// An abi.Name: a flags byte, the length as a uvarint, the bytes.
	head, ok := eval(fmt.Sprintf("*(*[11]uint8)(%#x)", types+str), api.LoadConfig{MaxArrayValues: 11})
	if !ok || len(head.Children) < 2 {
		return value.Value{}, 0, false
	}
	var varint []byte
	for _, c := range head.Children[1:] {
		b, _ := strconv.ParseUint(c.Value, 10, 8)
		varint = append(varint, byte(b))
	}
	length, n := binary.Uvarint(varint)
	if n <= 0 || length == 0 || length > 4096 {
		return value.Value{}, 0, false
	}
	nameVar, ok := eval(fmt.Sprintf("*(*[%d]uint8)(%#x)", length, types+str+1+uint64(n)), api.LoadConfig{MaxArrayValues: int(length)})
	if !ok || len(nameVar.Children) != int(length) {
		return value.Value{}, 0, false
	}
	name := make([]byte, 0, length)
	for _, c := range nameVar.Children {
		b, _ := strconv.ParseUint(c.Value, 10, 8)
		name = append(name, byte(b))
	}
	const tflagExtraStar = 1 << 1 // the name is stored with a leading '*'
	if tflag&tflagExtraStar != 0 && len(name) > 0 {
		name = name[1:]
	}
	k := reflect.Kind(kind & (1<<5 - 1))
	v = value.Value{Type: string(name), Kind: k}
	if goType, basic := basicKindTypes[k]; basic {
		w, ok := eval(fmt.Sprintf("*(*%s)(%#x)", goType, data), panicLoad)
		if !ok {
			return value.Value{}, 0, false
		}
		read := toValue(w)
		read.Type = v.Type
		return read, data, true
	}
	return v, data, true
}
