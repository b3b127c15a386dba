package session

import (
	"debug/dwarf"
	"debug/elf"
	"fmt"
	"go/ast"
	"go/parser"
	"regexp"
	"strings"

	"github.com/pdbgo/pdbgo/internal/stack"
)

// A breakpoint's condition is evaluated by Delve each time the breakpoint is reached, in the
// scope of the function stopped in, without running the program's code (no function calls).
// A condition that names nothing there, or calls a function, fails at every hit; Delve only
// finds out then. checkCondition finds out when the breakpoint is set.
//
// It cannot evaluate the condition: the breakpoint's function is not running. It checks the
// names instead, against what Delve would find at the breakpoint: the function's parameters
// and locals (read from the binary's DWARF, the same entries Delve reads), the package-level
// names of the function's package, Go's predeclared names, the packages of the program, CPU
// register names. A name found nowhere, or a call of a function (a call of a name that is a
// variable or a function, a method call), is refused with the reason. Anything it cannot tell
// (a conversion to a type, a binary it cannot read, a remote server's binary) is let through:
// refusing a condition that works would be worse than Delve's error at the first hit, which
// pdbgo shows with the stop.

// conditionScope is what a condition may name at a breakpoint.
type conditionScope struct {
	function string
	locals   map[string]bool // parameters and local variables of the function, any block
	globals  map[string]bool // package-level variables, constants and functions of its package
	funcs    map[string]bool // the package's functions, among globals
	packages map[string]bool // names (and paths) of the program's packages
	// isFunc reports whether pkg.name is a function of the program.
	isFunc func(pkg, name string) bool
}

// checkCondition checks cond for a breakpoint at pc in function fn; nil when it may work.
func (s *Session) checkCondition(pc uint64, fn, cond string) error {
	if cond == "" {
		return nil
	}
	expr, err := parser.ParseExpr(cond)
	if err != nil {
		return fmt.Errorf("the condition %q is not a Go expression: %v", cond, syntaxError(err))
	}
	sc, ok := s.conditionScope(pc, fn)
	if !ok {
		return nil
	}
	if reason := sc.problem(expr); reason != "" {
		return fmt.Errorf("the condition %q cannot work in %s: %s", cond, fn, reason)
	}
	return nil
}

func syntaxError(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, "1:") {
		msg = msg[i+2:]
	}
	return msg
}

// conditionScope reads the names a condition may use at pc in fn; ok is false when they
// cannot be read.
func (s *Session) conditionScope(pc uint64, fn string) (conditionScope, bool) {
	sc := conditionScope{function: fn, locals: map[string]bool{}, globals: map[string]bool{},
		funcs: map[string]bool{}, packages: map[string]bool{}}
	path := s.executable()
	if path == "" || fn == "" {
		return sc, false
	}
	f, err := elf.Open(path)
	if err != nil {
		return sc, false
	}
	defer f.Close()
	d, err := f.DWARF()
	if err != nil {
		return sc, false
	}
	pkg := stack.PackageOf(fn)
	r := d.Reader()
	cu, err := r.SeekPC(pc)
	if err != nil || cu == nil {
		return sc, false
	}
	found := false
	for depth := 0; ; {
		e, err := r.Next()
		if err != nil || e == nil {
			break
		}
		if e.Tag == 0 {
			if depth--; depth < 0 {
				break
			}
			continue
		}
		if depth == 0 {
			name, _ := e.Val(dwarf.AttrName).(string)
			if short, ok := strings.CutPrefix(name, pkg+"."); ok && !strings.ContainsAny(short, ".()") {
				switch e.Tag {
				case dwarf.TagVariable, dwarf.TagConstant:
					sc.globals[short] = true
				case dwarf.TagSubprogram:
					sc.globals[short], sc.funcs[short] = true, true
				}
			}
			if e.Tag == dwarf.TagSubprogram && containsPC(d, e, pc) {
				found = true
				readLocals(r, e, sc.locals)
				continue // readLocals consumed its children
			}
		}
		if e.Children {
			depth++
		}
	}
	if !found {
		return sc, false
	}
	sc.isFunc = func(pkg, name string) bool {
		fns, err := s.client.ListFunctions(`(^|/)`+regexp.QuoteMeta(pkg+"."+name)+`$`, 0)
		return err == nil && len(fns) > 0
	}
	if list, err := s.client.ListPackagesBuildInfo("", false); err == nil {
		for _, p := range list {
			sc.packages[p.ImportPath] = true
			sc.packages[packageName(p.ImportPath)] = true
		}
	}
	return sc, len(sc.packages) > 0
}

func containsPC(d *dwarf.Data, e *dwarf.Entry, pc uint64) bool {
	ranges, err := d.Ranges(e)
	if err != nil {
		return false
	}
	for _, r := range ranges {
		if r[0] <= pc && pc < r[1] {
			return true
		}
	}
	return false
}

