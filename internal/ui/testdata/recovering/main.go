// Command recovering panics and recovers, three times: the TUI's fixture of catch recovered.
package main

import "fmt"

func risky(n int) int {
	if n > 2 {
		panic(fmt.Errorf("too big: %d", n))
	}
	return n * 2
}

func safe(n int) (r int) {
	defer func() {
		if e := recover(); e != nil {
			r = -1
		}
	}()
	return risky(n)
}

func main() {
	for i := range 6 {
		fmt.Println(safe(i))
	}
}
