// Command exitrecovering exits while a goroutine's deferred call that recovered a panic still
// runs: the panic is handled, nothing is lost, the program exits 0 (as a server told to quit
// while it logs a handler's recovered panic).
package main

import (
	"fmt"
	"os"
	"time"
)

func handle(done chan struct{}) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("recovered:", r)
			close(done)
			time.Sleep(500 * time.Millisecond) // main exits meanwhile
		}
	}()
	panic("handled")
}

func main() {
	done := make(chan struct{})
	go handle(done)
	<-done
	os.Exit(0)
}
