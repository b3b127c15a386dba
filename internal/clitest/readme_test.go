package clitest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeTranscript runs the line-mode session the README shows on the shipped example and
// checks that pdbgo still prints every line of it.
func TestReadmeTranscript(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const intro = "A line-mode session on the example:\n\n```\n"
	readme := string(data)
	i := strings.Index(readme, intro)
	if i < 0 {
		t.Fatal("README has no line-mode session")
	}
	block := readme[i+len(intro):]
	block = block[:strings.Index(block, "```")]

	var commands, want []string
	for _, line := range strings.Split(strings.TrimSuffix(block, "\n"), "\n") {
		switch {
		case strings.HasPrefix(line, "$ "):
		case strings.HasPrefix(line, "(pdbgo) "):
			commands = append(commands, strings.TrimPrefix(line, "(pdbgo) "))
		default:
			want = append(want, strings.ReplaceAll(line, "/src/pdbgo", root))
		}
	}
	cmd := exec.Command(pdbgo, "run", "--plain", "./examples/crash")
	cmd.Dir = root
	cmd.Stdin = strings.NewReader(strings.Join(commands, "\n") + "\n")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("pdbgo: %v\n%s", err, out)
	}
	got := map[string]bool{}
	for _, line := range strings.Split(string(out), "\n") {
		for strings.HasPrefix(line, "(pdbgo) ") {
			line = strings.TrimPrefix(line, "(pdbgo) ")
		}
		got[line] = true
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("pdbgo no longer prints the README's line %q; it printed:\n%s", w, out)
		}
	}
}
