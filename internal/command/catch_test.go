package command_test

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pdbgo/pdbgo/internal/command"
)

// serverSession starts the httppanic server under a real Delve with catch set from the start
// (as pdbgo run --recovered does) and sends it a real request for an item it does not stock
// once it listens, then asks it to quit when the request is answered (or failed: the server
// recovers the handler's panic and closes the connection).
func serverSession(t *testing.T, catch []string) (*command.Interpreter, *bytes.Buffer, <-chan error) {
	t.Helper()
	addrFile := filepath.Join(t.TempDir(), "addr")
	cfg := runConfig("./testdata/httppanic")
	cfg.Args, cfg.CatchPanics = []string{addrFile}, catch
	sess := startSession(t, cfg)
	var out bytes.Buffer
	in := command.New(sess, &out)
	answered := make(chan error, 1)
	go func() {
		var addr []byte
		for range 600 {
			if addr, _ = os.ReadFile(addrFile); len(addr) > 0 {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		client := &http.Client{Timeout: time.Minute}
		resp, err := client.Get("http://" + string(addr) + "/order?item=kettle")
		if err == nil {
			resp.Body.Close()
		}
		answered <- err
		if resp, err := client.Get("http://" + string(addr) + "/quit"); err == nil {
			resp.Body.Close()
		}
	}()
	return in, &out, answered
}

func run(in *command.Interpreter, out *bytes.Buffer, commands ...string) {
	for _, c := range commands {
		out.WriteString("(pdbgo) " + c + "\n")
		in.Execute(c)
	}
}

// TestCatchRecoveredPanic: a net/http handler's panic, which the server recovers, stops where it
// was raised with the panic as Go prints it; c lets the server recover it and go on.
func TestCatchRecoveredPanic(t *testing.T) {
	in, out, answered := serverSession(t, []string{"main"})
	in.Begin()
	run(in, out, "where", "args", "up", "p qty", "catch", "c")
	expect(t, out.String(),
		`^panic: no kettle in stock\n\[pdbgo: caught as the panic began \(catch recovered\): c lets it run on, to a recover or not\]\n> .*/httppanic/main.go:29 main\.reserve\(\)$`,
		`^-> \t\tpanic\(fmt\.Sprintf\("no %s in stock", item\)\) // the server recovers it$`,
		`^>  0  main\.reserve\(\) .*main.go:29$`,
		`^   1  main\.order\(\) .*main.go:24$`,
		`^   2  net/http\.HandlerFunc\.ServeHTTP\(\) `,
		`^item = "kettle"$`,
		`^0$`,
		`^Panics raised in main stop the program as they begin, recovered later or not\.$`,
		`^The program exited with status 0\.$`,
	)
	// encoding/json's own panic, raised and recovered inside it, did not stop.
	absent(t, out.String(), `UnsupportedValueError`, `jsonError`)
	if err := <-answered; err == nil {
		t.Error("the request was answered: the server did not recover a panic")
	}
}

// TestCatchEveryPanicAndOff: with no pattern every panic stops, the standard library's own too;
// catch off at a stop lets the rest run.
func TestCatchEveryPanicAndOff(t *testing.T) {
	in, out, _ := serverSession(t, []string{"..."})
	in.Begin()
	run(in, out, "catch off", "c")
	expect(t, out.String(),
		`^panic: \(json\.jsonError\) .*\n\[pdbgo: caught as the panic began`,
		`^> .*/encoding/json/encode.go:\d+ encoding/json\.\(\*encodeState\)\.error\(\)$`,
		`^Only unrecovered panics stop the program \(catch recovered stops every panic as it begins\)\.$`,
		`^The program exited with status 0\.$`,
	)
	if strings.Contains(out.String(), "no kettle in stock") {
		t.Errorf("the handler's panic stopped after catch off:\n%s", out)
	}
}

// TestCatchCommand: catch recovered at a stop sets it for the rest of the run; a bad argument
// is one line.
func TestCatchCommand(t *testing.T) {
	in, out, _ := serverSession(t, nil)
	if err := in.Break("main.order"); err != nil {
		t.Fatal(err)
	}
	in.Begin()
	run(in, out, "catch", "catch sometimes", "catch recovered main net/http/...", "c", "c")
	expect(t, out.String(),
		`^Breakpoint 1\n> .*main.go:17 main\.order\(\)$`,
		`^Only unrecovered panics stop the program`,
		`^\*\*\* catch takes recovered \[PATTERN\.\.\.\] or off$`,
		`^Panics raised in main, net/http/\.\.\. stop the program as they begin, recovered later or not\.$`,
		`^panic: no kettle in stock\n`,
		`^The program exited with status 0\.$`,
	)
}

// TestNoStepAtACaughtPanic: a step at a caught panic says why it cannot, and the program stays.
func TestNoStepAtACaughtPanic(t *testing.T) {
	in, out, _ := serverSession(t, []string{"main"})
	in.Begin()
	run(in, out, "next", "p item", "c")
	expect(t, out.String(),
		`^\*\*\* the program is stopped as a panic began and cannot step: c lets it run on`,
		`^"kettle"$`,
		`^The program exited with status 0\.$`,
	)
}
