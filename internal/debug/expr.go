package debug

import (
	"go/ast"
	"go/parser"
)

// HasCall reports whether a Go expression calls a function or a method: evaluating it runs the
// program's code (a builtin such as len, or a conversion to a predeclared type, does not).
// Front-ends use it not to run such an expression more often than the user asked.
func HasCall(expr string) bool {
	e, err := parser.ParseExpr(expr)
	if err != nil {
		return false
	}
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			id, isIdent := call.Fun.(*ast.Ident)
			found = !isIdent || !noCall[id.Name]
		}
		return !found
	})
	return found
}

// noCall are the names a call expression may start with without calling the program: Delve's
// builtins and the predeclared types.
var noCall = map[string]bool{
	"len": true, "cap": true, "complex": true, "real": true, "imag": true, "min": true, "max": true,
	"bool": true, "byte": true, "rune": true, "string": true, "error": true, "any": true,
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true,
	"float32": true, "float64": true, "complex64": true, "complex128": true,
}
