package command

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/source"
	"github.com/pdbgo/pdbgo/internal/stack"
	"github.com/pdbgo/pdbgo/internal/value"
)

// ---- Inspect

func (in *Interpreter) cmdPrint(arg string) error {
	return in.printExpr(arg, debug.LoadShort)
}

func (in *Interpreter) cmdPrettyPrint(arg string) error {
	return in.printExpr(arg, debug.LoadFull)
}

func (in *Interpreter) printExpr(expr string, l debug.Load) error {
	if expr == "" {
		if l == debug.LoadFull {
			return errors.New("an expression is needed: pp EXPR")
		}
		return errors.New("an expression is needed: p EXPR")
	}
	if err := in.needFrames(); err != nil {
		return err
	}
	v, err := in.dbg.Eval(in.Scope(), expr, l)
	if err != nil {
		return err
	}
	if l == debug.LoadFull {
		in.printf("%s\n", v.Multiline(64<<10))
	} else {
		in.printf("%s\n", v.String())
	}
	return nil
}

func (in *Interpreter) cmdWhatis(arg string) error {
	if arg == "" {
		return errors.New("an expression is needed: whatis EXPR")
	}
	if err := in.needFrames(); err != nil {
		return err
	}
	v, err := in.dbg.Eval(in.Scope(), arg, debug.LoadShort)
	if err != nil {
		return err
	}
	in.printf("%s\n", v.Type)
	if v.Kind == reflect.Interface && len(v.Children) > 0 && v.Children[0].Type != "" {
		in.printf("Concrete type: %s\n", v.Children[0].Type)
	}
	return nil
}

func (in *Interpreter) cmdLocals(arg string) error {
	return in.printVars(in.dbg.Locals, "(no locals)")
}

func (in *Interpreter) cmdArgs(arg string) error {
	return in.printVars(in.dbg.Args, "(no arguments)")
}

// printVars prints variables one name = value a line; none says so, or the command would seem
// to have done nothing.
func (in *Interpreter) printVars(list func(debug.Scope, debug.Load) ([]value.Value, error), none string) error {
	if err := in.needFrames(); err != nil {
		return err
	}
	vs, err := list(in.Scope(), debug.LoadShort)
	if err != nil {
		return err
	}
	if len(vs) == 0 {
		in.printf("%s\n", none)
	}
	for _, v := range vs {
		in.printf("%s = %s\n", v.Name, v.String())
	}
	return nil
}

func (in *Interpreter) cmdDisplay(arg string) error {
	if arg == "" {
		if len(in.displays) == 0 {
			in.printf("No expressions are displayed.\n")
		}
		for _, expr := range in.displays {
			in.printf("display %s: %s\n", expr, in.displayValue(expr))
		}
		return nil
	}
	for _, d := range in.displays {
		if d == arg {
			return fmt.Errorf("%s is already displayed", arg)
		}
	}
	in.displays = append(in.displays, arg)
	in.printf("display %s: %s\n", arg, in.displayValue(arg))
	return nil
}

func (in *Interpreter) displayValue(expr string) string {
	if err := in.needFrames(); err != nil {
		return "*** " + err.Error()
	}
	return in.displayText(expr)
}

func (in *Interpreter) cmdUndisplay(arg string) error {
	if arg == "" {
		in.displays = nil
		return nil
	}
	for i, d := range in.displays {
		if d == arg {
			in.displays = append(in.displays[:i], in.displays[i+1:]...)
			return nil
		}
	}
	return fmt.Errorf("%s is not displayed", arg)
}

func (in *Interpreter) cmdSet(arg string) error {
	target, val, ok := splitAssignment(arg)
	if !ok {
		return errors.New("usage: set VAR = VALUE")
	}
	if err := in.needFrames(); err != nil {
		return err
	}
	if err := in.dbg.Set(in.Scope(), target, val); err != nil {
		return err
	}
	in.printf("%s = %s\n", target, in.evalText(target, debug.LoadShort))
	return nil
}

