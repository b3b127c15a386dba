// Command racing: a goroutine panics, and its deferred wg.Done lets main return while the
// panic unwinds: natively the program often exits 0 and the panic is lost.
package main

import (
	"fmt"
	"sync"
)

type job struct {
	id    int
	attrs map[string]int
}

func work(j *job) int {
	return j.attrs["weight"] * 2
}

func worker(wg *sync.WaitGroup, j *job, out *int) {
	defer wg.Done()
	*out = work(j)
}

func main() {
	var wg sync.WaitGroup
	jobs := []*job{{id: 1, attrs: map[string]int{"weight": 3}}, {id: 2}, nil}
	results := make([]int, len(jobs))
	for i, j := range jobs {
		wg.Add(1)
		go worker(&wg, j, &results[i])
	}
	wg.Wait()
	fmt.Println("results", results)
}
