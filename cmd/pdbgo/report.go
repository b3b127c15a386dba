package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/pdbgo/pdbgo/internal/report"
	"github.com/pdbgo/pdbgo/internal/session"
	"github.com/pdbgo/pdbgo/internal/stack"
)

// crashStatus is the status a Go program that dies of a panic or a fatal error ends with:
// 2, or SIGABRT's as a shell reports it when GOTRACEBACK asks the runtime to crash.
func crashStatus(gotraceback string) int {
	switch gotraceback {
	case "crash", "core":
		return 128 + int(syscall.SIGABRT)
	}
	return 2
}

// reportSession runs the program with no person at the keyboard. On an unrecovered panic or a
// fatal error it writes a crash report and ends with the status the program would have had; a
// program that ends by itself passes its status through. A core is reported as it is.
func reportSession(opts options, cfg session.Config) error {
	format := opts.report
	if format != "text" && format != "json" {
		return errUsage{fmt.Errorf("--report takes text or json, not %q", format)}
	}
	if len(opts.breaks) > 0 || len(opts.commands) > 0 {
		return errUsage{errors.New("--report runs with no prompt: -b and -c do not apply")}
	}
	switch cfg.Mode {
	case session.ModeAttach, session.ModeConnect:
		return errUsage{errors.New("--report works with run, exec, test and core")}
	}
	sess, err := startSession(cfg)
	if err != nil {
		return err
	}
	defer sess.Close()
	stopSignals := endOnSignals(sess)
	defer stopSignals()
	defer closeOnPanic(sess)

	stop, err := runToCrash(sess, cfg)
	if err != nil {
		return err
	}
	if stop.Kind == session.StopExited {
		sess.Close()
		switch st := stop.ExitStatus; {
		case st < 0: // Delve's way of saying killed by signal -st: answer as a shell does
			return exitStatus(128 - st)
		case st > 0:
			return exitStatus(st)
		}
		return nil
	}
	r := collectReport(sess, stop, report.Options{Scrub: !opts.noScrub, Limits: report.DefaultLimits})
	sess.Close() // the report holds copies: the program can go
	if err := writeReport(opts, r); err != nil {
		return err
	}
	if cfg.Mode == session.ModeCore {
		return nil // the report is what was asked for; the program died long ago
	}
	return exitStatus(crashStatus(os.Getenv("GOTRACEBACK"))) // the program has pdbgo's environment
}

// runToCrash runs the program until it crashes or exits; breakpoints the program sets itself
// (runtime.Breakpoint) are passed over. A core is where it is.
func runToCrash(sess *session.Session, cfg session.Config) (session.Stop, error) {
	if cfg.Mode == session.ModeCore {
		return sess.State()
	}
	for {
		stop, err := sess.Continue()
		if err != nil {
			return stop, err
		}
		switch stop.Kind {
		case session.StopPanic, session.StopFatal, session.StopExited:
			return stop, nil
		}
	}
}

// collectReport reads the crashed goroutine's frames with their arguments and locals, and
// where the other goroutines are. When the crash has no goroutine, or one with nothing but
// runtime frames (a deadlock stops on the system stack), the first goroutine with frames of
// the program is shown.
func collectReport(sess *session.Session, stop session.Stop, o report.Options) *report.Report {
	r := &report.Report{
		Error:     report.Error{Kind: errorKind(stop.Kind), Message: report.Cut(stop.Message, 8<<10)},
		Goroutine: stop.GoroutineID,
		Pdbgo:     version(),
		Go:        sess.GoVersion(),
	}
	if r.Error.Message == "" {
		r.Error.Message = "the core shows no panic or fatal error"
	}
	gs := listGoroutines(sess, o.Limits.Goroutines)
	gid, stk := stop.GoroutineID, stack.Stack{}
	if gid >= 0 {
		stk = goroutineStack(sess, gid)
	}
	if stk.Len() == 0 {
		for _, g := range gs.list {
			if s := goroutineStack(sess, g.ID); s.HasProgram() {
				if gid < 0 {
					r.Note = fmt.Sprintf("No goroutine crashed here; showing goroutine %d.", g.ID)
				} else {
					r.Note = fmt.Sprintf("Goroutine %d has no frames of the program; showing goroutine %d.", gid, g.ID)
				}
				gid, stk = g.ID, s
				r.Goroutine = gid
				break
			}
		}
	}
	goroot := stack.GOROOT(stk.All)
	src := reportSources{}
	for n := range min(stk.Len(), o.Limits.Frames) {
		f := stk.Frame(n)
		sc := session.Scope{GoroutineID: gid, Frame: stk.Depth(n)}
		rf := report.Frame{
			Function: f.Function,
			File:     f.File,
			Line:     f.Line,
			InApp:    stack.IsProgram(f, goroot),
			Source:   strings.TrimSpace(src.line(f.File, f.Line)),
		}
		args, errA := sess.Args(sc, session.LoadReport)
		locals, errL := sess.Locals(sc, session.LoadReport)
		if err := errors.Join(errA, errL); err != nil {
			rf.Error = strings.ReplaceAll(err.Error(), "\n", "; ")
		}
		rf.Args = report.NewVars(args, o)
		rf.Locals = report.NewVars(locals, o)
		r.Frames = append(r.Frames, rf)
	}
	r.FramesOmitted = stk.Len() - len(r.Frames)
	for _, g := range gs.list {
		if g.ID != gid && !isSystemGoroutine(g) {
			r.Goroutines = append(r.Goroutines, userLocation(sess, g))
		}
	}
	r.MoreGoroutines = gs.more
	r.Fit(o.Limits)
	return r
}

