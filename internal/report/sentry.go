package report

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/pdbgo/pdbgo/internal/stack"
)

// A crash as a Sentry event: the JSON of an event payload as Sentry ingests it, so that
// `sentry-cli send-event FILE`, or any service that takes Sentry's events, takes the report
// without a converter. The fields are those of Sentry's developer documentation, "Event
// Payloads" (develop.sentry.dev/sdk/data-model/event-payloads/: the event's attributes, and
// the exception, stack trace, threads, contexts and SDK interfaces); sentry-cli reads the file
// into sentry-types' Event (getsentry/sentry-rust, sentry-types/src/protocol/v7.rs).

type sentryEvent struct {
	EventID     string            `json:"event_id"`
	Timestamp   float64           `json:"timestamp"`
	Platform    string            `json:"platform"`
	Level       string            `json:"level"`
	Logger      string            `json:"logger"`
	Release     string            `json:"release,omitempty"`
	Environment string            `json:"environment,omitempty"`
	SDK         sentrySDK         `json:"sdk"`
	Exception   sentryExceptions  `json:"exception"`
	Threads     *sentryThreads    `json:"threads,omitempty"`
	Contexts    map[string]any    `json:"contexts"`
	Tags        map[string]string `json:"tags"`
	Extra       map[string]any    `json:"extra,omitempty"`
}

type sentrySDK struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type sentryExceptions struct {
	Values []sentryException `json:"values"`
}

type sentryException struct {
	Type       string            `json:"type"`
	Value      string            `json:"value"`
	ThreadID   *int64            `json:"thread_id,omitempty"`
	Mechanism  sentryMechanism   `json:"mechanism"`
	Stacktrace *sentryStacktrace `json:"stacktrace,omitempty"`
}

type sentryMechanism struct {
	Type    string `json:"type"`
	Handled *bool  `json:"handled,omitempty"` // not known for a caught panic, nor a failing test's
}

type sentryStacktrace struct {
	Frames []sentryFrame `json:"frames"` // oldest first: the last frame is where it crashed
}

type sentryFrame struct {
	Function    string            `json:"function,omitempty"`
	Module      string            `json:"module,omitempty"`
	Filename    string            `json:"filename,omitempty"`
	AbsPath     string            `json:"abs_path,omitempty"`
	Lineno      int               `json:"lineno,omitempty"`
	InApp       bool              `json:"in_app"`
	PreContext  []string          `json:"pre_context,omitempty"`
	ContextLine *string           `json:"context_line,omitempty"`
	PostContext []string          `json:"post_context,omitempty"`
	Vars        map[string]string `json:"vars,omitempty"`
}

type sentryThreads struct {
	Values []sentryThread `json:"values"`
}

type sentryThread struct {
	ID         int64             `json:"id"`
	Name       string            `json:"name"`
	State      string            `json:"state,omitempty"`
	Crashed    bool              `json:"crashed,omitempty"`
	Current    bool              `json:"current,omitempty"`
	Stacktrace *sentryStacktrace `json:"stacktrace,omitempty"`
}

// SentryOptions are what a Sentry event holds beyond the report: its id and time, the
// directory file names are made relative to, and the release and environment it is filed
// under.
type SentryOptions struct {
	EventID     string    // 32 lowercase hex digits: a random UUID version 4
	Time        time.Time // when the event was made
	Root        string    // a program file under this directory is named relative to it
	Release     string    // "": none
	Environment string    // "": none
}

// WriteSentry writes r as one Sentry event on one line, made now, with a random id, file
// names relative to the current directory, and the release and environment of
// SENTRY_RELEASE and SENTRY_ENVIRONMENT, as Sentry's SDKs take them.
func WriteSentry(w io.Writer, r *Report) error {
	root, _ := os.Getwd()
	return WriteSentryWith(w, r, SentryOptions{
		EventID:     NewEventID(),
		Time:        time.Now(),
		Root:        root,
		Release:     os.Getenv("SENTRY_RELEASE"),
		Environment: os.Getenv("SENTRY_ENVIRONMENT"),
	})
}

