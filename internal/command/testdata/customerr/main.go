package main

import "fmt"

type NotFound struct {
	Key string
}

func (e *NotFound) Error() string { return fmt.Sprintf("key %q not found", e.Key) }

func load(key string) (int, error) {
	return 0, &NotFound{Key: key}
}

func mustLoad(key string) int {
	v, err := load(key)
	if err != nil {
		panic(err)
	}
	return v
}

func main() {
	user := "ada"
	fmt.Println(mustLoad(user + "/settings"))
}
