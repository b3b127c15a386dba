package command

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/source"
	"github.com/pdbgo/pdbgo/internal/stack"
	"github.com/pdbgo/pdbgo/internal/value"
)

// Interpreter runs commands against a debugger and writes what they print to Out. It keeps
// the state a person moves through: the stop, the selected goroutine and frame, displays.
type Interpreter struct {
	Out io.Writer
	dbg debug.Debugger

	stop    debug.Stop
	exited  bool
	gid     int64
	stk     stack.Stack
	frame   int // visible frame number in stk
	quit    bool
	lastCmd string

	displays []string
	tempBPs  map[int]bool

	// interrupted is the stop a function call in an expression ran into, not shown yet.
	interrupted *debug.Stop
	displayed   []DisplayValue // the displays' values as shown since the last stop

	warnedOptimized bool
	retval          []value.Value // what the function return stepped out of returned
	sources         *source.Cache
	listNext        int    // first line the next plain list shows; 0: around the current line
	listFile        string // file listNext refers to
	// shown is the frame last shown: list, longlist and break LINE look there when no frame
	// is selected (the program exited).
	shown stack.Frame
	// anchorStk is the stack of the last stop a run can find again (findable), on goroutine
	// anchorGid, called anchorWhat: rewind counts calls up to it.
	anchorStk  stack.Stack
	anchorGid  int64
	anchorWhat string
	// progOut knows where the program's output, on the same file as Out, left it.
	progOut *programOutput
	// listed is what the line being run listed (list, longlist): its file and middle line.
	listed stack.Frame

	aliases map[string]string // alias NAME COMMAND (alias.go)
	// errPrefix starts each error message: the file and line of an rc file's command (rc.go).
	errPrefix string
}

// New returns an interpreter over dbg writing to out.
func New(dbg debug.Debugger, out io.Writer) *Interpreter {
	return &Interpreter{Out: out, dbg: dbg, gid: -1, tempBPs: map[int]bool{}, sources: source.NewCache(nil), progOut: newProgramOutput(out)}
}

// Sources is the cache the interpreter reads source files through; restart empties it.
func (in *Interpreter) Sources() *source.Cache { return in.sources }

// Quit reports whether the user asked to leave.
func (in *Interpreter) Quit() bool { return in.quit }

// Stop is the last stop.
func (in *Interpreter) Stop() debug.Stop { return in.stop }

// Exited reports whether the program has exited.
func (in *Interpreter) Exited() bool { return in.exited }

// Goroutine is the selected goroutine.
func (in *Interpreter) Goroutine() int64 { return in.gid }

// Stack is the selected goroutine's stack.
func (in *Interpreter) Stack() stack.Stack { return in.stk }

// FrameNumber is the selected visible frame.
func (in *Interpreter) FrameNumber() int { return in.frame }

// Scope is the selected frame as Delve names it.
func (in *Interpreter) Scope() debug.Scope {
	sc := debug.Scope{GoroutineID: in.gid}
	if in.stk.Len() > 0 {
		sc.Frame = in.stk.Depth(in.frame)
	}
	return sc
}

// Listed is what the last line run listed with list or longlist: the file and the middle line
// of the listing (the TUI shows it in its source pane); ok is false when it listed nothing.
func (in *Interpreter) Listed() (file string, line int, ok bool) {
	return in.listed.File, in.listed.Line, in.listed.File != ""
}

// Temporary reports whether breakpoint id is temporary (tbreak): deleted when first hit.
func (in *Interpreter) Temporary(id int) bool { return in.tempBPs[id] }

// Displays are the expressions shown at every stop.
func (in *Interpreter) Displays() []string { return in.displays }

// DisplayValue is a display's value as the interpreter showed it, in the frame it was
// evaluated in.
type DisplayValue struct {
	Expr  string
	Scope debug.Scope
	Value value.Value
	Err   error
}

// DisplayValues are the values of the displays shown since the last stop. A display that calls
// a function runs it each time it is evaluated: a front-end shows these rather than evaluate
// it again.
func (in *Interpreter) DisplayValues() []DisplayValue { return in.displayed }

func (in *Interpreter) printf(format string, args ...any) {
	fmt.Fprintf(in.Out, format, args...)
}

