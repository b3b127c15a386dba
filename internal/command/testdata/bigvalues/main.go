package main

import "strings"

type Point struct{ X, Y int }

func crunch(points []Point, index map[int]string, blob string) int {
	limit := len(points) + 1
	return points[limit].X + len(index) + len(blob)
}

func main() {
	points := make([]Point, 1_000_000)
	for i := range points {
		points[i] = Point{i, -i}
	}
	index := make(map[int]string, 100_000)
	for i := 0; i < 100_000; i++ {
		index[i] = "v"
	}
	blob := strings.Repeat("x", 5<<20)
	println(crunch(points, index, blob))
}
