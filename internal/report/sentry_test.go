package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pdbgo/pdbgo/internal/debug/debugtest"
	"github.com/pdbgo/pdbgo/internal/report"
	"github.com/pdbgo/pdbgo/internal/report/sentrytest"
)

// The Sentry event as the writer makes it from reports built by hand or collected from the
// fake debugger; cmd/pdbgo's tests check events of real crashes through real Delve.

// sentryEvent is what a Sentry event holds for these tests (encoding/json ignores the rest).
type sentryEvent struct {
	EventID     string            `json:"event_id"`
	Timestamp   float64           `json:"timestamp"`
	Platform    string            `json:"platform"`
	Level       string            `json:"level"`
	Release     string            `json:"release"`
	Environment string            `json:"environment"`
	Tags        map[string]string `json:"tags"`
	Extra       map[string]any    `json:"extra"`
	SDK         struct{ Name, Version string }
	Contexts    struct {
		Runtime map[string]string `json:"runtime"`
	} `json:"contexts"`
	Exception struct {
		Values []struct {
			Type       string `json:"type"`
			Value      string `json:"value"`
			ThreadID   *int64 `json:"thread_id"`
			Stacktrace *struct {
				Frames []sentryFrame `json:"frames"`
			} `json:"stacktrace"`
		} `json:"values"`
	} `json:"exception"`
	Threads *struct {
		Values []struct {
			ID         int64  `json:"id"`
			Name       string `json:"name"`
			State      string `json:"state"`
			Crashed    bool   `json:"crashed"`
			Stacktrace *struct {
				Frames []sentryFrame `json:"frames"`
			} `json:"stacktrace"`
		} `json:"values"`
	} `json:"threads"`
}

type sentryFrame struct {
	Function    string            `json:"function"`
	Module      string            `json:"module"`
	Filename    string            `json:"filename"`
	AbsPath     string            `json:"abs_path"`
	Lineno      int               `json:"lineno"`
	InApp       bool              `json:"in_app"`
	PreContext  []string          `json:"pre_context"`
	ContextLine *string           `json:"context_line"`
	PostContext []string          `json:"post_context"`
	Vars        map[string]string `json:"vars"`
}

var fixedOptions = report.SentryOptions{
	EventID: "fc6d8c0c43fc4630ad850ee518f1b9d0",
	Time:    time.Date(2026, 5, 2, 17, 41, 36, 250e6, time.UTC),
	Root:    "/src/app",
}

// sentryOf writes r as an event, checks it against the schema and decodes it.
func sentryOf(t *testing.T, r *report.Report, o report.SentryOptions) (sentryEvent, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := report.WriteSentryWith(&buf, r, o); err != nil {
		t.Fatal(err)
	}
	if err := sentrytest.Validate(buf.Bytes()); err != nil {
		t.Fatalf("not a Sentry event: %v\n%s", err, buf.Bytes())
	}
	var ev sentryEvent
	if err := json.Unmarshal(buf.Bytes(), &ev); err != nil {
		t.Fatal(err)
	}
	return ev, buf.Bytes()
}

func TestSentryEventOfCollectedCrash(t *testing.T) {
	fake := &debugtest.Crash{File: crashFile}
	stop, _ := fake.Continue()
	r := report.Collect(fake, stop, report.Options{Scrub: true, Limits: report.LimitsFor("sentry")}, "v1.2.3")
	ev, _ := sentryOf(t, r, fixedOptions)
	if ev.EventID != fixedOptions.EventID || ev.Timestamp != 1777743696.25 || ev.Platform != "go" || ev.Level != "fatal" {
		t.Errorf("event_id %q, timestamp %v, platform %q, level %q", ev.EventID, ev.Timestamp, ev.Platform, ev.Level)
	}
	if ev.SDK.Name != "pdbgo.go" || ev.SDK.Version != "1.2.3" || ev.Contexts.Runtime["name"] != "go" || ev.Contexts.Runtime["version"] != "1.26.8" {
		t.Errorf("sdk %+v, runtime %v", ev.SDK, ev.Contexts.Runtime)
	}
	if ev.Release != "" || ev.Environment != "" || ev.Tags["crash"] != "panic" {
		t.Errorf("release %q, environment %q, tags %v", ev.Release, ev.Environment, ev.Tags)
	}
	exc := ev.Exception.Values[0]
	if exc.Type != "panic" || exc.Value != strings.TrimPrefix(debugtest.PanicMessage, "panic: ") || exc.ThreadID == nil || *exc.ThreadID != 1 {
		t.Errorf("exception %q %q, thread %v", exc.Type, exc.Value, exc.ThreadID)
	}
	frames := exc.Stacktrace.Frames
	var fns []string
	for _, f := range frames {
		fns = append(fns, f.Module+"."+f.Function)
	}
	if want := []string{"main.main", "main.total", "main.lookup"}; !reflect.DeepEqual(fns, want) {
		t.Fatalf("frames %v, want %v: oldest first", fns, want)
	}
	lookup := frames[2]
	source, err := os.ReadFile(crashFile)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(source), "\n")
	if lookup.AbsPath != crashFile || lookup.Lineno != 14 || !lookup.InApp || lookup.ContextLine == nil || *lookup.ContextLine != lines[13] ||
		!reflect.DeepEqual(lookup.PreContext, lines[8:13]) || !reflect.DeepEqual(lookup.PostContext, lines[14:19]) {
		t.Errorf("main.lookup's frame: %+v", lookup)
	}
	if lookup.Filename != crashFile {
		t.Errorf("filename %q: a file outside the root keeps its path", lookup.Filename)
	}
	if lookup.Vars["key"] != `"qty"` || lookup.Vars["slot"] != "5" {
		t.Errorf("main.lookup's vars: %v", lookup.Vars)
	}
	// The crashed goroutine is a thread without a stack trace (Sentry's rule); the others
	// each have the frame where they are.
	th := ev.Threads.Values
	if len(th) != 2 || th[0].ID != 1 || !th[0].Crashed || th[0].Stacktrace != nil || th[1].ID != 5 || th[1].State != "sleep" || th[1].Name != "goroutine 5" {
		t.Fatalf("threads %+v", th)
	}
	if f := th[1].Stacktrace.Frames; len(f) != 1 || f[0].Module != "time" || f[0].Function != "Sleep" || f[0].InApp || f[0].Filename != "runtime/time.go" {
		t.Errorf("goroutine 5's frame: %+v", f)
	}
}

