package main

// pdbgo attach --trace PID is how the trace package (trace.SetTrace, trace.OnPanic) starts
// pdbgo on the program that called it. The flag is hidden: people attach without it. With it
// the session runs the process into the trap it is waiting to raise (session.Config.Trace),
// and pdbgo ends when the program does, since it was the program that started it.

import "os"

// traceOptions adjusts the options of a session the trace package started. The program and
// pdbgo share the user's terminal unless PDBGO_TTY gave pdbgo one of its own, and an
// attached program's output cannot be redirected: it would paint over the full-screen TUI,
// and the shell takes the terminal back when the program exits. So the TUI is used only on a
// terminal of pdbgo's own; the line mode, like pdb's, everywhere else.
func traceOptions(opts options) options {
	if os.Getenv("PDBGO_TTY") == "" {
		opts.plain = true
	}
	return opts
}
