//go:build !windows

package signals

import "golang.org/x/sys/unix"

// outputClosed reports whether pdbgo's standard output or error is a pipe nobody reads any
// more (pdbgo run ./app | head -1): a SIGPIPE then ends pdbgo as end of input ends a session,
// the program killed and the temporary files removed, where Go's default would kill pdbgo
// on the spot. Watched, a write to the closed pipe fails instead of killing pdbgo.
func outputClosed() bool {
	fds := []unix.PollFd{{Fd: 1, Events: unix.POLLOUT}, {Fd: 2, Events: unix.POLLOUT}}
	if _, err := unix.Poll(fds, 0); err != nil {
		return false
	}
	for _, fd := range fds {
		if fd.Revents&(unix.POLLERR|unix.POLLHUP) != 0 {
			return true
		}
	}
	return false
}
