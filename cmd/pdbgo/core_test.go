//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUntrustworthyCores: a core that is truncated, a core with another program's executable
// and a file that is no core are refused in one line that says why, before Delve shows
// frames made of missing memory (?() :0) or of another program's code as if they were real.
func TestUntrustworthyCores(t *testing.T) {
	if reportBuildErr != nil {
		t.Fatal(reportBuildErr)
	}
	dir, core := dumpCore(t, "")
	data, err := os.ReadFile(core)
	if err != nil {
		t.Fatal(err)
	}
	truncated := filepath.Join(dir, "truncated.core")
	if err := os.WriteFile(truncated, data[:len(data)/3], 0o600); err != nil {
		t.Fatal(err)
	}
	other, err := os.Executable() // the test binary: a Go program, not the one that crashed
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		exe, core, want string
	}{
		{reportCrashBin, truncated, "cannot open core " + truncated + ": it is truncated: it holds "},
		{other, core, "cannot open core " + core + ": it was not dumped by " + other + ": the Go build ID in the core is "},
		{reportCrashBin, reportCrashBin, "cannot open core " + reportCrashBin + ": not a core dump (an ELF file of type ET_EXEC)"},
		{reportCrashBin, filepath.Join(dir, "nosuch"), "cannot open core " + filepath.Join(dir, "nosuch") + ": no such file or directory"},
	} {
		res := runReport(t, dir, "where\n", nil, "core", "--plain", tc.exe, tc.core)
		line := strings.TrimSpace(res.stderr)
		if res.status != 1 || !strings.HasPrefix(line, "pdbgo: "+tc.want) || strings.Contains(line, "\n") || strings.Contains(res.stdout, "?()") {
			t.Errorf("pdbgo core %s %s: status %d\nstderr: %s\nstdout: %s", tc.exe, tc.core, res.status, res.stderr, res.stdout)
		}
	}
}
