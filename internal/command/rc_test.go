package command_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/pdbgo/pdbgo/internal/command"
)

// TestAliasesAsPdb types pdb's own alias test (Lib/test/test_pdb.py, test_pdb_alias_command)
// and the cases where pdbgo differs (an alias expanded once in a line, ";;" before the alias's
// arguments) at a real program stopped at its panic: pick(xs []int, at int) with xs of
// length 3 and at 3.
func TestAliasesAsPdb(t *testing.T) {
	out := transcript(t, "index",
		"alias pi",
		"alias pl p len(%1)",
		"alias ps pl xs",
		"alias ps",
		"pl xs",
		"ps",
		"alias myp p %2",
		"alias myp",
		"alias myp p %1",
		"myp",
		"myp at",
		"myp at xs",
		`alias repeat_second_arg p "%* %2"`,
		"repeat_second_arg 1 2 3",
		// An alias hides the command of its name, and is expanded once: no endless loop.
		"alias where where -n 1",
		"where",
		"alias loop p 7 ;; loop",
		"loop",
		// ";;" in an alias is its own; in a typed line it ends the alias's arguments.
		"alias both p at ;; p len(xs)",
		"both ;; p at*10",
		"alias",
		"help myp",
		"unalias pl",
		"pl xs",
		"unalias pl",
		"alias alias p 1",
		"ps",
		"q",
	)
	want := []string{
		"(pdbgo) alias pi\n*** unknown alias \"pi\": alias lists the aliases\n",
		"(pdbgo) alias ps\nps = pl xs\n",
		"(pdbgo) pl xs\n3\n",
		"(pdbgo) ps\n3\n",
		"(pdbgo) alias myp p %2\n*** replaceable parameters must be consecutive: %2 without %1 (%* takes every argument)\n",
		"(pdbgo) alias myp\n*** unknown alias \"myp\"",
		"(pdbgo) myp\n*** not enough arguments for alias myp (myp = p %1)\n",
		"(pdbgo) myp at\n3\n",
		"(pdbgo) myp at xs\n*** too many arguments for alias myp (myp = p %1)\n",
		"(pdbgo) repeat_second_arg 1 2 3\n\"1 2 3 2\"\n",
		"(pdbgo) where\n>  0  main.pick() ",
		"(pdbgo) loop\n7\n*** unknown command \"loop\"",
		"(pdbgo) both ;; p at*10\n3\n3\n30\n",
		"(pdbgo) alias\nboth = p at ;; p len(xs)\nloop = p 7 ;; loop\nmyp = p %1\npl = p len(%1)\nps = pl xs\nrepeat_second_arg = p \"%* %2\"\nwhere = where -n 1\n(pdbgo)",
		"(pdbgo) help myp\nmyp is an alias: myp = p %1\n\np EXPR\n",
		"(pdbgo) unalias pl\n(pdbgo) pl xs\n*** unknown command \"pl xs\"",
		"(pdbgo) unalias pl\n*** unknown alias \"pl\"",
		"(pdbgo) alias alias p 1\n*** alias and unalias cannot be aliased",
		"(pdbgo) ps\n*** unknown command \"pl xs\"",
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("transcript lacks %q", w)
		}
	}
	// where -n 1 shows one frame: the alias ran, and the command under it.
	if _, after, _ := strings.Cut(out, "(pdbgo) where\n"); strings.Contains(strings.SplitN(after, "(pdbgo)", 2)[0], "main.sumEvery") {
		t.Error("where ran without the alias's -n 1")
	}
	if t.Failed() {
		t.Logf("transcript:\n%s", out)
	}
}

// TestAliasRepeatsAsTyped: an empty line after an alias runs the alias again, not its
// expansion (which, for an alias hiding its command, would be expanded once more).
func TestAliasRepeatsAsTyped(t *testing.T) {
	in, _, out := atPanic(t)
	got := typed(in, out, "alias where where -n 1", "where", "")
	if strings.Contains(got, "***") || strings.Count(got, ">  0  main.lookup()") != 2 || strings.Contains(got, "main.total") {
		t.Errorf("where, then an empty line:\n%s", got)
	}
}

