package testenv

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// linuxOnlyPaths are files only Linux has. A read of one in code that builds for macOS or
// Windows compiles there (make cross cannot see it) and fails at run time: it belongs in a
// file built for Linux only (*_linux.go, //go:build linux), with the other systems' way next
// to it.
var linuxOnlyPaths = []string{"/proc/", "/sys/", "/dev/pts"}

// TestLinuxOnlyPathsStayInLinuxFiles: no file pdbgo builds for macOS or Windows names a
// Linux-only path in a string (tests, which run on Linux only, aside).
func TestLinuxOnlyPathsStayInLinuxFiles(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	var targets []build.Context
	for _, target := range [][2]string{{"darwin", "arm64"}, {"windows", "amd64"}} {
		ctx := build.Default
		ctx.GOOS, ctx.GOARCH, ctx.CgoEnabled = target[0], target[1], false
		targets = append(targets, ctx)
	}
	checked := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		for _, ctx := range targets {
			if ok, err := ctx.MatchFile(filepath.Dir(path), name); err != nil || !ok {
				continue
			}
			checked++
			for _, hit := range linuxOnlyStrings(t, path) {
				rel, _ := filepath.Rel(root, path)
				t.Errorf("%s:%d: %s names a Linux-only path but builds for %s: move it to a Linux-only file", rel, hit.line, hit.text, ctx.GOOS)
			}
			break
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("only %d files checked: is %s the module's root?", checked, root)
	}
}

type stringHit struct {
	line int
	text string
}

func linuxOnlyStrings(t *testing.T, path string) []stringHit {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var hits []stringHit
	ast.Inspect(f, func(n ast.Node) bool {
		if _, ok := n.(*ast.ImportSpec); ok {
			return false // golang.org/x/sys/unix is no path on disk
		}
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		s, err := strconv.Unquote(lit.Value)
		if err != nil {
			return true
		}
		for _, p := range linuxOnlyPaths {
			if strings.Contains(s, p) || s == strings.TrimSuffix(p, "/") {
				hits = append(hits, stringHit{fset.Position(lit.Pos()).Line, lit.Value})
				break
			}
		}
		return true
	})
	return hits
}
