package main

import (
	"fmt"
	"time"
)

func worker(jobs <-chan int, done chan<- int) {
	for {
		v := <-jobs
		done <- v * 2
	}
}

func main() {
	jobs := make(chan int)
	done := make(chan int)
	go worker(jobs, done)
	for i := 1; i <= 3; i++ {
		time.Sleep(500 * time.Millisecond)
		jobs <- i
		fmt.Println("got", <-done)
	}
}
