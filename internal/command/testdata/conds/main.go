package main

import (
	"fmt"
	"strings"
)

// limit is a package-level name conditions may use.
var limit = 10

func double(n int) int { return 2 * n }

func visit(name string, xs []int) int {
	sum := 0
	for _, x := range xs {
		sum += x
	}
	return sum
}

func main() {
	fmt.Println(visit("one", []int{1}))
	fmt.Println(visit("two", []int{1, 2}))
	fmt.Println(double(limit), strings.ToUpper("done"))
}
