//go:build !linux

package trace

import (
	"fmt"
	"os"
)

// stop says, in one line, that a program cannot attach pdbgo to itself here and what to do
// instead: the self-attach works through Linux's ptrace and /proc. pdbgo itself debugs on
// macOS and Windows through Delve, started from outside the program.
func stop(string) {
	fmt.Fprintln(os.Stderr, "pdbgo/trace: a program attaches pdbgo to itself on Linux only; here run it under pdbgo (pdbgo run ./pkg, or pdbgo attach PID) and set a breakpoint; going on without a debugger")
}
