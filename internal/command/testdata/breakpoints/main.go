package main

import "fmt"

func square(n int) int {
	result := n * n
	return result
}

func main() {
	total := 0
	for i := 1; i <= 4; i++ {
		total += square(i)
	}
	fmt.Println("total", total)
}
