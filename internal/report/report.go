// Package report turns a crash (the panic, the frames with their arguments and locals, the
// other goroutines) into a crash report, as text for a CI log or as one JSON object.
// RunToCrash runs the program to its crash and Collect reads the crash, both through the
// debug.Debugger contract (a session, or the fake in tests), with the goroutine rules line mode
// and the TUI use; ExitStatus is the status the program would have ended with, and Write
// writes the report. It scrubs values whose names look like secrets and keeps every report
// within a size bound, whatever the size of the program's values.
package report

import (
	"encoding/json"
	"go/scanner"
	"go/token"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pdbgo/pdbgo/internal/value"
)

// Report is one crash. Its JSON form is documented in the README ("Crash reports and core
// dumps"); a test checks the two agree.
type Report struct {
	Error         Error   `json:"error"`
	Goroutine     int64   `json:"goroutine"`      // the goroutine that crashed, -1 if none
	Note          string  `json:"note,omitempty"` // e.g. which goroutine was shown instead
	Frames        []Frame `json:"frames"`         // newest first
	FramesOmitted int     `json:"frames_omitted"` // oldest frames left out of a deep stack
	// FramesUncounted is true when the stack is deeper than pdbgo reads (stack.MaxFrames):
	// FramesOmitted is then a lower bound.
	FramesUncounted bool        `json:"frames_uncounted,omitempty"`
	Goroutines      []Goroutine `json:"goroutines"`          // the other goroutines
	MoreGoroutines  int         `json:"more_goroutines"`     // goroutines not listed
	Truncated       bool        `json:"truncated,omitempty"` // variables were dropped to fit the size bound
	Pdbgo           string      `json:"pdbgo"`               // pdbgo's version
	Go              string      `json:"go"`                  // the Go version the program was built with
}

// Error is what crashed the program.
type Error struct {
	Kind    string `json:"kind"`    // KindPanic, KindFatal, KindTestFailure, KindCaughtPanic or, for a core only, KindUnknown
	Message string `json:"message"` // what Go prints: "panic: ..." (with a chain, several lines), "fatal error: ...", "--- FAIL: TestX: x_test.go:9: ..."
}

// Kinds of Error.
const (
	KindPanic = "panic" // an unrecovered panic
	KindFatal = "fatal" // a fatal runtime error (concurrent map writes, deadlock, out of memory)
	// KindTestFailure is a failing test (t.Error, t.Fatal...): the program went on after it.
	KindTestFailure = "test failure"
	// KindCaughtPanic is a panic caught as it began (--recovered): the program went on, and
	// may have recovered it.
	KindCaughtPanic = "caught panic"
	// KindUnknown is a core dump that shows neither (a SIGQUIT, a kill -ABRT).
	KindUnknown = "unknown"
)

// Frame is one call on the crashed goroutine's stack.
type Frame struct {
	Function string `json:"function"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	InApp    bool   `json:"in_app"` // the program's own code, not the standard library
	Source   string `json:"source"` // the source line, trimmed; "" when the file is not readable
	Args     []Var  `json:"args"`
	Locals   []Var  `json:"locals"`
	Omitted  bool   `json:"omitted,omitempty"` // some or all of args and locals dropped to fit the size bound
	Error    string `json:"error,omitempty"`   // why args or locals could not be read
	// Context is the source around Line, for the formats that show it (sentry); read only
	// when Limits.ContextLines asks for it, nil when the file is not readable.
	Context *SourceContext `json:"-"`
}

// SourceContext is a frame's line as it is in the file, with the lines around it.
type SourceContext struct {
	Pre  []string // the lines before, in order
	Line string
	Post []string // the lines after, in order
}

// Var is a variable, or a field, element or map entry of one.
type Var struct {
	Name      string `json:"name"`
	Type      string `json:"type"`
	Value     string `json:"value"`              // one line, bounded
	Children  []Var  `json:"children,omitempty"` // composite values, depth-limited
	Truncated bool   `json:"truncated,omitempty"`
}

// Goroutine is one other goroutine, where it is in the program's code.
type Goroutine struct {
	ID       int64  `json:"id"`
	Function string `json:"function"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Status   string `json:"status,omitempty"`
	InApp    bool   `json:"-"` // the program's own code: for the formats that say so per frame (sentry)
}

