package stack

import "fmt"

// Reader reads up to count frames of one goroutine from depth skip on, innermost first; fewer
// than count frames means the stack ends there.
type Reader func(skip, count int) ([]Frame, error)

// Bounds of reading a stack.
const (
	// FirstPage is how many frames are read at a stop: every stack a person walks by hand
	// fits, and a deep one costs no more to stop in than a shallow one.
	FirstPage = 200
	// MaxFrames bounds the frames read of one stack. Reading costs about 35 µs a frame
	// through Delve (10 µs of it unwinding): 100,000 frames take a few seconds, once. A stack
	// overflow (a runaway recursion up to Go's 1 GB limit) has millions, which no one walks:
	// GrowAll finds it deeper than MaxFrames by unwinding alone, in about a second.
	MaxFrames = 100_000
)

// ErrNotRead is what moving past the frames read says when the stack is deeper than MaxFrames.
var ErrNotRead = fmt.Errorf("older frames are not read: the stack is deeper than %s frames", Thousands(MaxFrames))

// Read reads the first page of a stack (FirstPage frames, or first when positive): the
// frames a stop shows. Older frames are read when they are asked for (Grow, GrowAll).
func Read(read Reader, first int) (Stack, error) {
	if first <= 0 {
		first = FirstPage
	}
	frames, err := read(0, first)
	if err != nil {
		return Stack{}, err
	}
	s := New(frames)
	s.Complete = len(frames) < first
	return s, nil
}

// Capped reports whether the stack is known to be deeper than MaxFrames: its oldest frames
// will not be read.
func (s Stack) Capped() bool { return s.TooDeep }

// Grow reads older frames until visible frame n is read, the stack ends or MaxFrames are
// read. Each read unwinds the stack from its top again, so it asks for at least as many
// frames as it has: reaching frame N costs O(N) however it is approached.
func (s *Stack) Grow(read Reader, n int) error {
	n = min(n, MaxFrames) // no more are read; and n-s.Len() cannot overflow
	for s.Len() <= n && !s.Complete && len(s.All) < MaxFrames {
		want := max(n-s.Len()+FirstPage, len(s.All))
		if err := s.readMore(read, want); err != nil {
			return err
		}
	}
	return nil
}

// GrowAll reads every frame, the oldest ones and how many there are, in one read; unless the
// stack is deeper than MaxFrames, which a first read of one frame tells for the cost of
// unwinding alone.
func (s *Stack) GrowAll(read Reader) error {
	if s.Complete || s.TooDeep {
		return nil
	}
	if len(s.All) > 0 {
		beyond, err := read(MaxFrames, 1)
		if err != nil {
			return err
		}
		if len(beyond) > 0 {
			s.TooDeep = true
			return nil
		}
	}
	return s.readMore(read, MaxFrames-len(s.All))
}

func (s *Stack) readMore(read Reader, count int) error {
	count = min(count, MaxFrames-len(s.All))
	frames, err := read(len(s.All), count)
	if err != nil {
		return err
	}
	s.Complete = len(frames) < count
	s.TooDeep = s.TooDeep || !s.Complete && len(s.All)+len(frames) >= MaxFrames
	if len(frames) == 0 {
		return nil
	}
	from := len(s.All)
	// A copy: the stack a snapshot took before must not see these frames appear in it.
	s.All = append(s.All[:from:from], frames...)
	if len(s.Visible) == 0 {
		// No frame was visible yet: where the program stopped may be in what was just read.
		*s = Stack{All: s.All, Visible: New(s.All).Visible, Complete: s.Complete, TooDeep: s.TooDeep}
		return nil
	}
	s.Visible = s.Visible[:len(s.Visible):len(s.Visible)]
	for i := from; i < len(s.All); i++ {
		if !IsHidden(s.All[i]) {
			s.Visible = append(s.Visible, i)
		}
	}
	return nil
}

// Thousands writes n with commas between groups of three digits: 9,997.
func Thousands(n int) string {
	s := fmt.Sprint(n)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:] // not -n, which overflows for the smallest int
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return sign + s
}

// errOutOfRange says a frame number is past the frames there are.
func (s Stack) errOutOfRange(n int) error {
	if s.Capped() {
		return fmt.Errorf("frame %d is not read (0 to %d are): the stack is deeper than %s frames", n, s.Len()-1, Thousands(MaxFrames))
	}
	return fmt.Errorf("frame %d out of range (0 to %d)", n, s.Len()-1)
}