// TestSentryEventFields: the parts of the event that depend on the report: module and
// function, file names, a chain of panics, a fatal error, no goroutine, shadowed variables,
// release and environment, and what the report says beyond Sentry's fields.
func TestSentryEventFields(t *testing.T) {
	line := "\tpanic(err)"
	r := &report.Report{
		Error:     report.Error{Kind: report.KindPanic, Message: "panic: first [recovered]\n\tpanic: second"},
		Goroutine: 7,
		Frames: []report.Frame{
			{Function: "github.com/a/b.(*Store).Put", File: "/src/app/store/put.go", Line: 9, InApp: true,
				Args:    []report.Var{{Name: "k", Value: `"x"`}},
				Locals:  []report.Var{{Name: "err", Value: "error nil"}, {Name: "err", Value: `*errors.errorString {s: "no"}`}, {Name: "token", Value: "[Filtered]"}},
				Context: &report.SourceContext{Pre: []string{"", "func put() {"}, Line: line}},
			{Function: "gopkg.in/yaml.v3.Unmarshal", File: "/home/u/go/pkg/mod/gopkg.in/yaml.v3@v3.0.1/yaml.go", Line: 89, InApp: true},
			{Function: "net/http.(*conn).serve", File: "/usr/lib/go/src/net/http/server.go", Line: 2092},
			{Function: "main.main", File: "/elsewhere/main.go", Line: 3, InApp: true},
		},
		FramesOmitted: 12,
		Goroutines:    []report.Goroutine{{ID: 1, Function: "main.main", File: "/src/app/main.go", Line: 20, Status: "chan receive", InApp: true}},
		Truncated:     true,
		Pdbgo:         "devel",
		Go:            "go1.26.8",
	}
	o := fixedOptions
	o.Release, o.Environment = "app@1.4.0", "staging"
	ev, raw := sentryOf(t, r, o)
	exc := ev.Exception.Values[0]
	if exc.Type != "panic" || exc.Value != "first [recovered]\n\tpanic: second" {
		t.Errorf("type %q value %q", exc.Type, exc.Value)
	}
	got := exc.Stacktrace.Frames
	want := []struct{ module, function, filename string }{
		{"main", "main", "/elsewhere/main.go"},
		{"net/http", "(*conn).serve", "net/http/server.go"},
		{"gopkg.in/yaml.v3", "Unmarshal", "gopkg.in/yaml.v3@v3.0.1/yaml.go"},
		{"github.com/a/b", "(*Store).Put", "store/put.go"},
	}
	for i, w := range want {
		if got[i].Module != w.module || got[i].Function != w.function || got[i].Filename != w.filename {
			t.Errorf("frame %d: module %q function %q filename %q, want %+v", i, got[i].Module, got[i].Function, got[i].Filename, w)
		}
	}
	put := got[3]
	if !reflect.DeepEqual(put.Vars, map[string]string{"k": `"x"`, "err": "error nil", "err #2": `*errors.errorString {s: "no"}`, "token": "[Filtered]"}) {
		t.Errorf("vars %v", put.Vars)
	}
	if put.ContextLine == nil || *put.ContextLine != line || len(put.PreContext) != 2 || put.PostContext != nil {
		t.Errorf("context: %+v", put)
	}
	if got[0].ContextLine != nil || got[0].Vars != nil {
		t.Errorf("a frame without source or variables: %+v", got[0])
	}
	if ev.Release != "app@1.4.0" || ev.Environment != "staging" || ev.SDK.Version != "0.0.0-devel" {
		t.Errorf("release %q, environment %q, sdk version %q", ev.Release, ev.Environment, ev.SDK.Version)
	}
	if ev.Extra["frames_omitted"] != float64(12) || ev.Extra["truncated"] != true || ev.Extra["pdbgo"] != "devel" {
		t.Errorf("extra %v", ev.Extra)
	}
	if th := ev.Threads.Values; len(th) != 2 || th[1].Stacktrace.Frames[0].Filename != "main.go" || !th[1].Stacktrace.Frames[0].InApp {
		t.Errorf("threads: %s", raw)
	}

	for _, c := range []struct {
		err       report.Error
		typ, want string
	}{
		{report.Error{Kind: report.KindFatal, Message: "fatal error: all goroutines are asleep - deadlock!"}, "fatal error", "all goroutines are asleep - deadlock!"},
		{report.Error{Kind: report.KindFatal, Message: "SIGSEGV: segmentation violation"}, "SIGSEGV", "segmentation violation"},
		{report.Error{Kind: report.KindPanic, Message: "panic: main.MyErr{Code:3} [recovered]"}, "panic", "main.MyErr{Code:3} [recovered]"},
		{report.Error{Kind: report.KindUnknown, Message: "the core shows no panic or fatal error"}, "unknown", "the core shows no panic or fatal error"},
		{report.Error{Kind: report.KindCaughtPanic, Message: "panic: boom\n[pdbgo: caught as the panic began (catch recovered): c lets it run on, to a recover or not]"}, "panic", "boom"},
		{report.Error{Kind: report.KindTestFailure, Message: "--- FAIL: TestFields: parse_test.go:16: Fields(\"a,b,\") = 3, want 2"}, "test failure", "TestFields: parse_test.go:16: Fields(\"a,b,\") = 3, want 2"},
	} {
		ev, raw := sentryOf(t, &report.Report{Error: c.err, Goroutine: -1, Pdbgo: "v1.0.0"}, fixedOptions)
		// Handled is false for a crash, and not said when the program went on.
		if handled := bytes.Contains(raw, []byte(`"mechanism":{"type":"pdbgo","handled":false}`)); handled != (level(c.err) == "fatal") {
			t.Errorf("%q: mechanism in %s", c.err.Message, raw)
		}
		exc := ev.Exception.Values[0]
		if exc.Type != c.typ || exc.Value != c.want || exc.ThreadID != nil || exc.Stacktrace != nil || ev.Threads != nil || ev.Tags["crash"] != c.err.Kind || ev.Level != level(c.err) {
			t.Errorf("%q: type %q value %q thread %v, threads %v", c.err.Message, exc.Type, exc.Value, exc.ThreadID, ev.Threads)
		}
	}
}

