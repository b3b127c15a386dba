package session

import (
	"errors"
	"fmt"
	"sort"

	"github.com/go-delve/delve/service/api"

	"github.com/pdbgo/pdbgo/internal/debug"
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
// frame's file, function name), with an optional condition.
func (s *Session) SetBreakpoint(sc debug.Scope, loc, cond string) (debug.Breakpoint, error) {
	locs, _, err := s.client.FindLocation(evalScope(sc), loc, true, nil)
	if err != nil {
		return debug.Breakpoint{}, fmt.Errorf("cannot set a breakpoint at %s: %v", loc, cleanError(err))
	}
	if len(locs) == 0 {
		return debug.Breakpoint{}, fmt.Errorf("cannot set a breakpoint at %s: no such location", loc)
	}
	l := locs[0]
	req := &api.Breakpoint{Cond: cond, Addr: l.PC, Addrs: l.PCs, AddrPid: l.PCPids}
	bp, err := s.client.CreateBreakpointWithExpr(req, loc, nil, false)
	if err != nil {
		return debug.Breakpoint{}, fmt.Errorf("cannot set a breakpoint at %s: %v", loc, cleanError(err))
	}
	return toBreakpoint(bp), nil
}

// Locate finds the file and line of a location as break takes it (FILE:LINE, LINE in the
// frame's file, FUNCTION).
func (s *Session) Locate(sc debug.Scope, loc string) (string, int, error) {
	locs, _, err := s.client.FindLocation(evalScope(sc), loc, false, nil)
	if err != nil {
		return "", 0, cleanError(err)
	}
	if len(locs) == 0 || locs[0].File == "" {
		return "", 0, fmt.Errorf("%s: no such location", loc)
	}
	return locs[0].File, locs[0].Line, nil
}

// Breakpoints lists the user's breakpoints by id.
func (s *Session) Breakpoints() ([]debug.Breakpoint, error) {
	bps, err := s.client.ListBreakpoints(false)
	if err != nil {
		return nil, cleanError(err)
	}
	var out []debug.Breakpoint
	for _, bp := range bps {
		if bp.ID > 0 {
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

// AmendBreakpoint changes a breakpoint's condition or state.
func (s *Session) AmendBreakpoint(id int, change func(*debug.Breakpoint)) (debug.Breakpoint, error) {
	bp, err := s.client.GetBreakpoint(id)
	if err != nil || bp.ID <= 0 {
		return debug.Breakpoint{}, fmt.Errorf("no breakpoint %d", id)
	}
	b := toBreakpoint(bp)
	change(&b)
	bp.Cond = b.Cond
	bp.Disabled = b.Disabled
	bp.HitCond = ""
	if b.IgnoreUntil > 0 {
		bp.HitCond = fmt.Sprintf("> %d", b.IgnoreUntil)
	}
	if err := s.client.AmendBreakpoint(bp); err != nil {
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
	var err error
	if newArgs {
		_, err = s.client.RestartFrom(false, "", true, args, [3]string{}, false)
	} else {
		_, err = s.client.Restart(false)
	}
	if err != nil {
		return cleanError(err)
	}
	s.pid = s.client.ProcessPid()
	return nil
}
