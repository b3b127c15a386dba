package report

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/pdbgo/pdbgo/internal/stack"
	"github.com/pdbgo/pdbgo/internal/value"
)

// WriteJSON writes r as one JSON object on one line (jq makes it readable).
func WriteJSON(w io.Writer, r *Report) error {
	out := *r
	// Empty lists stay lists, so a consumer never meets null where the schema says array.
	if out.Frames == nil {
		out.Frames = []Frame{}
	}
	if out.Goroutines == nil {
		out.Goroutines = []Goroutine{}
	}
	frames := make([]Frame, len(out.Frames))
	for i, f := range out.Frames {
		if f.Args == nil {
			f.Args = []Var{}
		}
		if f.Locals == nil {
			f.Locals = []Var{}
		}
		frames[i] = f
	}
	out.Frames = frames
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(&out)
}

// WriteText writes r for a person reading a CI log:
//
//	panic: runtime error: index out of range [5] with length 2
//
//	goroutine 1, newest frame first:
//
//	#0 main.lookup()
//	   /src/app/main.go:14
//	   -> return o.Meta[key] + len(o.Items[slot])
//	   args:
//	      key = "qty"
//	   locals:
//	      (none)
//	...
//	other goroutines:
//	   goroutine 5 [chan receive]: main.worker() /src/app/main.go:40
//
//	pdbgo devel, program built with go1.26.8
func WriteText(w io.Writer, r *Report) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "%s\n\n", withTabs(r.Error.Message))
	if r.Note != "" {
		fmt.Fprintf(b, "%s\n", value.Printable(r.Note))
	}
	switch {
	case len(r.Frames) == 0 && r.Goroutine < 0:
		fmt.Fprintf(b, "no goroutine has frames of the program\n")
	case len(r.Frames) == 0:
		fmt.Fprintf(b, "goroutine %d has no frames of the program\n", r.Goroutine)
	default:
		fmt.Fprintf(b, "goroutine %d, newest frame first:\n", r.Goroutine)
	}
	for n, f := range r.Frames {
		where := ""
		if !f.InApp {
			where = " (standard library)"
		}
		fmt.Fprintf(b, "\n#%d %s()%s\n   %s:%d\n", n, value.Printable(f.Function), where, value.Printable(f.File), f.Line)
		if f.Source != "" {
			fmt.Fprintf(b, "   -> %s\n", withTabs(f.Source))
		}
		if f.Error != "" {
			fmt.Fprintf(b, "   (%s)\n", value.Printable(f.Error))
		}
		if f.Omitted && len(f.Args)+len(f.Locals) == 0 {
			fmt.Fprintf(b, "   (args and locals omitted: the report reached its size limit)\n")
			continue
		}
		writeVars(b, "args", f.Args)
		writeVars(b, "locals", f.Locals)
		if f.Omitted {
			fmt.Fprintf(b, "   (more args or locals omitted: the report reached its size limit)\n")
		}
	}
	switch {
	case r.FramesUncounted:
		fmt.Fprintf(b, "\n... older frames omitted: the stack is deeper than %s frames\n", stack.Thousands(stack.MaxFrames))
	case r.FramesOmitted > 0:
		fmt.Fprintf(b, "\n... %d older frames omitted\n", r.FramesOmitted)
	}
	if len(r.Goroutines) > 0 || r.MoreGoroutines > 0 {
		fmt.Fprintf(b, "\nother goroutines:\n")
		for _, g := range r.Goroutines {
			status := ""
			if g.Status != "" {
				status = " [" + g.Status + "]"
			}
			fmt.Fprintf(b, "   goroutine %d%s: %s() %s:%d\n", g.ID, value.Printable(status), value.Printable(g.Function), value.Printable(g.File), g.Line)
		}
		if r.MoreGoroutines > 0 {
			fmt.Fprintf(b, "   ... and %d more\n", r.MoreGoroutines)
		}
	}
	fmt.Fprintf(b, "\npdbgo %s", value.Printable(r.Pdbgo))
	if r.Go != "" {
		fmt.Fprintf(b, ", program built with %s", value.Printable(r.Go))
	}
	fmt.Fprintln(b)
	return b.Flush()
}

