package main

import (
	"errors"
	"fmt"
	"os"
	"syscall"

	"github.com/mattn/go-isatty"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/launch"
	"github.com/pdbgo/pdbgo/internal/report"
	"github.com/pdbgo/pdbgo/internal/session"
	"github.com/pdbgo/pdbgo/internal/signals"
)

// debugSession starts the program under the debugger, runs it to its first stop and takes
// commands until the user quits or input ends: in the TUI on a terminal, else in the line mode.
// A variable: the command line's fuzz test parses without starting anything.
var debugSession = func(opts options, cfg session.Config) error {
	if err := report.CheckFlags(opts.report, opts.reportFile); err != nil {
		return errUsage{err}
	}
	cfg.BuildFlags, cfg.NoStopOnFail, cfg.CatchPanics = opts.buildFlags, opts.noStopOnFail, opts.recovered
	if opts.workDir != "" {
		cfg.WorkDir = opts.workDir
	}
	if opts.stdin != "" {
		if _, err := os.Stat(opts.stdin); err != nil {
			return fmt.Errorf("--stdin: %w", err)
		}
		cfg.Stdin = opts.stdin
	}
	if opts.report != "" {
		return reportSession(opts, cfg)
	}
	if useTUI(opts) {
		return tuiSession(opts, cfg)
	}
	sess, err := startSession(cfg)
	if err != nil {
		return err
	}
	// Whatever happens from here, the program must not outlive pdbgo.
	defer sess.Close()
	interactive := isatty.IsTerminal(os.Stdin.Fd())
	stopSignals := signals.Watch(signals.Handlers{
		Interrupt: func() {
			if sess.Running() {
				_ = sess.Halt()
			} else if interactive {
				// As pdb does: Ctrl-C at the prompt says how to leave, and stays.
				fmt.Fprint(os.Stdout, "\n(Ctrl-C stops a running program; q quits)\n"+command.Prompt)
			}
		},
		End: endSession(sess),
	})
	defer stopSignals()
	defer closeOnPanic(sess)

	in := command.New(sess, os.Stdout)
	if err := in.Start(beginning(cfg.Mode), opts.breaks, command.ReadRC(opts.norc)...); err != nil {
		return err
	}
	in.Run(opts.commands, os.Stdin, cfg.Trace)
	return nil
}

// beginning says where the program is when a session in mode begins.
func beginning(mode session.Mode) command.Beginning {
	switch mode {
	case session.ModeAttach:
		return command.BeginAttached
	case session.ModeCore:
		return command.BeginCore
	case session.ModeConnect:
		return command.BeginRemote
	}
	return command.BeginRun
}

// startSession starts debugging; a signal that ends pdbgo ends the start too.
func startSession(cfg session.Config) (*session.Session, error) {
	sess, err := launch.Start(cfg, os.Stderr)
	var ended launch.Ended
	if errors.As(err, &ended) {
		return nil, exitStatus(signals.ExitStatus(ended.Signal))
	}
	return sess, err
}

// endSession is what a signal that ends pdbgo does: the session ends (a program pdbgo
// started is killed, an attached one detached) and pdbgo exits as a shell reports the signal.
func endSession(sess *session.Session) func(syscall.Signal) {
	return func(sig syscall.Signal) {
		sess.Close()
		os.Exit(signals.ExitStatus(sig))
	}
}

// closeOnPanic, deferred, ends the session when pdbgo itself panics: the program must never
// outlive pdbgo, and an attached one must be detached.
func closeOnPanic(sess *session.Session) {
	if r := recover(); r != nil {
		sess.Close()
		panic(r)
	}
}
