package report

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/source"
	"github.com/pdbgo/pdbgo/internal/stack"
)

// Collect reads a crash through d: the crashed goroutine's frames with their arguments and
// locals, and where the other goroutines are in the program's code. When the crash has no
// goroutine, or one with nothing but runtime frames (a deadlock stops on the system stack),
// the goroutine a person would be shown (debug.ProgramGoroutine) is reported, with a note.
// version is pdbgo's own.
func Collect(d debug.Debugger, stop debug.Stop, o Options, version string) *Report {
	r := &Report{
		Error:     Error{Kind: errorKind(stop.Kind), Message: Cut(stop.Message, 8<<10)},
		Goroutine: stop.GoroutineID,
		Pdbgo:     version,
		Go:        d.GoVersion(),
	}
	if r.Error.Message == "" {
		r.Error.Message = "the core shows no panic or fatal error"
	}
	gid, stk := stop.GoroutineID, stack.Stack{}
	if gid >= 0 {
		if s, err := stack.Read(frameReader(d, gid), debug.MaxDepth); err == nil {
			stk = s
		}
	}
	if stk.Len() == 0 {
		if g, s, ok := debug.ProgramGoroutine(d); ok {
			if gid < 0 {
				r.Note = fmt.Sprintf("No goroutine crashed here; showing goroutine %d.", g)
			} else {
				r.Note = fmt.Sprintf("Goroutine %d has no frames of the program; showing goroutine %d.", gid, g)
			}
			gid, stk = g, s
			r.Goroutine = gid
		}
	}
	goroot := stack.GOROOT(stk.All)
	sources := source.NewCache(nil)
	for n := range min(stk.Len(), o.Limits.Frames) {
		f := stk.Frame(n)
		sc := debug.Scope{GoroutineID: gid, Frame: stk.Depth(n)}
		line, _ := sources.Line(f.File, f.Line)
		rf := Frame{
			Function: stack.DisplayName(f.Function),
			File:     f.File,
			Line:     f.Line,
			InApp:    stack.IsProgram(f, goroot),
			Source:   strings.TrimSpace(line),
			Context:  sourceContext(sources.File(f.File), f.Line, o.Limits.ContextLines),
		}
		if o.Scrub {
			rf.Source = ScrubSource(rf.Source)
			if c := rf.Context; c != nil {
				c.Line = ScrubSource(c.Line)
				for _, lines := range [][]string{c.Pre, c.Post} {
					for i := range lines {
						lines[i] = ScrubSource(lines[i])
					}
				}
			}
		}
		args, errA := d.Args(sc, debug.LoadReport)
		locals, errL := d.Locals(sc, debug.LoadReport)
		if err := errors.Join(errA, errL); err != nil {
			rf.Error = strings.ReplaceAll(err.Error(), "\n", "; ")
		}
		rf.Args = NewVars(args, o)
		rf.Locals = NewVars(locals, o)
		r.Frames = append(r.Frames, rf)
	}
	// The frames left out are counted, every one: a deep stack is read to its end (up to
	// stack.MaxFrames; beyond, the count is a lower bound and the report says so).
	if !stk.Complete && stk.Len() > len(r.Frames) {
		_ = stk.GrowAll(frameReader(d, gid))
	}
	r.FramesOmitted = stk.Len() - len(r.Frames)
	r.FramesUncounted = stk.Capped()
	// The crashed goroutine is pinned, so not listed again among the others; any stopped at a
	// breakpoint come first.
	list, err := debug.ListGoroutines(d, debug.ListOptions{Limit: o.Limits.Goroutines, Pinned: []debug.Pin{{ID: gid, Why: "crashed"}}})
	if err == nil {
		others := list.Goroutines
		for i := len(list.Pinned) - 1; i >= 0; i-- {
			if g := list.Pinned[i]; g.ID != gid {
				others = append([]debug.Goroutine{g.Goroutine}, others...)
			}
		}
		for _, g := range others {
			at := g.Where()
			r.Goroutines = append(r.Goroutines, Goroutine{ID: g.ID, Function: stack.DisplayName(at.Function), File: at.File, Line: at.Line, Status: g.Status,
				InApp: stack.IsProgram(stack.Frame{Function: at.Function, File: at.File, Line: at.Line}, goroot)})
		}
		r.MoreGoroutines = list.More
	}
	r.Fit(o.Limits)
	return r
}

// sourceContext is line n of file with up to lines lines before and after it; nil when lines
// is 0 or the file has no line n.
func sourceContext(file *source.File, n, lines int) *SourceContext {
	text, ok := file.Line(n)
	if lines <= 0 || !ok {
		return nil
	}
	c := &SourceContext{Line: text}
	for i := max(1, n-lines); i < n; i++ {
		l, _ := file.Line(i)
		c.Pre = append(c.Pre, l)
	}
	for i := n + 1; i <= n+lines; i++ {
		l, ok := file.Line(i)
		if !ok {
			break
		}
		c.Post = append(c.Post, l)
	}
	return c
}

func frameReader(d debug.Debugger, gid int64) stack.Reader {
	return func(skip, count int) ([]stack.Frame, error) { return d.Stacktrace(gid, skip, count) }
}

func errorKind(k debug.StopKind) string {
	switch k {
	case debug.StopPanic:
		return KindPanic
	case debug.StopFatal:
		return KindFatal
	case debug.StopTestFailed:
		return KindTestFailure
	case debug.StopCaught:
		return KindCaughtPanic
	}
	return KindUnknown
}
