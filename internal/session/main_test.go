package session

import (
	"fmt"
	"os"
	"testing"
)

// TestMain gives the tests a build cache of their own (PDBGO_CACHE), never the user's.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "pdbgo-session-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("PDBGO_CACHE", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
