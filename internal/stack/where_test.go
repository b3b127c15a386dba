package stack

import (
	"fmt"
	"strings"
	"testing"
)

// rowsText is a compact view of rows: frame indexes, and runs left out as [from+count: text].
func rowsText(rows []Row) string {
	var parts []string
	for _, r := range rows {
		if r.Skipped == 0 {
			parts = append(parts, fmt.Sprint(r.Index))
		} else {
			parts = append(parts, fmt.Sprintf("[%d+%d: %s]", r.Index, r.Skipped, r.Text()))
		}
	}
	return strings.Join(parts, " ")
}

func fn(name string, line int) Frame {
	return Frame{Function: name, File: "/src/app/main.go", Line: line}
}

func framesOf(parts ...[]Frame) []Frame {
	var out []Frame
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func times(n int, fs ...Frame) []Frame {
	var out []Frame
	for range n {
		out = append(out, fs...)
	}
	return out
}

func TestSummary(t *testing.T) {
	walk := fn("main.walk", 15)
	even, odd := fn("main.even", 5), fn("main.odd", 9)
	top, bottom := fn("main.walk", 13), fn("main.main", 23)
	var distinct []Frame
	for i := range 300 {
		distinct = append(distinct, fn(fmt.Sprintf("main.f%d", i), i))
	}
	for _, tc := range []struct {
		name     string
		frames   []Frame
		selected int
		want     string
	}{
		{"short stack: every frame", framesOf([]Frame{top}, times(2, walk), []Frame{bottom}), 0, "0 1 2 3"},
		{"a recursion: three shown, the rest one row", framesOf([]Frame{top}, times(10000, walk), []Frame{bottom}), 0,
			"0 1 2 3 [4+9997: [... 9,997 more frames: main.walk repeated ...]] 10001"},
		{"four in a row: the fourth is one frame, shown", framesOf([]Frame{top}, times(4, walk), []Frame{bottom}), 0, "0 1 2 3 4 5"},
		{"mutual recursion", framesOf([]Frame{top}, times(500, even, odd), []Frame{bottom}), 0,
			"0 1 2 3 4 5 6 [7+994: [... 994 more frames: main.even, main.odd repeated ...]] 1001"},
		{"the selected frame inside a repetition", framesOf([]Frame{top}, times(10000, walk), []Frame{bottom}), 5000,
			"0 1 2 3 [4+4995: [... 4,995 more frames: main.walk repeated ...]] 4999 5000 5001 [5002+4999: [... 4,999 more frames: main.walk repeated ...]] 10001"},
		{"too many distinct frames: newest and oldest", distinct, 0,
			"0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 69 70 71 72 73 74 75 76 77 78 79 80 81 82 83 84 85 86 87 88 89 90 91 92 93 94 95 96 97 98 99 " +
				"[100+180: [... 180 more frames: main.f100, main.f101, main.f102 and 177 other functions ...]] 280 281 282 283 284 285 286 287 288 289 290 291 292 293 294 295 296 297 298 299"},
		{"no frames", nil, -1, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := rowsText(Summary(len(tc.frames), func(i int) Frame { return tc.frames[i] }, tc.selected))
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}
