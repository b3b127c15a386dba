// Command bigvalues is benchmark workload 2: its frames hold a 1,000,000-element slice of
// structs, a 100,000-entry map and a 5 MB string when it panics three calls deep.
package main

import (
	"fmt"
	"strings"
)

type Point struct {
	X, Y  int
	Label string
	Tags  []string
}

func inspect(points []Point, index map[string]int, text string, at int) int {
	window := points[len(points)-10:]
	head := text[:16]
	n := index["key-99999"]
	_, _ = window, head
	return points[at+n].X // at+n is out of range
}

func load(n int) int {
	points := make([]Point, n)
	for i := range points {
		points[i] = Point{X: i, Y: -i, Label: "p"}
	}
	index := make(map[string]int, n/10)
	for i := range n / 10 {
		index[fmt.Sprintf("key-%d", i)] = i
	}
	text := strings.Repeat("0123456789abcdef", 5<<20/16)
	return inspect(points, index, text, n)
}

func main() {
	fmt.Println(load(1_000_000))
}
