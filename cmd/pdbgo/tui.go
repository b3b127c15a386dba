package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/mattn/go-isatty"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/session"
	"github.com/pdbgo/pdbgo/internal/signals"
	"github.com/pdbgo/pdbgo/internal/ui"
)

// useTUI reports whether to open the full-screen TUI: a person is at a terminal (stdin and
// stdout are terminals) and --plain was not given. With --stdin the program reads a file, not
// a terminal of its own, and the TUI shows a program's output only through that terminal: such
// a session runs in the line mode.
func useTUI(opts options) bool {
	return !opts.plain && opts.stdin == "" && isatty.IsTerminal(os.Stdin.Fd()) && isatty.IsTerminal(os.Stdout.Fd())
}

// tuiSession debugs the program in the TUI. A program pdbgo starts gets a terminal of its own,
// so what it prints shows in the TUI's output pane and never paints over the screen; an
// attached or remote one keeps its own.
func tuiSession(opts options, cfg session.Config) error {
	cfg.Terminal = true
	if cfg.Mode == session.ModeRun || cfg.Mode == session.ModeTest {
		fmt.Fprintln(os.Stderr, "pdbgo: building...")
	}
	sess, err := startSession(cfg)
	if err != nil {
		return err
	}
	// Whatever happens from here, the program must not outlive pdbgo.
	defer sess.Close()
	defer closeOnPanic(sess)
	err = ui.Run(ui.Options{
		Debugger: sess,
		Start: func(in *command.Interpreter) error {
			return in.Start(beginning(cfg.Mode), opts.breaks, command.ReadRC(opts.norc)...)
		},
		Commands:    opts.commands,
		Halt:        sess.Halt,
		Output:      sess.Terminal(),
		Input:       sess.Terminal(),
		Resize:      sess.ResizeTerminal,
		HistoryFile: ui.HistoryFile(),
		QuitOnExit:  cfg.Trace,
		ConfirmKill: cfg.Mode == session.ModeAttach,
	})
	var sig ui.SignalError
	if errors.As(err, &sig) {
		sess.Close()
		return exitStatus(signals.ExitStatus(sig.Signal))
	}
	return err
}
