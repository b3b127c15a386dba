package ui

import (
	"flag"
	"os"
	"strings"
	"testing"
)

const readmePath = "../../README.md"

// readmeCapture is the screen the README shows: a golden file, so it is what the TUI draws.
const readmeCapture = "testdata/TestGoldenScreen/120.golden"

// TestReadmeTUI keeps the README's TUI section in step with the keymap and the golden capture;
// go test ./internal/ui -update rewrites it.
func TestReadmeTUI(t *testing.T) {
	data, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	capture, err := os.ReadFile(readmeCapture)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	blocks := []struct{ begin, end, want string }{
		{"<!-- tui-screen:", "<!-- /tui-screen -->", "```text\n" + trimLines(string(capture)) + "\n```\n"},
		{"<!-- tui-keys:", "<!-- /tui-keys -->", keys.Markdown()},
	}
	changed := false
	for _, b := range blocks {
		i := strings.Index(readme, b.begin)
		j := strings.Index(readme, b.end)
		if i < 0 || j < i {
			t.Fatalf("README has no %q ... %q block", b.begin, b.end)
		}
		i += strings.Index(readme[i:], "\n") + 1
		if readme[i:j] == b.want {
			continue
		}
		if !updating() {
			t.Errorf("README block %s is out of date: run go test ./internal/ui -update", b.begin)
			continue
		}
		readme = readme[:i] + b.want + readme[j:]
		changed = true
	}
	if changed {
		if err := os.WriteFile(readmePath, []byte(readme), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// updating reports whether -update was given; the flag is x/exp/golden's.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

func trimLines(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}
