package command

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite generated files")

// TestReadmeCommandReference keeps the README's command reference in step with the table.
func TestReadmeCommandReference(t *testing.T) {
	const path = "../../README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	const begin, end = "<!-- commands:", "<!-- /commands -->"
	i := strings.Index(readme, begin)
	j := strings.Index(readme, end)
	if i < 0 || j < i {
		t.Fatalf("README has no %q ... %q block", begin, end)
	}
	i += strings.Index(readme[i:], "\n") + 1
	want := Markdown()
	if got := readme[i:j]; got != want {
		if *update {
			if err := os.WriteFile(path, []byte(readme[:i]+want+readme[j:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("README command reference is out of date: run go test ./internal/command -update")
	}
}