// splitAssignment splits "a.b[i] = 3" at its single "=", not at "==", "!=", "<=" or ">=",
// nor inside a string or rune literal (m["a=b"] = 1).
func splitAssignment(s string) (target, val string, ok bool) {
	for i := 0; i < len(s); i++ {
		if q := s[i]; q == '"' || q == '\'' || q == '`' {
			i = literalEnd(s, i)
			continue
		}
		if s[i] != '=' {
			continue
		}
		if i+1 < len(s) && s[i+1] == '=' {
			i++
			continue
		}
		if i > 0 && strings.ContainsRune("!<>=:", rune(s[i-1])) {
			continue
		}
		target, val = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
		return target, val, target != "" && val != ""
	}
	return "", "", false
}

// literalEnd returns the index of the quote that closes the literal opened at s[start]
// (len(s) when it is not closed); backslashes escape in "..." and '...', not in `...`.
func literalEnd(s string, start int) int {
	q := s[start]
	for i := start + 1; i < len(s); i++ {
		switch {
		case s[i] == '\\' && q != '`':
			i++
		case s[i] == q:
			return i
		}
	}
	return len(s)
}

// ---- list

const listLines = 11

func (in *Interpreter) cmdList(arg string) error {
	var file string
	var first, last int
	switch {
	case arg == "" && in.listNext > 0:
		file, first = in.listFile, in.listNext
		last = first + listLines - 1
	case arg == "" || arg == ".":
		cur, err := in.placeFrame()
		if err != nil {
			return err
		}
		file = cur.File
		first = max(cur.Line-listLines/2, 1)
		last = first + listLines - 1
	default:
		a, b, hasRange := strings.Cut(arg, ",")
		n, err := strconv.Atoi(strings.TrimSpace(a))
		if err == nil {
			cur, err := in.placeFrame()
			if err != nil {
				return err
			}
			file = cur.File
		} else {
			// Not a line number: a location, as break takes it (FILE:LINE, FUNCTION).
			locFile, line, locErr := in.dbg.Locate(in.Scope(), arg)
			if locErr != nil {
				return fmt.Errorf("list takes a line number, FIRST, LAST or a location (FILE:LINE, FUNCTION): %v", locErr)
			}
			file, n, hasRange = locFile, line, false
		}
		first = max(n-listLines/2, 1)
		last = first + listLines - 1
		if hasRange {
			m, err := strconv.Atoi(strings.TrimSpace(b))
			if err != nil {
				return fmt.Errorf("list takes FIRST, LAST as line numbers, not %q", arg)
			}
			first = max(n, 1)
			if m < n { // pdb: a second number smaller than the first is a count
				m = n + m
			}
			last = m
		}
	}
	last, err := in.listRange(file, first, last)
	if err != nil {
		return err
	}
	in.listNext, in.listFile = last+1, file
	return nil
}

// cmdLongList lists the whole function of the selected frame, or of FUNCTION (any location
// as break takes it).
func (in *Interpreter) cmdLongList(arg string) error {
	var cur stack.Frame
	if arg != "" {
		file, line, err := in.dbg.Locate(in.Scope(), arg)
		if err != nil {
			return fmt.Errorf("longlist takes a function or a location (FILE:LINE): %v", err)
		}
		cur = stack.Frame{File: file, Line: line}
	} else {
		var err error
		if cur, err = in.placeFrame(); err != nil {
			return err
		}
	}
	first, last, ok := source.FuncRange(cur.File, cur.Line)
	if !ok {
		return fmt.Errorf("cannot find the function around %s:%d", cur.File, cur.Line)
	}
	_, err := in.listRange(cur.File, first, last)
	return err
}

// placeFrame is where list and longlist look without an argument: the selected frame; when
// none is (the program exited), the last frame shown, else main.main.
func (in *Interpreter) placeFrame() (stack.Frame, error) {
	if !in.exited && in.stk.Len() > 0 {
		return in.stk.Frame(in.frame), nil
	}
	if in.shown.File != "" {
		return in.shown, nil
	}
	if !in.exited {
		if err := in.needFrames(); err != nil {
			return stack.Frame{}, err
		}
	}
	file, line, err := in.dbg.Locate(in.Scope(), "main.main")
	if err != nil {
		return stack.Frame{}, fmt.Errorf("nothing to list: %v (list LOC lists a location)", err)
	}
	return stack.Frame{Function: "main.main", File: file, Line: line}, nil
}

