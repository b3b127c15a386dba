package clitest

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// writeModule writes a one-package main module into a new directory and returns it.
func writeModule(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/fixture\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// runPdbgo runs pdbgo in dir with stdin and returns what it wrote and its exit status.
func runPdbgo(t *testing.T, dir, stdin string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	cmd := exec.Command(pdbgo, args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		status = exit.ExitCode()
	case err != nil:
		t.Fatalf("pdbgo %s: %v", strings.Join(args, " "), err)
	}
	return out.String(), errOut.String(), status
}

// leavesMark is a program that leaves a file called "ran" in its working directory.
const leavesMark = `package main

import "os"

func main() {
	os.WriteFile("ran", nil, 0o644)
	panic("crash")
}
`

// TestReportFileFlagChecks: --report-file without --report, or into a directory that does not
// exist, is a command-line mistake found before the program runs (exit 2, one line).
func TestReportFileFlagChecks(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--report-file", "crash.json"}, "pdbgo: --report-file needs --report (text or json)"},
		{[]string{"--report=json", "--report-file", "nosuch/crash.json"}, "pdbgo: --report-file nosuch/crash.json: directory nosuch does not exist"},
	} {
		dir := writeModule(t, leavesMark)
		args := append(append([]string{"run", "--plain"}, tc.args...), ".")
		_, stderr, status := runPdbgo(t, dir, "q\n", args...)
		if status != 2 || strings.TrimSpace(stderr) != tc.want {
			t.Errorf("pdbgo %s: status %d, stderr %q; want 2, %q", strings.Join(args, " "), status, stderr, tc.want)
		}
		if _, err := os.Stat(filepath.Join(dir, "ran")); err == nil {
			t.Errorf("pdbgo %s ran the program", strings.Join(args, " "))
		}
	}
}
