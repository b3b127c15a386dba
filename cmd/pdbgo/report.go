package main

import (
	"errors"
	"os"

	"github.com/pdbgo/pdbgo/internal/report"
	"github.com/pdbgo/pdbgo/internal/session"
	"github.com/pdbgo/pdbgo/internal/signals"
)

// reportSession runs the program with no person at the keyboard. On an unrecovered panic or a
// fatal error it writes a crash report and ends with the status the program would have had; a
// program that ends by itself passes its status through; a failing test is reported and the
// program goes on. A core is reported as it is.
func reportSession(opts options, cfg session.Config) error {
	if len(opts.breaks) > 0 || len(opts.commands) > 0 {
		return errUsage{errors.New("--report runs with no prompt: -b and -c do not apply")}
	}
	switch cfg.Mode {
	case session.ModeAttach, session.ModeConnect:
		return errUsage{errors.New("--report works with run, exec, test and core")}
	}
	sess, err := startSession(cfg)
	if err != nil {
		return err
	}
	defer sess.Close()
	// With no person at the keyboard, Ctrl-C means stop, as for the program run by itself.
	stopSignals := signals.Watch(signals.Handlers{End: endSession(sess)})
	defer stopSignals()
	defer closeOnPanic(sess)

	status, err := report.Reporting{
		Output:      &report.Output{W: os.Stdout, Note: os.Stderr, Path: opts.reportFile, Format: opts.report},
		Options:     report.Options{Scrub: !opts.noScrub, Limits: report.LimitsFor(opts.report)},
		Version:     version(),
		Gotraceback: os.Getenv("GOTRACEBACK"), // the program has pdbgo's environment
		Core:        cfg.Mode == session.ModeCore,
	}.Run(sess, sess.Close)
	if err != nil {
		return err
	}
	return exitStatus(status)
}
