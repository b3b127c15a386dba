// report-crash is the program the crash report tests run: a checkout that panics two calls
// below main with secrets in its frames, a worker goroutine parked in the program's code, and
// modes for the other endings: "ok" exits 3, "big" panics with huge values in its frames,
// "deadlock" dies of a fatal error, "signal" of SIGTERM.
package main

import (
	"fmt"
	"os"
	"strings"
	"syscall"
	"time"
)

type Card struct {
	Holder string
	Token  string
}

type Order struct {
	ID      int
	Items   []string
	Card    *Card
	Headers map[string]string
}

func worker(started chan<- bool, jobs <-chan int) {
	started <- true
	for j := range jobs {
		fmt.Println(j)
	}
}

func charge(o *Order, amount int) int {
	password := "hunter2-in-charge"
	attempts := 3
	if amount > 100 {
		panic(fmt.Sprintf("charge failed for order %d", o.ID))
	}
	return attempts + len(password)
}

func checkout(orders []*Order) int {
	apiKey := "sk-live-in-checkout"
	sum := 0
	for i, o := range orders {
		sum += charge(o, (i+1)*70)
	}
	return sum + len(apiKey)
}

type Row struct {
	N    int
	Name string
}

func crunch(rows []Row, blob string) int {
	total := len(rows) + len(blob)
	panic(fmt.Sprintf("crunch: %d bytes", total))
}

func main() {
	if f := os.Getenv("REPORT_PIDFILE"); f != "" {
		os.WriteFile(f, []byte(fmt.Sprint(os.Getpid())), 0o644)
	}
	fmt.Println("checkout starting")
	mode := ""
	if len(os.Args) > 1 {
		mode = os.Args[1]
	}
	switch mode {
	case "ok":
		fmt.Println("checkout done")
		os.Exit(3)
	case "big":
		rows := make([]Row, 1_000_000)
		for i := range rows {
			rows[i] = Row{N: i, Name: "row"}
		}
		crunch(rows, strings.Repeat("x", 5<<20))
	case "signal":
		syscall.Kill(os.Getpid(), syscall.SIGTERM)
		// Sleep, not select {}: a program whose goroutines all block is a deadlock, a fatal
		// error the runtime may report before the signal is delivered.
		time.Sleep(time.Hour)
	case "deadlock":
		var never chan int
		<-never
	}
	started := make(chan bool)
	go worker(started, make(chan int))
	<-started
	orders := []*Order{
		{ID: 40, Items: []string{"tea"}, Card: &Card{Holder: "Ann", Token: "tok-visa-4242"},
			Headers: map[string]string{"Accept": "*/*", "Authorization": "Bearer abc.def"}},
		{ID: 41, Items: []string{"kettle", "lid"}, Card: &Card{Holder: "Bob", Token: "tok-amex-0005"}},
	}
	fmt.Println("total:", checkout(orders))
}
