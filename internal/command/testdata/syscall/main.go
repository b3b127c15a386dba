package main

import "syscall"

func main() {
	ticks := 0
	for {
		syscall.Nanosleep(&syscall.Timespec{Nsec: 5_000_000}, nil)
		ticks = add(ticks, 1)
	}
}

func add(a, b int) int { return a + b }
