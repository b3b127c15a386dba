//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package session

// Without flock, builds of the same cache entry are not serialized: each still goes to a
// temporary name of its own and replaces the binary by a rename, so none sees a partial file.

func lockDir(dir string) (unlock func(), err error) { return func() {}, nil }

func tryLockDir(dir string) (unlock func(), ok bool) { return func() {}, true }
