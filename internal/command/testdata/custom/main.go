package main

type Code int

func check(code Code) {
	if code != 0 {
		panic(code)
	}
}

func main() {
	check(Code(93))
}
