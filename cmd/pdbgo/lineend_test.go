//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitOnItsOwnLine: in the line mode the program writes to pdbgo's own standard output;
// when its output ends without a newline, pdbgo's next line still starts a line of its own
// (here the output is a regular file, as with pdbgo ... > log).
func TestExitOnItsOwnLine(t *testing.T) {
	if reportBuildErr != nil {
		t.Fatal(reportBuildErr)
	}
	dir := t.TempDir()
	for name, text := range map[string]string{
		"go.mod":  "module example.com/nonl\n\ngo 1.22\n",
		"main.go": "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {\n\tfmt.Print(\"partial\")\n\tfmt.Print(\" line\")\n\tos.Exit(3)\n}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	cmd := exec.Command(reportPdbgo, "run", "--plain", "-b", "main.go:10", ".")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader("c\nc\n")
	cmd.Stdout, cmd.Stderr = out, out
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	if err := cmd.Run(); err != nil {
		t.Fatalf("pdbgo: %v", err)
	}
	data, err := os.ReadFile(out.Name())
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, want := range []string{"\npartial\nBreakpoint 1\n> ", "(pdbgo)  line\nThe program exited with status 3.\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in:\n%s", want, text)
		}
	}
}
