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
)

// BuildError is a failed go build; Output is what the compiler said.
type BuildError struct {
	Output string
}

func (e *BuildError) Error() string {
	out := strings.TrimSpace(e.Output)
	if out == "" {
		return "build failed"
	}
	return "build failed:\n" + out
}

// build compiles the packages of a run or test session with optimizations off into a
// temporary directory and returns the binary's path.
func (s *Session) build() (string, error) {
	pkgs := s.cfg.Packages
	if len(pkgs) == 0 {
		pkgs = []string{"."}
	}
	dir, err := os.MkdirTemp("", "pdbgo-")
	if err != nil {
		return "", err
	}
	s.binDir = dir
	name := binaryName(pkgs, s.cfg.Mode == ModeTest)
	bin := filepath.Join(dir, name)
	var out []byte
	if s.cfg.Mode == ModeTest {
		_, out, err = gobuild.GoTestBuildCombinedOutput(bin, pkgs, s.cfg.BuildFlags)
	} else {
		_, out, err = gobuild.GoBuildCombinedOutput(bin, pkgs, s.cfg.BuildFlags)
	}
	if err != nil {
		s.removeBinary()
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) || len(out) > 0 {
			return "", &BuildError{Output: cleanBuildOutput(out)}
		}
		return "", fmt.Errorf("cannot build: %v", err)
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
	return bin, nil
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
