package main

// pdbgo attach --trace PID is how the trace package (trace.SetTrace, trace.OnPanic) starts
// pdbgo on the program that called it. The flag is hidden: people attach without it. With it
// the session runs the process into the trap it is waiting to raise (session.Config.Trace),
// and pdbgo ends when the program does, since it was the program that started it.

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/pdbgo/pdbgo/internal/command"
)

// traceLineMode reads commands like lineMode, and also returns as soon as the program has
// exited: nobody wants a prompt over a program that is gone and a shell that has its
// terminal back.
func traceLineMode(in *command.Interpreter, r io.Reader, out io.Writer) {
	scanner := bufio.NewScanner(r)
	scanner.Buffer(make([]byte, 64<<10), 1<<20)
	for !in.Quit() && !in.Exited() {
		fmt.Fprint(out, prompt)
		if !scanner.Scan() {
			fmt.Fprintln(out)
			return
		}
		in.Execute(scanner.Text())
	}
}

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
