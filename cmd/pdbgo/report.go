package main

import (
	"errors"

	"github.com/pdbgo/pdbgo/internal/session"
)

// reportSession runs the program with no person at the keyboard and writes a crash report.
// TODO(issue 4): being written.
func reportSession(opts options, cfg session.Config) error {
	return errors.New("--report is not available yet")
}
