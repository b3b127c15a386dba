// Program formats is built for every system pdbgo runs on, to read its executable format.
package main

import "fmt"

func main() {
	fmt.Println("formats")
}
