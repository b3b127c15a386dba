package main

import (
	"errors"
	"os"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/report"
	"github.com/pdbgo/pdbgo/internal/session"
	"github.com/pdbgo/pdbgo/internal/signals"
)

// reportSession runs the program with no person at the keyboard. On an unrecovered panic or a
// fatal error it writes a crash report and ends with the status the program would have had; a
// program that ends by itself passes its status through. A core is reported as it is.
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

	stop, err := report.RunToCrash(sess)
	if err != nil {
		return err
	}
	// The program has pdbgo's environment, and so its GOTRACEBACK.
	status := exitStatus(report.ExitStatus(stop, os.Getenv("GOTRACEBACK")))
	if stop.Kind == debug.StopExited {
		sess.Close()
		return status
	}
	r := report.Collect(sess, stop, report.Options{Scrub: !opts.noScrub, Limits: report.DefaultLimits}, version())
	sess.Close() // the report holds copies: the program can go
	if err := report.Write(os.Stdout, os.Stderr, opts.reportFile, opts.report, r); err != nil {
		return err
	}
	if cfg.Mode == session.ModeCore {
		return nil // the report is what was asked for; the program died long ago
	}
	return status
}
