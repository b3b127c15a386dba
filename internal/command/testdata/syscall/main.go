package main

import "syscall"

func main() {
	ticks := 0
	for {
		syscall.Nanosleep(&syscall.Timespec{Nsec: 5_000_000}, nil)
		ticks++
	}
}
