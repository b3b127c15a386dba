// manygoroutines starts over a thousand goroutines, most asleep in the program's serve, a few
// blocked on a channel in wait, and then one that panics: the goroutine that matters is the
// last one started, far past the first thousand.
package main

import (
	"bytes"
	"os"
	"runtime"
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
	blockedReceiving(5) // the goroutines in wait
	done := make(chan bool)
	go func() {
		blockedReceiving(6) // and main, in <-done
		crash(count)
		done <- true
	}()
	<-done
}

// blockedReceiving returns once n goroutines are blocked receiving from a channel, as the
// runtime's goroutine dump says. The tests read each goroutine's status at the panic: no sleep
// would make sure, on a loaded machine, that main and the goroutines in wait are parked by then.
func blockedReceiving(n int) {
	buf := make([]byte, 1<<20)
	for {
		size := runtime.Stack(buf, true)
		if size == len(buf) {
			buf = make([]byte, 2*len(buf))
			continue
		}
		if bytes.Count(buf[:size], []byte(" [chan receive")) >= n {
			return
		}
		time.Sleep(time.Millisecond)
	}
}
