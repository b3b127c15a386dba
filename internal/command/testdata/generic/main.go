package main

import "fmt"

type Number interface{ ~int | ~float64 }

func Mean[T Number](xs []T) T {
	var sum T
	for _, x := range xs {
		sum += x
	}
	count := len(xs)
	return sum / T(count)
}

func report(name string, xs []int) {
	fmt.Println(name, Mean(xs))
}

func main() {
	report("empty", []int{})
}
