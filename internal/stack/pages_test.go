package stack

import (
	"errors"
	"fmt"
	"math"
	"testing"
)

// recursion is a goroutine's stack that panicked at the bottom of a recursion depth deep:
// the panic's runtime frames, walk at its bottom line, depth calls of walk, main, the runtime.
func recursion(depth int) []Frame {
	frames := []Frame{rt("runtime.gopanic"), rt("runtime.goPanicIndex"), {Function: "main.walk", File: "/src/app/main.go", Line: 13}}
	for range depth {
		frames = append(frames, Frame{Function: "main.walk", File: "/src/app/main.go", Line: 15})
	}
	return append(frames, Frame{Function: "main.main", File: "/src/app/main.go", Line: 23}, rt("runtime.main"), rt("runtime.goexit"))
}

// pager reads frames as Delve would, counting the reads and the frames each unwinds.
type pager struct {
	frames   []Frame
	reads    int
	unwound  int
	failFrom int // reads from this depth on fail; 0: never
}

func (p *pager) read(skip, count int) ([]Frame, error) {
	p.reads++
	if p.failFrom > 0 && skip >= p.failFrom {
		return nil, errors.New("the process is gone")
	}
	end := min(skip+count, len(p.frames))
	p.unwound += end
	if skip >= end {
		return nil, nil
	}
	return p.frames[skip:end], nil
}

func TestReadAndGrow(t *testing.T) {
	p := &pager{frames: recursion(10000)} // 10,006 frames, 10,002 visible
	s, err := Read(p.read, 0)
	if err != nil || s.Complete || len(s.All) != FirstPage || s.Len() != FirstPage-2 {
		t.Fatalf("first page: %d frames, %d visible, complete %v, %v", len(s.All), s.Len(), s.Complete, err)
	}
	if n, err := s.Up(s.Len()-1, 1); !errors.Is(err, ErrNotRead) || n != s.Len()-1 {
		t.Errorf("up past the frames read without reading: %d, %v (want ErrNotRead, never Oldest frame)", n, err)
	}
	if err := s.Grow(p.read, 5000); err != nil || s.Len() <= 5000 || s.Complete {
		t.Fatalf("grow to 5000: %d visible, complete %v, %v", s.Len(), s.Complete, err)
	}
	if p.reads != 2 {
		t.Errorf("reaching frame 5000 took %d reads, want 2", p.reads)
	}
	if f := s.Frame(5000); f.Function != "main.walk" || f.Line != 15 {
		t.Errorf("frame 5000 = %+v", f)
	}
	before := s
	if err := s.GrowAll(p.read); err != nil || !s.Complete || s.Len() != 10002 {
		t.Fatalf("grow all: %d visible, complete %v, %v", s.Len(), s.Complete, err)
	}
	if len(before.All) == len(s.All) || len(before.Visible) == len(s.Visible) {
		t.Error("a copy taken before growing saw the new frames")
	}
	if n, err := s.Select(-1); err != nil || s.Frame(n).Function != "main.main" {
		t.Errorf("frame -1 = %d (%v), want main.main", n, err)
	}
	if n, err := s.Up(10000, 5); n != 10001 || err != nil {
		t.Errorf("up 5 from 10000 = %d, %v", n, err)
	}
	if _, err := s.Up(10001, 1); !errors.Is(err, ErrOldest) {
		t.Errorf("up at main.main: %v", err)
	}
	reads := p.reads
	if err := s.Grow(p.read, 20000); err != nil || p.reads != reads {
		t.Errorf("growing a complete stack read again (%d reads), %v", p.reads-reads, err)
	}
	if _, err := s.Select(10002); err == nil || err.Error() != "frame 10002 out of range (0 to 10001)" {
		t.Errorf("select past the oldest: %v", err)
	}
}

func TestGrowCostsLinear(t *testing.T) {
	p := &pager{frames: recursion(50000)}
	s, _ := Read(p.read, 0)
	for n := 0; n < 50000; n += 150 { // a person pressing up 150 at a time
		if err := s.Grow(p.read, n); err != nil {
			t.Fatal(err)
		}
	}
	if p.unwound > 4*len(p.frames) {
		t.Errorf("reaching the bottom a page at a time unwound %d frames for a %d-frame stack", p.unwound, len(p.frames))
	}
}

func TestCappedStack(t *testing.T) {
	p := &pager{frames: recursion(MaxFrames + 500)}
	s, _ := Read(p.read, 0)
	if err := s.GrowAll(p.read); err != nil || s.Complete || !s.Capped() || len(s.All) != FirstPage {
		t.Fatalf("grow all of a stack deeper than MaxFrames: %d frames, complete %v, capped %v, %v", len(s.All), s.Complete, s.Capped(), err)
	}
	if p.unwound > MaxFrames+2*FirstPage {
		t.Errorf("finding the stack too deep unwound %d frames", p.unwound)
	}
	if err := s.Grow(p.read, 5000); err != nil || s.Frame(5000).Function != "main.walk" {
		t.Fatalf("frame 5000 of a stack too deep to read whole: %v", err)
	}
	if _, err := s.Up(s.Len()-1, 1); !errors.Is(err, ErrNotRead) {
		t.Errorf("up at the last frame read: %v", err)
	}
	if _, err := s.Select(-1); !errors.Is(err, ErrNotRead) {
		t.Errorf("frame -1: %v", err)
	}
	if _, err := s.Select(MaxFrames + 10); err == nil || err.Error() != fmt.Sprintf("frame %d is not read (0 to %d are): the stack is deeper than 100,000 frames", MaxFrames+10, s.Len()-1) {
		t.Errorf("select past the cap: %v", err)
	}
	s2, _ := Read(p.read, 0)
	if err := s2.Grow(p.read, MaxFrames+10); err != nil || !s2.Capped() || len(s2.All) != MaxFrames {
		t.Errorf("growing to the cap: %d frames, capped %v, %v", len(s2.All), s2.Capped(), err)
	}
}

func TestGrowError(t *testing.T) {
	p := &pager{frames: recursion(1000), failFrom: 1}
	s, _ := Read(p.read, 0)
	if err := s.Grow(p.read, 500); err == nil {
		t.Error("a failed read was not reported")
	}
	if s.Len() != FirstPage-2 {
		t.Errorf("a failed read changed the stack: %d visible", s.Len())
	}
}

func TestShortStackIsComplete(t *testing.T) {
	p := &pager{frames: recursion(3)}
	s, _ := Read(p.read, 0)
	if !s.Complete || s.Len() != 5 {
		t.Errorf("short stack: complete %v, %d visible", s.Complete, s.Len())
	}
	if _, err := s.Up(4, 1); !errors.Is(err, ErrOldest) {
		t.Errorf("up at main.main: %v", err)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 9997: "9,997", 1234567: "1,234,567", -4200: "-4,200",
		math.MinInt64: "-9,223,372,036,854,775,808"} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