// readLocals collects the names of the parameters and variables under fn, whose children the
// reader is about to read, in every lexical block; inlined calls' own variables are not in
// fn's scope.
func readLocals(r *dwarf.Reader, fn *dwarf.Entry, names map[string]bool) {
	if !fn.Children {
		return
	}
	for depth := 0; ; {
		e, err := r.Next()
		if err != nil || e == nil {
			return
		}
		if e.Tag == 0 {
			if depth--; depth < 0 {
				return
			}
			continue
		}
		switch e.Tag {
		case dwarf.TagFormalParameter, dwarf.TagVariable:
			if name, ok := e.Val(dwarf.AttrName).(string); ok {
				names[strings.TrimPrefix(name, "&")] = true
			}
		case dwarf.TagInlinedSubroutine:
			if e.Children {
				r.SkipChildren()
			}
			continue
		}
		if e.Children {
			depth++
		}
	}
}

// versionElem is a major version element of an import path ("v2").
var versionElem = regexp.MustCompile(`^v[0-9]+$`)

// packageName is the name a package is usually imported by: the last element of its path
// that is not a major version ("yaml" for gopkg.in/yaml.v3 and example.com/yaml/v3).
func packageName(path string) string {
	elems := strings.Split(path, "/")
	name := elems[len(elems)-1]
	if versionElem.MatchString(name) && len(elems) > 1 {
		name = elems[len(elems)-2]
	}
	if i := strings.Index(name, ".v"); i > 0 && versionElem.MatchString(name[i+1:]) {
		name = name[:i]
	}
	return name
}

// predeclared are Go's predeclared identifiers a condition may use as values or types.
var predeclared = map[string]bool{
	"true": true, "false": true, "nil": true, "iota": true,
	"bool": true, "byte": true, "rune": true, "string": true, "error": true, "any": true,
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true,
	"float32": true, "float64": true, "complex64": true, "complex128": true,
}

// builtins are the built-in functions Delve evaluates without running the program.
var builtins = map[string]bool{"len": true, "cap": true, "complex": true, "real": true, "imag": true, "min": true, "max": true}

// registerName is what Delve takes for a CPU register ("RAX", "_RIP").
var registerName = regexp.MustCompile(`^_*[A-Z0-9]+$`)

// known reports whether an identifier used as a value is found at the breakpoint.
func (sc conditionScope) known(name string) bool {
	return sc.locals[name] || sc.globals[name] || predeclared[name] || registerName.MatchString(name)
}

// problem is why expr cannot work as a condition, "" when it may.
func (sc conditionScope) problem(expr ast.Expr) (reason string) {
	ast.Inspect(expr, func(n ast.Node) bool {
		if reason != "" {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			reason = sc.callProblem(n)
			if reason != "" {
				return false
			}
			for _, a := range n.Args {
				if reason = sc.problem(a); reason != "" {
					break
				}
			}
			return false
		case *ast.SelectorExpr:
			if x, ok := n.X.(*ast.Ident); ok && !sc.locals[x.Name] && !sc.globals[x.Name] {
				// pkg.Name: Delve looks the package up by name or path.
				if !sc.packages[x.Name] && x.Name != "delve" && !predeclared[x.Name] {
					reason = fmt.Sprintf("%s is not a variable there nor a package of the program", x.Name)
				}
				return false
			}
			return true // check the operand; the field name is the value's business
		case *ast.KeyValueExpr, *ast.CompositeLit, *ast.FuncLit:
			return false // Delve refuses these itself, with its reason
		case *ast.TypeAssertExpr:
			reason = sc.problem(n.X)
			return false
		case *ast.Ident:
			if !sc.known(n.Name) {
				reason = fmt.Sprintf("%s is not a variable there nor a package-level name of %s", n.Name, stack.PackageOf(sc.function))
			}
		}
		return true
	})
	return reason
}

// callProblem says why a call cannot work in a condition: Delve evaluates conditions without
// running the program, so a function or method call fails; builtins and conversions work.
func (sc conditionScope) callProblem(call *ast.CallExpr) string {
	const calls = "it calls %s, and a condition is evaluated without running the program's code (p can call functions at a stop)"
	switch fun := call.Fun.(type) {
	case *ast.Ident:
		switch {
		case builtins[fun.Name] || predeclared[fun.Name]:
			return ""
		case sc.locals[fun.Name] || sc.funcs[fun.Name]:
			return fmt.Sprintf(calls, fun.Name)
		}
	case *ast.SelectorExpr:
		x, ok := fun.X.(*ast.Ident)
		if ok && !sc.locals[x.Name] && !sc.globals[x.Name] {
			if sc.isFunc(x.Name, fun.Sel.Name) {
				return fmt.Sprintf(calls, x.Name+"."+fun.Sel.Name)
			}
			return "" // pkg.Type(v) converts
		}
		return fmt.Sprintf(calls, "the method "+fun.Sel.Name)
	}
	return "" // a conversion: (*T)(p), []byte(s)
}
