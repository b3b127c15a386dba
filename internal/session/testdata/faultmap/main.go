// Command faultmap dereferences nil in a function with a map, a pointer and a struct on its
// stack and no defer. The runtime takes such a frame for dead (it never runs again) and fixes
// none of its words when it moves the stack, as the deferred call below makes it do; new
// goroutines then take the stack the panicking goroutine left and write over it. run keeps a
// map of its own that it uses after the call: the runtime fixes that one.
package main

import "time"

type pair struct {
	m map[string]int
	n int
}

func grow(n int) int {
	var pad [1024]byte
	pad[n%1024] = byte(n)
	if n == 0 {
		return int(pad[0])
	}
	return grow(n-1) + int(pad[n%1024])
}

func scribble() {
	var junk [200]uintptr // more than a new goroutine's 2 KiB stack: it takes a bigger one, one the panicking goroutine left
	for i := range junk {
		junk[i] = 0xdeadbeef
	}
	select {}
}

func fault(p *pair, n int) int {
	m := map[string]int{"a": 1, "b": 2, "c": 3}
	m["a"] += n
	q := &pair{m: m, n: n}
	s := pair{m: m, n: n + 1}
	return q.n + s.n + p.n // fault line
}

func run() {
	defer func() {
		grow(100) // moves the stack
		for range 64 {
			go scribble()
		}
		time.Sleep(100 * time.Millisecond)
	}()
	kept := map[string]int{"k": 7}
	fault(nil, 1)
	println(kept["k"])
}

func main() {
	go run()
	select {}
}
