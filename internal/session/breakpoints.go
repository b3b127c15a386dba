package session

import (
	"debug/buildinfo"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/go-delve/delve/pkg/locspec"
	"github.com/go-delve/delve/service/api"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/stack"
)

func toBreakpoint(bp *api.Breakpoint) debug.Breakpoint {
	return debug.Breakpoint{
		ID:          bp.ID,
		Function:    bp.FunctionName,
		File:        bp.File,
		Line:        bp.Line,
		Cond:        bp.Cond,
		Hits:        bp.TotalHitCount,
		Disabled:    bp.Disabled,
		IgnoreUntil: ignoreUntil(bp.HitCond),
	}
}

// ignoreUntil reads back the "> N" hit condition that IgnoreUntil sets.
func ignoreUntil(hitCond string) uint64 {
	var n uint64
	if _, err := fmt.Sscanf(hitCond, "> %d", &n); err != nil {
		return 0
	}
	return n
}

// SetBreakpoint sets a breakpoint at a location Delve understands (file:line, line in the
// frame's file, function name), with an optional condition. It works at any time: after the
// program exited, the program is started again (stopped at its entry point) for Delve to find
// the location, and the breakpoint takes effect when restart runs it.
func (s *Session) SetBreakpoint(sc debug.Scope, loc, cond string) (debug.Breakpoint, error) {
	var bp *api.Breakpoint
	err := s.withProcess(func() error {
		l, expr, err := s.findLocation(sc, loc, true)
		if err != nil {
			return err
		}
		if l.Function != nil {
			if err := s.checkCondition(l.PC, l.Function.Name(), cond); err != nil {
				return err
			}
		}
		last := s.lastBreakpointID
		req := &api.Breakpoint{ID: s.nextBreakpointID(), Cond: cond, Addr: l.PC, Addrs: l.PCs, AddrPid: l.PCPids}
		bp, err = s.client.CreateBreakpointWithExpr(req, expr, nil, false)
		if err != nil {
			s.lastBreakpointID = last // the number goes to the next breakpoint set, as in pdb
			if old := s.userBreakpointAt(l.PC); old != nil {
				return fmt.Errorf("breakpoint %d is already there (%s:%d); condition %d COND sets its condition", old.ID, filepath.Base(old.File), old.Line, old.ID)
			}
		}
		return err
	})
	if err != nil {
		return debug.Breakpoint{}, fmt.Errorf("cannot set a breakpoint at %s: %v", loc, cleanError(err))
	}
	return toBreakpoint(bp), nil
}

// userBreakpointAt returns the user's breakpoint at address pc, if there is one: Delve keeps
// one breakpoint an address.
func (s *Session) userBreakpointAt(pc uint64) *api.Breakpoint {
	bps, err := s.client.ListBreakpoints(false)
	if err != nil {
		return nil
	}
	for _, bp := range bps {
		if bp.ID > 0 && !isOwnBreakpoint(bp) && (bp.Addr == pc || slices.Contains(bp.Addrs, pc)) {
			return bp
		}
	}
	return nil
}

// Locate finds the file and line of a location as break takes it (FILE:LINE, LINE in the
// frame's file, FUNCTION), at any time, as SetBreakpoint does.
func (s *Session) Locate(sc debug.Scope, loc string) (string, int, error) {
	var l api.Location
	err := s.withProcess(func() error {
		var err error
		l, _, err = s.findLocation(sc, loc, false)
		return err
	})
	if err != nil {
		return "", 0, cleanError(err)
	}
	if l.File == "" {
		return "", 0, fmt.Errorf("%s: no such location", loc)
	}
	return l.File, l.Line, nil
}

