package main

import "strings"

func greet(name string) string {
	banner := strings.Repeat("héllo wörld ✓ ", 10)
	city := "Zürich 東京"
	var parts []string
	return parts[len(name)] + banner + city
}

func main() {
	println(greet("Ωmega"))
}
