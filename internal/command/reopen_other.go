//go:build !linux

package command

import (
	"errors"
	"os"
)

// openForReading fails outside Linux: a descriptor open for writing only cannot be read
// again without /proc/self/fd (macOS's /dev/fd/N keeps the descriptor's write-only mode, and
// Windows has neither), so pdbgo does not know whether the program ended its last line in a
// file pdbgo's output is redirected to, and adds no newline of its own.
func openForReading(*os.File) (*os.File, error) {
	return nil, errors.ErrUnsupported
}