func writeVars(b *bufio.Writer, title string, vs []Var) {
	if len(vs) == 0 {
		fmt.Fprintf(b, "   %s: (none)\n", title)
		return
	}
	fmt.Fprintf(b, "   %s:\n", title)
	for _, v := range vs {
		// A value is one printable line already; a name from the program is made one.
		fmt.Fprintf(b, "      %s = %s\n", value.Printable(v.Name), value.Printable(v.Value))
	}
}

// withTabs is text of several lines (a panic's message, a source line) as the text form
// shows it: line breaks and tabs kept, anything else a terminal would act on escaped
// (value.Printable), so that what the program holds cannot drive the terminal of the
// person reading the report.
func withTabs(text string) string {
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		cells := strings.Split(line, "\t")
		for j, c := range cells {
			cells[j] = value.Printable(c)
		}
		lines[i] = strings.Join(cells, "\t")
	}
	return strings.Join(lines, "\n")
}

// Formats a report is written in.
var formats = map[string]func(io.Writer, *Report) error{"text": WriteText, "json": WriteJSON, "sentry": WriteSentry}

// CheckFormat reports whether Write takes format.
func CheckFormat(format string) error {
	if _, ok := formats[format]; !ok {
		return fmt.Errorf("--report takes text, json or sentry, not %q", format)
	}
	return nil
}

// CheckFlags checks --report FORMAT and --report-file PATH before anything runs: a file needs a
// report to hold, and its directory must exist, or the crash would be caught and then lost.
// format "" means no --report.
func CheckFlags(format, path string) error {
	if format == "" {
		if path != "" {
			return errors.New("--report-file needs --report (text, json or sentry)")
		}
		return nil
	}
	if err := CheckFormat(format); err != nil || path == "" {
		return err
	}
	dir := filepath.Dir(path)
	switch st, err := os.Stat(dir); {
	case err != nil:
		return fmt.Errorf("--report-file %s: directory %s does not exist", path, dir)
	case !st.IsDir():
		return fmt.Errorf("--report-file %s: %s is not a directory", path, dir)
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("--report-file %s is a directory", path)
	}
	return nil
}

// Output is where the reports of one run go, in Format: to W, or, when Path is not "", to that
// file, created by the first report and added to by the next, with one line on Note for each
// (what happened, and where its report is). Reports follow each other: a JSON object a line,
// or texts a blank line apart.
type Output struct {
	W, Note      io.Writer
	Path, Format string
	written      int
}

// Write writes r.
func (o *Output) Write(r *Report) error {
	write := formats[o.Format]
	if write == nil {
		return CheckFormat(o.Format)
	}
	w := o.W
	var f *os.File
	if o.Path != "" {
		flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
		if o.written > 0 {
			flags = os.O_WRONLY | os.O_APPEND
		}
		var err error
		if f, err = os.OpenFile(o.Path, flags, 0o666); err != nil {
			return fmt.Errorf("cannot write the crash report: %w", err)
		}
		w = f
	}
	var err error
	if o.written > 0 && o.Format == "text" {
		_, err = io.WriteString(w, "\n")
	}
	if err == nil {
		err = write(w, r)
	}
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fmt.Errorf("cannot write the crash report: %w", err)
	}
	o.written++
	if o.Path != "" {
		first, _, _ := strings.Cut(r.Error.Message, "\n")
		what := "crash report"
		if r.Error.Kind == KindTestFailure || r.Error.Kind == KindCaughtPanic {
			what = "report"
		}
		fmt.Fprintf(o.Note, "pdbgo: %s: %s written to %s\n", first, what, o.Path)
	}
	return nil
}
