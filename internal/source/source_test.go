package source

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestCacheReadsOnceUntilReset(t *testing.T) {
	reads := map[string]int{}
	text := "package main\r\n\r\nfunc main() {}\r\n"
	c := NewCache(func(path string) ([]byte, error) {
		reads[path]++
		if path == "missing.go" {
			return nil, errors.New("no such file")
		}
		return []byte(text), nil
	})
	for range 3 {
		if line, ok := c.Line("main.go", 3); !ok || line != "func main() {}" {
			t.Fatalf("line 3 = %q, %v (CRLF endings are dropped)", line, ok)
		}
	}
	if reads["main.go"] != 1 {
		t.Errorf("main.go read %d times, want once", reads["main.go"])
	}
	f := c.File("main.go")
	if len(f.Lines) != 3 || f.Err != nil {
		t.Errorf("lines %q, err %v: want 3 lines (no empty line after the last newline)", f.Lines, f.Err)
	}
	for _, n := range []int{0, -1, 4} {
		if line, ok := c.Line("main.go", n); ok {
			t.Errorf("line %d = %q, want none", n, line)
		}
	}
	text = "package main\n\n// edited\nfunc main() {}\n"
	if line, _ := c.Line("main.go", 3); line != "func main() {}" {
		t.Errorf("the cache read the file again before Reset: %q", line)
	}
	c.Reset()
	if line, _ := c.Line("main.go", 3); line != "// edited" || reads["main.go"] != 2 {
		t.Errorf("after Reset line 3 = %q (%d reads), want the edited file", line, reads["main.go"])
	}

	m := c.File("missing.go")
	if m.Err == nil || m.Err.Error() != "cannot read source file missing.go" || m.Lines != nil {
		t.Errorf("missing file: %+v", m)
	}
	if _, ok := c.Line("missing.go", 1); ok {
		t.Error("a line of a missing file")
	}
	c.File("missing.go")
	if reads["missing.go"] != 1 {
		t.Errorf("a missing file was tried %d times, want once (until Reset)", reads["missing.go"])
	}
	var nilFile *File
	if _, ok := nilFile.Line(1); ok {
		t.Error("a line of a nil file")
	}
}

func TestCacheConcurrentUse(t *testing.T) {
	c := NewCache(func(string) ([]byte, error) { return []byte("a\nb\n"), nil })
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				if i%4 == 0 {
					c.Reset()
				}
				if line, ok := c.Line("f.go", 2); !ok || line != "b" {
					t.Errorf("line 2 = %q, %v", line, ok)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestCacheReadsRealFiles(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.go")
	if err := os.WriteFile(small, []byte("package small\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A sparse file one byte over the bound: refused without reading 16 MiB.
	big := filepath.Join(dir, "big.go")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	c := NewCache(nil)
	if line, ok := c.Line(small, 1); !ok || line != "package small" {
		t.Errorf("small.go line 1 = %q, %v", line, ok)
	}
	if b := c.File(big); b.Err == nil || b.Lines != nil {
		t.Errorf("a file over %d bytes was read: %d lines", MaxFileSize, len(b.Lines))
	}
	if _, err := readFile(big); err == nil || !strings.Contains(err.Error(), "larger than 16 MiB") {
		t.Errorf("readFile of a big file: %v", err)
	}
}

const funcs = `package p

import "fmt"

// Doc of outer, two lines
// of it.
func outer() {
	f := func() {
		fmt.Println("in the literal")
	}
	f()
}

func (t *T) method() int {
	return 1
}

var top = 3
`

func TestFuncRange(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "p.go")
	if err := os.WriteFile(file, []byte(funcs), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		line        int
		first, last int
		ok          bool
	}{
		{7, 5, 12, true},   // the declaration line: from the doc comment to the closing brace
		{11, 5, 12, true},  // the body, outside the literal
		{9, 8, 10, true},   // inside the literal: the innermost function
		{8, 8, 10, true},   // the literal's first line
		{15, 14, 16, true}, // a method without a doc comment
		{18, 0, 0, false},  // a package-level variable
		{1, 0, 0, false},   // the package clause
		{99, 0, 0, false},  // past the end
	} {
		first, last, ok := FuncRange(file, tc.line)
		if first != tc.first || last != tc.last || ok != tc.ok {
			t.Errorf("FuncRange(line %d) = %d, %d, %v; want %d, %d, %v", tc.line, first, last, ok, tc.first, tc.last, tc.ok)
		}
	}
	if _, _, ok := FuncRange(filepath.Join(dir, "missing.go"), 3); ok {
		t.Error("a range in a missing file")
	}
	// A file that does not parse to the end still has ranges for what parsed.
	broken := filepath.Join(dir, "broken.go")
	if err := os.WriteFile(broken, []byte("package p\n\nfunc a() {\n\treturn\n}\n\nfunc b( {\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if first, last, ok := FuncRange(broken, 4); !ok || first != 3 || last != 5 {
		t.Errorf("FuncRange in a broken file = %d, %d, %v; want 3, 5, true", first, last, ok)
	}
}
