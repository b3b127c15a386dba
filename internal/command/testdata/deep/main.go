package main

import (
	"fmt"
	"os"
	"strconv"
)

// walk recurses depth times, then fails at the bottom.
func walk(level, depth int) int {
	if level == depth {
		var none []int
		return none[level] // index out of range at the bottom of the recursion
	}
	return walk(level+1, depth) + 1
}

func main() {
	depth := 10000
	if len(os.Args) > 1 {
		depth, _ = strconv.Atoi(os.Args[1])
	}
	fmt.Println(walk(0, depth))
}
