package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/debug/debugtest"
	"github.com/pdbgo/pdbgo/internal/report"
	"github.com/pdbgo/pdbgo/internal/stack"
	"github.com/pdbgo/pdbgo/internal/value"
	"github.com/pdbgo/pdbgo/internal/value/valuetest"
)

// FuzzReport collects a crash report from a program decoded from the input (crashInput: the
// crash's message and goroutine, up to 300 frames with any names, arguments and locals of
// any shape, up to 3,000 other goroutines, the Go version) under the default limits or small
// ones, and writes it in every format. Every value that Scrub must hide (of a variable or
// field with a secret-looking name, or a map entry with one as its string key) is replaced
// by the secret first. Whatever the input:
//   - the JSON is valid, valid UTF-8, at most Limits.Size bytes, and reads back as the report;
//   - the text is valid UTF-8 with no character a terminal would act on (but line breaks and
//     tabs), and at most 4 times the size of the JSON and 32 bytes a frame: it escapes what
//     JSON carries as it is (a DEL byte is \x7f), and says in words what JSON says in a field;
//   - the report keeps within its limits: frames, goroutines, the length of values, the
//     depth and number of children;
//   - every other format of report.Write (sentry) is valid JSON in UTF-8 of at most 4 times
//     Limits.Size;
//   - the secret shows in no format.
func FuzzReport(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("\x00\x01panic: boom\x00\x03main.f\x00\x02main.go\x00\x07"))
	f.Add(bytes.Repeat([]byte{0xff}, 64))
	f.Add(bytes.Repeat([]byte{0x41, 0x07, 0x23, 0x61}, 40))
	f.Fuzz(func(t *testing.T, data []byte) {
		if bytes.Contains(data, []byte(secret)) {
			return // the secret must come from the planting only
		}
		in := decodeCrash(data)
		limits := report.DefaultLimits
		if in.small {
			limits = report.Limits{ValueLen: 40, ChildValueLen: 20, NameLen: 10, Depth: 2, Children: 3, Nodes: 5,
				SourceLen: 30, Frames: 4, Goroutines: 3, Size: 2000, TextLen: 40}
		}
		r := report.Collect(in, in.stop, report.Options{Scrub: true, Limits: limits}, in.version)
		checkLimits(t, r, limits)

		var js, text bytes.Buffer
		if err := report.WriteJSON(&js, r); err != nil {
			t.Fatal(err)
		}
		if err := report.WriteText(&text, r); err != nil {
			t.Fatal(err)
		}
		if !json.Valid(js.Bytes()) || !utf8.Valid(js.Bytes()) {
			t.Fatalf("not valid JSON in UTF-8: %.500q", js.String())
		}
		if js.Len() > limits.Size+1 { // and its newline
			t.Fatalf("the JSON is %d bytes, more than the limit of %d", js.Len(), limits.Size)
		}
		var back report.Report
		if err := json.Unmarshal(js.Bytes(), &back); err != nil || len(back.Frames) != len(r.Frames) || len(back.Goroutines) != len(r.Goroutines) {
			t.Fatalf("the JSON does not read back: %v", err)
		}
		if !utf8.Valid(text.Bytes()) {
			t.Fatalf("the text is not valid UTF-8: %.500q", text.String())
		}
		for i, c := range text.String() {
			if !strconv.IsPrint(c) && c != '\n' && c != '\t' {
				t.Fatalf("character %U at byte %d of the text: %.200q", c, i, text.String()[max(i-100, 0):])
			}
		}
		if limit := 4*js.Len() + 32*len(r.Frames) + 256; text.Len() > limit {
			t.Fatalf("the text is %d bytes, more than 4 times the JSON's %d and 32 a frame", text.Len(), js.Len())
		}
		outputs := map[string]string{"json": js.String(), "text": text.String()}
		for _, format := range otherFormats {
			if report.CheckFormat(format) != nil {
				continue // not (yet) a format of report.Write
			}
			var out bytes.Buffer
			if err := (&report.Output{W: &out, Note: io.Discard, Format: format}).Write(r); err != nil {
				t.Fatal(err)
			}
			if !json.Valid(out.Bytes()) || !utf8.Valid(out.Bytes()) {
				t.Fatalf("%s: not valid JSON in UTF-8: %.500q", format, out.String())
			}
			if out.Len() > 4*limits.Size {
				t.Fatalf("%s: %d bytes, more than 4 times the limit of %d", format, out.Len(), limits.Size)
			}
			outputs[format] = out.String()
		}
		for format, out := range outputs {
			if i := strings.Index(out, secret); i >= 0 {
				t.Fatalf("the %s report shows a scrubbed value: %.300q", format, out[max(i-200, 0):])
			}
		}
	})
}

