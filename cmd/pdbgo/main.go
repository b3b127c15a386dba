// Command pdbgo is a pdb-style debugger for Go programs: it runs a program under Delve and,
// when it panics, stops in the frame that panicked with the stack, source and locals at hand.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:]))
}