// isSystemGoroutine reports whether the runtime started g for itself (the garbage collector,
// finalizers); Go's own tracebacks leave these out too.
func isSystemGoroutine(g session.Goroutine) bool {
	return stack.IsRuntime(g.Start.Function) && g.Start.Function != "runtime.main"
}

func errorKind(k session.StopKind) string {
	switch k {
	case session.StopPanic:
		return report.KindPanic
	case session.StopFatal:
		return report.KindFatal
	}
	return report.KindUnknown
}

func goroutineStack(sess *session.Session, gid int64) stack.Stack {
	frames, err := sess.Stacktrace(gid)
	if err != nil {
		return stack.Stack{}
	}
	return stack.New(frames)
}

type reportGoroutines struct {
	list []session.Goroutine
	more int // goroutines not in list
}

// listGoroutines reads the first max+1 goroutines (one is the crashed one) and counts the rest.
func listGoroutines(sess *session.Session, max int) reportGoroutines {
	var out reportGoroutines
	for start := 0; start >= 0 && start < 100_000; { // beyond, more is a lower bound
		gs, next, err := sess.Goroutines(start, 1000)
		if err != nil {
			break
		}
		for _, g := range gs {
			if len(out.list) <= max {
				out.list = append(out.list, g)
			} else {
				out.more++
			}
		}
		start = next
	}
	return out
}

// userLocation is where a goroutine is in the program's own code: its innermost frame of the
// program, else Delve's user frame (which may be in the standard library).
func userLocation(sess *session.Session, g session.Goroutine) report.Goroutine {
	out := report.Goroutine{ID: g.ID, Function: g.User.Function, File: g.User.File, Line: g.User.Line, Status: g.Status}
	s := goroutineStack(sess, g.ID)
	goroot := stack.GOROOT(s.All)
	for n := range s.Len() {
		if f := s.Frame(n); stack.IsProgram(f, goroot) {
			out.Function, out.File, out.Line = f.Function, f.File, f.Line
			break
		}
	}
	return out
}

// writeReport writes the report to stdout, or to --report-file and says so on stderr.
func writeReport(opts options, r *report.Report) error {
	write := report.WriteText
	if opts.report == "json" {
		write = report.WriteJSON
	}
	if opts.reportFile == "" {
		return write(os.Stdout, r)
	}
	f, err := os.Create(opts.reportFile)
	if err != nil {
		return fmt.Errorf("cannot write the crash report: %w", err)
	}
	if err := write(f, r); err != nil {
		f.Close()
		return fmt.Errorf("cannot write the crash report: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("cannot write the crash report: %w", err)
	}
	first, _, _ := strings.Cut(r.Error.Message, "\n")
	fmt.Fprintf(os.Stderr, "pdbgo: %s: crash report written to %s\n", first, opts.reportFile)
	return nil
}

// reportSources reads source files once each.
type reportSources map[string][]string

// line returns line n (1-based) of file, "" when it cannot be read.
func (c reportSources) line(file string, n int) string {
	lines, ok := c[file]
	if !ok {
		lines = readLines(file)
		c[file] = lines
	}
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}

func readLines(file string) []string {
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(io.LimitReader(f, 16<<20))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines
}

// endOnSignals ends the session when pdbgo is interrupted or terminated: with no person at
// the keyboard, Ctrl-C means stop, as it would for the program run by itself.
func endOnSignals(sess *session.Session) (stop func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case <-done:
		case sig := <-sigs:
			sess.Close()
			os.Exit(128 + int(sig.(syscall.Signal)))
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}
