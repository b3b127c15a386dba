// Package source reads the program's source files for every front-end: the line mode's list
// and where, the TUI's source pane and crash reports read lines through one Cache, which
// restart empties so that edited files are read again.
package source

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"sync"
	"sync/atomic"
)

// MaxFileSize bounds what is read of one file: a source file is never this big; a generated
// one or a wrong path might be.
const MaxFileSize = 16 << 20

// File is a source file's lines, read once and never changed: holders may share it.
type File struct {
	Path  string
	Lines []string // without line endings
	Err   error    // why it could not be read; Lines is nil then
}

// Line returns line n (from 1).
func (f *File) Line(n int) (string, bool) {
	if f == nil || n < 1 || n > len(f.Lines) {
		return "", false
	}
	return f.Lines[n-1], true
}

// Cache reads files once each; it is safe for concurrent use.
type Cache struct {
	mu     sync.Mutex
	files  map[string]*File
	read   func(string) ([]byte, error)
	resets atomic.Uint64
}

// NewCache returns a cache that reads files with read (nil: os.ReadFile).
func NewCache(read func(string) ([]byte, error)) *Cache {
	if read == nil {
		read = readFile
	}
	return &Cache{files: map[string]*File{}, read: read}
}

func readFile(path string) ([]byte, error) {
	if st, err := os.Stat(path); err == nil && st.Size() > MaxFileSize {
		return nil, fmt.Errorf("%s is larger than %d MiB", path, MaxFileSize>>20)
	}
	return os.ReadFile(path)
}

// File returns a file, reading it the first time it is asked for.
func (c *Cache) File(path string) *File {
	c.mu.Lock()
	defer c.mu.Unlock()
	if f, ok := c.files[path]; ok {
		return f
	}
	f := &File{Path: path}
	data, err := c.read(path)
	if err != nil {
		f.Err = fmt.Errorf("cannot read source file %s", path)
	} else {
		text := strings.ReplaceAll(string(data), "\r\n", "\n")
		f.Lines = strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	}
	c.files[path] = f
	return f
}

// Line returns line n (from 1) of a file.
func (c *Cache) Line(path string, n int) (string, bool) {
	return c.File(path).Line(n)
}

// Reset forgets every file read: the program was rebuilt and its files may have changed.
func (c *Cache) Reset() {
	c.mu.Lock()
	c.files = map[string]*File{}
	c.mu.Unlock()
	c.resets.Add(1)
}

// Resets counts the calls of Reset: what was read from the program before a reset (its
// functions, its files) is to be read again.
func (c *Cache) Resets() uint64 { return c.resets.Load() }

// FuncRange returns the first and last line of the innermost function (declaration or
// literal) of a Go file that contains line; a declaration's doc comment is part of it.
func FuncRange(file string, line int) (first, last int, ok bool) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.ParseComments|parser.SkipObjectResolution)
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
