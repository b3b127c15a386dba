package main

import "fmt"

func pick(xs []int, at int) int {
	return xs[at]
}

func sumEvery(xs []int, step int) int {
	total := 0
	for at := 0; at <= len(xs); at += step {
		total += pick(xs, at)
	}
	return total
}

func main() {
	fmt.Println(sumEvery([]int{3, 5, 8}, 1))
}