// findLocation resolves loc to one location, preferring the program's own files and functions
// when loc names several (decode.go is also encoding/json's). expr is what the breakpoint
// keeps to be found again when the program is started again: loc itself, or its file and line
// when loc is relative to the selected frame (a line number, +N).
func (s *Session) findLocation(sc debug.Scope, loc string, instructions bool) (l api.Location, expr string, err error) {
	// A generic function's name as pdbgo shows it (main.Mean[...]) or as Delve does
	// (main.Mean[go.shape.int]) is found by its name alone.
	loc = stack.WithoutTypeArgs(loc)
	locs, _, err := s.client.FindLocation(evalScope(sc), loc, instructions, nil)
	if err != nil && strings.Contains(err.Error(), " ambiguous: ") {
		own, candidates := s.ownCandidates(loc, err)
		if len(own) != 1 {
			if len(own) > 1 {
				candidates = own
			}
			return l, "", fmt.Errorf("%s is ambiguous: %s (give more of the path or the package)", loc, strings.Join(candidates, ", "))
		}
		loc = own[0] + lineSuffix(loc)
		locs, _, err = s.client.FindLocation(evalScope(sc), loc, instructions, nil)
	}
	if err != nil {
		return l, "", err
	}
	if len(locs) == 0 {
		return l, "", errors.New("no such location")
	}
	l, expr = locs[0], loc
	if spec, err := locspec.Parse(loc); err == nil {
		switch spec.(type) {
		case *locspec.LineLocationSpec, *locspec.OffsetLocationSpec:
			expr = fmt.Sprintf("%s:%d", l.File, l.Line)
		}
	}
	return l, expr, nil
}

// lineSuffix is the ":N" that ends a location, if any.
func lineSuffix(loc string) string {
	if i := strings.LastIndexByte(loc, ':'); i >= 0 {
		if _, err := strconv.Atoi(loc[i+1:]); err == nil {
			return loc[i:]
		}
	}
	return ""
}

// ownCandidates lists what an ambiguous location could mean (every source file of that name,
// or the functions Delve names) and which of them are the program's own: files outside
// GOROOT, the module cache and vendor directories; functions of package main or the main
// module.
func (s *Session) ownCandidates(loc string, ambiguous error) (own, all []string) {
	base := strings.TrimSuffix(loc, lineSuffix(loc))
	if strings.HasSuffix(base, ".go") {
		all, _ = s.client.ListSources("(^|/)" + regexp.QuoteMeta(strings.TrimPrefix(base, "/")) + "$")
	}
	if len(all) == 0 {
		_, list, _ := strings.Cut(ambiguous.Error(), " ambiguous: ")
		for _, c := range strings.Split(strings.TrimSuffix(list, "…"), ", ") {
			if c = strings.TrimSpace(c); c != "" {
				all = append(all, c)
			}
		}
	}
	goroot := s.goroot()
	module := s.mainModule()
	for _, c := range all {
		if strings.HasSuffix(c, ".go") {
			if stack.IsOwnFile(c, goroot) {
				own = append(own, c)
			}
			continue
		}
		if stack.IsOwnFunction(c, module) {
			own = append(own, c)
		}
	}
	return own, all
}

// goroot is where the program's standard library sources are, as its binary records them.
func (s *Session) goroot() string {
	files, err := s.client.ListSources("/src/runtime/proc\\.go$")
	if err != nil || len(files) == 0 {
		return ""
	}
	return strings.TrimSuffix(files[0], "/src/runtime/proc.go")
}

// mainModule is the module path of the program's main package, "" when its binary does not
// say.
func (s *Session) mainModule() string {
	bin := s.binary
	if bin == "" {
		bin = s.cfg.Binary
	}
	info, err := buildinfo.ReadFile(bin)
	if err != nil {
		return ""
	}
	return info.Main.Path
}

// withProcess runs do; when it fails because the program has exited and the session can start
// it again, it starts the program again, stopped at its entry point, and runs do once more.
// pdb lets breakpoints be set and source listed at any time: Delve finds locations only
// through a live process, and keeps its breakpoints across a restart.
func (s *Session) withProcess(do func() error) error {
	err := do()
	if err == nil || !exited(err) {
		return err
	}
	switch s.cfg.Mode {
	case ModeAttach, ModeCore:
		return err
	}
	if rerr := s.restartProcess(false, nil); rerr != nil {
		return err
	}
	return do()
}

