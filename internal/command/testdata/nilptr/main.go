package main

type Node struct {
	Value int
	Next  *Node
}

func third(n *Node) int {
	return n.Next.Next.Value
}

func main() {
	head := &Node{Value: 1, Next: &Node{Value: 2}}
	depth := 3
	_ = depth
	println(third(head))
}
