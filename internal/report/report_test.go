package report

import (
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/pdbgo/pdbgo/internal/value"
)

func str(name, s string) value.Value {
	return value.Value{Name: name, Type: "string", Kind: reflect.String, Value: s, Len: int64(len(s))}
}

func num(name, n string) value.Value {
	return value.Value{Name: name, Type: "int", Kind: reflect.Int, Value: n}
}

func strct(name, typ string, fields ...value.Value) value.Value {
	return value.Value{Name: name, Type: typ, Kind: reflect.Struct, Children: fields, Len: int64(len(fields))}
}

func ptr(name string, to value.Value) value.Value {
	to.Addr = 0xc000010000
	return value.Value{Name: name, Type: "*" + to.Type, Kind: reflect.Pointer, Addr: 0xc000008000, Children: []value.Value{to}}
}

func strMap(name string, kv ...string) value.Value {
	v := value.Value{Name: name, Type: "map[string]string", Kind: reflect.Map, Addr: 0xc000020000, Len: int64(len(kv) / 2)}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Children = append(v.Children, str("", kv[i]), str("", kv[i+1]))
	}
	return v
}

func TestIsSecret(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"password", true},
		{"Password", true},
		{"dbPassword", true},
		{"passwd", true},
		{"clientSecret", true},
		{"TOKEN", true},
		{"accessToken", true},
		{"api_key", true},
		{"apiKey", true},
		{"API-KEY", true},
		{"apikey", true},
		{"Authorization", true},
		{"auth", true},
		{"credentials", true},
		{"awsCredential", true},
		{"private_key", true},
		{"privateKey", true},
		{"sessionID", true},
		{"Set-Cookie", true},
		{"cookie", true},
		{"user", false},
		{"key", false},
		{"o", false},
		{"items", false},
		{"sess", false},
		{"", false},
	} {
		if got := IsSecret(tc.name); got != tc.want {
			t.Errorf("IsSecret(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestScrub(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   value.Value
		want string // one-line rendering after scrubbing
	}{
		{"plain variable", str("user", "ann"), `"ann"`},
		{"secret variable", str("password", "hunter2"), Filtered},
		{"secret variable, any case", str("API_KEY", "k-123"), Filtered},
		{"struct field",
			strct("c", "main.Config", str("User", "ann"), str("Password", "hunter2"), num("Port", "5432")),
			`main.Config {User: "ann", Password: [Filtered], Port: 5432}`},
		{"field through a pointer",
			ptr("c", strct("", "main.Config", str("Token", "t-1"), str("Host", "db"))),
			`*main.Config {Token: [Filtered], Host: "db"}`},
		{"nested struct field",
			strct("req", "main.Req", strct("Credentials", "main.Creds"), strct("Meta", "main.Meta", str("sessionID", "s-9"), str("Path", "/"))),
			`main.Req {Credentials: [Filtered], Meta: main.Meta {sessionID: [Filtered], Path: "/"}}`},
		{"map keys",
			strMap("headers", "Accept", "*/*", "Authorization", "Bearer abc", "Cookie", "id=1"),
			`map[string]string ["Accept": "*/*", "Authorization": [Filtered], "Cookie": [Filtered]]`},
		{"secret-named map goes whole", strMap("secrets", "a", "b"), Filtered},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Scrub(tc.in)
			if s := got.String(); s != tc.want {
				t.Errorf("Scrub: got %s\nwant %s", s, tc.want)
			}
			if tc.in.String() == tc.want && tc.want != Filtered && !strings.Contains(tc.want, Filtered) {
				return
			}
			// The original is untouched: the interactive session shows values as they are.
			if strings.Contains(tc.in.String(), Filtered) {
				t.Errorf("Scrub changed its argument: %s", tc.in.String())
			}
		})
	}
}

