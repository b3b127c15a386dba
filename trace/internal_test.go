//go:build linux

package trace

import (
	"errors"
	"fmt"
	"go/build"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pdbgo/pdbgo/internal/testenv"
)

type myInt int
type myString string
type point struct{ X, Y int }
type stringer struct{}

func (stringer) String() string { return "a stringer" }

func TestPanicMessage(t *testing.T) {
	for _, tt := range []struct {
		value any
		want  string
	}{
		{errors.New("boom"), "panic: boom"},
		{fmt.Errorf("wrapped: %w", os.ErrNotExist), "panic: wrapped: file does not exist"},
		{stringer{}, "panic: a stringer"},
		{"plain", "panic: plain"},
		{"two\nlines", "panic: two\n\tlines"},
		{42, ""},
		{3.5, ""},
		{myInt(93), ""},
		{myString("x"), ""},
		{point{1, 2}, ""},
	} {
		if got := panicMessage(tt.value); got != tt.want {
			t.Errorf("panicMessage(%#v) = %q, want %q", tt.value, got, tt.want)
		}
	}
}

func TestTracerPID(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	if pid, err := tracerPID(write("traced", "Name:\tx\nTracerPid:\t4321\nUid:\t0\n")); err != nil || pid != 4321 {
		t.Errorf("traced: %d, %v", pid, err)
	}
	if pid, err := tracerPID(write("free", "Name:\tx\nTracerPid:\t0\n")); err != nil || pid != 0 {
		t.Errorf("free: %d, %v", pid, err)
	}
	if _, err := tracerPID(write("odd", "Name:\tx\n")); err == nil {
		t.Error("no error without a TracerPid field")
	}
	if _, err := tracerPID(filepath.Join(dir, "missing")); err == nil {
		t.Error("no error for a missing file")
	}
	if _, err := tracerPID("/proc/self/status"); err != nil {
		t.Error(err)
	}
}

// TestWaitTracedGivesUp: a debugger that never attaches is ended, and the wait returns.
func TestWaitTracedGivesUp(t *testing.T) {
	defer func(d time.Duration) { attachTimeout = d }(attachTimeout)
	attachTimeout = 300 * time.Millisecond
	if pid, _ := tracerPID("/proc/self/status"); pid != 0 {
		t.Skip("the test runs under a debugger")
	}
	cmd := exec.Command("sleep", "30")
	if err := cmd.Start(); err != nil {
		testenv.SkipUnlessCI(t, "cannot run sleep: %v", err)
	}
	dbg := &debugger{cmd: cmd, exited: make(chan struct{})}
	go func() {
		dbg.err = cmd.Wait()
		close(dbg.exited)
	}()
	start := time.Now()
	err := waitTraced(syscall.Gettid(), dbg)
	if err == nil || !strings.Contains(err.Error(), "did not attach within 300ms") {
		t.Errorf("err = %v", err)
	}
	if elapsed := time.Since(start); elapsed > 3*time.Second {
		t.Errorf("took %v", elapsed)
	}
	select {
	case <-dbg.exited:
	case <-time.After(3 * time.Second):
		t.Error("the debugger was not ended")
		_ = cmd.Process.Kill()
	}
}

// TestWaitTracedEarlyExit: a debugger that exits is noticed at once.
func TestWaitTracedEarlyExit(t *testing.T) {
	cmd := exec.Command("sh", "-c", "exit 5")
	if err := cmd.Start(); err != nil {
		testenv.SkipUnlessCI(t, "cannot run sh: %v", err)
	}
	dbg := &debugger{cmd: cmd, exited: make(chan struct{})}
	go func() {
		dbg.err = cmd.Wait()
		close(dbg.exited)
	}()
	err := waitTraced(syscall.Gettid(), dbg)
	if err == nil || !strings.Contains(err.Error(), "exited before attaching (exit status 5)") {
		t.Errorf("err = %v", err)
	}
}

// TestImportsOnlyStandardLibrary: importing the package must cost a program nothing.
func TestImportsOnlyStandardLibrary(t *testing.T) {
	for _, goos := range []string{"linux", "darwin", "windows"} {
		ctx := build.Default
		ctx.GOOS = goos
		pkg, err := ctx.ImportDir(".", 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range pkg.Imports {
			first, _, _ := strings.Cut(imp, "/")
			if strings.Contains(first, ".") {
				t.Errorf("%s: the trace package imports %s", goos, imp)
			}
		}
	}
}
