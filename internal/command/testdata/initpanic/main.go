// Command initpanic panics in a package variable's initialiser, before main runs.
package main

import "strconv"

var port = mustPort("80a")

func mustPort(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		panic(err)
	}
	return n
}

func main() {
	println(port)
}
