// Command hugepanic panics with a message of more than a mebibyte.
package main

import "strings"

func main() {
	panic(strings.Repeat("x", 1<<20) + "TAIL-OF-THE-MESSAGE")
}