// Execute runs one line typed by the user: one command or several separated by ";;". An empty
// line repeats the last command. A first word that names an alias is expanded (alias.go).
// Errors are printed as "*** message"; nothing typed ends the session except quit and kill.
func (in *Interpreter) Execute(line string) {
	in.listed = stack.Frame{}
	line = strings.TrimSpace(line)
	if line == "" {
		if in.lastCmd == "" {
			return
		}
		line = in.lastCmd
	} else {
		in.lastCmd = ""
	}
	ran := 0
	eachCommand(in.aliases, line, func(typed, expanded string, err error) bool {
		switch {
		case in.quit:
			return false
		case err != nil:
			in.printf("*** %s%s\n", in.errPrefix, err)
			return true
		case ran == MaxLineCommands:
			in.printf("*** %sthe line runs more than %d commands through its aliases: the rest were not run\n", in.errPrefix, MaxLineCommands)
			return false
		}
		ran++
		in.executePart(typed, expanded)
		return true
	})
}

// eachCommand gives yield the commands a line runs, in order, until yield returns false: the
// line split at ";;" and each part's first word expanded when it names an alias (an alias's
// command may hold ";;" too). A part whose expansion fails comes with the error.
func eachCommand(aliases map[string]string, line string, yield func(typed, expanded string, err error) bool) {
	// Each part waits here with the aliases it came through, which it does not expand again.
	type pending struct {
		text string
		done map[string]bool
	}
	queue := []pending{{text: line}}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		part := strings.TrimSpace(p.text)
		// An alias definition keeps its ";;": they belong to the command it names, as in pdb.
		if head, rest, ok := strings.Cut(part, ";;"); ok && firstWord(part) != "alias" {
			part = strings.TrimSpace(head)
			queue = append([]pending{{rest, p.done}}, queue...)
		}
		if part == "" {
			continue
		}
		done := map[string]bool{}
		for name := range p.done {
			done[name] = true
		}
		expanded, err := expandAlias(aliases, part, done)
		if err != nil {
			if !yield(part, "", err) {
				return
			}
			continue
		}
		if head, rest, ok := strings.Cut(expanded, ";;"); ok && expanded != part && firstWord(expanded) != "alias" {
			expanded = strings.TrimSpace(head)
			queue = append([]pending{{rest, done}}, queue...)
		}
		if expanded == "" {
			continue
		}
		if !yield(part, expanded, nil) {
			return
		}
	}
}

// Resumes reports whether a line, with aliases, runs the program (continue, next, step,
// return, until, restart, rewind), as Execute would run it.
func Resumes(aliases map[string]string, line string) bool {
	resumes, ran := false, 0
	eachCommand(aliases, strings.TrimSpace(line), func(_, expanded string, err error) bool {
		if err == nil {
			c, ok := Lookup(firstWord(expanded))
			resumes = ok && c.resumes
		}
		ran++
		return !resumes && ran < MaxLineCommands
	})
	return resumes
}

// MaxLineCommands bounds the commands one line runs. Each alias is expanded once in a line,
// but aliases whose commands name two others each ("alias a1 p 1;;a0;;b0", "alias b1 p 1;;a0;;b0",
// and so on) double the commands at every level: 30 levels would run a billion.
const MaxLineCommands = 1000

// executePart runs one command, typed as typed and expanded to run.
func (in *Interpreter) executePart(typed, run string) {
	cmd, err := in.run(run)
	if errors.Is(err, debug.ErrClosed) {
		in.quit = true // pdbgo is ending: nothing more to say
		return
	}
	var stopped *debug.StoppedError
	if errors.As(err, &stopped) {
		in.interrupted = &stopped.Stop
	}
	if err != nil {
		in.printf("*** %s%s\n", in.errPrefix, OneLine(err.Error()))
	}
	in.showInterrupted()
	switch {
	case cmd == nil || cmd.noRepeat:
	case cmd.repeatAs != "":
		in.lastCmd = cmd.repeatAs
	default:
		// The typed form: repeating an expanded alias would expand it again.
		in.lastCmd = typed
	}
}

// OneLine is the first line of s, trimmed: what an error shows as after ***.
func OneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

func (in *Interpreter) run(line string) (*Command, error) {
	if strings.HasPrefix(line, "!") {
		return nil, in.cmdPrint(strings.TrimSpace(line[1:]))
	}
	name, arg, _ := strings.Cut(line, " ")
	arg = strings.TrimSpace(arg)
	cmd, ok := Lookup(name)
	if !ok {
		return nil, fmt.Errorf("unknown command %q: help lists the commands, p EXPR prints a value", line)
	}
	if name != "list" && name != "l" {
		in.listNext = 0
	}
	return cmd, cmd.run(in, arg)
}

