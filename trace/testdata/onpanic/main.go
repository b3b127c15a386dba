// Command onpanic panics three calls below a function that defers trace.OnPanic.
package main

import (
	"fmt"

	"github.com/pdbgo/pdbgo/trace"
)

type Order struct {
	ID    int
	Items []string
}

func lookup(o *Order, slot int) string {
	return o.Items[slot] // panic site
}

func total(o *Order) int {
	n := 0
	for i := 0; i < 3; i++ {
		n += len(lookup(o, i*2))
	}
	return n
}

func run() int {
	defer trace.OnPanic()
	o := &Order{ID: 41, Items: []string{"kettle", "lid"}}
	return total(o)
}

func main() {
	fmt.Println("start")
	fmt.Println("total", run())
}