// listRange prints lines first..last of file, pdb's way: number, B for a breakpoint, -> for the
// current line of the selected frame, >> for the line that panicked. It returns the last line
// it printed (within the file).
func (in *Interpreter) listRange(file string, first, last int) (int, error) {
	src := in.sources.File(file)
	if src.Err != nil {
		return 0, src.Err
	}
	lines := src.Lines
	if first > len(lines) {
		return 0, errors.New("end of file")
	}
	first, last = max(first, 1), min(last, len(lines))
	bpLines := map[int]bool{}
	if bps, err := in.dbg.Breakpoints(); err == nil {
		for _, bp := range bps {
			if bp.File == file {
				bpLines[bp.Line] = true
			}
		}
	}
	curLine, panicLine := 0, 0
	if in.exited || in.stk.Len() == 0 {
		// No frame is selected: no line is current.
	} else if cur := in.stk.Frame(in.frame); cur.File == file {
		curLine = cur.Line
	}
	if in.stk.Len() > 0 && in.frame != 0 && (isPanicStop(in.stop.Kind) || in.stop.Kind == debug.StopFatal) {
		if f := in.stk.Frame(0); f.File == file {
			panicLine = f.Line
		}
	}
	for n := first; n <= last; n++ {
		mark := "  "
		switch n {
		case curLine:
			mark = "->"
		case panicLine:
			mark = ">>"
		}
		bp := " "
		if bpLines[n] {
			bp = "B"
		}
		in.printf("%4d %s%s\t%s\n", n, bp, mark, lines[n-1])
	}
	if first <= last {
		in.listed = stack.Frame{File: file, Line: first + (last-first)/2}
	}
	return last, nil
}

// ---- Stack

// cmdWhere prints the stack. where [-a] shows every frame of a short stack and summarises a
// deep one (a recursion's repetitions as one line, the newest and oldest frames); where -n N
// the newest N frames (-N: the oldest N); where FIRST LAST frames FIRST to LAST.
func (in *Interpreter) cmdWhere(arg string) error {
	fields := strings.Fields(arg)
	all := len(fields) > 0 && fields[0] == "-a"
	if all {
		fields = fields[1:]
	}
	first, last, ranged, err := whereRange(fields)
	if err != nil {
		return err
	}
	if in.exited {
		return errExited
	}
	if all && len(in.stk.All) == 0 && in.gid >= 0 {
		stk, err := stack.Read(in.frames(in.gid), debug.MaxDepth)
		if err != nil {
			return err
		}
		in.stk, in.frame = stk, 0
	}
	if !all {
		if err := in.needFrames(); err != nil {
			return err
		}
	}
	read := in.frames(in.gid)
	if ranged {
		if all {
			return errors.New("where -a lists the whole stack: where FIRST LAST and -n number the frames where shows")
		}
		return in.whereRange(read, first, last)
	}
	if err := in.stk.GrowAll(read); err != nil {
		return err
	}
	n, frame, selected := in.stk.Len(), in.stk.Frame, in.frame
	if all {
		n, selected = len(in.stk.All), -1
		frame = func(d int) stack.Frame { return in.stk.All[d] }
		if in.stk.Len() > 0 {
			selected = in.stk.Depth(in.frame)
		}
	}
	for _, row := range stack.Summary(n, frame, selected) {
		switch {
		case row.Skipped > 0:
			in.printf("   %s\n", row.Text())
		case all:
			in.printFrameLine(in.stk.VisibleIndex(row.Index), in.stk.All[row.Index])
		default:
			in.printFrameLine(row.Index, in.stk.Frame(row.Index))
		}
	}
	in.printNotRead()
	return nil
}

// whereRange reads where's range arguments: -n N (the newest N frames; -N the oldest N) or
// FIRST LAST; first < 0 counts from the oldest frame.
func whereRange(fields []string) (first, last int, ranged bool, err error) {
	usage := fmt.Errorf("where takes -a, -n N or FIRST LAST, not %q", strings.Join(fields, " "))
	switch {
	case len(fields) == 0:
		return 0, 0, false, nil
	case len(fields) == 2 && fields[0] == "-n":
		n, err := strconv.Atoi(fields[1])
		if err != nil || n == 0 {
			return 0, 0, false, fmt.Errorf("where -n takes a count of frames (-N: the oldest N), not %q", fields[1])
		}
		if n < 0 {
			return n, -1, true, nil
		}
		return 0, n - 1, true, nil
	case len(fields) == 2:
		a, errA := strconv.Atoi(fields[0])
		b, errB := strconv.Atoi(fields[1])
		if errA != nil || errB != nil || a < 0 || b < a {
			return 0, 0, false, usage
		}
		return a, b, true, nil
	}
	return 0, 0, false, usage
}

