package main

import "sync"

func writer(m map[int]int, id int, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; ; i++ {
		m[i%100] = id
	}
}

func main() {
	m := map[int]int{}
	var wg sync.WaitGroup
	for id := 0; id < 4; id++ {
		wg.Add(1)
		go writer(m, id, &wg)
	}
	wg.Wait()
}
