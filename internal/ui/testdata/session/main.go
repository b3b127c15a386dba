// session is a program to debug for a whole session, not only a crash: it reads its standard
// input to the end, then walks a loop over a function that returns a value, with a cyclic
// list, a long string, a map and a big slice in its frames.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

type node struct {
	val  int
	next *node
}

// ring links n nodes in a circle.
func ring(n int) *node {
	first := &node{val: 1}
	cur := first
	for i := 2; i <= n; i++ {
		cur.next = &node{val: i}
		cur = cur.next
	}
	cur.next = first
	return first
}

func square(x int) int {
	y := x * x
	return y
}

func main() {
	data, _ := io.ReadAll(os.Stdin)
	fmt.Printf("read %d bytes\n", len(data))
	r := ring(3)
	long := strings.Repeat("0123456789", 200)
	ages := map[string]int{"carol": 3, "alice": 1, "dave": 4, "bob": 2}
	big := make([]int, 1000)
	for i := range big {
		big[i] = i * i
	}
	total := 0
	for i := 0; i < 3; i++ {
		total += square(i)
	}
	fmt.Println(total, r.val, len(long), len(ages), len(big))
}
