package main

import "fmt"

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
}