// NewEventID returns a random UUID version 4 as Sentry's event ids are written: 32 lowercase
// hex digits, no dashes.
func NewEventID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])  // never fails (crypto/rand)
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 9562 variant
	return hex.EncodeToString(b[:])
}

// WriteSentryWith writes r as a Sentry event made with o.
func WriteSentryWith(w io.Writer, r *Report, o SentryOptions) error {
	ev := sentryEvent{
		EventID:     o.EventID,
		Timestamp:   float64(o.Time.UnixMilli()) / 1000,
		Platform:    "go",
		Level:       "fatal", // a failing test or a caught panic is an "error": the program went on
		Logger:      "pdbgo",
		Release:     o.Release,
		Environment: o.Environment,
		SDK:         sentrySDK{Name: "pdbgo.go", Version: semver(r.Pdbgo)},
		Contexts:    map[string]any{},
		// A panic, a fatal error, a test failure or a caught panic, which Sentry can filter on.
		Tags: map[string]string{"crash": r.Error.Kind},
	}
	went := r.Error.Kind == KindTestFailure || r.Error.Kind == KindCaughtPanic // the program went on
	if went {
		ev.Level = "error"
	}
	runtime := map[string]string{"type": "runtime", "name": "go"}
	if r.Go != "" {
		runtime["version"] = strings.TrimPrefix(r.Go, "go")
		runtime["raw_description"] = r.Go
	}
	ev.Contexts["runtime"] = runtime

	exc := sentryException{Mechanism: sentryMechanism{Type: "pdbgo"}}
	if !went {
		handled := false
		exc.Mechanism.Handled = &handled
	}
	exc.Type, exc.Value = exceptionTypeValue(r.Error)
	if len(r.Frames) > 0 {
		st := &sentryStacktrace{}
		for i := len(r.Frames) - 1; i >= 0; i-- {
			st.Frames = append(st.Frames, sentryFrameOf(r.Frames[i], o.Root))
		}
		exc.Stacktrace = st
	}
	var threads []sentryThread
	if r.Goroutine >= 0 {
		id := r.Goroutine
		exc.ThreadID = &id
		// Sentry's rule: the crashed thread has no stack trace of its own; the exception's is it.
		threads = append(threads, sentryThread{ID: id, Name: goroutineName(id), Crashed: true, Current: true})
	}
	for _, g := range r.Goroutines {
		module, function := splitFunction(g.Function)
		f := sentryFrame{Function: function, Module: module, AbsPath: g.File, Filename: relativeName(g.File, g.InApp, o.Root), Lineno: g.Line, InApp: g.InApp}
		threads = append(threads, sentryThread{ID: g.ID, Name: goroutineName(g.ID), State: g.Status, Stacktrace: &sentryStacktrace{Frames: []sentryFrame{f}}})
	}
	ev.Exception.Values = []sentryException{exc}
	if len(threads) > 0 {
		ev.Threads = &sentryThreads{Values: threads}
	}
	ev.Extra = sentryExtra(r)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(&ev)
}

// exceptionTypeValue splits what Go printed into Sentry's type and value: "panic: x" is a
// "panic" of "x", "fatal error: all goroutines are asleep - deadlock!" a "fatal error", and
// "SIGSEGV: segmentation violation ..." a "SIGSEGV"; a chain of panics keeps its later lines in
// the value. A failing test is a "test failure" of "TestX: x_test.go:9: message"; a caught panic
// is a panic, without pdbgo's note. Anything else is its kind with the whole message.
func exceptionTypeValue(e Error) (typ, value string) {
	switch e.Kind {
	case KindTestFailure:
		return e.Kind, strings.TrimPrefix(e.Message, "--- FAIL: ")
	case KindCaughtPanic:
		// pdbgo's note on how it was caught is the tag's to say.
		if i := strings.LastIndex(e.Message, "\n[pdbgo: "); i >= 0 {
			e.Message = e.Message[:i]
		}
	}
	first, rest, _ := strings.Cut(e.Message, "\n")
	if t, v, ok := strings.Cut(first, ": "); ok && t != "" && len(t) <= 40 && !strings.ContainsAny(t, "()[]{}\"") {
		if rest != "" {
			v += "\n" + rest
		}
		return t, v
	}
	return e.Kind, e.Message
}

