// Command panics crashes in the way its first argument names: the corpus of the differential
// test that compares what Go prints for a crash with what pdbgo prints (panics_test.go).
package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"

	"example.com/panics/inner"
)

type (
	MyInt        int
	MyInt8       int8
	MyUint64     uint64
	MyUintptr    uintptr
	MyBool       bool
	MyFloat32    float32
	MyFloat64    float64
	MyComplex64  complex64
	MyComplex128 complex128
	MyString     string
)

type Point struct{ X, Y int }

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type NotFound struct{ Key string }

func (e *NotFound) Error() string { return "not found: " + e.Key }

var kinds = map[string]func(){
	"string":      func() { panic("boom") },
	"string-nl":   func() { panic("first line\nsecond line") },
	"empty":       func() { panic("") },
	"int":         func() { panic(42) },
	"int8":        func() { panic(int8(-8)) },
	"int64":       func() { panic(int64(-1) << 63) },
	"uint":        func() { panic(uint(7)) },
	"uint8":       func() { panic(uint8(255)) },
	"uint64":      func() { panic(^uint64(0)) },
	"uintptr":     func() { panic(uintptr(0xdead)) },
	"bool":        func() { panic(true) },
	"float64":     func() { panic(3.5) },
	"float64-big": func() { panic(1e100) },
	"float64-neg": func() { panic(-0.000123) },
	"float32":     func() { panic(float32(0.1)) },
	"complex128":  func() { panic(complex(1, 2)) },
	"complex64":   func() { panic(complex64(complex(-0.5, 3))) },
	"nan":         func() { zero := 0.0; panic(zero / zero) },
	"inf":         func() { zero := 0.0; panic(-1 / zero) },
	"myint":       func() { panic(MyInt(93)) },
	"myint8":      func() { panic(MyInt8(-93)) },
	"myuint64":    func() { panic(MyUint64(93)) },
	"myuintptr":   func() { panic(MyUintptr(93)) },
	"mybool":      func() { panic(MyBool(false)) },
	"myfloat32":   func() { panic(MyFloat32(-93.7)) },
	"myfloat64":   func() { panic(MyFloat64(-93.7)) },
	"mycomplex64": func() { panic(MyComplex64(0.11 + 3i)) },
	"mycomplex":   func() { panic(MyComplex128(32.1 + 10i)) },
	"mystring":    func() { panic(MyString("This one\nand this")) },
	"error":       func() { panic(errors.New("plain error")) },
	"wrapped":     func() { panic(fmt.Errorf("load config: %w", os.ErrNotExist)) },
	"custom-err":  func() { panic(&NotFound{Key: "alpha"}) },
	"stringer":    func() { panic(Celsius(-40.25)) },
	"struct":      func() { panic(Point{X: 1, Y: 2}) },
	"pointer":     func() { panic(&Point{X: 3, Y: 4}) },
	"slice":       func() { panic([]int{1, 2, 3}) },
	"nil":         func() { panic(nil) },
	"long":        func() { panic(strings.Repeat("0123456789", 500) + "END") },
	"index":       func() { s := []int{1, 2}; i := 5; _ = s[i] },
	"nilmap":      func() { var m map[string]int; m["a"] = 1 },
	"nilderef":    func() { var p *Point; fmt.Println(p.X) },
	"divide":      func() { a, b := 1, 0; fmt.Println(a / b) },
	"assert":      func() { var v any = "s"; fmt.Println(v.(int)) },
	"closed":      func() { c := make(chan int); close(c); close(c) },
	"chain":       chain,
	"recovered":   recoveredThenNew,
	"repanicked":  repanicked,
	"goroutine":   inGoroutine,
	"goexit":      func() { runtime.Goexit() },
	"concmap":     concurrentMapWrites,
	"deadlock":    func() { c := make(chan int); <-c },
	"sigquit":     func() { selfSignal(syscall.SIGQUIT) },
	"sigabrt":     func() { selfSignal(syscall.SIGABRT) },
	"sigsegv":     func() { selfSignal(syscall.SIGSEGV) },
	"pkgtype":     func() { panic(inner.Code(7)) },
	"pkgerror":    func() { panic(inner.Fail()) },
}

func chain() {
	defer func() { panic("second") }()
	panic("first")
}

func recoveredThenNew() {
	defer func() {
		r := recover()
		panic(fmt.Sprint("after ", r))
	}()
	panic("first")
}

func repanicked() {
	defer func() {
		r := recover()
		panic(r)
	}()
	panic(errors.New("again"))
}

func inGoroutine() {
	done := make(chan bool)
	go func() {
		panic("in a goroutine")
	}()
	<-done
}

func concurrentMapWrites() {
	m := map[int]int{}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 1_000_000 {
				m[i%64+g] = i
			}
		}()
	}
	wg.Wait()
}

// selfSignal sends sig to the program and waits for it to arrive.
func selfSignal(sig syscall.Signal) {
	syscall.Kill(os.Getpid(), sig)
	time.Sleep(10 * time.Second)
}

func main() {
	if len(os.Args) == 2 && os.Args[1] == "list" {
		for k := range kinds {
			fmt.Println(k)
		}
		return
	}
	if len(os.Args) < 2 || kinds[os.Args[1]] == nil {
		fmt.Fprintln(os.Stderr, "usage: panics KIND")
		os.Exit(1)
	}
	kinds[os.Args[1]]()
}
