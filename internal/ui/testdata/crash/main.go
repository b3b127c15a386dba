// crash is the example pdbgo ships: an order lookup that indexes past the end of a slice
// three calls deep. Run it with: go run ./cmd/pdbgo run ./examples/crash
package main

import "fmt"

type Order struct {
	ID    int
	Items []string
	Meta  map[string]int
}

func lookup(o *Order, key string, slot int) int {
	return o.Meta[key] + len(o.Items[slot])
}

func total(orders []*Order) int {
	sum := 0
	for i, o := range orders {
		sum += lookup(o, "qty", i*5)
	}
	return sum
}

func main() {
	orders := []*Order{
		{ID: 40, Items: []string{"tea", "cups"}, Meta: map[string]int{"qty": 2}},
		{ID: 41, Items: []string{"kettle", "lid"}, Meta: map[string]int{"qty": 1}},
	}
	fmt.Println("total:", total(orders))
}
