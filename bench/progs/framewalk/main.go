// Command framewalk is benchmark workload 3: it panics 40 calls deep.
package main

import "fmt"

type step struct {
	Depth int
	Name  string
	Path  []int
}

func descend(depth int, path []int) int {
	s := step{Depth: depth, Name: fmt.Sprintf("level-%d", depth), Path: path}
	twice := depth * 2
	if depth == 40 {
		var none []int
		return none[s.Depth] + twice
	}
	return descend(depth+1, append(path, depth)) + twice
}

func main() {
	fmt.Println(descend(1, nil))
}