// errExited is what commands that need a process say after it exited.
var errExited = errors.New("the program has exited: restart runs it again, q quits")

// needFrames loads the stack when a command needs the selected frame.
func (in *Interpreter) needFrames() error {
	if in.exited {
		return errExited
	}
	if in.stk.Len() == 0 {
		if in.gid < 0 {
			return errors.New("no goroutine is selected: goroutines lists them, goroutine N selects one")
		}
		return stack.ErrNoFrames
	}
	return nil
}

// Begin runs the program to its first stop and prints it.
func (in *Interpreter) Begin() {
	err := in.resume(in.dbg.Continue)
	switch {
	case errors.Is(err, debug.ErrClosed):
		in.quit = true
	case err != nil:
		in.printf("*** %s\n", OneLine(err.Error()))
	}
}

// resume runs the program with do and reports the stop.
func (in *Interpreter) resume(do func() (debug.Stop, error)) error {
	if in.exited {
		return errExited
	}
	in.progOut.beforeRun()
	stop, err := do()
	in.printf("%s", in.progOut.afterRun())
	if err != nil {
		return err
	}
	in.OnStop(stop)
	return nil
}

// OnStop records a new stop, selects its goroutine and frame, and prints it.
func (in *Interpreter) OnStop(stop debug.Stop) {
	in.onStop(stop)
	in.showDisplays()
	in.showInterrupted()
}

// showInterrupted shows the stop a function call in an expression ran into (a breakpoint the
// call reached, its timeout): that is where the program is now. Its displays are not
// evaluated again, so that a display whose call stops at every evaluation cannot loop.
func (in *Interpreter) showInterrupted() {
	if in.interrupted == nil {
		return
	}
	stop := *in.interrupted
	in.interrupted = nil
	in.onStop(stop)
}

// onStop is OnStop without the displays.
func (in *Interpreter) onStop(stop debug.Stop) {
	in.stop = stop
	in.displayed = nil
	in.stk = stack.Stack{}
	in.frame = 0
	in.listNext = 0
	if stop.Kind == debug.StopExited {
		in.exited = true
		in.gid = -1
		in.printf("%s\n", stop.ExitText())
		return
	}
	in.exited = false
	in.gid = stop.GoroutineID
	note := in.loadStack()
	if findable(stop) {
		in.anchorStk, in.anchorGid, in.anchorWhat = in.stk, in.gid, anchorText(stop)
	}
	switch stop.Kind {
	case debug.StopHalt:
		// Stopped from outside, most likely inside a library call: show the program's frame.
		in.frame = in.stk.FirstProgram()
	case debug.StopTestFailed:
		// The line the failure names: a t.Helper function's caller.
		if n := in.stk.VisibleIndex(stop.Frame); n >= 0 {
			in.frame = n
		}
	}
	switch stop.Kind {
	case debug.StopPanic, debug.StopFatal, debug.StopTestFailed, debug.StopCaught:
		in.printf("%s\n", stop.Message)
	case debug.StopBreakpoint:
		if bp := stop.Breakpoint; bp != nil && in.tempBPs[bp.ID] {
			delete(in.tempBPs, bp.ID)
			if err := in.dbg.ClearBreakpoint(bp.ID); err == nil {
				in.printf("Deleted breakpoint %d\n", bp.ID)
			}
		} else if bp != nil {
			in.printf("Breakpoint %d\n", bp.ID)
		}
	case debug.StopTrap:
		if stop.Message != "" { // the trace package says who stopped the program
			in.printf("%s\n", stop.Message)
		} else {
			in.printf("Stopped at runtime.Breakpoint()\n")
		}
	case debug.StopHalt:
		if stop.Message != "" { // a function call that stopped at a breakpoint has returned
			in.printf("%s\n", stop.Message)
		} else {
			in.printf("Program stopped.\n")
		}
	}
	if note != "" {
		in.printf("%s\n", note)
	}
	in.warnOptimized()
	in.retval = stop.ReturnValues
	if stop.Kind == debug.StopStep && len(in.retval) > 0 {
		in.printf("--Return-- %s\n", returnText(in.retval))
	}
	in.printLocation()
	if bp := stop.Breakpoint; bp != nil && stop.ConditionError != "" {
		in.printf("*** the condition of breakpoint %d (%s) could not be evaluated: %s\n", bp.ID, bp.Cond, OneLine(stop.ConditionError))
	}
}

