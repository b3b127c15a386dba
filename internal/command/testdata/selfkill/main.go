// Command selfkill ends by a signal: SIGKILL sent to itself.
package main

import (
	"fmt"
	"os"
	"syscall"
)

func main() {
	fmt.Println("about to die")
	syscall.Kill(os.Getpid(), syscall.SIGKILL)
	select {}
}
