package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/creack/pty"
	"github.com/mattn/go-isatty"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/session"
	"github.com/pdbgo/pdbgo/internal/ui"
)

// programInput is where lines typed for the program go: its terminal, when pdbgo gave it one.
func programInput(cfg session.Config, ptmx *os.File) io.Writer {
	if cfg.TTY == "" {
		return nil
	}
	return ptmx
}

// useTUI reports whether to open the full-screen TUI: a person is at a terminal (stdin and
// stdout are terminals) and --plain was not given.
func useTUI(opts options) bool {
	// With --stdin the program reads a file, not a terminal of its own: the TUI gives a program
	// its output only through that terminal, so such a session runs in the line mode.
	return !opts.plain && opts.stdin == "" && isatty.IsTerminal(os.Stdin.Fd()) && isatty.IsTerminal(os.Stdout.Fd())
}

// tuiSession debugs the program in the TUI. The program gets a pseudo-terminal of its own, so
// what it prints shows in the TUI's output pane and never paints over the screen.
func tuiSession(opts options, cfg session.Config) error {
	ptmx, tty, err := pty.Open()
	if err != nil {
		return fmt.Errorf("cannot open a terminal for the program: %w", err)
	}
	defer ptmx.Close()
	// The slave end stays open for the whole session: when the last file on it closes, the
	// program's writes fail and the reader of the master sees EOF.
	defer tty.Close()
	_ = pty.InheritSize(os.Stdin, ptmx) // the program sees the size of the terminal from the start
	switch cfg.Mode {
	case session.ModeRun, session.ModeExec, session.ModeTest:
		// Only a program pdbgo starts can be given a terminal; an attached or remote one keeps
		// its own.
		if cfg.TTY == "" {
			cfg.TTY = tty.Name()
		}
	}
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
			return firstStop(in, sess, cfg, opts)
		},
		Commands: opts.commands,
		Halt:     sess.Halt,
		Output:   ptmx,
		Input:    programInput(cfg, ptmx),
		Resize: func(w, h int) {
			_ = pty.Setsize(ptmx, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)})
		},
		HistoryFile: ui.HistoryFile(),
		QuitOnExit:  cfg.Trace,
	})
	var sig ui.SignalError
	if errors.As(err, &sig) {
		sess.Close()
		return exitStatus(128 + int(sig.Signal))
	}
	return err
}
