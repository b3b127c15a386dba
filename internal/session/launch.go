package session

import (
	"fmt"
	"os"
	"slices"

	"github.com/go-delve/delve/service/api"
	"github.com/go-delve/delve/service/debugger"
)

// launch is how the session's Delve was started, kept for restart.
type launch struct {
	args []string        // the program and its arguments
	cfg  debugger.Config // as asked for: a launch stays a launch here
	// handedOff: pdbgo started the program itself and Delve attached to it (handOff). Delve
	// then treats it as attached: it cannot restart it and would leave it running on detach,
	// so pdbgo restarts and kills it itself.
	handedOff bool
	// ownRestart: Delve cannot restart the program (handed off, or its output goes to files
	// Delve was given, as on Windows with a terminal): pdbgo does (relaunch).
	ownRestart bool
	stdin      string // the file the program reads, given again when Delve restarts it with new arguments
}

// startDelve starts Delve in-process on the program (called directly, see directClient): a
// program to run is started by pdbgo and handed to Delve's attach where handOff says so, else
// launched by Delve.
func (s *Session) startDelve(args []string, cfg debugger.Config) error {
	s.launch = launch{args: args, cfg: cfg}
	run := cfg.AttachPid == 0 && cfg.CoreFile == "" && cfg.ExecuteKind != debugger.ExecutingOther
	if run && s.term != nil {
		if err := s.term.redirect(&cfg); err != nil {
			return err
		}
	}
	if run && cfg.TTY == "" && cfg.Stdin == "" {
		// Without a terminal of its own the program reads nothing, on every system (Delve's
		// Windows launch would give it pdbgo's console; its macOS one, debugserver's).
		cfg.Stdin = os.DevNull
	}
	s.launch.stdin = cfg.Stdin
	if run && handOff {
		pid, err := startStopped(args, cfg.WorkingDir, cfg.TTY, cfg.Stdin)
		if err != nil {
			return err
		}
		// From here a failure must not leave the stopped program behind: close kills s.pid.
		s.pid, s.launch.handedOff = pid, true
		cfg.AttachPid, cfg.ExecuteKind = pid, debugger.ExecutingOther
	}
	s.launch.ownRestart = s.launch.handedOff || cfg.Stdout.File != nil || cfg.Stderr.File != nil
	client, err := newDirectClient(args, cfg)
	if err != nil {
		s.killHandedOff()
		return err
	}
	s.client = client
	s.client.SetReturnValuesLoadConfig(returnLoad)
	return nil
}

// killHandedOff kills and reaps a program pdbgo started and handed to Delve.
func (s *Session) killHandedOff() {
	if s.launch.handedOff && s.pid > 0 {
		killProcessGroup(s.pid)
		reap(s.pid)
	}
}

// relaunch restarts a handed-off program, as Delve's Restart does for a program it launched:
// the old process is killed, a new one started and attached, and the user's breakpoints set
// again (same ids, conditions, states; hit counts start from zero).
func (s *Session) relaunch(newArgs bool, args []string) error {
	bps, err := s.client.ListBreakpoints(false)
	if err != nil {
		return cleanError(err)
	}
	bps = slices.DeleteFunc(bps, func(bp *api.Breakpoint) bool { return bp.ID <= 0 })
	slices.SortFunc(bps, func(a, b *api.Breakpoint) int { return a.ID - b.ID })

	_ = s.client.Detach(true) // the program is stopped: Delve lets go of every thread, then kills it
	s.killHandedOff()         // and its process group; reaped
	s.pid = 0
	procArgs := s.launch.args
	if newArgs {
		procArgs = append([]string{procArgs[0]}, args...)
	}
	if err := s.startDelve(procArgs, s.launch.cfg); err != nil {
		return fmt.Errorf("cannot start the program: %v", err)
	}
	s.pid = s.client.ProcessPid()
	for _, bp := range bps {
		req := &api.Breakpoint{ID: bp.ID, Name: bp.Name, Cond: bp.Cond, HitCond: bp.HitCond, HitCondPerG: bp.HitCondPerG,
			Tracepoint: bp.Tracepoint, TraceReturn: bp.TraceReturn, Goroutine: bp.Goroutine,
			Stacktrace: bp.Stacktrace, Variables: bp.Variables, LoadArgs: bp.LoadArgs, LoadLocals: bp.LoadLocals}
		// Where it was asked for (pdbgo's break LOC), found again in the new binary; else the
		// file and line it was at. A line gone from the new source loses its breakpoint, as
		// with Delve's restart.
		created, err := s.client.CreateBreakpointWithExpr(req, bp.ExprString, nil, false)
		if bp.ExprString == "" || err != nil {
			req.File, req.Line = bp.File, bp.Line
			if req.File == "" {
				req.FunctionName = bp.FunctionName
			}
			created, err = s.client.CreateBreakpoint(req)
		}
		if err == nil && bp.Disabled { // Delve creates breakpoints enabled
			created.Disabled = true
			_ = s.client.AmendBreakpoint(created)
		}
	}
	return nil
}
