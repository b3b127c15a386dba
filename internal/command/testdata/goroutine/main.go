package main

import (
	"fmt"
	"time"
)

type Job struct {
	ID    int
	Input []int
}

func process(j Job) int {
	divisor := len(j.Input) - 3
	return j.Input[0] / divisor
}

func worker(jobs <-chan Job, results chan<- int) {
	for j := range jobs {
		results <- process(j)
	}
}

func main() {
	jobs := make(chan Job)
	results := make(chan int)
	go worker(jobs, results)
	jobs <- Job{ID: 9, Input: []int{10, 20, 30}}
	fmt.Println(<-results)
	time.Sleep(time.Second)
}
