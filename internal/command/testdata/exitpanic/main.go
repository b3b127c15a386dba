// Command exitpanic loses its goroutine's panic when run alone: the goroutine's deferred
// wg.Done lets main return, and its slower deferred call keeps the panic from the runtime's
// fatal path until the program has exited (status 0, nothing printed).
package main

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"time"
)

type job struct{ attrs map[string]int }

type codeError struct{ code int }

func (e *codeError) Error() string { return fmt.Sprintf("code %d", e.code) }

func work(j *job, kind string) int {
	switch kind {
	case "error":
		panic(errors.New("work failed"))
	case "index":
		s := []int{1}
		i := 3
		return s[i]
	case "custom":
		panic(&codeError{code: 7})
	}
	return j.attrs["weight"] * 2 // nil j
}

func worker(wg *sync.WaitGroup, j *job, kind string) {
	defer time.Sleep(200 * time.Millisecond) // runs after wg.Done
	defer wg.Done()
	work(j, kind)
}

func main() {
	kind := "nil"
	if len(os.Args) > 1 {
		kind = os.Args[1]
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go worker(&wg, nil, kind)
	wg.Wait()
	fmt.Println("main returns")
}
