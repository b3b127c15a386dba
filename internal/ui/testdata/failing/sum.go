// Package failing is the TUI's fixture of a failing test: the TUI stops on the failure, in the
// test, as line mode does.
package failing

// Sum adds the numbers, but the last.
func Sum(xs []int) int {
	total := 0
	for i := 0; i < len(xs)-1; i++ {
		total += xs[i]
	}
	return total
}