// whereRange prints visible frames first to last, every one; first < 0 counts from the
// oldest frame, as last = -1 does.
func (in *Interpreter) whereRange(read stack.Reader, first, last int) error {
	var err error
	if first < 0 {
		err = in.stk.GrowAll(read)
	} else {
		err = in.stk.Grow(read, last)
	}
	if err != nil {
		return err
	}
	if first < 0 {
		first, last = max(in.stk.Len()+first, 0), in.stk.Len()-1
	}
	if _, err := in.stk.Select(first); err != nil {
		return err
	}
	last = min(last, in.stk.Len()-1)
	for n := first; n <= last; n++ {
		in.printFrameLine(n, in.stk.Frame(n))
	}
	in.printNotRead()
	return nil
}

// printNotRead says when the stack is deeper than the frames pdbgo reads.
func (in *Interpreter) printNotRead() {
	if in.stk.Capped() {
		in.printf("(older frames not read: the stack is deeper than %s frames)\n", stack.Thousands(stack.MaxFrames))
	}
}

// printFrameLine prints one frame of where; n < 0 marks a hidden frame.
func (in *Interpreter) printFrameLine(n int, f stack.Frame) {
	mark := " "
	if n == in.frame && n >= 0 {
		mark = ">"
	}
	num := "  -"
	if n >= 0 {
		num = fmt.Sprintf("%3d", n)
	}
	in.printf("%s%s  %s() %s:%d\n", mark, num, stack.DisplayName(f.Function), f.File, f.Line)
	if n < 0 {
		return // hidden frames (where -a) stay one line each
	}
	if src, ok := in.sources.Line(f.File, f.Line); ok && strings.TrimSpace(src) != "" {
		in.printf("        %s\n", strings.TrimSpace(src))
	}
}

func (in *Interpreter) cmdUp(arg string) error {
	return in.move(arg, true)
}

func (in *Interpreter) cmdDown(arg string) error {
	return in.move(arg, false)
}

// move moves count frames up (older) or down; up reads older frames of a deep stack as far as
// it goes.
func (in *Interpreter) move(arg string, up bool) error {
	count := 1
	if arg != "" {
		n, err := strconv.Atoi(arg)
		if err != nil || n < 1 {
			return fmt.Errorf("a count of frames is a positive number, not %q", arg)
		}
		count = n
	}
	if err := in.needFrames(); err != nil {
		return err
	}
	move := in.stk.Down
	if up {
		if err := in.stk.Grow(in.frames(in.gid), in.frame+count); err != nil {
			return err
		}
		move = in.stk.Up
	}
	n, err := move(in.frame, count)
	if err != nil {
		return err
	}
	in.selectFrame(n)
	return nil
}

func (in *Interpreter) cmdFrame(arg string) error {
	if err := in.needFrames(); err != nil {
		return err
	}
	if arg == "" {
		in.printLocation()
		return nil
	}
	n, err := strconv.Atoi(arg)
	if err != nil {
		return fmt.Errorf("frame takes a frame number, not %q", arg)
	}
	if err := in.SelectFrame(n); err != nil {
		return err
	}
	in.printLocation()
	return nil
}

func (in *Interpreter) selectFrame(n int) {
	in.frame = n
	in.listNext = 0
	in.printLocation()
}

// SelectFrame selects visible frame n without printing (a negative n counts from the oldest
// frame), reading older frames of a deep stack as far as it needs.
func (in *Interpreter) SelectFrame(n int) error {
	if in.stk.Len() == 0 {
		return stack.ErrNoFrames
	}
	read := in.frames(in.gid)
	var err error
	if n < 0 {
		err = in.stk.GrowAll(read)
	} else {
		err = in.stk.Grow(read, n)
	}
	if err != nil {
		return err
	}
	if n, err = in.stk.Select(n); err != nil {
		return err
	}
	in.frame = n
	in.listNext = 0
	return nil
}

