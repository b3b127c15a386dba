//go:build !linux

package session

import "errors"

// handOff is false: elsewhere Delve launches the program itself (see launch_linux.go).
const handOff = false

func startStopped(args []string, wd, tty, stdinPath string) (int, error) {
	return 0, errors.New("starting a program stopped is implemented on Linux only")
}

func reap(pid int) {}
