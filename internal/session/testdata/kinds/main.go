// Command kinds panics with a value of every kind in its frames, for the test that compares
// the in-process Delve's answers with its JSON-RPC server's: JSON changes some (Delve sends a
// string that is not valid UTF-8 as bytes beside it).
package main

import (
	"errors"
	"fmt"
	"math"
	"os"
)

type node struct {
	name string
	next *node
	tags map[string][]int
}

type shape interface{ area() float64 }

type square struct{ side float64 }

func (s square) area() float64 { return s.side * s.side }

func inspect(n *node, raw string, s shape, err error, nums []float64, ch chan int, fn func() int, arr [70]byte, c complex128, empty struct{}, nilMap map[int]bool) {
	var local = fmt.Sprint(len(raw), s, err, nums, cap(ch), fn(), arr[0], c, empty, nilMap)
	panic(n.next.next.name + local)
}

func main() {
	loop := &node{name: "a", tags: map[string][]int{"x": {1, 2}, "y": nil}}
	loop.next = &node{name: "b", next: loop}
	var arr [70]byte
	for i := range arr {
		arr[i] = byte(i)
	}
	inspect(loop.next.next.next, "ok \xff\xfe bytes", square{2}, errors.New("boom"),
		[]float64{math.NaN(), math.Inf(1), -0.5}, make(chan int, 3), func() int { return len(os.Args) },
		arr, complex(1, -2), struct{}{}, nil)
}
