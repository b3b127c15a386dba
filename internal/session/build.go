package session

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/go-delve/delve/pkg/gobuild"

	"github.com/pdbgo/pdbgo/internal/debug"
)

// build compiles the packages of a run or test session with optimizations off into a
// temporary directory and returns the binary's path.
func (s *Session) build() (string, error) {
	if len(s.cfg.Packages) == 0 {
		s.cfg.Packages = []string{"."}
	}
	pkgs := s.cfg.Packages
	if !strings.Contains(s.cfg.BuildFlags, "-ldflags") {
		// Uncompressed DWARF: Delve reads it at every start without inflating it first
		// (about 15 ms less from start to the first stop on a small program).
		s.cfg.BuildFlags = strings.TrimSpace(s.cfg.BuildFlags + " -ldflags=-compressdwarf=false")
	}
	dir, err := os.MkdirTemp("", "pdbgo-")
	if err != nil {
		return "", err
	}
	s.binDir = dir
	bin := filepath.Join(dir, binaryName(pkgs, s.cfg.Mode == ModeTest))
	if err := s.compile(bin); err != nil {
		s.removeBinary()
		return "", err
	}
	if s.cfg.Mode == ModeTest {
		if _, err := os.Stat(bin); err != nil {
			s.removeBinary()
			return "", fmt.Errorf("%s has no test files", strings.Join(pkgs, " "))
		}
		if s.cfg.WorkDir == "" {
			s.cfg.WorkDir = packageDir(pkgs[0])
		}
	}
	s.binary = bin
	return bin, nil
}

// compile runs go build (or go test -c) of the session's packages into bin.
func (s *Session) compile(bin string) error {
	var out []byte
	var err error
	if s.cfg.Mode == ModeTest {
		_, out, err = gobuild.GoTestBuildCombinedOutput(bin, s.cfg.Packages, s.cfg.BuildFlags)
	} else {
		_, out, err = gobuild.GoBuildCombinedOutput(bin, s.cfg.Packages, s.cfg.BuildFlags)
	}
	if err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) || len(out) > 0 {
			return &debug.BuildError{Output: cleanBuildOutput(out)}
		}
		return fmt.Errorf("cannot build: %v", err)
	}
	return nil
}

// rebuild compiles the program again next to its binary and, when that works, puts the new
// binary in its place; a failed build leaves the running program as it was.
func (s *Session) rebuild() error {
	next := s.binary + ".next"
	if err := s.compile(next); err != nil {
		os.Remove(next)
		return err
	}
	return os.Rename(next, s.binary)
}

// cleanBuildOutput drops the "# pkg" header lines go build prints before a package's errors
// when they only repeat what follows.
func cleanBuildOutput(out []byte) string {
	return string(bytes.TrimSpace(out))
}

func binaryName(pkgs []string, test bool) string {
	base := "main"
	if p := pkgs[0]; !strings.HasSuffix(p, ".go") {
		if abs, err := filepath.Abs(p); err == nil && (p == "." || strings.HasPrefix(p, ".") || strings.HasPrefix(p, "/")) {
			p = abs
		}
		base = filepath.Base(strings.TrimSuffix(p, "/..."))
	} else {
		base = strings.TrimSuffix(filepath.Base(p), ".go")
	}
	if test {
		return base + ".test"
	}
	return base
}

// packageDir is the directory of a package, where go test runs its tests.
func packageDir(pkg string) string {
	out, err := exec.Command("go", "list", "-f", "{{.Dir}}", pkg).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