// level is a Sentry event's level for an error: the program died, or went on.
func level(e report.Error) string {
	if e.Kind == report.KindTestFailure || e.Kind == report.KindCaughtPanic {
		return "error"
	}
	return "fatal"
}

// TestSentrySchemaRejects: the schema tells a Sentry event from things that are not one, so
// that the reports passing it mean something.
func TestSentrySchemaRejects(t *testing.T) {
	fake := &debugtest.Crash{File: crashFile}
	stop, _ := fake.Continue()
	r := report.Collect(fake, stop, report.Options{Scrub: true, Limits: report.LimitsFor("sentry")}, "v1.2.3")
	_, good := sentryOf(t, r, fixedOptions)
	for _, c := range []struct{ name, from, to string }{
		{"event_id with dashes", `"fc6d8c0c43fc4630ad850ee518f1b9d0"`, `"fc6d8c0c-43fc-4630-ad85-0ee518f1b9d0"`},
		{"no platform", `"platform":"go",`, ``},
		{"unknown level", `"level":"fatal"`, `"level":"critical"`},
		{"a frame field Sentry does not know", `"lineno":14`, `"line":14`},
		{"a line number of 0", `"lineno":14`, `"lineno":0`},
		{"context as one string", `"pre_context":[`, `"pre_context":"x","no":[`},
		{"a mechanism without type", `"mechanism":{"type":"pdbgo",`, `"mechanism":{`},
		{"an empty stack trace", `"stacktrace":{"frames":[`, `"stacktrace":{"frames":[],"x":[`},
		{"a thread without id", `"threads":{"values":[{"id":1,`, `"threads":{"values":[{`},
		{"an sdk version with a v", `"version":"1.2.3"`, `"version":"v1.2.3"`},
	} {
		bad := strings.Replace(string(good), c.from, c.to, 1)
		if bad == string(good) {
			t.Errorf("%s: %q is not in the event", c.name, c.from)
			continue
		}
		if err := sentrytest.Validate([]byte(bad)); err == nil {
			t.Errorf("%s: the schema takes it", c.name)
		}
	}
}

func TestNewEventID(t *testing.T) {
	seen := map[string]bool{}
	uuid4 := regexp.MustCompile(`^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$`)
	for range 100 {
		id := report.NewEventID()
		if !uuid4.MatchString(id) || seen[id] {
			t.Fatalf("event id %q: not a new uuid4 in 32 lowercase hex digits", id)
		}
		seen[id] = true
	}
}
