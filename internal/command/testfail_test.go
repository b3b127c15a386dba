package command_test

import (
	"bytes"
	"testing"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/session"
)

// testTranscript runs the tests of fixture package fixture (pdbgo test) with testArgs to their
// first stop, then types the commands.
func testTranscript(t *testing.T, cfg session.Config, commands ...string) string {
	t.Helper()
	cfg.Mode = session.ModeTest
	sess := startSession(t, cfg)
	var out bytes.Buffer
	in := command.New(sess, &out)
	in.Begin()
	for _, c := range commands {
		out.WriteString("(pdbgo) " + c + "\n")
		in.Execute(c)
		if in.Quit() {
			break
		}
	}
	endFixture(t, sess)
	return out.String()
}

func failingTests(run string) session.Config {
	return session.Config{Packages: []string{"./testdata/failing"}, Args: []string{"-test.run", run}}
}

// TestStopOnTestFailure: t.Errorf stops in the test, on the failing line, with Go's message;
// c goes on to the next failure of the same test, then to the end.
func TestStopOnTestFailure(t *testing.T) {
	out := testTranscript(t, failingTests("^TestFields$"), "locals", "where", "c", "c")
	expect(t, out,
		`^--- FAIL: TestFields: fields_test.go:13: Fields\("a,b,"\) = 3, want 2\n> .*/testdata/failing/fields_test.go:13 github.com/pdbgo/pdbgo/internal/command/testdata/failing\.TestFields\(\)$`,
		`^-> \t\tt\.Errorf\("Fields\(%q\) = %d, want 2", in, len\(got\)\)$`,
		`^in = "a,b,"$`,
		`^got = \[\]string len: 3, cap: 3, \["a","b",""\]$`,
		// The testing package's frames are hidden, as the runtime's are for a panic.
		`^>  0  .*failing\.TestFields\(\) .*fields_test.go:13$`,
		`^   1  testing\.tRunner\(\) `,
		// A message of two lines, as Go prints it.
		`^--- FAIL: TestFields: fields_test.go:16: first field "a", want "x"\n        second line\n> .*fields_test.go:16 `,
		`^The program exited with status 1\.$`,
	)
	absent(t, out, `testing\.\(\*common\)\.Fail`, `Errorf\(\) `)
}

// TestStopOnTestFailureKinds: Fatalf, a helper (its caller's line), subtests, parallel tests,
// FailNow; a FailNow after an Error does not stop again; a test that panics stops at its panic
// only.
func TestStopOnTestFailureKinds(t *testing.T) {
	out := testTranscript(t, failingTests("^(TestFatal|TestHelper|TestSubtests|TestParallel|TestFailNow|TestFailThenFatal|TestPasses|TestPanics)$"),
		"p count", "c", "where", "c", "p n", "c", "p upper", "c", "c", "c", "where")
	expect(t, out,
		`^--- FAIL: TestFatal: fields_test.go:24: count = 7\n> .*fields_test.go:24 .*failing\.TestFatal\(\)$`,
		`^7$`,
		// The helper's caller is selected, the helper is the newer frame.
		`^--- FAIL: TestHelper: fields_test.go:39: len = 3, want 2\n> .*fields_test.go:39 .*failing\.TestHelper\(\)$`,
		`^   0  .*failing\.checkLen\(\) .*fields_test.go:33$`,
		`^>  1  .*failing\.TestHelper\(\) .*fields_test.go:39$`,
		`^--- FAIL: TestSubtests/a,b: fields_test.go:47: a,b: 2 fields\n> .*fields_test.go:47 .*failing\.TestSubtests\.func1\(\)$`,
		`^2$`,
		`^--- FAIL: TestParallel/beta: fields_test.go:59: beta fails\n> .*fields_test.go:59 `,
		`^"BETA"$`,
		`^--- FAIL: TestFailNow: fields_test.go:68: \(FailNow\)\n> .*fields_test.go:68 `,
		`^--- FAIL: TestFailThenFatal: fields_test.go:73: first\n`,
		`^panic: assignment to entry in nil map`,
		`^>  0  .*failing\.TestPanics\(\) .*fields_test.go:85$`,
	)
	absent(t, out, `TestPasses`, `fields_test.go:74`)
}

// TestNoStopOnFail: with NoStopOnFail (--no-stop-on-fail) failing tests run to the end.
func TestNoStopOnFail(t *testing.T) {
	cfg := failingTests("^(TestFields|TestFatal)$")
	cfg.NoStopOnFail = true
	out := testTranscript(t, cfg)
	expect(t, out, `^The program exited with status 1\.$`)
	absent(t, out, `--- FAIL: TestFields:`)
}

// TestStopOnTestFailureVerbose: with -v the testing package prints a failure's message at once
// (it is in the program's output just above the stop); pdbgo names the line.
func TestStopOnTestFailureVerbose(t *testing.T) {
	cfg := failingTests("^TestHelper$")
	cfg.Args = append(cfg.Args, "-test.v")
	out := testTranscript(t, cfg, "c")
	expect(t, out,
		`^--- FAIL: TestHelper: fields_test.go:39 \(the message is in the test's output above\)\n> .*fields_test.go:39 .*failing\.TestHelper\(\)$`,
		`^The program exited with status 1\.$`,
	)
}

// TestNextOverAFailure: next over a line that fails the test stops at the failure, on that
// line; next again goes on to the next line.
func TestNextOverAFailure(t *testing.T) {
	cfg := failingTests("^TestFields$")
	cfg.Mode = session.ModeTest
	sess := startSession(t, cfg)
	var out bytes.Buffer
	in := command.New(sess, &out)
	if err := in.Break("fields_test.go:12"); err != nil {
		t.Fatal(err)
	}
	in.Begin()
	for _, c := range []string{"next", "next", "next"} {
		out.WriteString("(pdbgo) " + c + "\n")
		in.Execute(c)
	}
	expect(t, out.String(),
		`^Breakpoint 1\n> .*fields_test.go:12 `,
		`^\(pdbgo\) next\n> .*fields_test.go:13 `,
		`^\(pdbgo\) next\n--- FAIL: TestFields: fields_test.go:13: Fields\("a,b,"\) = 3, want 2\n> .*fields_test.go:13 `,
		`^\(pdbgo\) next\n> .*fields_test.go:15 `,
	)
}

// TestAnonymousStructReadsAsGoWritesIt: a table-driven test's case, an anonymous struct, has
// the type Go's source gives it (struct { in string; want int }), not Delve's name with the
// package path on every unexported field.
func TestAnonymousStructReadsAsGoWritesIt(t *testing.T) {
	out := testTranscript(t, failingTests("^TestTable$"), "p tc", "whatis tc", "whatis cases")
	expect(t, out,
		`^--- FAIL: TestTable: fields_test.go:\d+: Fields\("a,,b"\) has 3 fields, want 2$`,
		`^struct \{ in string; want int \} \{in: "a,,b", want: 2\}$`,
		`^struct \{ in string; want int \}$`,
		`^\[\]struct \{ in string; want int \}$`,
	)
	absent(t, out, `failing\.in`)
}
