package main

import (
	"encoding/json"
	"fmt"

	"github.com/pdbgo/pdbgo/internal/command/testdata/ambiguous/sub"
)

func main() {
	var v map[string]int
	if err := json.Unmarshal([]byte(`{"a": 1}`), &v); err != nil {
		panic(err)
	}
	n := v["a"]
	fmt.Println(decode(v), sub.Twice(n), twice(indirect(&n)))
}