func TestNewVarChildren(t *testing.T) {
	order := ptr("o", strct("", "main.Order",
		num("ID", "41"),
		value.Value{Name: "Items", Type: "[]string", Kind: reflect.Slice, Len: 2, Cap: 2, Addr: 1,
			Children: []value.Value{str("", "kettle"), str("", "lid")}},
		strMap("Meta", "qty", "1", "token", "t"),
	))
	got := NewVar(order, Options{Scrub: true, Limits: DefaultLimits})
	want := Var{Name: "o", Type: "*main.Order",
		Value: `*main.Order {ID: 41, Items: []string len: 2, cap: 2, ["kettle","lid"], Meta: map[string]string ["qty": "1", "token": [Filtered]]}`,
		Children: []Var{
			{Name: "ID", Type: "int", Value: "41"},
			{Name: "Items", Type: "[]string", Value: `[]string len: 2, cap: 2, ["kettle","lid"]`, Children: []Var{
				{Name: "[0]", Type: "string", Value: `"kettle"`},
				{Name: "[1]", Type: "string", Value: `"lid"`},
			}},
			{Name: "Meta", Type: "map[string]string", Value: `map[string]string ["qty": "1", "token": [Filtered]]`, Children: []Var{
				{Name: `"qty"`, Type: "string", Value: `"1"`},
				{Name: `"token"`, Type: "string", Value: Filtered},
			}},
		}}
	if !reflect.DeepEqual(got, want) {
		a, _ := json.MarshalIndent(got, "", " ")
		b, _ := json.MarshalIndent(want, "", " ")
		t.Errorf("got\n%s\nwant\n%s", a, b)
	}
	if got := NewVar(str("password", "x"), Options{Limits: DefaultLimits}); got.Value != `"x"` {
		t.Errorf("without Scrub the value stays: %+v", got)
	}
}

// TestNewVarThroughPointers: a report looks through pointers to structs and to interfaces; a
// pointer to a number, a pointer to a pointer and a channel list nothing below their one-line
// value, which says it all.
func TestNewVarThroughPointers(t *testing.T) {
	iface := value.Value{Name: "err", Type: "error", Kind: reflect.Interface, Addr: 1,
		Children: []value.Value{ptr("", strct("", "main.E", num("Code", "7")))}}
	ch := value.Value{Name: "ch", Type: "chan int", Kind: reflect.Chan, Addr: 1,
		Children: []value.Value{num("qcount", "1"), num("dataqsiz", "4")}}
	for _, tc := range []struct {
		v    value.Value
		want string // the children's names
	}{
		{ptr("p", strct("", "main.E", num("Code", "7"))), "Code"},
		{iface, "Code"},
		{ptr("pe", iface), "Code"},
		{ptr("pn", num("", "7")), ""},
		{ptr("pp", ptr("", strct("", "main.E", num("Code", "7")))), ""},
		{ch, ""},
	} {
		var names []string
		for _, c := range NewVar(tc.v, Options{Limits: DefaultLimits}).Children {
			names = append(names, c.Name)
		}
		if got := strings.Join(names, " "); got != tc.want {
			t.Errorf("%s: children %q, want %q", tc.v.String(), got, tc.want)
		}
	}
}

func TestNewVarBounded(t *testing.T) {
	// What Delve hands over for a 1,000,000-element slice of structs and a 5 MB string under
	// debug.LoadReport: 20 elements, 256 bytes.
	var elems []value.Value
	for range 20 {
		elems = append(elems, strct("", "main.Row", num("A", "1"), str("B", strings.Repeat("b", 256)), num("C", "3")))
	}
	big := value.Value{Name: "rows", Type: "[]main.Row", Kind: reflect.Slice, Len: 1_000_000, Cap: 1_000_000, Addr: 1, Children: elems}
	long := value.Value{Name: "blob", Type: "string", Kind: reflect.String, Value: strings.Repeat("x", 256), Len: 5 << 20}
	l := DefaultLimits
	for _, v := range []value.Value{big, long} {
		got := NewVar(v, Options{Limits: l})
		if len(got.Value) > l.ValueLen {
			t.Errorf("%s: value is %d bytes, limit %d", v.Name, len(got.Value), l.ValueLen)
		}
		if !got.Truncated {
			t.Errorf("%s: not marked truncated", v.Name)
		}
		if n := size(got); n > 20_000 {
			t.Errorf("%s: %d bytes of JSON", v.Name, n)
		}
		if !utf8Valid(got) {
			t.Errorf("%s: cut inside a character", v.Name)
		}
	}
}

func utf8Valid(v Var) bool {
	if !strings.Contains(v.Value, "…") && !json.Valid([]byte(`"`+strings.ReplaceAll(v.Value, `"`, `\"`)+`"`)) {
		return false
	}
	for _, c := range v.Children {
		if !utf8Valid(c) {
			return false
		}
	}
	return true
}

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		s    string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"abcdefghijkl", 10, "abcdefg…"},
		{"ééééééé", 8, "éé…"}, // never half a character
		{"abc", 0, "abc"},
	} {
		if got := Cut(tc.s, tc.n); got != tc.want {
			t.Errorf("Cut(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.want)
		}
	}
}