// ---- Run

func (in *Interpreter) cmdContinue(string) error { return in.resume(in.dbg.Continue) }
func (in *Interpreter) cmdNext(string) error     { return in.stepFrom(in.dbg.Next) }
func (in *Interpreter) cmdStep(string) error     { return in.stepFrom(in.dbg.Step) }
func (in *Interpreter) cmdReturn(string) error   { return in.stepFrom(in.dbg.StepOut) }

// stepFrom runs a step command from the selected goroutine and frame.
func (in *Interpreter) stepFrom(do func(debug.Scope) (debug.Stop, error)) error {
	if err := in.canStep(); err != nil {
		return err
	}
	sc := in.Scope()
	return in.resume(func() (debug.Stop, error) { return do(sc) })
}

// canStep says why next, step, until and return cannot run: a program dying of a panic or a
// fatal error has no next line (stepping would walk the runtime's code that prints the
// panic and exits), an exited one nothing to step.
func (in *Interpreter) canStep() error {
	if in.exited {
		return errExited
	}
	if !in.dbg.Live() {
		return nil // the debugger says a core dump cannot run
	}
	switch in.stop.Kind {
	case debug.StopPanic:
		return errors.New("the program is dying of an unrecovered panic and cannot step: c lets it die, restart runs it again")
	case debug.StopFatal:
		return errors.New("the program is dying of a fatal error and cannot step: c lets it die, restart runs it again")
	case debug.StopCaught:
		// The panic's next line is wherever a deferred call recovers it, which no step finds.
		return errors.New("the program is stopped as a panic began and cannot step: c lets it run on to its deferred calls (break in the one that recovers to stop there)")
	}
	return in.needFrames()
}

func (in *Interpreter) cmdRetval(string) error {
	if len(in.retval) == 0 {
		return errors.New("no return value yet: return (r) runs to the end of the function and shows it")
	}
	in.printf("%s\n", returnText(in.retval))
	return nil
}

// cmdUntil is pdb's until: run the selected frame until a line after the current one (the
// end of a loop), or until a line at or after LINE, or until the frame returns.
func (in *Interpreter) cmdUntil(arg string) error {
	if err := in.canStep(); err != nil {
		return err
	}
	line := 0
	if arg != "" {
		n, err := strconv.Atoi(arg)
		if err != nil {
			return fmt.Errorf("until takes a line number, not %q", arg)
		}
		if cur := in.stk.Frame(in.frame); n <= cur.Line {
			return fmt.Errorf("line %d is not after the current line %d", n, cur.Line)
		}
		line = n
	}
	sc := in.Scope()
	return in.resume(func() (debug.Stop, error) { return in.dbg.Until(sc, line) })
}

// ---- Breakpoints

func (in *Interpreter) cmdBreak(arg string) error {
	if arg == "" {
		return in.listBreakpoints()
	}
	_, err := in.setBreakpoint(arg, false)
	return err
}

func (in *Interpreter) cmdTbreak(arg string) error {
	if arg == "" {
		return errors.New("usage: tbreak LOC [if COND]")
	}
	_, err := in.setBreakpoint(arg, true)
	return err
}

// SetBreakpoint sets a breakpoint from a "LOC [if COND]" argument and reports it.
func (in *Interpreter) setBreakpoint(arg string, temporary bool) (debug.Breakpoint, error) {
	loc, cond, _ := strings.Cut(arg, " if ")
	loc, cond = strings.TrimSpace(loc), strings.TrimSpace(cond)
	if strings.HasSuffix(loc, " if") {
		return debug.Breakpoint{}, errors.New("a condition is needed after if: LOC if COND")
	}
	if _, err := strconv.Atoi(loc); err == nil && (in.exited || in.stk.Len() == 0) {
		// A line of the current file, and no frame to say which: the file last shown.
		if in.shown.File == "" {
			return debug.Breakpoint{}, fmt.Errorf("no current file for line %s: break FILE:LINE", loc)
		}
		loc = in.shown.File + ":" + loc
	}
	bp, err := in.dbg.SetBreakpoint(in.Scope(), loc, cond)
	if err != nil {
		return bp, err
	}
	kind := "Breakpoint"
	if temporary {
		in.tempBPs[bp.ID] = true
		kind = "Temporary breakpoint"
	}
	in.printf("%s %d at %s:%d\n", kind, bp.ID, bp.File, bp.Line)
	return bp, nil
}

