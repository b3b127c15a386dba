// Package cart is the test package the crash report tests run with pdbgo test --report: a
// test that panics one call below the test function.
package cart

import "testing"

func price(items []int, slot int) int {
	discount := 10
	return items[slot] - discount
}

func TestPrice(t *testing.T) {
	items := []int{120, 80}
	sessionKey := "sess-in-test"
	if price(items, 5) > len(sessionKey) {
		t.Fatal("unreachable")
	}
}
