// pingserver runs until it is killed: it counts ticks of 10 ms and answers every connection to
// the unix socket named by its first argument with "pong N TICKS", N counting the answers,
// so a test can tell that it still runs, and runs on, after debuggers attached and detached.
package main

import (
	"fmt"
	"net"
	"os"
	"sync/atomic"
	"time"
)

func main() {
	l, err := net.Listen("unix", os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var ticks atomic.Int64
	go func() {
		for range time.Tick(10 * time.Millisecond) {
			ticks.Add(1)
		}
	}()
	for n := 1; ; n++ {
		c, err := l.Accept()
		if err != nil {
			continue
		}
		fmt.Fprintf(c, "pong %d %d\n", n, ticks.Load())
		c.Close()
	}
}
