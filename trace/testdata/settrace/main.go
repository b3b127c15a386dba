// Command settrace stops itself twice with trace.SetTrace: in main and in another goroutine.
package main

import (
	"fmt"
	"os"
	"sync"

	"github.com/pdbgo/pdbgo/trace"
)

func step(label string, n int) int {
	doubled := n * 2
	trace.SetTrace() // goroutine stop
	return doubled + len(label)
}

func worker(id int, wg *sync.WaitGroup) {
	defer wg.Done()
	label := fmt.Sprintf("worker-%d", id)
	fmt.Println("result", step(label, id))
}

func main() {
	count := 41
	name := "first"
	trace.SetTrace() // main stop
	fmt.Println("after first stop", name, count)
	var wg sync.WaitGroup
	wg.Add(1)
	go worker(7, &wg)
	wg.Wait()
	fmt.Println("bye")
	os.Exit(3)
}