// Break sets a breakpoint from a -b flag or the TUI.
func (in *Interpreter) Break(arg string) error {
	_, err := in.setBreakpoint(arg, false)
	return err
}

func (in *Interpreter) listBreakpoints() error {
	bps, err := in.dbg.Breakpoints()
	if err != nil {
		return err
	}
	if len(bps) == 0 {
		in.printf("No breakpoints.\n")
		return nil
	}
	in.printf("Num Type         Disp Enb   Where\n")
	for _, bp := range bps {
		disp, enb := "keep", "yes"
		if in.tempBPs[bp.ID] {
			disp = "del "
		}
		if bp.Disabled {
			enb = "no "
		}
		in.printf("%-3d breakpoint   %s %s   at %s:%d\n", bp.ID, disp, enb, bp.File, bp.Line)
		if bp.Cond != "" {
			in.printf("\tstop only if %s\n", bp.Cond)
		}
		if bp.IgnoreUntil > bp.Hits {
			in.printf("\twill ignore next %d crossings of breakpoint\n", bp.IgnoreUntil-bp.Hits)
		}
		if bp.Hits > 0 {
			times := "times"
			if bp.Hits == 1 {
				times = "time"
			}
			in.printf("\tbreakpoint already hit %d %s\n", bp.Hits, times)
		}
	}
	return nil
}

func (in *Interpreter) cmdClear(arg string) error {
	bps, err := in.dbg.Breakpoints()
	if err != nil {
		return err
	}
	var ids []int
	switch id, convErr := strconv.Atoi(arg); {
	case arg == "":
		for _, bp := range bps {
			ids = append(ids, bp.ID)
		}
	case convErr == nil:
		ids = []int{id}
	default:
		file, lineText, ok := strings.Cut(arg, ":")
		line, err := strconv.Atoi(lineText)
		if !ok || err != nil {
			return fmt.Errorf("clear takes a breakpoint number or FILE:LINE, not %q", arg)
		}
		for _, bp := range bps {
			if bp.Line == line && (bp.File == file || strings.HasSuffix(bp.File, "/"+filepath.Clean(file))) {
				ids = append(ids, bp.ID)
			}
		}
		if len(ids) == 0 {
			return fmt.Errorf("no breakpoint at %s", arg)
		}
	}
	for _, id := range ids {
		if err := in.dbg.ClearBreakpoint(id); err != nil {
			return err
		}
		delete(in.tempBPs, id)
		in.printf("Deleted breakpoint %d\n", id)
	}
	return nil
}

func (in *Interpreter) cmdDisable(arg string) error {
	return in.amend(arg, "Disabled", func(b *debug.Breakpoint) { b.Disabled = true })
}

func (in *Interpreter) cmdEnable(arg string) error {
	return in.amend(arg, "Enabled", func(b *debug.Breakpoint) { b.Disabled = false })
}

func (in *Interpreter) cmdCondition(arg string) error {
	idText, cond, _ := strings.Cut(arg, " ")
	cond = strings.TrimSpace(cond)
	done := "New condition set for"
	if cond == "" {
		done = "Removed the condition of"
	}
	return in.amend(idText, done, func(b *debug.Breakpoint) { b.Cond = cond })
}

func (in *Interpreter) cmdIgnore(arg string) error {
	idText, countText, _ := strings.Cut(arg, " ")
	count, err := strconv.ParseUint(strings.TrimSpace(countText), 10, 64)
	if err != nil {
		return fmt.Errorf("usage: ignore N COUNT (COUNT a number of crossings, not %q)", strings.TrimSpace(countText))
	}
	id, err := strconv.Atoi(idText)
	if err != nil {
		return fmt.Errorf("a breakpoint number is needed, not %q", idText)
	}
	bp, err := in.dbg.AmendBreakpoint(id, func(b *debug.Breakpoint) {
		b.IgnoreUntil = 0
		if count > 0 {
			b.IgnoreUntil = b.Hits + count
		}
	})
	if err != nil {
		return err
	}
	switch count {
	case 0:
		in.printf("Will stop next time breakpoint %d is reached.\n", bp.ID)
	case 1:
		in.printf("Will ignore next crossing of breakpoint %d.\n", bp.ID)
	default:
		in.printf("Will ignore next %d crossings of breakpoint %d.\n", count, bp.ID)
	}
	return nil
}

