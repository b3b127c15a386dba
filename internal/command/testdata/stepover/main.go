package main

import (
	"fmt"
	"runtime"
)

func main() {
	n := 1
	runtime.Gosched()
	n += double(n)
	fmt.Println(n)
}

func double(x int) int {
	return x * 2
}
