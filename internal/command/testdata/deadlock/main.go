package main

func wait(ch chan int) int {
	pending := 1
	return <-ch + pending
}

func main() {
	ch := make(chan int)
	println(wait(ch))
}
