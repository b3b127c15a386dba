// until is stepped with pdb's until: a loop at the bottom of a recursion deeper than one page
// of frames, two goroutines that run the same lines, a function that returns early.
package main

import (
	"fmt"
	"sync"
)

// down recurses depth times, then loops a little at the bottom.
func down(level, depth int) int {
	if level < depth {
		return down(level+1, depth) + 1
	}
	total := 0
	for i := range 3 {
		total += i
	}
	return total
}

// work runs in two goroutines. Worker 1 lets worker 2 go and waits until worker 2 has passed
// the lines after it: worker 2 always runs those lines first.
func work(id int, first, second chan bool, wg *sync.WaitGroup) {
	defer wg.Done()
	if id == 1 {
		close(first)
		<-second
	} else {
		<-first
	}
	n := id * 10
	n += pick(n)
	if id == 2 {
		close(second)
	}
}

// pick returns early for a big n, before the lines after the if.
func pick(n int) int {
	if n > 15 {
		return n
	}
	if n < 0 {
		n = -n
	}
	n *= 2
	return n
}

func main() {
	fmt.Println(down(0, 300))
	first, second := make(chan bool), make(chan bool)
	var wg sync.WaitGroup
	wg.Add(2)
	go work(1, first, second, &wg)
	go work(2, first, second, &wg)
	wg.Wait()
	fmt.Println(pick(3), pick(40))
}
