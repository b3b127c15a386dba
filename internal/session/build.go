package session

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/go-delve/delve/pkg/gobuild"

	"github.com/pdbgo/pdbgo/internal/debug"
)

// Binaries pdbgo builds for run and test are kept between sessions in its build cache,
// cacheRoot()/NAME-KEY/NAME, one entry per package list, build flags, test or not,
// and working directory. Building into the same path again lets go build skip the link when
// nothing changed (0.15 s against 0.45 s on a small program). Entries not used for
// cacheMaxAge are removed, and the least recently used ones while the cache holds more than
// cacheMaxBytes.
var (
	cacheMaxAge   = 7 * 24 * time.Hour
	cacheMaxBytes = int64(2 << 30)
	// cleanEvery spaces the clean-ups: a stamp file in the cache says when the last one ran.
	cleanEvery = time.Hour
)

// build compiles the packages of a run or test session with optimizations off and returns
// the binary's path: in pdbgo's build cache, or in a temporary directory removed on Close
// when there is no cache directory to write to.
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
	test := s.cfg.Mode == ModeTest
	name := binaryName(pkgs, test)
	bin, err := cachedBinary(name, pkgs, s.cfg.BuildFlags, test)
	if err != nil {
		dir, err := os.MkdirTemp("", "pdbgo-")
		if err != nil {
			return "", err
		}
		s.binDir = dir
		bin = filepath.Join(dir, name)
	}
	s.binary = bin
	if err := s.compileOrAbort(); err != nil {
		s.removeBinary()
		return "", err
	}
	if test && s.cfg.WorkDir == "" {
		s.cfg.WorkDir = packageDir(pkgs[0])
	}
	return bin, nil
}

// cachedBinary is the path of the binary in pdbgo's build cache for these packages, flags and
// kind in the current working directory; its directory exists when it returns.
func cachedBinary(name string, pkgs []string, flags string, test bool) (string, error) {
	root, err := cacheRoot()
	if err != nil {
		return "", err
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, part := range append([]string{wd, flags, fmt.Sprint(test)}, pkgs...) {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	dir := filepath.Join(root, name+"-"+hex.EncodeToString(h.Sum(nil))[:16])
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return filepath.Join(dir, name), nil
}

// cacheRoot is the directory of pdbgo's build cache: $PDBGO_CACHE, else
// $XDG_CACHE_HOME/pdbgo/bin or ~/.cache/pdbgo/bin. Tests set PDBGO_CACHE: moving
// XDG_CACHE_HOME would move Go's own build cache with it.
func cacheRoot() (string, error) {
	if dir := os.Getenv("PDBGO_CACHE"); dir != "" {
		return filepath.Abs(dir)
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "pdbgo", "bin"), nil
}

// compile runs go build (or go test -c) of the session's packages into its binary. Another
// pdbgo may be running the binary or building the same entry: the build goes to a temporary
// name under the entry's lock and replaces the binary by a rename, so a running program and a
// Delve reading the old file keep it whole. The temporary name starts as a hard link to the
// binary: go build sees an up-to-date output there and neither links nor writes; when it
// does write, it replaces the file (a new inode), never writes into the linked one.
func (s *Session) compile() error {
	bin := s.binary
	dir := filepath.Dir(bin)
	if err := os.MkdirAll(dir, 0o755); err != nil { // a clean-up may have removed it since
		return fmt.Errorf("cannot build: %v", err)
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return fmt.Errorf("cannot build: %v", err)
	}
	defer unlock()
	tmp := filepath.Join(dir, fmt.Sprintf(".%s.%d-%d.tmp", filepath.Base(bin), os.Getpid(), time.Now().UnixNano()))
	os.Remove(tmp)
	linkForReuse(bin, tmp) // no binary yet: go build writes a new one
	defer os.Remove(tmp)   // gone after the rename; left only by a failed build

	var out []byte
	if s.cfg.Mode == ModeTest {
		_, out, err = gobuild.GoTestBuildCombinedOutput(tmp, s.cfg.Packages, s.cfg.BuildFlags)
	} else {
		_, out, err = gobuild.GoBuildCombinedOutput(tmp, s.cfg.Packages, s.cfg.BuildFlags)
	}
	if err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) || len(out) > 0 {
			return &debug.BuildError{Output: cleanBuildOutput(out)}
		}
		return fmt.Errorf("cannot build: %v", err)
	}
	if s.cfg.Mode == ModeTest && (bytes.Contains(out, []byte("[no test files]")) || !exists(tmp)) {
		// go test -c writes nothing then; a link to an older test binary may be there.
		os.Remove(bin)
		return fmt.Errorf("%s has no test files", strings.Join(s.cfg.Packages, " "))
	}
	if err := replaceBinary(tmp, bin); err != nil {
		return fmt.Errorf("cannot build: %v", err)
	}
	if s.binDir == "" {
		now := time.Now()
		_ = os.Chtimes(dir, now, now) // the entry's last use, for the clean-up
		cleanCache(filepath.Dir(dir), dir, now)
	}
	return nil
}

// rebuild compiles the program again into its binary; a failed build leaves the binary, and
// the running program, as they were.
func (s *Session) rebuild() error { return s.compile() }

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// cleanCache removes the cache entries not used for cacheMaxAge, then the least recently used
// ones while the cache is over cacheMaxBytes, at most once every cleanEvery. An entry being
// built (its lock held) and keep, the entry in use, are left alone; a program running from a
// removed binary runs on.
func cleanCache(root, keep string, now time.Time) {
	stamp := filepath.Join(root, ".cleaned")
	if fi, err := os.Stat(stamp); err == nil && now.Sub(fi.ModTime()) < cleanEvery {
		return
	}
	if f, err := os.Create(stamp); err == nil {
		f.Close()
	}
	type entry struct {
		dir  string
		used time.Time
		size int64
	}
	dirs, _ := os.ReadDir(root)
	var entries []entry
	var total int64
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		fi, err := d.Info()
		if err != nil {
			continue
		}
		e := entry{dir: filepath.Join(root, d.Name()), used: fi.ModTime()}
		files, _ := os.ReadDir(e.dir)
		for _, f := range files {
			if fi, err := f.Info(); err == nil {
				e.size += fi.Size()
			}
		}
		total += e.size
		if e.dir != keep {
			entries = append(entries, e)
		}
	}
	slices.SortFunc(entries, func(a, b entry) int { return a.used.Compare(b.used) }) // oldest first
	for _, e := range entries {
		if now.Sub(e.used) < cacheMaxAge && total <= cacheMaxBytes {
			break
		}
		if unlock, ok := tryLockDir(e.dir); ok {
			os.RemoveAll(e.dir)
			unlock()
			total -= e.size
		}
	}
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
		base += ".test"
	}
	return base + exeSuffix
}

// packageDir is the directory of a package, where go test runs its tests.
func packageDir(pkg string) string {
	out, err := exec.Command("go", "list", "-f", "{{.Dir}}", pkg).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
