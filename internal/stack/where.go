package stack

import (
	"fmt"
	"strings"
)

// Row is one line of a listing of frames (where): frame Index, or, when Skipped > 0, a run of
// Skipped frames from Index on that the listing leaves out.
type Row struct {
	Index   int
	Skipped int
	// Functions are the distinct functions of the frames left out, innermost first.
	Functions []string
	// Repeated is true when the frames left out repeat the frames shown just before them (a
	// recursion).
	Repeated bool
}

// Bounds of Summary.
const (
	// RepeatShown is how many times a repeated frame (or cycle of frames) is shown before the
	// rest of the repetition is left out, as Python's traceback shows a repeated line three
	// times.
	RepeatShown = 3
	// maxCycle is the longest cycle of frames recognised as a repetition (mutual recursion of
	// up to four functions).
	maxCycle = 4
	// SummaryNewest and SummaryOldest are how many frames a listing keeps at each end when,
	// repetitions left out, it would still show more than SummaryNewest+SummaryOldest.
	SummaryNewest = 100
	SummaryOldest = 20
	// aroundSelected frames either side of the selected frame are shown wherever it is.
	aroundSelected = 1
)

// Summary chooses the rows of a listing of frames 0..n-1 (frame(i) returns frame i) so that a
// deep stack reads like a short one: a frame or cycle of frames repeated in a row (a recursion)
// is shown RepeatShown times and the rest of the repetition is one row; what remains is cut to
// the newest SummaryNewest and the oldest SummaryOldest frames. The selected frame (and one
// frame either side) is always shown; selected < 0 selects none.
func Summary(n int, frame func(int) Frame, selected int) []Row {
	key := func(i int) string {
		f := frame(i)
		return fmt.Sprintf("%s\x00%s\x00%d", f.Function, f.File, f.Line)
	}
	keys := make([]string, n)
	for i := range keys {
		keys[i] = key(i)
	}
	shown := make([]bool, n)
	repeated := make([]bool, n)
	for i := range shown {
		shown[i] = true
	}
	for i := 0; i < n; {
		cycle, length := repetition(keys, i)
		if cycle == 0 {
			i++
			continue
		}
		for j := i + RepeatShown*cycle; j < i+length; j++ {
			shown[j] = false
			repeated[j] = true
		}
		i += length
	}
	count := 0
	for _, s := range shown {
		if s {
			count++
		}
	}
	if count > SummaryNewest+SummaryOldest {
		seen := 0
		for i := range shown {
			if !shown[i] {
				continue
			}
			seen++
			if seen > SummaryNewest && seen <= count-SummaryOldest {
				shown[i] = false
			}
		}
	}
	for i := selected - aroundSelected; i <= selected+aroundSelected; i++ {
		if selected >= 0 && i >= 0 && i < n {
			shown[i] = true
		}
	}
	var rows []Row
	for i := 0; i < n; {
		if shown[i] {
			rows = append(rows, Row{Index: i})
			i++
			continue
		}
		j := i
		for j < n && !shown[j] {
			j++
		}
		if j-i == 1 {
			// Leaving out one frame saves no line.
			rows = append(rows, Row{Index: i})
			i = j
			continue
		}
		row := Row{Index: i, Skipped: j - i, Repeated: true}
		distinct := map[string]bool{}
		for k := i; k < j; k++ {
			row.Repeated = row.Repeated && repeated[k]
			if fn := frame(k).Function; !distinct[fn] {
				distinct[fn] = true
				row.Functions = append(row.Functions, fn)
			}
		}
		rows = append(rows, row)
		i = j
	}
	return rows
}

// repetition finds a cycle of frames repeated from frame i on: its length (0 when there is
// none worth leaving out) and how many frames the repetition covers, cycles shown included.
func repetition(keys []string, i int) (cycle, length int) {
	for c := 1; c <= maxCycle && i+c <= len(keys); c++ {
		l := c
		for i+l < len(keys) && keys[i+l] == keys[i+l-c] {
			l++
		}
		if l >= (RepeatShown+1)*c {
			return c, l - l%c
		}
	}
	return 0, 0
}

// Text is how a row of left-out frames reads:
//
//	[... 9,997 more frames: main.walk repeated ...]
//	[... 850 more frames: main.a, main.b, main.c and 12 other functions ...]
func (r Row) Text() string {
	fns := r.Functions
	more := ""
	if len(fns) > 3 {
		more = fmt.Sprintf(" and %s other functions", Thousands(len(fns)-3))
		fns = fns[:3]
	}
	what := strings.Join(fns, ", ") + more
	if r.Repeated {
		what += " repeated"
	}
	return fmt.Sprintf("[... %s more frames: %s ...]", Thousands(r.Skipped), what)
}
