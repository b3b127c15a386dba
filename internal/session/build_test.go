//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package session

import (
	"crypto/sha256"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pdbgo/pdbgo/internal/debug"
)

// writeModule writes a one-package module with a main.go printing word and returns its
// directory.
func writeModule(t *testing.T, dir, word string) string {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	src := "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"" + word + "\") }\n"
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/word\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// buildIn builds the package in dir (as pdbgo run or test from that directory would).
func buildIn(t *testing.T, dir string, mode Mode, flags string) (*Session, string, error) {
	t.Helper()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	s := &Session{cfg: Config{Mode: mode, Packages: []string{"."}, BuildFlags: flags}}
	bin, err := s.build()
	return s, bin, err
}

func inode(t *testing.T, path string) uint64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Sys().(*syscall.Stat_t).Ino
}

func output(t *testing.T, bin string) string {
	t.Helper()
	out, err := exec.Command(bin).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, out)
	}
	return strings.TrimSpace(string(out))
}

// onlyBinary fails when the binary's cache directory holds anything but the binary and the
// lock: a temporary file of a build left behind.
func onlyBinary(t *testing.T, bin string) {
	t.Helper()
	entries, _ := os.ReadDir(filepath.Dir(bin))
	for _, e := range entries {
		if e.Name() != filepath.Base(bin) && e.Name() != "lock" {
			t.Errorf("left in the cache entry: %s", e.Name())
		}
	}
}

// TestBuildCacheKeepsBinary: a second run of the same package builds into the same file in
// pdbgo's cache, and go build, finding it up to date, leaves it alone (no new link). Other
// flags or a test build get an entry of their own.
func TestBuildCacheKeepsBinary(t *testing.T) {
	dir := writeModule(t, "", "one")
	s1, bin, err := buildIn(t, dir, ModeRun, "")
	if err != nil {
		t.Fatal(err)
	}
	s1.Close()
	root, _ := cacheRoot()
	if !strings.HasPrefix(bin, root+string(filepath.Separator)) || filepath.Base(bin) != filepath.Base(dir) {
		t.Fatalf("binary %s, want it named %s in the cache %s", bin, filepath.Base(dir), root)
	}
	ino := inode(t, bin)
	s2, again, err := buildIn(t, dir, ModeRun, "")
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
	if again != bin || inode(t, bin) != ino { // go build only touches an up-to-date output
		t.Errorf("the second build wrote %s again (first %s): go build did not find it up to date", again, bin)
	}
	if got := output(t, bin); got != "one" {
		t.Errorf("cached binary prints %q", got)
	}
	onlyBinary(t, bin)

	_, other, err := buildIn(t, dir, ModeRun, "-ldflags=-X=main.unused=1")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(other) == filepath.Dir(bin) {
		t.Errorf("other build flags share the entry %s", filepath.Dir(bin))
	}
	os.WriteFile(filepath.Join(dir, "main_test.go"), []byte("package main\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) {}\n"), 0o644)
	_, tbin, err := buildIn(t, dir, ModeTest, "")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(tbin) != filepath.Base(dir)+".test" || filepath.Dir(tbin) == filepath.Dir(bin) {
		t.Errorf("test binary %s, want its own entry", tbin)
	}
	// The package loses its tests: the entry's older test binary must not be taken for a build.
	os.Remove(filepath.Join(dir, "main_test.go"))
	if _, _, err := buildIn(t, dir, ModeTest, ""); err == nil || !strings.Contains(err.Error(), "has no test files") {
		t.Errorf("test build without tests: %v", err)
	}
}

// TestBuildCacheSparesRunningBinary: while one pdbgo runs a binary, another builds the same
// package, changed, several times at once: the running one's file is never written into, and
// the cache ends with a whole binary of the new source. A failed build leaves it as it was.
func TestBuildCacheSparesRunningBinary(t *testing.T) {
	dir := writeModule(t, "", "old")
	_, bin, err := buildIn(t, dir, ModeRun, "")
	if err != nil {
		t.Fatal(err)
	}
	running, err := os.Open(bin) // what a running program and its Delve hold
	if err != nil {
		t.Fatal(err)
	}
	defer running.Close()
	before := hashOf(t, running)

	writeModule(t, dir, "new")
	var wg sync.WaitGroup
	errs := make([]error, 3)
	wd, _ := os.Getwd()
	os.Chdir(dir)
	for i := range errs {
		wg.Go(func() {
			s := &Session{cfg: Config{Mode: ModeRun, Packages: []string{"."}}}
			_, errs[i] = s.build()
		})
	}
	wg.Wait()
	os.Chdir(wd)
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if after := hashOf(t, running); after != before {
		t.Error("a rebuild wrote into the file a running program was started from")
	}
	if got := output(t, bin); got != "new" {
		t.Errorf("after the rebuilds the binary prints %q, want new", got)
	}
	onlyBinary(t, bin)

	os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n\nfunc main() { undefined() }\n"), 0o644)
	ino := inode(t, bin)
	_, _, err = buildIn(t, dir, ModeRun, "")
	var be *debug.BuildError
	if !errors.As(err, &be) || !strings.Contains(be.Output, "undefined") {
		t.Fatalf("broken source: %v", err)
	}
	if inode(t, bin) != ino || output(t, bin) != "new" {
		t.Error("a failed build changed the cached binary")
	}
	onlyBinary(t, bin)
}

func hashOf(t *testing.T, f *os.File) [32]byte {
	t.Helper()
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, 1<<40)); err != nil {
		t.Fatal(err)
	}
	return [32]byte(h.Sum(nil))
}

// TestCleanCache: entries unused for longer than the age limit go, then the least recently
// used while the cache is over its size limit; the entry in use and one being built stay.
func TestCleanCache(t *testing.T) {
	root := t.TempDir()
	now := time.Now()
	entry := func(name string, age time.Duration, size int) string {
		d := filepath.Join(root, name)
		os.MkdirAll(d, 0o755)
		os.WriteFile(filepath.Join(d, "bin"), make([]byte, size), 0o644)
		os.Chtimes(d, now.Add(-age), now.Add(-age))
		return d
	}
	oldEntry := entry("old", 10*24*time.Hour, 10)
	lru := entry("lru", 3*time.Hour, 600)
	recent := entry("recent", 2*time.Hour, 600)
	inUse := entry("in-use", 5*24*time.Hour, 600)
	building := entry("building", 20*24*time.Hour, 10)
	unlock, err := lockDir(building)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	defer func(age time.Duration, size int64) { cacheMaxAge, cacheMaxBytes = age, size }(cacheMaxAge, cacheMaxBytes)
	cacheMaxAge, cacheMaxBytes = 7*24*time.Hour, 1300

	cleanCache(root, inUse, now)
	for d, want := range map[string]bool{oldEntry: false, lru: false, recent: true, inUse: true, building: true} {
		if exists(d) != want {
			t.Errorf("%s kept: %v, want %v", filepath.Base(d), exists(d), want)
		}
	}
	// The next clean-up waits for cleanEvery.
	entry("old2", 10*24*time.Hour, 10)
	cleanCache(root, inUse, now.Add(time.Minute))
	if !exists(filepath.Join(root, "old2")) {
		t.Error("a clean-up ran again within cleanEvery")
	}
}