// otherFormats are the formats of report.Write besides text and JSON, each a JSON document:
// fuzzed once report.Write takes them.
var otherFormats = []string{"sentry"}

// secret is what every value Scrub must hide is made of.
const secret = "S3CR3T"

// checkLimits checks that r keeps within l.
func checkLimits(t *testing.T, r *report.Report, l report.Limits) {
	t.Helper()
	if len(r.Frames) > l.Frames || len(r.Goroutines) > l.Goroutines {
		t.Fatalf("%d frames and %d goroutines, more than %d and %d", len(r.Frames), len(r.Goroutines), l.Frames, l.Goroutines)
	}
	for _, f := range r.Frames {
		for _, s := range []string{f.Function, f.File, f.Error} {
			checkLen(t, "a frame's text", s, l.TextLen)
		}
		checkLen(t, "a source line", f.Source, l.SourceLen)
		for _, v := range append(append([]report.Var{}, f.Args...), f.Locals...) {
			checkVar(t, v, l, l.ValueLen, 0)
		}
	}
	for _, g := range r.Goroutines {
		for _, s := range []string{g.Function, g.File, g.Status} {
			checkLen(t, "a goroutine's text", s, l.TextLen)
		}
	}
}

func checkVar(t *testing.T, v report.Var, l report.Limits, valueLen, depth int) {
	t.Helper()
	checkLen(t, "a value", v.Value, valueLen)
	checkLen(t, "a name", v.Name, max(l.TextLen, 24)) // [12345] names an element
	checkLen(t, "a type", v.Type, l.TextLen)
	if len(v.Children) > l.Children || len(v.Children) > 0 && depth >= l.Depth {
		t.Fatalf("%d children at depth %d (limits: %d, depth %d)", len(v.Children), depth, l.Children, l.Depth)
	}
	for _, c := range v.Children {
		checkVar(t, c, l, l.ChildValueLen, depth+1)
	}
}

func checkLen(t *testing.T, what, s string, n int) {
	t.Helper()
	if len(s) > n {
		t.Fatalf("%s of %d bytes, more than %d: %.100q", what, len(s), n, s)
	}
}

// crashInput is a crashed program decoded from fuzz input, as a debugger shows it.
type crashInput struct {
	*debugtest.Crash
	stop       debug.Stop
	frames     []stack.Frame
	vars       [][2][]value.Value // each frame's args and locals
	goroutines []debug.Goroutine
	goVersion  string
	version    string
	small      bool // small limits
}

func decodeCrash(data []byte) *crashInput {
	d := valuetest.NewDecoder(data)
	in := &crashInput{Crash: &debugtest.Crash{}}
	flags := d.Byte()
	in.small = flags&1 != 0
	in.stop = debug.Stop{Kind: debug.StopKind(d.Byte() % 8), Message: d.Text(), GoroutineID: int64(d.Byte()%4) - 1}
	in.goVersion, in.version = d.Text(), d.Text()
	n := int(d.Byte() % 12)
	if flags&2 != 0 {
		n = 300 // more frames than a report keeps
	}
	for i := range n {
		f := stack.Frame{Function: frameFunctions[int(d.Byte())%len(frameFunctions)], File: d.Text(), Line: int(d.Int())}
		if f.Function == "" {
			f.Function = d.Text()
		}
		if i > 12 && len(in.frames) > 0 { // a deep stack: the frames above again
			f = in.frames[i%len(in.frames)]
		}
		in.frames = append(in.frames, f)
		args, locals := d.Values(4), d.Values(4)
		for _, vs := range [][]value.Value{args, locals} {
			for i := range vs {
				vs[i] = plant(vs[i])
			}
		}
		in.vars = append(in.vars, [2][]value.Value{args, locals})
	}
	g := int(d.Byte() % 8)
	if flags&4 != 0 {
		g = 3000 // more goroutines than a report lists
	}
	for i := range g {
		loc := debug.Location{Function: frameFunctions[i%len(frameFunctions)], File: d.Text(), Line: int(d.Int())}
		if loc.Function == "" {
			loc.Function = d.Text()
		}
		in.goroutines = append(in.goroutines, debug.Goroutine{ID: int64(i + 2), User: loc, Program: loc, Status: d.Text()})
	}
	return in
}

