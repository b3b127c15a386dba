package command

import (
	"fmt"
	"os"
)

// openForReading opens the file f is open on again, for reading, through /proc: f may be open
// for writing only (a shell's > redirection).
func openForReading(f *os.File) (*os.File, error) {
	return os.Open(fmt.Sprintf("/proc/self/fd/%d", f.Fd()))
}