// Limits bound a report; each keeps a big value from making a big report.
type Limits struct {
	ValueLen      int // bytes of a variable's one-line value
	ChildValueLen int // bytes of a child's value
	NameLen       int // bytes of a map key used as a child's name
	Depth         int // levels of children below a variable
	Children      int // children of one value
	Nodes         int // children below one variable, all levels
	SourceLen     int // bytes of a source line
	ContextLines  int // source lines kept before and after each frame's line (sentry's context)
	TextLen       int // bytes of a name (of a function, a file, a variable, a type), a goroutine's status, a frame's error
	Frames        int // frames kept; a deeper stack loses frames in the middle
	Goroutines    int // other goroutines listed
	Size          int // bytes of the whole report, about
}

// DefaultLimits keeps a report under about 100 KB.
var DefaultLimits = Limits{
	ValueLen:      512,
	ChildValueLen: 128,
	NameLen:       64,
	Depth:         3,
	Children:      20,
	Nodes:         60,
	SourceLen:     200,
	TextLen:       1024,
	Frames:        100,
	Goroutines:    100,
	Size:          90_000,
}

// LimitsFor is DefaultLimits for a report in format: a Sentry event shows five lines of source
// before and after each frame's line, as Sentry's own SDKs send.
func LimitsFor(format string) Limits {
	l := DefaultLimits
	if format == "sentry" {
		l.ContextLines = 5
	}
	return l
}

// Options says how values become Vars.
type Options struct {
	Scrub  bool // replace values of secret-looking names with Filtered
	Limits Limits
}

// NewVars converts a frame's variables, scrubbing them first when o.Scrub.
func NewVars(vs []value.Value, o Options) []Var {
	out := make([]Var, 0, len(vs))
	for _, v := range vs {
		out = append(out, NewVar(v, o))
	}
	return out
}

// NewVar converts one variable: its one-line value and its children down to the depth limit.
func NewVar(v value.Value, o Options) Var {
	if o.Scrub {
		v = Scrub(v)
	}
	nodes := o.Limits.Nodes
	return convert(v, v.Name, o.Limits.ValueLen, 0, o.Limits, &nodes)
}

func convert(v value.Value, name string, valueLen, depth int, l Limits, nodes *int) Var {
	out := Var{Name: Cut(name, l.TextLen), Type: Cut(v.Type, l.TextLen), Value: Cut(v.String(), valueLen), Truncated: v.Truncated()}
	if depth >= l.Depth {
		out.Truncated = out.Truncated || len(children(v, l)) > 0
		return out
	}
	for _, c := range children(v, l) {
		if len(out.Children) >= l.Children || *nodes <= 0 {
			out.Truncated = true
			break
		}
		*nodes--
		out.Children = append(out.Children, convert(c.v, c.name, l.ChildValueLen, depth+1, l, nodes))
	}
	return out
}

type child struct {
	name string
	v    value.Value
}

// children lists what a report shows below a value: value.Expand, named as a person reads
// them (fields by name, elements as [i], map entries by their key). A pointer to an interface
// shows what the interface holds; a pointer to anything else that is not looked through (a
// number, a string, another pointer) shows nothing more than its one-line value already says,
// and neither do a channel's runtime internals.
func children(v value.Value, l Limits) []child {
	kids := v.Expand(0)
	if len(kids) == 1 && kids[0].Kind == value.Deref {
		if to := kids[0].Value; to.Kind == reflect.Interface {
			return children(to, l)
		}
		return nil
	}
	out := make([]child, 0, len(kids))
	for _, c := range kids {
		switch c.Kind {
		case value.Field:
			out = append(out, child{c.Name, c.Value})
		case value.Element:
			out = append(out, child{"[" + strconv.FormatInt(c.Index, 10) + "]", c.Value})
		case value.Entry:
			out = append(out, child{Cut(c.Key.String(), l.NameLen), c.Value})
		}
	}
	return out
}

