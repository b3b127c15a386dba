package session

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestProgramFunctionsAndSources: a program of two packages lists its own functions (package
// main's and its module's other package's, without the compiler's wrappers) and its own files,
// and neither the standard library's nor the runtime's.
func TestProgramFunctionsAndSources(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"go.mod": "module example.com/app\n\ngo 1.22\n",
		"main.go": `package main

import (
	"fmt"

	"example.com/app/util"
)

func helper(n int) int { return util.Double(n) }

func main() {
	defer fmt.Println("done")
	fmt.Println(helper(21))
}
`,
		"util/util.go": "package util\n\n// Double doubles.\nfunc Double(n int) int { return 2 * n }\n",
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	s, err := Start(Config{Mode: ModeRun, Packages: []string{"."}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	fns, err := s.Functions()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"main.main", "main.helper", "example.com/app/util.Double"} {
		if !slices.Contains(fns, want) {
			t.Errorf("Functions lacks %s: %q", want, fns)
		}
	}
	for _, fn := range fns {
		if strings.HasPrefix(fn, "fmt.") || strings.HasPrefix(fn, "runtime.") || strings.Contains(fn, "deferwrap") {
			t.Errorf("Functions lists %s, which is not the program's own", fn)
		}
	}
	if !slices.IsSorted(fns) {
		t.Errorf("Functions is not sorted: %q", fns)
	}

	files, err := s.Sources()
	if err != nil {
		t.Fatal(err)
	}
	real, _ := filepath.EvalSymlinks(dir)
	var names []string
	for _, f := range files {
		if !strings.HasPrefix(f, real+"/") && !strings.HasPrefix(f, dir+"/") {
			t.Errorf("Sources lists %s, outside the program's module", f)
		}
		names = append(names, filepath.Base(f))
	}
	if !slices.Contains(names, "main.go") || !slices.Contains(names, "util.go") {
		t.Errorf("Sources: %q", files)
	}
}
