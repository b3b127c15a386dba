package main

import "syscall"

// main sleeps in one system call at a time, an hour each: a halt finds it inside one.
func main() {
	for {
		syscall.Nanosleep(&syscall.Timespec{Sec: 3600}, nil)
		add(1, 2)
	}
}

func add(a, b int) int { return a + b }
