// Command spin stops itself once, then ticks for a few seconds: long enough for a Ctrl-C.
package main

import (
	"fmt"
	"time"

	"github.com/pdbgo/pdbgo/trace"
)

func main() {
	trace.SetTrace() // spin stop
	for i := range 30 {
		fmt.Println("tick", i)
		time.Sleep(100 * time.Millisecond)
	}
	fmt.Println("done")
}
