// Command steploop is benchmark workload 6: a loop to step through line by line.
package main

import "fmt"

func step(i int) int {
	return i % 7
}

func main() {
	total := 0
	for i := 0; i < 1000; i++ {
		total += step(i)
	}
	fmt.Println("total", total)
}