func frameWith(fn string, inApp bool, vars ...Var) Frame {
	return Frame{Function: fn, File: "/src/app/main.go", Line: 10, InApp: inApp, Locals: vars}
}

func TestFit(t *testing.T) {
	bigVar := Var{Name: "v", Type: "string", Value: strings.Repeat("x", 400)}
	many := func(n int) []Var {
		out := make([]Var, n)
		for i := range out {
			out[i] = bigVar
		}
		return out
	}
	t.Run("small report unchanged", func(t *testing.T) {
		r := &Report{Frames: []Frame{frameWith("main.f", true, bigVar)}}
		r.Fit(DefaultLimits)
		if r.Truncated || r.Frames[0].Omitted || len(r.Frames[0].Locals) != 1 {
			t.Errorf("fit changed a small report: %+v", r)
		}
	})
	t.Run("library frames lose their variables first, then the oldest", func(t *testing.T) {
		l := DefaultLimits
		l.Size = 2*(size(many(3))+size([]Var(nil))) + 4*200 // two frames' variables and four frames
		r := &Report{Frames: []Frame{
			frameWith("main.a", true, many(3)...),
			frameWith("net/http.serve", false, many(3)...),
			frameWith("main.b", true, many(3)...),
			frameWith("main.c", true, many(3)...),
		}}
		r.Fit(l)
		var kept []bool
		for _, f := range r.Frames {
			kept = append(kept, !f.Omitted)
		}
		if want := []bool{true, false, true, false}; !reflect.DeepEqual(kept, want) {
			t.Errorf("kept %v, want %v", kept, want)
		}
		if !r.Truncated {
			t.Error("not marked truncated")
		}
	})
	t.Run("deep stack keeps the newest frames", func(t *testing.T) {
		r := &Report{}
		for range 250 {
			r.Frames = append(r.Frames, frameWith("main.recurse", true))
		}
		r.Frames[0].Function = "main.leaf"
		r.Fit(DefaultLimits)
		if len(r.Frames) != DefaultLimits.Frames || r.FramesOmitted != 150 || r.Frames[0].Function != "main.leaf" {
			t.Errorf("got %d frames, %d omitted, first %s", len(r.Frames), r.FramesOmitted, r.Frames[0].Function)
		}
	})
	t.Run("goroutines", func(t *testing.T) {
		r := &Report{Goroutines: make([]Goroutine, 130)}
		r.Fit(DefaultLimits)
		if len(r.Goroutines) != 100 || r.MoreGoroutines != 30 {
			t.Errorf("got %d goroutines, %d more", len(r.Goroutines), r.MoreGoroutines)
		}
	})
}

func sample() *Report {
	return &Report{
		Error:     Error{Kind: KindPanic, Message: "panic: runtime error: index out of range [5] with length 2"},
		Goroutine: 1,
		Frames: []Frame{
			{Function: "main.lookup", File: "/src/app/main.go", Line: 14, InApp: true, Source: "return o.Meta[key] + len(o.Items[slot])",
				Args: []Var{{Name: "key", Type: "string", Value: `"qty"`}, {Name: "slot", Type: "int", Value: "5"}}},
			{Function: "main.total", File: "/src/app/main.go", Line: 20, InApp: true, Source: `sum += lookup(o, "qty", i*5)`,
				Locals: []Var{{Name: "sum", Type: "int", Value: "5"}}},
			{Function: "testing.tRunner", File: "/usr/local/go/src/testing/testing.go", Line: 1934, Omitted: true},
		},
		Goroutines: []Goroutine{{ID: 7, Function: "main.worker", File: "/src/app/main.go", Line: 40, Status: "chan receive"}},
		Pdbgo:      "devel",
		Go:         "go1.26.8",
	}
}

func TestWriteText(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, sample()); err != nil {
		t.Fatal(err)
	}
	want := `panic: runtime error: index out of range [5] with length 2

goroutine 1, newest frame first:

#0 main.lookup()
   /src/app/main.go:14
   -> return o.Meta[key] + len(o.Items[slot])
   args:
      key = "qty"
      slot = 5
   locals: (none)

#1 main.total()
   /src/app/main.go:20
   -> sum += lookup(o, "qty", i*5)
   args: (none)
   locals:
      sum = 5

#2 testing.tRunner() (standard library)
   /usr/local/go/src/testing/testing.go:1934
   (args and locals omitted: the report reached its size limit)

other goroutines:
   goroutine 7 [chan receive]: main.worker() /src/app/main.go:40

pdbgo devel, program built with go1.26.8
`
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestWriteJSON(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, sample()); err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, b.String())
	}
	frames := back["frames"].([]any)
	omitted := frames[2].(map[string]any)
	if _, ok := omitted["locals"].([]any); !ok {
		t.Errorf("locals of a frame without any is %v, want []", omitted["locals"])
	}
	if strings.Contains(b.String(), `\u003c`) {
		t.Errorf("HTML escaping in %s", b.String())
	}
}