// frameFunctions are names frames take: the program's, the runtime's, the standard
// library's, a wrapper's, and (the empty name) one from the input.
var frameFunctions = []string{"main.lookup", "runtime.gopanic", "main.main", "fmt.Println", "main.main.func1", "",
	"example.com/app/store.(*DB).Get", "runtime.goexit", "main.worker.deferwrap1"}

// plant replaces every value Scrub must hide in v by the secret: the values of variables and
// fields with a secret-looking name, and of map entries with one as their string key (or an
// interface holding one), at every depth.
func plant(v value.Value) value.Value {
	if report.IsSecret(v.Name) {
		return secretValue(v)
	}
	if len(v.Children) == 0 {
		return v
	}
	kids := append([]value.Value(nil), v.Children...)
	for i := range kids {
		if v.Kind == reflect.Map && i%2 == 1 && i > 0 && secretKey(kids[i-1]) {
			kids[i] = secretValue(kids[i])
			continue
		}
		if v.Kind == reflect.Map && i%2 == 0 {
			continue // a key is not scrubbed: it says what is hidden
		}
		kids[i] = plant(kids[i])
	}
	v.Children = kids
	return v
}

func secretKey(k value.Value) bool {
	return k.Kind == reflect.String && report.IsSecret(k.Value) ||
		k.Kind == reflect.Interface && len(k.Children) > 0 && k.Children[0].Kind == reflect.String && report.IsSecret(k.Children[0].Value)
}

// secretValue is v with its text and everything below it made of the secret; its name and
// type, which a report keeps, stay.
func secretValue(v value.Value) value.Value {
	v.Value = secret + v.Value
	if v.Unreadable != "" {
		v.Unreadable = secret
	}
	kids := make([]value.Value, len(v.Children))
	for i, c := range v.Children {
		c = secretValue(c)
		c.Name = secret + c.Name
		kids[i] = c
	}
	v.Children = kids
	return v
}

func (c *crashInput) Stacktrace(gid int64, skip, count int) ([]stack.Frame, error) {
	if gid != c.stop.GoroutineID && gid != 2 {
		return nil, fmt.Errorf("no goroutine %d", gid)
	}
	skip = min(max(skip, 0), len(c.frames))
	return c.frames[skip:min(skip+count, len(c.frames))], nil
}

func (c *crashInput) varsOf(sc debug.Scope, which int) ([]value.Value, error) {
	if sc.Frame < 0 || sc.Frame >= len(c.vars) {
		return nil, fmt.Errorf("no frame %d", sc.Frame)
	}
	return c.vars[sc.Frame][which], nil
}

func (c *crashInput) Args(sc debug.Scope, l debug.Load) ([]value.Value, error) {
	return c.varsOf(sc, 0)
}
func (c *crashInput) Locals(sc debug.Scope, l debug.Load) ([]value.Value, error) {
	return c.varsOf(sc, 1)
}

func (c *crashInput) Goroutines(start, count int) ([]debug.Goroutine, int, error) {
	start = min(max(start, 0), len(c.goroutines))
	end := min(start+count, len(c.goroutines))
	next := end
	if end == len(c.goroutines) {
		next = -1
	}
	return c.goroutines[start:end], next, nil
}

func (c *crashInput) GoVersion() string { return c.goVersion }
