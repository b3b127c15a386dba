//go:build !windows

package session

import "os"

// exeSuffix ends the name of an executable: none on Unix.
const exeSuffix = ""

// linkForReuse makes tmp a hard link to the binary bin, if there is one: go build, finding an
// up-to-date output at tmp, then neither links nor writes (compile).
func linkForReuse(bin, tmp string) { _ = os.Link(bin, tmp) }

// replaceBinary puts the binary built at tmp in bin's place in one rename: a program running
// the old binary, and a Delve reading it, keep the old file whole.
func replaceBinary(tmp, bin string) error { return os.Rename(tmp, bin) }
