// Command httppanic is a net/http server whose handler panics: the server recovers the panic
// and logs it (http: panic serving ...). It writes its address to the file named by its first
// argument; GET /order?item=X serves an order, GET /quit ends it.
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"net"
	"net/http"
	"os"
)

var stock = map[string]int{"tea": 2}

func order(w http.ResponseWriter, r *http.Request) {
	item := r.URL.Query().Get("item")
	// encoding/json panics and recovers inside for an unsupported value.
	if _, err := json.Marshal(math.Inf(1)); err != nil {
		fmt.Fprintln(os.Stderr, "json:", err)
	}
	qty := stock[item]
	fmt.Fprintf(w, "%s: %d\n", item, reserve(item, qty))
}

func reserve(item string, qty int) int {
	if qty == 0 {
		panic(fmt.Sprintf("no %s in stock", item)) // the server recovers it
	}
	return qty - 1
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	if err := os.WriteFile(os.Args[1], []byte(ln.Addr().String()), 0o644); err != nil {
		panic(err)
	}
	http.HandleFunc("/order", order)
	http.HandleFunc("/quit", func(http.ResponseWriter, *http.Request) { os.Exit(0) })
	_ = http.Serve(ln, nil)
}
