package main

import "fmt"

type Conn struct {
	open  bool
	bytes int
}

func (c *Conn) Close() {
	if !c.open {
		panic("close of closed connection")
	}
	c.open = false
}

func transfer(c *Conn, n int) {
	defer c.Close()
	c.bytes += n
	c.Close()
}

func main() {
	c := &Conn{open: true}
	transfer(c, 512)
	fmt.Println("sent", c.bytes)
}
