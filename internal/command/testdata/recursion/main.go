package main

func descend(level, limit int) int {
	if level == limit {
		var table []int
		return table[level]
	}
	return descend(level+1, limit) + 1
}

func main() {
	println(descend(0, 50))
}
