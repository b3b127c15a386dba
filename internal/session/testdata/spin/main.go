package main

var turns int

// main spins forever with no breakpoint and no system call: only a halt stops it, and a
// return (step out) from spin never ends by itself.
func main() {
	spin()
}

func spin() {
	for {
		turns++
	}
}
