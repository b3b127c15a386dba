// manygoroutines starts over a thousand goroutines, most asleep in the program's serve, a few
// blocked on a channel in wait, and then one that panics: the goroutine that matters is the
// last one started, far past the first thousand.
package main

import (
	"os"
	"strconv"
	"sync"
	"time"
)

func serve(id int, ready *sync.WaitGroup) {
	ready.Done()
	time.Sleep(time.Hour + time.Duration(id))
}

func wait(ch chan int, ready *sync.WaitGroup) {
	ready.Done()
	<-ch
}

func crash(n int) {
	var none []int
	_ = none[n] // index out of range: the goroutine that matters
}

func main() {
	count := 1200
	if len(os.Args) > 1 {
		count, _ = strconv.Atoi(os.Args[1])
	}
	var ready sync.WaitGroup
	ch := make(chan int)
	for i := range count {
		ready.Add(1)
		go serve(i, &ready)
	}
	for range 5 {
		ready.Add(1)
		go wait(ch, &ready)
	}
	ready.Wait()
	// Each goroutine has said it started; give them time to park where they wait.
	time.Sleep(100 * time.Millisecond)
	done := make(chan bool)
	go func() {
		crash(count)
		done <- true
	}()
	<-done
}
