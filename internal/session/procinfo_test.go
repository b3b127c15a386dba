//go:build linux

package session

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startNamed starts a copy of sleep under a name no other process has, as pdbgo's child.
func startNamed(t *testing.T, name string) *exec.Cmd {
	t.Helper()
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep command")
	}
	data, err := os.ReadFile(sleep)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path, "60")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	return cmd
}

// TestProcessTable: the process table (procinfo_linux.go) knows a process by its command
// name and its executable's name, its parent and its executable; FindProcess and
// childrenNamed (abort's) find it through it.
func TestProcessTable(t *testing.T) {
	name := "pdbgo-proctab"
	cmd := startNamed(t, name)
	pid := cmd.Process.Pid
	if got, err := FindProcess(name); err != nil || got != pid {
		t.Errorf("FindProcess(%q) = %d, %v; want %d", name, got, err, pid)
	}
	if got := childrenNamed(name); !slices.Equal(got, []int{pid}) {
		t.Errorf("childrenNamed(%q) = %v, want [%d]", name, got, pid)
	}
	if got := childrenNamed("no-such-program"); len(got) != 0 {
		t.Errorf("childrenNamed(no-such-program) = %v", got)
	}
	if exe := processExecutable(pid); filepath.Base(exe) != name {
		t.Errorf("processExecutable = %q, want a path ending in %s", exe, name)
	}

	second := startNamed(t, name)
	_, err := FindProcess(name)
	if err == nil || !strings.Contains(err.Error(), "2 processes") || !strings.Contains(err.Error(), "attach one by its id") {
		t.Errorf("FindProcess with two such processes: %v", err)
	}
	_ = second.Process.Kill()
	_ = second.Wait()
	if _, err := FindProcess("pdbgo-no-such-program"); err == nil || !strings.Contains(err.Error(), "no process is called") {
		t.Errorf("FindProcess of no process: %v", err)
	}
}

// TestJobStopped: a process stopped by SIGSTOP reads as stopped, and no longer once continued.
func TestJobStopped(t *testing.T) {
	pid := startNamed(t, "pdbgo-jobstop").Process.Pid
	if jobStopped(pid) {
		t.Fatal("a sleeping process reads as stopped")
	}
	stopProcess(pid)
	waitFor(t, func() bool { return jobStopped(pid) }, "the process to read as stopped after SIGSTOP")
	_ = syscall.Kill(pid, syscall.SIGCONT)
	waitFor(t, func() bool { return !jobStopped(pid) }, "the process to run again after SIGCONT")
}

// TestKillProcess: killProcess ends a process and says nothing of one already gone;
// processExists follows.
func TestKillProcess(t *testing.T) {
	cmd := startNamed(t, "pdbgo-killme")
	pid := cmd.Process.Pid
	if !processExists(pid) {
		t.Fatal("processExists is false for a running process")
	}
	if err := killProcess(pid); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if processExists(pid) {
		t.Error("processExists is true for a reaped process")
	}
	if err := killProcess(pid); err != nil {
		t.Errorf("killProcess of a process already gone: %v", err)
	}
}

func waitFor(t *testing.T, cond func() bool, what string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}
