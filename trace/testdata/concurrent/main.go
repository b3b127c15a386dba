// Command concurrent calls trace.SetTrace from three goroutines at once.
package main

import (
	"fmt"
	"sync"

	"github.com/pdbgo/pdbgo/trace"
)

func main() {
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	for id := range 3 {
		ready.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			ready.Done()
			<-start
			trace.SetTrace() // concurrent stop
			fmt.Println("worker", id, "went on")
		}()
	}
	ready.Wait()
	close(start)
	done.Wait()
	fmt.Println("all done")
}
