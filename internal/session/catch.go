package session

import (
	"errors"
	"fmt"
	"strings"

	"github.com/go-delve/delve/service/api"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/stack"
)

// Catching panics that something recovers. A net/http server recovers a handler's panic and
// logs one line; Delve's unrecovered-panic breakpoint (runtime.fatalpanic) never fires. Every
// panic begins in runtime.gopanic, whose argument e is the value: a breakpoint there stops each
// one in the goroutine that panicked, before any deferred call has run, with the frame that
// raised it below the runtime's. The package patterns are checked at the stop (Delve cannot
// tell a caller's package in a condition): a panic raised elsewhere (encoding/json panics and
// recovers for its own errors) passes.
const (
	bpCatch = "pdbgoCatchPanic"
	catchID = exitWatchID + 2
)

// caughtNote follows a caught panic's message.
const caughtNote = "[pdbgo: caught as the panic began (catch recovered): c lets it run on, to a recover or not]"

// catchSetting is what CatchPanics was told.
type catchSetting struct {
	on       bool
	patterns []stack.PackagePattern
}

// CatchPanics stops every panic as it begins, or only unrecovered ones again (on false). It
// works at any time, after the program exited too (see SetBreakpoint).
func (s *Session) CatchPanics(on bool, patterns []string) error {
	switch {
	case s.cfg.Mode == ModeCore:
		return errors.New("a core dump cannot run: catch needs a live process")
	case !s.exitWatched:
		return errors.New("catch works on programs pdbgo runs or attaches to, not a remote server's")
	}
	set := catchSetting{on: on}
	for _, p := range patterns {
		if p != "" {
			set.patterns = append(set.patterns, stack.NewPackagePattern(p))
		}
	}
	if !on {
		s.mu.Lock()
		s.catch = set
		s.mu.Unlock()
		if _, err := s.client.GetBreakpoint(catchID); err == nil {
			if _, err := s.client.ClearBreakpoint(catchID); err != nil && !exited(err) {
				return cleanError(err)
			}
		}
		return nil
	}
	if _, err := s.client.GetBreakpoint(catchID); err != nil {
		if err := s.withProcess(s.setCatch); err != nil {
			return fmt.Errorf("cannot catch panics: %v", cleanError(err))
		}
	}
	s.mu.Lock()
	s.catch = set
	s.mu.Unlock()
	return nil
}

// setCatch sets the breakpoint that catches panics: in runtime.gopanic just after its call of
// (*_panic).start, where the panic is the goroutine's newest _panic record with its value in
// memory (at gopanic's entry the value is still in registers, and Delve 1.27 misreads the
// interface there: "error loading module data"); gopanic's entry when that call is not found.
func (s *Session) setCatch() error {
	req := &api.Breakpoint{ID: catchID, Name: bpCatch, FunctionName: "runtime.gopanic"}
	if pc, ok := s.panicStarted(); ok {
		req.FunctionName, req.Addr = "", pc
	}
	bp, err := s.client.CreateBreakpoint(req)
	if err == nil {
		s.catchAtStart = bp.Addr == req.Addr && req.Addr != 0
	}
	return err
}

// panicStarted is the address of the instruction after runtime.gopanic's call of
// runtime.(*_panic).start.
func (s *Session) panicStarted() (uint64, bool) {
	sc := api.EvalScope{GoroutineID: -1}
	locs, _, err := s.client.FindLocation(sc, "runtime.gopanic", false, nil)
	if err != nil || len(locs) == 0 {
		return 0, false
	}
	code, err := s.client.DisassemblePC(sc, locs[0].PC, api.IntelFlavour)
	if err != nil {
		return 0, false
	}
	for i, in := range code {
		if in.DestLoc != nil && in.DestLoc.Function != nil && in.DestLoc.Function.Name() == "runtime.(*_panic).start" && i+1 < len(code) {
			return code[i+1].Loc.PC, true
		}
	}
	return 0, false
}

// rearmCatch sets the catch breakpoint again in a program started again: its address was the
// old binary's.
func (s *Session) rearmCatch() {
	s.mu.Lock()
	on := s.catch.on
	s.mu.Unlock()
	if !on {
		return
	}
	_, _ = s.client.ClearBreakpoint(catchID)
	_ = s.setCatch()
}

// Catching reports what CatchPanics set.
func (s *Session) Catching() (bool, []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var patterns []string
	for _, p := range s.catch.patterns {
		patterns = append(patterns, p.String())
	}
	return s.catch.on, patterns
}

// catchDepth is how many frames are read to find where a caught panic was raised.
const catchDepth = 32

// caughtPanic explains a stop at runtime.gopanic: a StopCaught showing the panic as Go would
// print it, or a pass when it was raised outside the packages asked for (or catching is off).
func (s *Session) caughtPanic(stop *debug.Stop) {
	stop.Kind = stopPass
	s.mu.Lock()
	set := s.catch
	s.mu.Unlock()
	gid := stop.GoroutineID
	if !set.on || gid <= 0 {
		return
	}
	frames, err := s.Stacktrace(gid, 0, catchDepth)
	if err != nil {
		return
	}
	site := stack.PanicSite(frames)
	if site < 0 {
		return
	}
	if len(set.patterns) > 0 {
		pkg, match := frames[site].Package(), false
		for _, p := range set.patterns {
			match = match || p.Match(pkg)
		}
		if !match {
			return
		}
	}
	chain := s.panicChainFrom(gid, "runtime.curg._panic", "runtime.curg._panic")
	if !s.catchAtStart {
		// At gopanic's entry the panic is not linked yet: its value is the argument e, and
		// the records are the panics it was raised during (by a deferred call).
		v, err := s.client.EvalVariable(api.EvalScope{GoroutineID: gid}, "e", panicLoad)
		if err != nil {
			return
		}
		raised := panicRecord{arg: toValue(v)}
		s.readData(gid, &raised)
		chain = append([]panicRecord{raised}, chain...)
	}
	if len(chain) == 0 {
		return
	}
	s.markUnconverted(chain)
	stop.Kind = debug.StopCaught
	stop.Message = strings.Join([]string{s.formatPanics(chain) + s.signalLine(gid), caughtNote}, "\n")
}