// TestAliasesCannotMultiplyALine: each alias is expanded once in a line, but aliases that
// each name two others double the commands a line runs at every level (16 levels ran 131,071
// commands in 4 s, 30 would run for hours). A line runs command.MaxLineCommands at most.
func TestAliasesCannotMultiplyALine(t *testing.T) {
	in, _, out := atPanic(t)
	typed(in, out, "alias a0 whatis slot", "alias b0 whatis slot")
	for i := 1; i <= 16; i++ {
		typed(in, out, fmt.Sprintf("alias a%d whatis slot;;a%d;;b%d", i, i-1, i-1), fmt.Sprintf("alias b%d whatis slot;;a%d;;b%d", i, i-1, i-1))
	}
	got := typed(in, out, "a16")
	if n := strings.Count(got, "\n"); n != command.MaxLineCommands+1 || !strings.HasSuffix(got, "*** the line runs more than 1000 commands through its aliases: the rest were not run\n") {
		t.Errorf("a16 printed %d lines, ending %q", n, got[max(len(got)-200, 0):])
	}
}

// writeRC writes an rc file with mode perm (the umask does not apply).
func writeRC(t *testing.T, path, text string, perm os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, perm); err != nil {
		t.Fatal(err)
	}
}

// rcHome makes a user config directory (XDG_CONFIG_HOME) and a current directory for ReadRC,
// and returns the paths of the user's rc file and of the current directory.
func rcHome(t *testing.T) (userRC, cwd string) {
	t.Helper()
	config, cwd := t.TempDir(), t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	t.Chdir(cwd)
	return filepath.Join(config, "pdbgo", "pdbgorc"), cwd
}

