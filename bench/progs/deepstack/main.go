// Command deepstack is the 10,000-frame benchmark workload: main recurses 10,000 calls deep,
// each frame with locals of its own, and the innermost call panics.
package main

import "fmt"

func descend(depth int, path []int) int {
	here := depth * 2
	if depth == 0 {
		var none []int
		return none[len(path)] + here
	}
	return descend(depth-1, path) + here
}

func main() {
	depth := 10_000
	fmt.Println(descend(depth, []int{1, 2, 3}))
}
