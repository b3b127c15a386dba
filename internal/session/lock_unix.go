//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package session

import (
	"os"
	"path/filepath"
	"syscall"
)

// lockDir takes the lock of a build cache entry, waiting while another pdbgo holds it.
func lockDir(dir string) (unlock func(), err error) {
	return flockDir(dir, syscall.LOCK_EX)
}

// tryLockDir takes the lock of a build cache entry only if no one holds it.
func tryLockDir(dir string) (unlock func(), ok bool) {
	unlock, err := flockDir(dir, syscall.LOCK_EX|syscall.LOCK_NB)
	return unlock, err == nil
}

func flockDir(dir string, how int) (func(), error) {
	f, err := os.OpenFile(filepath.Join(dir, "lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), how)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil // closing the file releases the lock
}