func TestReadRC(t *testing.T) {
	userRC, _ := rcHome(t)
	long := strings.Repeat("x", command.MaxLine+1)
	writeRC(t, userRC, "# my aliases\nalias pl p len(%1)\n\n   where -n 1   \n"+long+"\nargs", 0o600)
	writeRC(t, command.LocalRC, "locals\r\n#\n", 0o644)
	got := command.ReadRC(false)
	want := []command.RCLine{
		{File: userRC, Line: 2, Text: "alias pl p len(%1)"},
		{File: userRC, Line: 4, Text: "where -n 1"},
		{File: userRC, Line: 5, Err: "the line is longer than 1024 KiB: it was not run"},
		{File: userRC, Line: 6, Text: "args"},
		{File: ".pdbgorc", Line: 1, Text: "locals"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadRC:\n got %+v\nwant %+v", got, want)
	}
	if got := command.ReadRC(true); got != nil {
		t.Errorf("--norc read %+v", got)
	}
}

// TestReadRCHome: without XDG_CONFIG_HOME the user's file is under ~/.config.
func TestReadRCHome(t *testing.T) {
	_, cwd := rcHome(t)
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("HOME", cwd)
	writeRC(t, filepath.Join(cwd, ".config", "pdbgo", "pdbgorc"), "where\n", 0o644)
	want := []command.RCLine{{File: filepath.Join(cwd, ".config/pdbgo/pdbgorc"), Line: 1, Text: "where"}}
	if got := command.ReadRC(false); !reflect.DeepEqual(got, want) {
		t.Errorf("ReadRC = %+v, want %+v", got, want)
	}
}

// TestReadRCTrust: the current directory's file is read only when it is the user's own and
// no one else can write to it; the user's own file once, even when both names lead to it.
func TestReadRCTrust(t *testing.T) {
	userRC, cwd := rcHome(t)
	notRead := func(why string) []command.RCLine {
		return []command.RCLine{{File: ".pdbgorc", Err: "not read: " + why}}
	}
	for _, c := range []struct {
		name string
		perm os.FileMode
		want []command.RCLine
	}{
		{"own", 0o644, []command.RCLine{{File: ".pdbgorc", Line: 1, Text: "where"}}},
		{"own, read-only", 0o400, []command.RCLine{{File: ".pdbgorc", Line: 1, Text: "where"}}},
		{"group-writable", 0o664, notRead("others can write to it (-rw-rw-r--; chmod go-w fixes that)")},
		{"world-writable", 0o646, notRead("others can write to it (-rw-r--rw-; chmod go-w fixes that)")},
	} {
		writeRC(t, command.LocalRC, "where\n", c.perm)
		if got := command.ReadRC(false); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: ReadRC = %+v, want %+v", c.name, got, c.want)
		}
	}

	if os.Getuid() == 0 {
		// Root can give the file away: one that belongs to another user is not read.
		writeRC(t, command.LocalRC, "where\n", 0o644)
		if err := os.Chown(command.LocalRC, 65534, 65534); err != nil {
			t.Fatal(err)
		}
		if got, want := command.ReadRC(false), notRead("it belongs to uid 65534, not to you (uid 0)"); !reflect.DeepEqual(got, want) {
			t.Errorf("another user's file: ReadRC = %+v, want %+v", got, want)
		}
	} else {
		t.Log("not root: the case of a file that belongs to another user is not run")
	}

	os.Remove(command.LocalRC)
	if err := os.Mkdir(command.LocalRC, 0o755); err != nil {
		t.Fatal(err)
	}
	if got, want := command.ReadRC(false), notRead("not a regular file"); !reflect.DeepEqual(got, want) {
		t.Errorf("a directory: ReadRC = %+v, want %+v", got, want)
	}

	os.Remove(command.LocalRC)
	writeRC(t, userRC, "args\n", 0o644)
	if err := os.Symlink(userRC, filepath.Join(cwd, command.LocalRC)); err != nil {
		t.Fatal(err)
	}
	if got, want := command.ReadRC(false), []command.RCLine{{File: userRC, Line: 1, Text: "args"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("both names lead to one file: ReadRC = %+v, want %+v", got, want)
	}
}

// TestRCAtTheFirstStop: a real program, pdbgorc files read from disk, run at the first stop
// before the -c commands and what is typed; an error names its file and line and the rest
// runs; aliases defined there are there for the session.
func TestRCAtTheFirstStop(t *testing.T) {
	sess := startSession(t, runConfig("./testdata/index"))
	fixture, err := filepath.Abs("testdata/index/main.go")
	if err != nil {
		t.Fatal(err)
	}
	userRC, _ := rcHome(t) // after the build, which needs the module's directory
	writeRC(t, userRC, "# aliases\nalias pl p len(%1)\nalias ctx where -n 1 ;; args\n\nwher\npl xs\n", 0o644)
	writeRC(t, command.LocalRC, "ctx\npl\np at * 2\n", 0o600)

	var out bytes.Buffer
	in := command.New(sess, &out)
	if err := in.Start(command.BeginRun, nil, command.ReadRC(false)...); err != nil {
		t.Fatal(err)
	}
	in.Run([]string{"p at"}, strings.NewReader("pl xs\n\n"), false)
	got := out.String()
	want := "panic: runtime error: index out of range [3] with length 3\n" +
		"> " + fixture + ":6 main.pick()\n" +
		"-> \treturn xs[at]\n" +
		// The user's file, then the current directory's.
		"*** " + userRC + ":5: unknown command \"wher\": help lists the commands, p EXPR prints a value\n" +
		"3\n" +
		">  0  main.pick() " + fixture + ":6\n" +
		"        return xs[at]\n" +
		"xs = []int len: 3, cap: 3, [3,5,8]\n" +
		"at = 3\n" +
		"*** .pdbgorc:2: not enough arguments for alias pl (pl = p len(%1))\n" +
		"6\n" +
		// Then -c, then what is typed; an empty line repeats what was typed, not an rc command.
		"(pdbgo) p at\n3\n" +
		"(pdbgo) 3\n" +
		"(pdbgo) 3\n" +
		"(pdbgo) \n"
	if got != want {
		t.Errorf("transcript:\n got %q\nwant %q", got, want)
	}
	if t.Failed() {
		t.Logf("transcript:\n%s", got)
	}
}
