// Command pdbgo is a pdb-style debugger for Go programs: it runs a program under Delve and,
// when it panics, stops in the frame that panicked with the stack, source and locals at hand.
// This package is flags, start (internal/session), hand over (to internal/command, internal/ui
// or internal/report) and exit status only.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:]))
}
