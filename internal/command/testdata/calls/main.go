package main

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Money's String is kept by the linker: main converts a Money to fmt.Stringer.
type Money struct{ Cents int }

func (m Money) String() string { return fmt.Sprintf("$%d.%02d", m.Cents/100, m.Cents%100) }

// Unused's String is dropped by the linker: nothing calls it.
type Unused struct{ N int }

func (u Unused) String() string { return fmt.Sprint(u.N) }

func work(prefix string, n int) string { return strings.Repeat(prefix, n) }

func explode(n int) int {
	if n > 0 {
		panic(fmt.Sprintf("explode(%d)", n))
	}
	return n
}

func block(ch chan int) int { return <-ch }

func parse(s string) (int, error) {
	if s == "" {
		return 0, errors.New("empty")
	}
	return len(s), nil
}

func noop() {}

func report(price Money, count int) string {
	line := fmt.Sprint(price, " x", count)
	return line
}

func main() {
	// A goroutine that never ends: a call blocked on a channel is not a deadlock.
	go func() {
		for {
			time.Sleep(10 * time.Millisecond)
		}
	}()
	price := Money{Cents: 1234}
	var shown fmt.Stringer = price
	u := Unused{N: 3}
	count := 2
	ch := make(chan int, 1)
	if count > 5 {
		fmt.Println(block(ch), explode(count))
		noop()
	}
	n, err := parse("abc")
	fmt.Println(shown, u.N, count, work("ab", 2), n, err) // stop here
	fmt.Println(report(price, count))
}