func (in *Interpreter) amend(idText, done string, change func(*debug.Breakpoint)) error {
	id, err := strconv.Atoi(strings.TrimSpace(idText))
	if err != nil {
		return fmt.Errorf("a breakpoint number is needed, not %q", idText)
	}
	if _, err := in.dbg.AmendBreakpoint(id, change); err != nil {
		return err
	}
	in.printf("%s breakpoint %d\n", done, id)
	return nil
}

// ---- Goroutines

// cmdGoroutines lists the goroutines, each where it is in the program's own code: first the
// ones that matter (the selected one, the one that crashed, those at a breakpoint), then the
// others by id, a page at a time. Those that run only the runtime's code (the GC's workers,
// the finalizer) are counted, and listed with -a.
func (in *Interpreter) cmdGoroutines(arg string) error {
	o, err := goroutinesOptions(arg)
	if err != nil {
		return err
	}
	if in.exited {
		return errExited
	}
	o.Pinned = in.GoroutinePins()
	list, err := debug.ListGoroutines(in.dbg, o)
	if err != nil {
		return err
	}
	for _, g := range list.Pinned {
		in.printGoroutine(g.Goroutine, g.Why)
	}
	for _, g := range list.Goroutines {
		in.printGoroutine(g, nil)
	}
	if len(list.Pinned)+len(list.Goroutines) == 0 && (o.Status != "" || o.Filter != "") {
		in.printf("No goroutine matches.\n")
	}
	if list.Hidden > 0 {
		in.printf("(%s runtime goroutines not shown: goroutines -a lists them)\n", stack.Thousands(list.Hidden))
	}
	if list.More > 0 {
		more := stack.Thousands(list.More)
		if list.Uncounted {
			more += " or more"
		}
		in.printf("(%s more goroutines: goroutines %d lists the next page, goroutines -all every one)\n", more, list.Page+1)
	}
	return nil
}

// goroutinesOptions reads goroutines' arguments: [-a] [-all] [-s STATUS] [PAGE] [TEXT].
func goroutinesOptions(arg string) (debug.ListOptions, error) {
	var o debug.ListOptions
	var text []string
	fields := strings.Fields(arg)
	for i := 0; i < len(fields); i++ {
		f := fields[i]
		switch {
		case f == "-a":
			o.Runtime = true
		case f == "-all":
			o.All = true
		case f == "-s":
			if i+1 == len(fields) {
				return o, errors.New("goroutines -s takes a status (running, runnable, syscall, sleep, chan receive, select, IO wait)")
			}
			i++
			o.Status = fields[i]
		case strings.HasPrefix(f, "-"):
			return o, fmt.Errorf("goroutines takes -a, -all, -s STATUS, a page number or a text to look for, not %q", f)
		default:
			if n, err := strconv.Atoi(f); err == nil && len(text) == 0 && o.Page == 0 {
				if n < 1 {
					return o, fmt.Errorf("pages of goroutines count from 1, not %d", n)
				}
				o.Page = n
				continue
			}
			text = append(text, f)
		}
	}
	o.Filter = strings.Join(text, " ")
	return o, nil
}

// GoroutinePins are the goroutines every list shows first: the selected one and the one that
// crashed (ListGoroutines adds those at a breakpoint).
func (in *Interpreter) GoroutinePins() []debug.Pin {
	pins := []debug.Pin{{ID: in.gid, Why: "selected"}}
	switch {
	case in.exited || in.stop.GoroutineID < 0:
	case isPanicStop(in.stop.Kind):
		pins = append(pins, debug.Pin{ID: in.stop.GoroutineID, Why: "panicked"})
	case in.stop.Kind == debug.StopFatal:
		pins = append(pins, debug.Pin{ID: in.stop.GoroutineID, Why: "fatal error"})
	case in.stop.Kind == debug.StopTestFailed:
		pins = append(pins, debug.Pin{ID: in.stop.GoroutineID, Why: "test failed"})
	}
	return pins
}