// exited reports whether err is Delve saying the process has exited.
func exited(err error) bool {
	_, ok := exitStatusOf(err.Error())
	return ok
}

// Breakpoints lists the user's breakpoints by id.
func (s *Session) Breakpoints() ([]debug.Breakpoint, error) {
	bps, err := s.client.ListBreakpoints(false)
	if err != nil {
		return nil, cleanError(err)
	}
	var out []debug.Breakpoint
	for _, bp := range bps {
		if bp.ID > 0 && !isOwnBreakpoint(bp) {
			out = append(out, toBreakpoint(bp))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// ClearBreakpoint deletes a breakpoint.
func (s *Session) ClearBreakpoint(id int) error {
	_, err := s.client.ClearBreakpoint(id)
	if err != nil {
		return fmt.Errorf("no breakpoint %d", id)
	}
	return nil
}

// AmendBreakpoint changes a breakpoint's condition or state, at any time (see SetBreakpoint:
// enabling one after the program exited starts the program again, stopped at its entry).
func (s *Session) AmendBreakpoint(id int, change func(*debug.Breakpoint)) (debug.Breakpoint, error) {
	bp, err := s.client.GetBreakpoint(id)
	if err != nil || bp.ID <= 0 {
		return debug.Breakpoint{}, fmt.Errorf("no breakpoint %d", id)
	}
	b := toBreakpoint(bp)
	change(&b)
	if b.Cond != bp.Cond {
		if err := s.checkCondition(bp.Addr, bp.FunctionName, b.Cond); err != nil {
			return debug.Breakpoint{}, err
		}
	}
	bp.Cond = b.Cond
	bp.Disabled = b.Disabled
	bp.HitCond = ""
	if b.IgnoreUntil > 0 {
		bp.HitCond = fmt.Sprintf("> %d", b.IgnoreUntil)
	}
	// Delve enables the breakpoint before it finds it cannot be set in a process that has
	// exited: amending again once the program is started again succeeds.
	if err := s.withProcess(func() error { return s.client.AmendBreakpoint(bp) }); err != nil {
		return debug.Breakpoint{}, cleanError(err)
	}
	return b, nil
}

// Restart starts the program again from the beginning, keeping breakpoints; args replaces
// its arguments when newArgs is true. A program pdbgo built is built again first, as pdb
// reads the source again: a build error leaves the current process as it was.
func (s *Session) Restart(newArgs bool, args []string) error {
	switch s.cfg.Mode {
	case ModeAttach:
		return errors.New("cannot restart a process pdbgo attached to")
	case ModeCore:
		return errors.New("cannot restart a core dump")
	case ModeRun, ModeTest:
		if err := s.rebuild(); err != nil {
			return err
		}
	}
	return s.restartProcess(newArgs, args)
}

// restartProcess starts the program again, stopped at its entry point. Delve keeps the
// breakpoints (their conditions too) and counts their hits from zero; a breakpoint told to
// ignore its next crossings (ignore N COUNT) ignores the ones it had left.
func (s *Session) restartProcess(newArgs bool, args []string) error {
	before, _ := s.Breakpoints()
	var err error
	switch {
	case s.launch.ownRestart:
		err = s.relaunch(newArgs, args) // Delve refuses to restart it
	case newArgs:
		_, err = s.client.RestartFrom(false, "", true, args, [3]string{s.launch.stdin}, false)
	default:
		_, err = s.client.Restart(false)
	}
	if err != nil {
		return cleanError(err)
	}
	s.pid = s.client.ProcessPid()
	s.forgetFrames()
	s.seen, s.anchor = nil, nil // a new run: its stops are counted from zero
	s.rearmCatch()
	for _, b := range before {
		if b.IgnoreUntil == 0 {
			continue
		}
		left := uint64(0)
		if b.IgnoreUntil > b.Hits {
			left = b.IgnoreUntil - b.Hits
		}
		_, _ = s.AmendBreakpoint(b.ID, func(nb *debug.Breakpoint) { nb.IgnoreUntil = left })
	}
	return nil
}