// Cut shortens s to at most n bytes on a character boundary, marking the cut with "…".
func Cut(s string, n int) string {
	if len(s) <= n || n <= 0 {
		return s
	}
	const mark = "…"
	s = s[:max(n-len(mark), 0)]
	for len(s) > 0 && !utf8.ValidString(s[len(s)-min(len(s), utf8.UTFMax):]) {
		s = s[:len(s)-1]
	}
	return s + mark
}

// Fit keeps the report within l: texts are cut, a deep stack keeps its newest frames, and
// when the variables of all frames together are too big, variables are dropped: the standard
// library's first, then the program's, oldest frame first, and in a frame locals before args.
// Its JSON form is then at most l.Size bytes: when the report is too big even without
// variables (thousands of long names), the other goroutines go first, then the oldest
// frames, then the end of the message.
func (r *Report) Fit(l Limits) {
	if l.Frames > 0 && len(r.Frames) > l.Frames {
		r.FramesOmitted += len(r.Frames) - l.Frames
		r.Frames = r.Frames[:l.Frames]
	}
	if l.Goroutines > 0 && len(r.Goroutines) > l.Goroutines {
		r.MoreGoroutines += len(r.Goroutines) - l.Goroutines
		r.Goroutines = r.Goroutines[:l.Goroutines]
	}
	r.Note, r.Pdbgo, r.Go = Cut(r.Note, l.TextLen), Cut(r.Pdbgo, l.TextLen), Cut(r.Go, l.TextLen)
	for i := range r.Frames {
		f := &r.Frames[i]
		f.Function, f.File, f.Error = Cut(f.Function, l.TextLen), Cut(f.File, l.TextLen), Cut(f.Error, l.TextLen)
		f.Source = Cut(f.Source, l.SourceLen)
		if f.Context != nil {
			for _, lines := range [][]string{f.Context.Pre, f.Context.Post} {
				for j := range lines {
					lines[j] = Cut(lines[j], l.SourceLen)
				}
			}
			f.Context.Line = Cut(f.Context.Line, l.SourceLen)
		}
	}
	for i := range r.Goroutines {
		g := &r.Goroutines[i]
		g.Function, g.File, g.Status = Cut(g.Function, l.TextLen), Cut(g.File, l.TextLen), Cut(g.Status, l.TextLen)
	}
	if l.Size <= 0 {
		return
	}
	// What the variables may take: the size left once the report without them is counted,
	// every frame as if it had dropped some, with room for the counts of what is dropped
	// below to grow by a few digits.
	const countsRoom = 64
	budget := l.Size - skeletonSize(r) - countsRoom
	for budget < 0 && len(r.Goroutines) > 0 {
		budget += size(r.Goroutines[len(r.Goroutines)-1]) + 1
		r.Goroutines = r.Goroutines[:len(r.Goroutines)-1]
		r.MoreGoroutines++
	}
	for budget < 0 && len(r.Frames) > 0 {
		budget += size(frameSkeleton(r.Frames[len(r.Frames)-1])) + 1
		r.Frames = r.Frames[:len(r.Frames)-1]
		r.FramesOmitted++
	}
	for _, text := range []*string{&r.Error.Message, &r.Note} {
		for budget < 0 && *text != "" {
			// A byte cut is at least a byte less of JSON (escaping only makes text longer).
			before := size(*text)
			if n := len(*text) + budget - len("…"); n > len("…") {
				*text = Cut(*text, n)
			} else {
				*text = ""
			}
			budget += before - size(*text)
		}
	}
	for _, inApp := range []bool{true, false} {
		for i := range r.Frames {
			f := &r.Frames[i]
			if f.InApp != inApp {
				continue
			}
			f.Args = fitVars(f, f.Args, &budget)
			f.Locals = fitVars(f, f.Locals, &budget)
			r.Truncated = r.Truncated || f.Omitted
		}
	}
}

// skeletonSize is the size of r in JSON without its variables, every frame marked as
// having omitted some and the report as truncated.
func skeletonSize(r *Report) int {
	s := *r
	s.Truncated = true
	s.Frames = make([]Frame, len(r.Frames))
	for i, f := range r.Frames {
		s.Frames[i] = frameSkeleton(f)
	}
	if s.Goroutines == nil {
		s.Goroutines = []Goroutine{}
	}
	return size(s)
}