// loadStack reads the selected goroutine's stack. When the stop has no goroutine with the
// program's frames (a deadlock, a halt in the runtime) it selects one that has, and says so.
func (in *Interpreter) loadStack() (note string) {
	if in.gid >= 0 {
		if stk, err := stack.Read(in.frames(in.gid), debug.MaxDepth); err == nil {
			in.stk = stk
		}
		if in.stk.Len() > 0 && in.stk.HasProgram() {
			return ""
		}
	}
	gid, stk, ok := debug.ProgramGoroutine(in.dbg)
	if !ok {
		return ""
	}
	from := in.gid
	in.gid, in.stk = gid, stk
	if in.dbg.Live() {
		_ = in.dbg.SwitchGoroutine(gid)
	}
	if from < 0 {
		return fmt.Sprintf("No goroutine stopped here; selected goroutine %d.", gid)
	}
	return fmt.Sprintf("Goroutine %d has no frames of the program; selected goroutine %d.", from, gid)
}

// frames reads goroutine gid's frames: older pages of a deep stack are read as the user moves
// to them.
func (in *Interpreter) frames(gid int64) stack.Reader {
	return func(skip, count int) ([]stack.Frame, error) { return in.dbg.Stacktrace(gid, skip, count) }
}

// returnText shows return values as pdb's --Return-- line does: the value alone, or
// name = value for named results.
func returnText(vs []value.Value) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = v.String()
		if v.Name != "" && !strings.HasPrefix(v.Name, "~") {
			parts[i] = v.Name + " = " + parts[i]
		}
	}
	return strings.Join(parts, ", ")
}

// warnOptimized says once that the program's frames were compiled with optimizations.
func (in *Interpreter) warnOptimized() {
	if in.warnedOptimized || in.stk.Len() == 0 {
		return
	}
	// The standard library is always optimized: only the program's own code tells.
	f := in.stk.Frame(in.stk.FirstProgram())
	if !f.Optimized || !stack.IsProgram(f, stack.GOROOT(in.stk.All)) {
		return
	}
	in.warnedOptimized = true
	in.printf("Note: %s was compiled with optimizations: locals may be missing or wrong (build with -gcflags=all='-N -l').\n", stack.DisplayName(f.Function))
}

// printLocation prints the selected frame as pdb does:
//
//	> /abs/path/main.go:13 main.lookup()
//	-> 	return o.Meta[key]
func (in *Interpreter) printLocation() {
	if in.stk.Len() == 0 {
		return
	}
	f := in.stk.Frame(in.frame)
	in.shown = f
	in.printf("> %s:%d %s()\n", f.File, f.Line, stack.DisplayName(f.Function))
	if src, ok := in.sources.Line(f.File, f.Line); ok {
		in.printf("-> %s\n", src)
	}
}

func (in *Interpreter) showDisplays() {
	for _, expr := range in.displays {
		in.printf("display %s: %s\n", expr, in.displayText(expr))
		if in.interrupted != nil {
			return // the program is elsewhere now: the other displays wait for its stop
		}
	}
}

// displayText evaluates a display in the selected frame, and keeps its value.
func (in *Interpreter) displayText(expr string) string {
	sc := in.Scope()
	v, err := in.dbg.Eval(sc, expr, debug.LoadShort)
	in.displayed = append(in.displayed, DisplayValue{Expr: expr, Scope: sc, Value: v, Err: err})
	return in.valueText(v, err, debug.LoadShort)
}

// evalText evaluates expr in the selected frame, returning its value or the error as text. A
// call in expr that did not return leaves its stop in interrupted.
func (in *Interpreter) evalText(expr string, l debug.Load) string {
	v, err := in.dbg.Eval(in.Scope(), expr, l)
	return in.valueText(v, err, l)
}

func (in *Interpreter) valueText(v value.Value, err error, l debug.Load) string {
	var stopped *debug.StoppedError
	if errors.As(err, &stopped) && in.interrupted == nil {
		in.interrupted = &stopped.Stop
	}
	if err != nil {
		return "*** " + OneLine(err.Error())
	}
	if l == debug.LoadFull {
		return v.Multiline(64 << 10)
	}
	return v.String()
}
