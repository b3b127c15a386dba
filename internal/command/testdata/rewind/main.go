// Command rewind is the fixture of rewind: lookup panics on its third call (the third order has
// no third item); with the argument deep, a recursion panics at its bottom; with runs FILE, the
// program counts its runs in FILE and makes fewer calls from its third run on (a program that
// does not repeat itself).
package main

import (
	"fmt"
	"os"
	"strconv"
)

type order struct {
	id    int
	items []string
}

func lookup(o order, slot int) string {
	name := o.items[slot]
	return name
}

func total(orders []order) int {
	n := 0
	for i, o := range orders {
		n += len(lookup(o, i))
	}
	return n
}

func depth(k int) int {
	if k == 0 {
		var m map[string]int
		m["bottom"] = k
	}
	return depth(k-1) + 1
}

func main() {
	orders := []order{{1, []string{"tea"}}, {2, []string{"cup", "lid"}}, {3, []string{"pot"}}}
	switch {
	case len(os.Args) > 1 && os.Args[1] == "deep":
		fmt.Println(depth(5))
	case len(os.Args) > 2 && os.Args[1] == "runs":
		data, _ := os.ReadFile(os.Args[2])
		run, _ := strconv.Atoi(string(data))
		run++
		_ = os.WriteFile(os.Args[2], []byte(strconv.Itoa(run)), 0o644)
		if run >= 3 {
			orders = append(orders[:1], orders[2]) // one order fewer: the panic comes a call early
		}
		fmt.Println(total(orders))
	default:
		fmt.Println(total(orders))
	}
}
