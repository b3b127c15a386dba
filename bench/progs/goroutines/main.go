// Command goroutines is benchmark workload 4: 10,000 goroutines (or as many as its argument
// says: 100,000 in the 100k workload) parked in four functions when the main goroutine panics
// three calls deep. Every parked goroutine has its function of the program right above the
// runtime's channel code, so any of them answers alike.
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
	"time"
)

func onReceive(id int, ch chan int, ready *sync.WaitGroup) {
	name := fmt.Sprint("receive-", id)
	ready.Done()
	v := <-ch
	_ = name + fmt.Sprint(v)
}

func onSend(id int, ch chan int, ready *sync.WaitGroup) {
	count := id * 3
	ready.Done()
	ch <- count
}

func onRange(id int, ch chan int, ready *sync.WaitGroup) {
	seen := 0
	ready.Done()
	for v := range ch {
		seen += v + id
	}
}

func onNil(id int, ready *sync.WaitGroup) {
	var never chan int
	until := time.Hour + time.Duration(id)
	ready.Done()
	<-never
	_ = until
}

func fail(parked int) {
	var slots []int
	fmt.Println(slots[parked])
}

func check(parked int) { fail(parked) }

func main() {
	// One P and no GC worker goroutines: goroutine ids follow creation order.
	runtime.GOMAXPROCS(1)
	debug.SetGCPercent(-1)
	n := 10_000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	var ready sync.WaitGroup
	ready.Add(n)
	recv, send, rng := make(chan int), make(chan int), make(chan int)
	for i := range n {
		switch i % 4 {
		case 0:
			go onReceive(i, recv, &ready)
		case 1:
			go onSend(i, send, &ready)
		case 2:
			go onRange(i, rng, &ready)
		default:
			go onNil(i, &ready)
		}
	}
	ready.Wait()
	time.Sleep(50 * time.Millisecond) // let the last ones park
	check(n)
}
