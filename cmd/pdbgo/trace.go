package main

// pdbgo attach --trace PID is how the trace package (trace.SetTrace, trace.OnPanic) starts
// pdbgo on the program that called it. The flag is hidden: people attach without it. With it
// the session runs the process into the trap it is waiting to raise (session.Config.Trace),
// and pdbgo ends when the program does, since it was the program that started it.

import (
	"bufio"
	"fmt"
	"io"

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