// TestFitWholeReport: the worst a program can hand over under the load limits still writes
// a report of about 100 KB at most, in both formats.
func TestFitWholeReport(t *testing.T) {
	l := DefaultLimits
	var fields []value.Value
	for i := range 50 {
		fields = append(fields, str("F"+strconv.Itoa(i), strings.Repeat("v", 256)))
	}
	var elems []value.Value
	for range 20 {
		elems = append(elems, strct("", "main.Big", fields...))
	}
	big := value.Value{Name: "rows", Type: "[]main.Big", Kind: reflect.Slice, Len: 1 << 20, Cap: 1 << 20, Addr: 1, Children: elems}
	bigVar := NewVar(big, Options{Limits: l})
	r := &Report{Error: Error{Kind: KindPanic, Message: "panic: " + strings.Repeat("m", 4096)}, Pdbgo: "devel", Go: "go1.26.8"}
	for range 300 {
		f := Frame{Function: "main.deep", File: "/src/app/" + strings.Repeat("d", 100) + ".go", Line: 1, InApp: true, Source: strings.Repeat("s", 1000)}
		for range 30 {
			f.Locals = append(f.Locals, bigVar)
		}
		r.Frames = append(r.Frames, f)
	}
	for i := range 5000 {
		r.Goroutines = append(r.Goroutines, Goroutine{ID: int64(i), Function: "main.worker", File: "/src/app/" + strings.Repeat("w", 100) + ".go", Line: 1, Status: "chan receive"})
	}
	r.Fit(l)
	for name, write := range map[string]func(io.Writer, *Report) error{"text": WriteText, "json": WriteJSON} {
		var b bytes.Buffer
		if err := write(&b, r); err != nil {
			t.Fatal(err)
		}
		if b.Len() > 100_000 {
			t.Errorf("%s report is %d bytes", name, b.Len())
		}
		if !strings.Contains(b.String(), "rows") {
			t.Errorf("%s report has no variable at all", name)
		}
		t.Logf("%s: %d bytes", name, b.Len())
	}
	last := r.Frames[len(r.Frames)-1]
	if !r.Truncated || !last.Omitted || len(last.Locals) > 0 || len(r.Frames[0].Locals) == 0 || r.FramesOmitted != 200 || r.MoreGoroutines != 4900 {
		t.Errorf("truncated %v, first frame keeps %d locals, last %d, frames omitted %d, more goroutines %d",
			r.Truncated, len(r.Frames[0].Locals), len(last.Locals), r.FramesOmitted, r.MoreGoroutines)
	}
}

func TestScrubSource(t *testing.T) {
	for _, c := range []struct{ line, want string }{
		{`	password := "hunter2"`, `	password := "[Filtered]"`},
		{`	apiKey = "sk-live"  // the key`, `	apiKey = "[Filtered]"  // the key`},
		{"	token := `raw`", `	token := "[Filtered]"`},
		{`	{ID: 40, Card: &Card{Holder: "Ann", Token: "tok-visa-4242"}},`, `	{ID: 40, Card: &Card{Holder: "Ann", Token: "[Filtered]"}},`},
		{`	Headers: map[string]string{"Accept": "*/*", "Authorization": "Bearer abc.def"}},`, `	Headers: map[string]string{"Accept": "*/*", "Authorization": "[Filtered]"}},`},
		{`	sessionKey := 'k'`, `	sessionKey := "[Filtered]"`},
		// Not given to a secret-looking name: kept.
		{`	user := "ann" // password: "not parsed in a comment"`, `	user := "ann" // password: "not parsed in a comment"`},
		{`	fmt.Println("password", pw)`, `	fmt.Println("password", pw)`},
		{`	if password == "x" {`, `	if password == "x" {`},
		// What the scanner cannot read as Go (here: the end of a raw string) is left as it is.
		{"	end of a raw string` + password", "	end of a raw string` + password"},
		{`)`, `)`},
		{``, ``},
	} {
		if got := ScrubSource(c.line); got != c.want {
			t.Errorf("ScrubSource(%q) = %q, want %q", c.line, got, c.want)
		}
	}
}
