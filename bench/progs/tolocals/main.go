// Command tolocals is benchmark workload 1: a small program that panics three calls deep.
package main

import "fmt"

type Order struct {
	ID    int
	Items []string
	Meta  map[string]int
}

func lookup(o *Order, key string, slot int) int {
	qty := o.Meta[key]
	label := fmt.Sprintf("order %d", o.ID)
	_ = label
	return qty + len(o.Items[slot])
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
		{ID: 40, Items: []string{"tea", "cups"}, Meta: map[string]int{"qty": 4}},
		{ID: 41, Items: []string{"kettle", "lid"}, Meta: map[string]int{"qty": 1}},
	}
	fmt.Println(total(orders))
}
