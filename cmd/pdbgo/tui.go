package main

import (
	"errors"

	"github.com/pdbgo/pdbgo/internal/session"
)

// useTUI reports whether to open the full-screen TUI. TODO(issue 3): being written.
func useTUI(opts options) bool { return false }

func tuiSession(opts options, cfg session.Config) error {
	return errors.New("the TUI is not available yet")
}
