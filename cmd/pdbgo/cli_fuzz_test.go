package main

import (
	"io"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pdbgo/pdbgo/internal/session"
)

// FuzzCommandLine runs pdbgo's command line parser on arbitrary arguments, a session never
// started: debugSession records what it was asked to start. The line is a subcommand (or a
// word that is none), the tokens of line (NUL-separated), "--" and the tokens of after; it is
// run again with the tokens of more added. Whatever the arguments:
//   - run does not panic and exits 0, 1 (attach names no process) or 2 (usage);
//   - an error is one line on stderr, "pdbgo: ...", and nothing on stdout; a success prints
//     nothing on stderr and either starts one session, of the subcommand's mode, or prints
//     help, a version or a completion script;
//   - the arguments after "--" reach the program unchanged and in order: the run with more
//     starts the same session with more's tokens added at the end of the program's arguments
//     (go test flags among them renamed -test.NAME, as go test does), whenever the token
//     before "--" is not a flag waiting for its value.
func FuzzCommandLine(f *testing.F) {
	f.Add(uint8(0), "./app", "-port\x008080", "-v")
	f.Add(uint8(0), "--plain\x00-b\x00main.go:14\x00-c\x00where\x00main.go\x00x", "a\x00--\x00b", "c")
	f.Add(uint8(1), "-b\x00main.lookup\x00./bin\x00x", "--\x00-x", "--")
	f.Add(uint8(2), "./internal/store", "-run\x00TestPut\x00-v\x00-count=1", "-bench=.\x00-x")
	f.Add(uint8(2), "--no-stop-on-fail\x00--recovered=./...", "-test.run\x00X", "--run=Y")
	f.Add(uint8(3), "4242", "", "")
	f.Add(uint8(3), "--trace\x00no-such-program", "", "")
	f.Add(uint8(4), "localhost:2345", "", "")
	f.Add(uint8(5), "./bin\x00core", "", "")
	f.Add(uint8(6), "run", "", "")
	f.Add(uint8(7), "--version", "", "")
	f.Add(uint8(8), "bash", "", "")
	f.Add(uint8(0), "--report=json\x00--report-file\x00/tmp/r.json\x00--no-scrub\x00./app", "x", "y")
	f.Add(uint8(0), "--stdin\x00/dev/null\x00--wd\x00/tmp\x00--build-flags=-race\x00--norc\x00main.go\x00util.go", "", "z")
	f.Fuzz(func(t *testing.T, sub uint8, line, after, more string) {
		args := append([]string{subcommands[int(sub)%len(subcommands)]}, tokens(line)...)
		args = append(append(args, "--"), tokens(after)...)
		first := parse(t, args)
		second := parse(t, append(append([]string(nil), args...), tokens(more)...))
		last := args[len(args)-len(tokens(after))-2]
		if first.session == nil || second.session == nil || len(tokens(after)) == 0 ||
			strings.HasPrefix(last, "-") && last != "--" && !strings.Contains(last, "=") {
			return
		}
		a, b := *first.session, *second.session
		added := tokens(more)
		if a.cfg.Mode == session.ModeTest {
			_, added = session.SplitTestArgs(added, 0)
		}
		if !slices.Equal(b.cfg.Args, append(append([]string{}, a.cfg.Args...), added...)) {
			t.Fatalf("%q\nstarts with program arguments %q;\nwith %q added, %q", args, a.cfg.Args, tokens(more), b.cfg.Args)
		}
		b.cfg.Args = a.cfg.Args
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("%q\nstarts %+v;\nwith %q added, %+v", args, a, tokens(more), b)
		}
	})
}

// subcommands are what the first argument is: every subcommand, cobra's own and words that
// name none.
var subcommands = []string{"run", "exec", "test", "attach", "connect", "core", "help", "", "completion", "__complete", "x", "-h"}

// modes are the modes the subcommands start sessions in.
var modes = map[string]session.Mode{"run": session.ModeRun, "exec": session.ModeExec, "test": session.ModeTest,
	"attach": session.ModeAttach, "connect": session.ModeConnect, "core": session.ModeCore}

// tokens splits s at NULs; "" is no token.
func tokens(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\x00")
}

// started is a session debugSession was asked to start.
type started struct {
	opts options
	cfg  session.Config
}

// parsed is what one run of the command line did.
type parsed struct {
	status         int
	stdout, stderr string
	session        *started
}

// parse runs pdbgo with args, debugSession recording the session instead of starting it, and
// checks what every command line must do.
func parse(t *testing.T, args []string) parsed {
	t.Helper()
	var p parsed
	calls := 0
	start := debugSession
	defer func() { debugSession = start }()
	debugSession = func(opts options, cfg session.Config) error {
		calls++
		p.session = &started{opts, cfg}
		return nil
	}
	p.stdout, p.stderr = captured(t, func() { p.status = run(args) })
	switch {
	case p.status != exitOK && p.status != exitError && p.status != exitUsage:
		t.Fatalf("%q: exit status %d", args, p.status)
	case calls > 1:
		t.Fatalf("%q: %d sessions started", args, calls)
	case p.status != exitOK && (p.stdout != "" || !strings.HasPrefix(p.stderr, "pdbgo: ") || strings.Count(p.stderr, "\n") != 1 || !strings.HasSuffix(p.stderr, "\n")):
		t.Fatalf("%q: exit status %d, not one line on stderr:\nstdout %q\nstderr %q", args, p.status, p.stdout, p.stderr)
	case p.status == exitOK && p.stderr != "" && !strings.HasPrefix(args[0], "__complete"): // the shells' protocol says things there
		t.Fatalf("%q: exit status 0 with stderr %q", args, p.stderr)
	case p.status == exitOK && calls == 0 && p.stdout == "":
		t.Fatalf("%q: exit status 0, no session, nothing printed", args)
	case calls == 1 && (p.stdout != "" || p.status != exitOK):
		t.Fatalf("%q: a session and exit status %d, stdout %q", args, p.status, p.stdout)
	case calls == 1 && modes[args[0]] != p.session.cfg.Mode:
		t.Fatalf("%q: started a session of mode %d", args, p.session.cfg.Mode)
	}
	return p
}

// captured runs do with os.Stdout and os.Stderr going to files, and returns what was written
// to each.
func captured(t *testing.T, do func()) (stdout, stderr string) {
	t.Helper()
	dir := t.TempDir()
	files := [2]*os.File{}
	for i := range files {
		f, err := os.CreateTemp(dir, "out")
		if err != nil {
			t.Fatal(err)
		}
		files[i] = f
	}
	saved := [2]*os.File{os.Stdout, os.Stderr}
	os.Stdout, os.Stderr = files[0], files[1]
	defer func() { os.Stdout, os.Stderr = saved[0], saved[1] }()
	do()
	var out [2]string
	for i, f := range files {
		_, _ = f.Seek(0, io.SeekStart)
		b, _ := io.ReadAll(f)
		f.Close()
		out[i] = string(b)
	}
	return out[0], out[1]
}