// printGoroutine prints one goroutine where it is in the program's code, its status, where it
// was started and, for a pinned one, why it is listed first ("selected" is the * mark).
func (in *Interpreter) printGoroutine(g debug.Goroutine, why []string) {
	mark := " "
	if g.ID == in.gid {
		mark = "*"
	}
	loc := g.Where()
	in.printf("%s %5d  %s() %s:%d [%s]", mark, g.ID, stack.DisplayName(loc.Function), loc.File, loc.Line, g.Status)
	if at, ok := g.StartedAt(); ok {
		in.printf(" created at %s:%d", filepath.Base(at.File), at.Line)
	}
	if why = slices.DeleteFunc(slices.Clone(why), func(w string) bool { return w == "selected" }); len(why) > 0 {
		in.printf("  (%s)", strings.Join(why, ", "))
	}
	in.printf("\n")
}

func (in *Interpreter) cmdGoroutine(arg string) error {
	if in.exited {
		return errExited
	}
	if arg == "" {
		in.printf("Goroutine %d\n", in.gid)
		return nil
	}
	gid, err := strconv.ParseInt(arg, 10, 64)
	if err != nil {
		return fmt.Errorf("goroutine takes a goroutine id, not %q", arg)
	}
	stk, err := stack.Read(in.frames(gid), debug.MaxDepth)
	if err != nil {
		return fmt.Errorf("no goroutine %d", gid)
	}
	if in.dbg.Live() {
		if err := in.dbg.SwitchGoroutine(gid); err != nil {
			return err
		}
	}
	in.gid, in.stk, in.listNext = gid, stk, 0
	in.frame = in.stk.FirstProgram()
	in.printf("Goroutine %d\n", gid)
	in.printLocation()
	return nil
}

// ---- Session

func (in *Interpreter) cmdRestart(arg string) error {
	var args []string
	if arg != "" {
		args = strings.Fields(arg)
	}
	before, _ := in.dbg.Breakpoints()
	if err := in.dbg.Restart(arg != "", args); err != nil {
		var build *debug.BuildError
		if errors.As(err, &build) {
			in.printf("%s\n", build.Output)
			return errors.New("build failed: the program was not restarted")
		}
		return err
	}
	in.exited = false
	in.sources.Reset() // the program was rebuilt: its files may have changed
	in.printf("Restarted.\n")
	// The breakpoints are kept, but one whose line has no code in the rebuilt program is gone.
	after, _ := in.dbg.Breakpoints()
	kept := map[int]bool{}
	for _, b := range after {
		kept[b.ID] = true
	}
	for _, b := range before {
		if !kept[b.ID] {
			delete(in.tempBPs, b.ID)
			in.printf("Deleted breakpoint %d at %s:%d: the rebuilt program has no code there\n", b.ID, b.File, b.Line)
		}
	}
	return in.resume(in.dbg.Continue)
}

func (in *Interpreter) cmdHelp(arg string) error {
	if arg == "" {
		in.printf("%s", HelpText())
		if len(in.aliases) > 0 {
			in.printf("\nAliases defined (alias):\n")
			for _, n := range sortedNames(in.aliases) {
				in.printf("  %-28s %s\n", n, in.aliases[n])
			}
		}
		return nil
	}
	if body, ok := in.aliases[arg]; ok {
		// The alias, then the command it hides or runs.
		in.printf("%s is an alias: %s = %s\n", arg, arg, body)
		if _, hides := Lookup(arg); !hides {
			if _, runs := Lookup(firstWord(body)); !runs {
				return nil
			}
			arg = firstWord(body)
		}
		in.printf("\n")
	}
	c, ok := Lookup(arg)
	if !ok {
		return fmt.Errorf("no command %q", arg)
	}
	in.printf("%s\n", c.Usage())
	if len(c.Names) > 1 {
		in.printf("Aliases: %s\n", strings.Join(c.Names[1:], ", "))
	}
	in.printf("%s\n", c.Help)
	return nil
}

func (in *Interpreter) cmdQuit(string) error {
	in.quit = true
	return nil
}

func (in *Interpreter) cmdKill(string) error {
	pid := in.dbg.PID()
	if err := in.dbg.Kill(); err != nil {
		return err
	}
	in.quit = true
	in.printf("Killed process %d.\n", pid)
	return nil
}
