package main

import "fmt"

func leaf(n int) int {
	return n * 2
}

func middle(n int) int {
	x := leaf(n)
	y := x + 1
	return y
}

func top(n int) int {
	r := middle(n)
	return r + 1
}

func main() {
	total := 0
	for i := 0; i < 3; i++ {
		total += top(i)
	}
	fmt.Println("total", total)
}
