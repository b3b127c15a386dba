package command

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
)

// sourceCache holds the lines of the files listed so far.
type sourceCache map[string][]string

// lines returns a file's lines, read once.
func (c sourceCache) lines(file string) ([]string, bool) {
	if ls, ok := c[file]; ok {
		return ls, ls != nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		c[file] = nil
		return nil, false
	}
	ls := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	c[file] = ls
	return ls, true
}

// line returns line n (from 1) of file.
func (c sourceCache) line(file string, n int) (string, bool) {
	ls, ok := c.lines(file)
	if !ok || n < 1 || n > len(ls) {
		return "", false
	}
	return ls[n-1], true
}

// funcRange returns the first and last line of the innermost function (declaration or
// literal) of a Go file that contains line.
func funcRange(file string, line int) (first, last int, ok bool) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
	if err != nil && f == nil {
		return 0, 0, false
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncDecl, *ast.FuncLit:
		default:
			return true
		}
		start, end := fset.Position(n.Pos()).Line, fset.Position(n.End()).Line
		if start <= line && line <= end {
			first, last, ok = start, end, true
			if d, isDecl := n.(*ast.FuncDecl); isDecl && d.Doc != nil {
				first = fset.Position(d.Doc.Pos()).Line
			}
		}
		return true
	})
	return first, last, ok
}
