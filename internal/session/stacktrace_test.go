package session

import (
	"testing"

	"github.com/pdbgo/pdbgo/internal/debug"
)

// TestStacktracePages: pages of a deep stack read with skip and count join up into the stack
// read at once, and the last page ends short where the stack ends.
func TestStacktracePages(t *testing.T) {
	s, err := Start(Config{Mode: ModeRun, Packages: []string{"../command/testdata/deep"}, Args: []string{"300"}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	stop, err := s.Continue()
	if err != nil || stop.Kind != debug.StopPanic {
		t.Fatalf("stop = %+v, %v", stop, err)
	}
	whole, err := s.Stacktrace(stop.GoroutineID, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	// 301 frames of main.walk, main.main, runtime.main, runtime.goexit and the panic's own.
	if len(whole) < 304 || len(whole) >= 1000 {
		t.Fatalf("%d frames read at once", len(whole))
	}
	var paged []string
	for skip := 0; ; skip += 128 {
		page, err := s.Stacktrace(stop.GoroutineID, skip, 128)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range page {
			paged = append(paged, f.Function)
		}
		if len(page) < 128 {
			break
		}
	}
	if len(paged) != len(whole) {
		t.Fatalf("%d frames in pages, %d at once", len(paged), len(whole))
	}
	for i, f := range whole {
		if paged[i] != f.Function {
			t.Fatalf("frame %d: %s in pages, %s at once", i, paged[i], f.Function)
		}
	}
	if last := whole[len(whole)-1].Function; last != "runtime.goexit" {
		t.Errorf("the oldest frame is %s", last)
	}
	if none, err := s.Stacktrace(stop.GoroutineID, len(whole), 10); err != nil || len(none) != 0 {
		t.Errorf("past the end: %d frames, %v", len(none), err)
	}
}
