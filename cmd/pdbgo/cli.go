package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pdbgo/pdbgo/internal/session"
	"github.com/pdbgo/pdbgo/internal/value"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // pdbgo could not do what was asked
	exitUsage = 2 // the command line was wrong
)

// options are the flags shared by the subcommands that start a session.
type options struct {
	breaks     []string
	commands   []string
	plain      bool
	buildFlags string
	workDir    string
	stdin      string
	norc       bool

	report     string // "", "text" or "json": write a crash report, no prompt (report.go)
	reportFile string
	noScrub    bool

	noStopOnFail bool     // test: a failing test does not stop
	recovered    []string // package patterns whose panics stop as they begin (catch recovered)
}

func version() string {
	v := "devel"
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	return v
}

// errUsage marks a command-line mistake (exit status 2).
type errUsage struct{ error }

func run(args []string) int {
	var opts options
	var traceAttach bool
	root := &cobra.Command{
		Use:   "pdbgo",
		Short: "A pdb-style debugger for Go: stop where it panicked, walk the stack, print locals",
		Long: `pdbgo runs a Go program under Delve. When it panics, pdbgo stops in the frame that
panicked (not in the runtime) and takes pdb's commands: where, up, down, locals, args,
p EXPR, list, break, next, step, continue. "help" at its prompt lists them all.`,
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate("pdbgo version {{.Version}}\n")
	root.SetArgs(args)

	sessionFlags := func(c *cobra.Command) {
		f := c.Flags()
		f.SetInterspersed(false)
		f.StringArrayVarP(&opts.breaks, "break", "b", nil, "set a breakpoint at `LOC` before the program starts (repeatable)")
		f.StringArrayVarP(&opts.commands, "command", "c", nil, "run `CMD` at the first stop, as python -m pdb -c (repeatable)")
		f.BoolVar(&opts.plain, "plain", false, "use the line mode even on a terminal")
		f.StringVar(&opts.buildFlags, "build-flags", "", "extra `FLAGS` for go build")
		f.StringVar(&opts.workDir, "wd", "", "working `DIR` of the program")
		f.StringVar(&opts.stdin, "stdin", "", "`FILE` the program reads as its standard input (line mode; pdbgo reads commands from its own)")
		f.BoolVar(&opts.norc, "norc", false, "do not read ~/.config/pdbgo/pdbgorc and ./.pdbgorc")
		f.StringVar(&opts.report, "report", "", "run with no prompt and write a crash report (`FORMAT` text, json or sentry) on a panic")
		f.Lookup("report").NoOptDefVal = "text"
		f.StringVar(&opts.reportFile, "report-file", "", "write the crash report to `PATH` instead of stdout")
		f.BoolVar(&opts.noScrub, "no-scrub", false, "keep values of secret-looking names in crash reports")
		f.StringSliceVar(&opts.recovered, "recovered", nil, "stop at every panic as it begins, recovered later or not; =`PATTERNS` keeps to those packages (as catch recovered)")
		f.Lookup("recovered").NoOptDefVal = "..."
	}

	runCmd := &cobra.Command{
		Use:   "run [flags] PKG [ARGS...] [-- ARGS...]",
		Short: "Build a main package and debug it",
		Long: `Build a main package (a package path, a directory or .go files, as go run takes them)
with optimizations off and run it under the debugger. Arguments after the package, or after --,
go to the program.`,
		Example: "  pdbgo run ./cmd/server -- -port 8080\n  pdbgo run main.go",
		RunE: func(c *cobra.Command, args []string) error {
			pkgs, progArgs := session.SplitPackages(args, c.ArgsLenAtDash())
			return debugSession(opts, session.Config{Mode: session.ModeRun, Packages: pkgs, Args: progArgs})
		},
	}
	execCmd := &cobra.Command{
		Use:   "exec [flags] BINARY [ARGS...] [-- ARGS...]",
		Short: "Debug an existing binary (build it with -gcflags=all='-N -l' for locals)",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			before, after := session.SplitDash(args[1:], -1)
			progArgs := append(before, after...)
			return debugSession(opts, session.Config{Mode: session.ModeExec, Binary: args[0], Args: progArgs})
		},
	}
	testCmd := &cobra.Command{
		Use:     "test [flags] [PKG] [-- TESTFLAGS...]",
		Short:   "Debug a package's tests; a panicking test stops like a program",
		Example: "  pdbgo test ./internal/store -- -run TestPut -v",
		RunE: func(c *cobra.Command, args []string) error {
			pkgs, testArgs := session.SplitTestArgs(args, c.ArgsLenAtDash())
			return debugSession(opts, session.Config{Mode: session.ModeTest, Packages: pkgs, Args: testArgs})
		},
	}
	attachCmd := &cobra.Command{
		Use:   "attach [flags] PID|NAME",
		Short: "Stop a running process where it is; quitting detaches and leaves it running",
		Long: `Stop a running process where it is and debug it; quitting detaches and leaves it running
(kill ends it). The process is named by its id, or by its program's name when exactly one
process runs it.`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			pid, err := strconv.Atoi(args[0])
			if err != nil {
				if pid, err = session.FindProcess(args[0]); err != nil {
					return err
				}
			}
			if traceAttach {
				return debugSession(traceOptions(opts), session.Config{Mode: session.ModeAttach, PID: pid, Trace: true})
			}
			return debugSession(opts, session.Config{Mode: session.ModeAttach, PID: pid})
		},
	}
	attachCmd.Flags().BoolVar(&traceAttach, "trace", false, "started by the trace package: run the process into its trap (trace.go)")
	_ = attachCmd.Flags().MarkHidden("trace")
	connectCmd := &cobra.Command{
		Use:   "connect [flags] HOST:PORT",
		Short: "Drive a headless Delve server (dlv --headless --api-version=2)",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return debugSession(opts, session.Config{Mode: session.ModeConnect, Addr: args[0]})
		},
	}
	coreCmd := &cobra.Command{
		Use:   "core [flags] EXECUTABLE COREFILE",
		Short: "Open a core dump and land on the frame that panicked",
		Args:  cobra.ExactArgs(2),
		RunE: func(c *cobra.Command, args []string) error {
			return debugSession(opts, session.Config{Mode: session.ModeCore, Binary: args[0], CoreFile: args[1]})
		},
	}
	for _, c := range []*cobra.Command{runCmd, execCmd, testCmd, attachCmd, connectCmd, coreCmd} {
		sessionFlags(c)
		c.Args = wrapArgs(c.Args)
		root.AddCommand(c)
	}
	testCmd.Flags().BoolVar(&opts.noStopOnFail, "no-stop-on-fail", false, "let failing tests (t.Error, t.Fatal...) run on: stop only on a panic")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return errUsage{err} })
	// pdbgo with an argument that names no subcommand: cobra's own check, as a usage error.
	root.Args = func(c *cobra.Command, args []string) error {
		if len(args) > 0 {
			return errUsage{fmt.Errorf("unknown command %q for %q", args[0], c.Name())}
		}
		return nil
	}
	root.RunE = func(c *cobra.Command, args []string) error { return c.Help() }

	err := root.Execute()
	var exit exitStatus
	switch {
	case err == nil || errors.As(err, &exit) && exit == 0:
		return exitOK
	case errors.As(err, &exit):
		return int(exit)
	}
	fmt.Fprintf(os.Stderr, "pdbgo: %s\n", value.Printable(strings.TrimSpace(err.Error()))) // one line, whatever was typed
	var usage errUsage
	if errors.As(err, &usage) {
		return exitUsage
	}
	return exitError
}

// exitStatus ends pdbgo with a status after it has said what it had to.
type exitStatus int

func (e exitStatus) Error() string { return "exit status " + strconv.Itoa(int(e)) }

// wrapArgs makes argument-count errors usage errors.
func wrapArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	if check == nil {
		return nil
	}
	return func(c *cobra.Command, args []string) error {
		if err := check(c, args); err != nil {
			return errUsage{fmt.Errorf("%s: %v (usage: pdbgo %s)", c.Name(), err, c.Use)}
		}
		return nil
	}
}
