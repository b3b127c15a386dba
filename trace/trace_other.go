//go:build !linux

package trace

import (
	"fmt"
	"os"
	"time"
)

const defaultAttachTimeout = 10 * time.Second

// stop says that pdbgo is not available here: it debugs Linux processes only.
func stop(string) {
	fmt.Fprintln(os.Stderr, "pdbgo/trace: pdbgo runs on Linux only; going on without a debugger")
}
