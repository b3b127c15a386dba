// Command onpanicmap panics in a function with a map argument, below a function that defers
// trace.OnPanic, with recursive frames in between that pass the map on and never use it
// again: when the runtime moves the stack (as the panic does), their copies of the map pointer
// are not fixed, and point into the stack the goroutine left. handle uses the map after the
// call: its copy is kept.
package main

import (
	"fmt"

	"github.com/pdbgo/pdbgo/trace"
)

func score(payload map[string]int, key string) float64 {
	if payload[key] > 1 {
		panic(float64(payload[key]) / 4) // panic site
	}
	return 0
}

func deep(n int, payload map[string]int) float64 {
	var pad [256]byte
	pad[n%256] = byte(n)
	if n == 0 {
		return score(payload, "count") + float64(pad[0])
	}
	return deep(n-1, payload) // deep frame
}

func handle() float64 {
	defer trace.OnPanic()
	payload := map[string]int{"count": 2, "size": 10, "weight": 3}
	r := deep(6, payload) // handle frame
	return r + float64(len(payload))
}

func main() {
	fmt.Println("start")
	fmt.Println("score", handle())
}
