package main

type Ring struct {
	Name string
	Next *Ring
}

func walk(r *Ring, steps int) string {
	for i := 0; i < steps; i++ {
		r = r.Next
	}
	var names []string
	return names[steps] + r.Name
}

func main() {
	a := &Ring{Name: "a"}
	b := &Ring{Name: "b", Next: a}
	a.Next = b
	println(walk(a, 3))
}