func sentryFrameOf(f Frame, root string) sentryFrame {
	module, function := splitFunction(f.Function)
	sf := sentryFrame{
		Function: function,
		Module:   module,
		AbsPath:  f.File,
		Filename: relativeName(f.File, f.InApp, root),
		Lineno:   f.Line,
		InApp:    f.InApp,
	}
	if c := f.Context; c != nil {
		line := c.Line
		sf.PreContext, sf.ContextLine, sf.PostContext = c.Pre, &line, c.Post
	}
	if len(f.Args)+len(f.Locals) > 0 {
		sf.Vars = map[string]string{}
		for _, v := range append(append([]Var{}, f.Args...), f.Locals...) {
			name := v.Name
			// A variable shadowed in an inner block has its outer one's name: keep both.
			for n := 2; hasKey(sf.Vars, name); n++ {
				name = v.Name + " #" + strconv.Itoa(n)
			}
			sf.Vars[name] = v.Value
		}
	}
	return sf
}

func hasKey(m map[string]string, k string) bool {
	_, ok := m[k]
	return ok
}

// splitFunction splits a qualified Go function name into its package path (Sentry's module)
// and the rest: "github.com/a/b.(*T).M" is module "github.com/a/b", function "(*T).M".
func splitFunction(name string) (module, function string) {
	module = stack.PackageOf(name)
	if module == name {
		return "", name
	}
	return module, strings.TrimPrefix(name[len(module):], ".")
}

// relativeName is Sentry's filename, a path that names the file the same way on every
// machine: under the directory pdbgo ran in (the project's, as a rule), relative to it; in the
// standard library, from GOROOT/src ("net/http/server.go"); in the module cache, from the
// module's path and version ("github.com/a/b@v1.2.0/c.go"); else the path as it is.
func relativeName(file string, inApp bool, root string) string {
	if root != "" {
		if rel, err := filepath.Rel(root, file); err == nil && !strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel) {
			return rel
		}
	}
	if i := strings.LastIndex(file, "/pkg/mod/"); i >= 0 {
		return file[i+len("/pkg/mod/"):]
	}
	if i := strings.LastIndex(file, "/src/"); !inApp && i >= 0 {
		// The standard library: what follows GOROOT/src ("time.Sleep" is in runtime/time.go).
		rel := file[i+len("/src/"):]
		if first, _, _ := strings.Cut(rel, "/"); !strings.Contains(first, ".") {
			return rel
		}
	}
	return file
}

func goroutineName(id int64) string { return "goroutine " + strconv.FormatInt(id, 10) }

// semver is pdbgo's version as Sentry's SDK version wants it: no "v"; a development build is
// 0.0.0-devel.
func semver(v string) string {
	v = strings.TrimPrefix(v, "v")
	if v == "" || v[0] < '0' || v[0] > '9' {
		return "0.0.0-" + strings.Trim(v, "()")
	}
	return v
}

// sentryExtra keeps what the report says beyond the event's fields.
func sentryExtra(r *Report) map[string]any {
	extra := map[string]any{"pdbgo": r.Pdbgo}
	if r.Note != "" {
		extra["note"] = r.Note
	}
	if r.FramesOmitted > 0 {
		extra["frames_omitted"] = r.FramesOmitted // the oldest
	}
	if r.FramesUncounted {
		extra["frames_uncounted"] = true
	}
	if r.MoreGoroutines > 0 {
		extra["more_goroutines"] = r.MoreGoroutines
	}
	if r.Truncated {
		extra["truncated"] = true // variables dropped to the size bound
	}
	return extra
}
