//go:build linux

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

// TestReadmeRCTranscript runs the README's pdbgorc example: its file as the user's pdbgorc,
// its session on the shipped example; pdbgo must still print every line shown.
func TestReadmeRCTranscript(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	const fileIntro, sessionIntro = "```\n# ~/.config/pdbgo/pdbgorc\n", "```\n$ pdbgo run --plain ./examples/crash\n"
	i := strings.Index(readme, fileIntro)
	if i < 0 {
		t.Fatal("README has no pdbgorc example")
	}
	rc := readme[i+len("```\n"):] // the comment line is the file's first
	rc = rc[:strings.Index(rc, "```")]
	j := strings.Index(readme[i:], sessionIntro)
	if j < 0 {
		t.Fatal("README has no session after its pdbgorc example")
	}
	session := readme[i+j+len(sessionIntro):]
	session = session[:strings.Index(session, "```")]

	config := t.TempDir()
	if err := os.MkdirAll(filepath.Join(config, "pdbgo"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(config, "pdbgo", "pdbgorc"), []byte(rc), 0o644); err != nil {
		t.Fatal(err)
	}
	var commands, want []string
	for _, line := range strings.Split(strings.TrimSuffix(session, "\n"), "\n") {
		if c, ok := strings.CutPrefix(line, "(pdbgo) "); ok {
			commands = append(commands, c)
			continue
		}
		line = strings.ReplaceAll(line, "/home/ann/.config", config)
		want = append(want, strings.ReplaceAll(line, "/src/pdbgo", root))
	}
	cmd := exec.Command(pdbgo, "run", "--plain", "./examples/crash")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+config)
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