// frameSkeleton is f without its variables, marked as having omitted some.
func frameSkeleton(f Frame) Frame {
	f.Args, f.Locals, f.Omitted = []Var{}, []Var{}, true
	return f
}

// fitVars keeps the variables that fit in what is left of the budget, in order, and marks
// the frame when one is dropped.
func fitVars(f *Frame, vs []Var, budget *int) []Var {
	kept := vs[:0]
	for _, v := range vs {
		cost := size(v) + 1
		if cost > *budget {
			f.Omitted = true
			continue
		}
		*budget -= cost
		kept = append(kept, v)
	}
	if len(kept) == 0 {
		return nil
	}
	return kept
}

// size is the length of x in JSON, which bounds its text form too.
func size(x any) int {
	b, err := json.Marshal(x)
	if err != nil {
		return 0
	}
	return len(b)
}

// Secret-looking names, compared without case, "_" or "-", anywhere in a name.
var secretWords = []string{
	"password", "passwd", "secret", "token", "apikey", "auth", "credential", "privatekey",
	"session", "cookie",
}

// Filtered replaces a scrubbed value.
const Filtered = "[Filtered]"

// IsSecret reports whether a variable, field or map key of this name holds a secret:
// "password", "dbPassword", "API_KEY", "Authorization", "sessionID" do. Matching is by
// substring, so "author" does too: a report errs on the side of hiding.
func IsSecret(name string) bool {
	n := strings.ToLower(name)
	n = strings.NewReplacer("_", "", "-", "").Replace(n)
	for _, w := range secretWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// Scrub returns v with the values of secret-looking variables, struct fields and map entries
// (by their string key) replaced by Filtered, at every depth.
func Scrub(v value.Value) value.Value {
	if IsSecret(v.Name) {
		return filtered(v)
	}
	if len(v.Children) == 0 {
		return v
	}
	kids := make([]value.Value, len(v.Children))
	copy(kids, v.Children)
	if v.Kind == reflect.Map {
		for i := 0; i+1 < len(kids); i += 2 {
			k := kids[i]
			if k.Kind == reflect.String && IsSecret(k.Value) || k.Kind == reflect.Interface && len(k.Children) > 0 && k.Children[0].Kind == reflect.String && IsSecret(k.Children[0].Value) {
				kids[i+1] = filtered(kids[i+1])
			} else {
				kids[i+1] = Scrub(kids[i+1])
			}
		}
	} else {
		for i := range kids {
			kids[i] = Scrub(kids[i])
		}
	}
	v.Children = kids
	return v
}

// ScrubSource returns a line of Go source with the string literals given to secret-looking
// names replaced by "[Filtered]": password := "x", Token: "x", "Authorization": "x" (a
// variable, a field in a composite literal, a map entry). A report shows source lines around
// the crash; a secret written into the program is no less one.
func ScrubSource(line string) string {
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(line))
	var sc scanner.Scanner
	sc.Init(file, []byte(line), func(token.Position, string) {}, 0) // a line may be part of a token
	type tok struct {
		t   token.Token
		lit string
	}
	var before [2]tok // the two tokens before, newest first
	var out strings.Builder
	last := 0
	for {
		pos, t, lit := sc.Scan()
		if t == token.EOF {
			break
		}
		if t == token.STRING || t == token.CHAR {
			name := before[1].lit
			if before[1].t == token.STRING {
				name, _ = strconv.Unquote(name)
			}
			switch op := before[0].t; {
			case op != token.ASSIGN && op != token.DEFINE && op != token.COLON:
			case before[1].t == token.IDENT || before[1].t == token.STRING:
				if IsSecret(name) {
					off := file.Offset(pos)
					out.WriteString(line[last:off])
					out.WriteString(`"` + Filtered + `"`)
					last = off + len(lit)
				}
			}
		}
		before[1], before[0] = before[0], tok{t, lit}
	}
	if last == 0 {
		return line
	}
	return out.String() + line[last:]
}

// filtered keeps a value's name and type and hides the rest; value.Value prints an invalid
// value's text as it is.
func filtered(v value.Value) value.Value {
	return value.Value{Name: v.Name, Type: v.Type, Kind: reflect.Invalid, Value: Filtered}
}
