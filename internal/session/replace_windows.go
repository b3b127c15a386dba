package session

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// exeSuffix ends the name of an executable: Windows runs only files named so.
const exeSuffix = ".exe"

// linkForReuse does nothing on Windows: go build may have to replace its output, which a
// link to a running binary would keep it from doing; it links every time (about 0.3 s).
func linkForReuse(bin, tmp string) {}

// replaceBinary puts the binary built at tmp in bin's place. Windows refuses to replace a
// binary that is running (a restart rebuilds while the old program runs) but lets it be
// renamed: the old one is moved aside first, and removed once no program runs it (by a later
// build).
func replaceBinary(tmp, bin string) error {
	removeAside(bin)
	if err := os.Rename(tmp, bin); err == nil {
		return nil
	}
	aside := fmt.Sprintf("%s.old-%d", bin, time.Now().UnixNano())
	if err := os.Rename(bin, aside); err != nil {
		return err
	}
	return os.Rename(tmp, bin)
}

// removeAside removes the binaries replaceBinary moved aside that no program runs any more.
func removeAside(bin string) {
	old, _ := filepath.Glob(bin + ".old-*")
	for _, f := range old {
		_ = os.Remove(f) // fails while a program still runs it
	}
}
