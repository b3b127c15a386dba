//go:build linux

package session

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pdbgo/pdbgo/internal/debug"
)

// A program that runs until it is killed, printing its pid first.
const forever = `package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	fmt.Println("pid", os.Getpid())
	for n := 0; ; n++ {
		time.Sleep(time.Millisecond)
	}
}
`

// foreverPackage writes the program into a module directory and returns it.
func foreverPackage(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range map[string]string{"go.mod": "module example.com/forever\n\ngo 1.22\n", "main.go": forever} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// gone reports whether pid has ended (a zombie counts: its parent reaps it), waiting up to
// five seconds for a SIGKILL to take effect.
func gone(pid int) bool {
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		st, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil || bytes.Contains(st, []byte(") Z")) || bytes.Contains(st, []byte(") X")) {
			return true
		}
	}
	return false
}

// killAndClose calls Kill and Close at once, as the kill command and a SIGTERM handler may,
// and returns Kill's error. Both must return, promptly.
func killAndClose(t *testing.T, s *Session) (killErr error) {
	t.Helper()
	var wg sync.WaitGroup
	start := make(chan struct{})
	wg.Add(2)
	go func() {
		defer wg.Done()
		<-start
		killErr = s.Kill()
	}()
	go func() {
		defer wg.Done()
		<-start
		_ = s.Close()
	}()
	done := make(chan struct{})
	go func() {
		close(start)
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Kill and Close called together did not return")
	}
	return killErr
}

// TestKillAndCloseTogether: Kill and Close called at the same time, on a stopped and on a
// running program, both return, the program is gone and the built binary removed. Run with
// -race: both read and write the session's state.
func TestKillAndCloseTogether(t *testing.T) {
	t.Chdir(foreverPackage(t))
	for _, running := range []bool{false, true} {
		t.Run(fmt.Sprintf("running=%v", running), func(t *testing.T) {
			s, err := Start(Config{Mode: ModeRun, Packages: []string{"."}})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			pid, binDir := s.PID(), s.binDir
			continued := make(chan error, 1)
			if running {
				go func() {
					_, err := s.Continue()
					continued <- err
				}()
				for !s.Running() {
					time.Sleep(time.Millisecond)
				}
			}
			if err := killAndClose(t, s); err != nil {
				t.Errorf("kill: %v", err)
			}
			if running {
				select {
				case err := <-continued:
					if err != debug.ErrClosed {
						t.Errorf("the run ended with %v, want ErrClosed", err)
					}
				case <-time.After(30 * time.Second):
					t.Fatal("Continue did not return after Kill and Close")
				}
			}
			if !gone(pid) {
				_ = syscall.Kill(pid, syscall.SIGKILL)
				t.Errorf("the program (pid %d) outlived Kill and Close", pid)
			}
			if _, err := os.Stat(binDir); !os.IsNotExist(err) {
				t.Errorf("the binary's directory %s is still there (%v)", binDir, err)
			}
		})
	}
}

// TestKillAttachedWhileClosing: kill on an attached process ends it even when Close runs at
// the same moment (which alone would detach and leave it running): a kill that returns
// without an error has killed.
func TestKillAttachedWhileClosing(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "forever")
	build := exec.Command("go", "build", "-gcflags=all=-N -l", "-o", bin, ".")
	build.Dir = foreverPackage(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	for i := range 4 {
		pid := startOrphan(t, bin)
		s, err := Start(Config{Mode: ModeAttach, PID: pid})
		if err != nil {
			t.Fatal(err)
		}
		if err := killAndClose(t, s); err == nil && !gone(pid) {
			t.Errorf("round %d: kill returned no error and the attached program runs on", i)
		}
	}
}

// startOrphan starts bin in the background of a shell that exits at once, so that the program
// is not this process's child: its events must reach Delve's wait4, not an exec.Cmd's Wait.
// The test's cleanup kills it.
func startOrphan(t *testing.T, bin string) int {
	t.Helper()
	out, err := exec.Command("sh", "-c", `"$0" >/dev/null 2>&1 & echo $!`, bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatalf("pid %q: %v", out, err)
	}
	t.Cleanup(func() { _ = syscall.Kill(pid, syscall.SIGKILL) })
	return pid
}
