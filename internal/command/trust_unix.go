//go:build !windows

package command

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// untrusted says why an open file is not the user's own to trust, "" when it is: another
// user owns it, or others may write to it.
func untrusted(_ *os.File, st fs.FileInfo) string {
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return "its owner cannot be known"
	}
	if uid := os.Getuid(); int(sys.Uid) != uid {
		return fmt.Sprintf("it belongs to uid %d, not to you (uid %d)", sys.Uid, uid)
	}
	if perm := st.Mode().Perm(); perm&0o022 != 0 {
		return fmt.Sprintf("others can write to it (%s; chmod go-w fixes that)", perm)
	}
	return ""
}
