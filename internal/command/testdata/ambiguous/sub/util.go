package sub

// Twice is in a file named as the main package's util.go.
func Twice(n int) int {
	return n + n
}
