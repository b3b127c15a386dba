package failing

import "testing"

func equal(t *testing.T, got, want int) {
	t.Helper()
	if got != want {
		t.Errorf("got %d, want %d", got, want)
	}
}

func TestSum(t *testing.T) {
	xs := []int{1, 2, 3}
	equal(t, Sum(xs), 6)
	t.Fatalf("Sum(%v) is wrong", xs)
}
