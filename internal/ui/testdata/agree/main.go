// agree is the program on which line mode, the TUI and the crash report must agree about the
// goroutines: one asleep in time.Sleep called from main.serve, one blocked receiving from a
// channel in main.consume, the runtime's own, and main panicking once both are parked.
package main

import (
	"runtime"
	"strings"
	"time"
)

func serve() {
	time.Sleep(time.Hour)
}

func consume(jobs <-chan int) {
	for job := range jobs {
		_ = job
	}
}

// parked waits until the goroutines are where the test looks for them.
func parked() {
	buf := make([]byte, 1<<16)
	for {
		all := string(buf[:runtime.Stack(buf, true)])
		if strings.Contains(all, "[sleep") && strings.Contains(all, "[chan receive") {
			return
		}
		runtime.Gosched()
	}
}

func main() {
	jobs := make(chan int)
	go serve()
	go consume(jobs)
	parked()
	panic("agree: every goroutine is parked")
}
