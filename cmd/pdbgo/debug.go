package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/mattn/go-isatty"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/session"
)

// prompt is printed before each command is read in line mode.
const prompt = "(pdbgo) "

// debugSession starts the program under the debugger, runs it to its first stop and takes
// commands until the user quits or input ends.
func debugSession(opts options, cfg session.Config) error {
	cfg.BuildFlags = opts.buildFlags
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
	stopSignals := handleSignals(sess)
	defer stopSignals()
	defer closeOnPanic(sess)

	out := os.Stdout
	in := command.New(sess, out)
	if err := firstStop(in, sess, cfg, opts); err != nil {
		return err
	}
	for _, c := range opts.commands {
		fmt.Fprintf(out, "%s%s\n", prompt, c)
		in.Execute(c)
		if in.Quit() {
			return nil
		}
	}
	if cfg.Trace {
		traceLineMode(in, os.Stdin, out)
		return nil
	}
	lineMode(in, os.Stdin, out)
	return nil
}

// startSession starts debugging; when the build fails it shows the compiler's output.
func startSession(cfg session.Config) (*session.Session, error) {
	sess, err := session.Start(cfg)
	var build *session.BuildError
	if errors.As(err, &build) {
		fmt.Fprintln(os.Stderr, build.Output)
		return nil, errors.New("build failed")
	}
	return sess, err
}

// closeOnPanic, deferred, ends the session when pdbgo itself panics: the program must never
// outlive pdbgo, and an attached one must be detached.
func closeOnPanic(sess *session.Session) {
	if r := recover(); r != nil {
		sess.Close()
		panic(r)
	}
}

// firstStop sets the -b breakpoints and runs the program to its first stop; an attached
// process, a core or a remote program already stopped is shown where it is.
func firstStop(in *command.Interpreter, sess *session.Session, cfg session.Config, opts options) error {
	for _, b := range opts.breaks {
		if err := in.Break(b); err != nil {
			return err
		}
	}
	switch cfg.Mode {
	case session.ModeAttach, session.ModeCore:
		stop, err := sess.State()
		if err != nil {
			return err
		}
		if cfg.Mode == session.ModeAttach {
			fmt.Fprintf(in.Out, "Attached to process %d.\n", sess.PID())
		}
		in.OnStop(stop)
		return nil
	case session.ModeConnect:
		stop, err := sess.State()
		if err != nil {
			return err
		}
		if stop.GoroutineID >= 0 || stop.Kind == session.StopExited {
			in.OnStop(stop)
			return nil
		}
	}
	in.Begin()
	return nil
}

// lineMode reads one command a line from r until quit or end of input.
func lineMode(in *command.Interpreter, r io.Reader, out io.Writer) {
	scanner := bufio.NewScanner(r)
	scanner.Buffer(make([]byte, 64<<10), 1<<20)
	for !in.Quit() {
		fmt.Fprint(out, prompt)
		if !scanner.Scan() {
			fmt.Fprintln(out)
			return
		}
		in.Execute(scanner.Text())
	}
}

// handleSignals halts the program on Ctrl-C (pdbgo itself stays), and ends the session on
// SIGTERM and SIGHUP: a started program is killed, an attached one detached.
func handleSignals(sess *session.Session) (stop func()) {
	interactive := isatty.IsTerminal(os.Stdin.Fd())
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case sig := <-sigs:
				if sig == os.Interrupt {
					if sess.Running() {
						_ = sess.Halt()
					} else if interactive {
						// As pdb does: Ctrl-C at the prompt says how to leave, and stays.
						fmt.Fprint(os.Stdout, "\n(Ctrl-C stops a running program; q quits)\n"+prompt)
					}
					continue
				}
				sess.Close()
				os.Exit(128 + int(sig.(syscall.Signal)))
			}
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}
