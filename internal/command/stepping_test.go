package command_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/session"
)

// live is an interpreter over a fixture under real Delve, driven one command at a time, for
// tests whose next command depends on what the last one printed (a goroutine's id).
type live struct {
	t    *testing.T
	sess *session.Session
	in   *command.Interpreter
	out  bytes.Buffer
	all  bytes.Buffer // every command and its output, for failure messages
}

func startLive(t *testing.T, cfg session.Config, breaks ...string) *live {
	t.Helper()
	sess := startSession(t, cfg)
	l := &live{t: t, sess: sess}
	l.in = command.New(sess, &l.out)
	for _, b := range breaks {
		if err := l.in.Break(b); err != nil {
			t.Fatalf("break %s: %v", b, err)
		}
	}
	l.in.Begin()
	l.take()
	return l
}

func startFixture(t *testing.T, fixture string, breaks ...string) *live {
	t.Helper()
	return startLive(t, runConfig("./testdata/"+fixture), breaks...)
}

// take returns what was printed since the last take.
func (l *live) take() string {
	s := l.out.String()
	l.out.Reset()
	l.all.WriteString(s)
	return s
}

// do runs one command and returns what it printed.
func (l *live) do(cmd string) string {
	l.all.WriteString("(pdbgo) " + cmd + "\n")
	l.in.Execute(cmd)
	return l.take()
}

// expect checks that every pattern matches a line of out, showing the whole session if not.
func (l *live) expect(out string, patterns ...string) {
	l.t.Helper()
	for _, p := range patterns {
		if !regexp.MustCompile("(?m)" + p).MatchString(out) {
			l.t.Errorf("no line matches %q in:\n%s\nsession:\n%s", p, out, l.all.String())
		}
	}
}

func (l *live) absent(out string, patterns ...string) {
	l.t.Helper()
	for _, p := range patterns {
		if regexp.MustCompile("(?m)" + p).MatchString(out) {
			l.t.Errorf("a line matches %q in:\n%s\nsession:\n%s", p, out, l.all.String())
		}
	}
}

// TestNextAfterUpStepsTheCaller: after up, next runs to the caller's next line, as pdb's
// set_next(curframe), not to the callee's; return after up returns from the caller.
func TestNextAfterUpStepsTheCaller(t *testing.T) {
	out := transcriptWith(t, "frames", []string{"leaf"}, "up", "n", "where", "up", "r", "n", "up", "up")
	expect(t, out,
		`^\(pdbgo\) n\n> .*/frames/main.go:11 main\.middle\(\)\n-> \ty := x \+ 1$`,
		`^>  0  main\.middle\(\) .*main.go:11$`,
		`^\(pdbgo\) r\n--Return-- 2\n> .*/frames/main.go:23 main\.main\(\)$`,
		`^\(pdbgo\) n\n> .*/frames/main.go:22 main\.main\(\)$`,
	)
	absent(t, out, `main.go:6 main\.leaf\(\)`)
}

// TestNextOnAGoroutineBlockedInTheRuntime: a goroutine parked in <-ch is stepped from its own
// frame: next runs out of the runtime's frames and stops at the goroutine's next line. Main
// sleeps half a second before each job, so that the worker's steps end before main reaches
// its breakpoint again, even on a loaded machine.
func TestNextOnAGoroutineBlockedInTheRuntime(t *testing.T) {
	l := startFixture(t, "chanwait", "main.go:21")
	out := l.do("goroutines")
	m := regexp.MustCompile(`(?m)^ +(\d+)  main\.worker\(\)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no worker goroutine in:\n%s", out)
	}
	l.expect(l.do("goroutine "+m[1]), `^> .*/chanwait/main.go:10 main\.worker\(\)$`)
	out = l.do("n")
	l.expect(out, `^> .*/chanwait/main.go:11 main\.worker\(\)$`, `^-> \t\tdone <- v \* 2$`)
	l.absent(out, `runtime\.`, `Breakpoint 1`)
	l.expect(l.do("p v"), `^1$`)
	l.expect(l.do("n"), `^> .*/chanwait/main.go:10 main\.worker\(\)$`)
	// Blocked in <-jobs again; main, running on, reaches breakpoint 1 before it sends: that
	// stop wins, as a breakpoint does in pdb, and the step is abandoned.
	l.expect(l.do("n"), `^Breakpoint 1\n> .*/chanwait/main.go:21 main\.main\(\)$`)
	// Stepping goes on from there (Delve would say "next while nexting").
	out = l.do("n")
	l.expect(out, `^> .*/chanwait/main.go:22 main\.main\(\)$`)
	l.absent(out, `\*\*\*`)
	// main sent the second job: the worker is about to receive it (line 10) or, if it ran
	// meanwhile, waits to hand the result over (line 11).
	out = l.do("goroutine " + m[1])
	l.expect(out, `^> .*/chanwait/main.go:1[01] main\.worker\(\)$`)
	if strings.Contains(out, "main.go:10 ") {
		l.expect(l.do("n"), `^> .*/chanwait/main.go:11 main\.worker\(\)$`)
	}
	l.expect(l.do("p v"), `^2$`)
	l.expect(l.do("where"), `^>  0  main\.worker\(\)`)
}

// startRunning starts a fixture that runs until halted and halts it after a while, as Ctrl-C
// does. On a loaded machine the halt can come before the program ran its first instruction
// (it stops at the entry point, with no goroutine): it is then run and halted again.
func startRunning(t *testing.T, fixture string) *live {
	t.Helper()
	sess := startSession(t, runConfig("./testdata/"+fixture))
	l := &live{t: t, sess: sess}
	l.in = command.New(sess, &l.out)
	run := l.in.Begin
	for range 5 {
		done := make(chan struct{})
		go func() {
			defer close(done)
			run()
		}()
		time.Sleep(300 * time.Millisecond)
		for !sess.Running() {
			time.Sleep(10 * time.Millisecond)
		}
		if err := sess.Halt(); err != nil {
			t.Fatalf("halt: %v", err)
		}
		<-done
		if strings.Contains(l.out.String(), "/"+fixture+"/main.go:") {
			break
		}
		l.out.Reset()
		run = func() { l.in.Execute("continue") }
	}
	return l
}

// TestNextAfterHaltInASyscall: Ctrl-C stops the program inside a system call; the program's
// frame is selected, and next steps that frame, not syscall.RawSyscall6.
func TestNextAfterHaltInASyscall(t *testing.T) {
	l := startRunning(t, "syscall")
	l.expect(l.take(), `^Program stopped\.$`, `^> .*/syscall/main.go:8 main\.main\(\)$`)
	out := l.do("n")
	l.expect(out, `^> .*/syscall/main.go:9 main\.main\(\)$`, `^-> \t\tticks = add\(ticks, 1\)$`)
	l.absent(out, `syscall\.`, `runtime`)
	l.expect(l.do("n"), `^> .*/syscall/main.go:8 main\.main\(\)$`)
}

// TestStepOverHiddenFunctions: step does not stop in the runtime's functions (runtime.Gosched
// is exported, and Delve steps into it) nor in a function whose source is not on the machine:
// it steps over them to the next line, as pdb steps over what it cannot show.
func TestStepOverHiddenFunctions(t *testing.T) {
	out := transcriptWith(t, "stepover", []string{"main.go:10"}, "s", "s")
	expect(t, out,
		`^\(pdbgo\) s\n> .*/stepover/main.go:11 main\.main\(\)$`,
		`^\(pdbgo\) s\n> .*/stepover/main.go:15 main\.double\(\)$`,
	)
	absent(t, out, `^> .*/src/runtime/`)

	// A package whose source was removed after the build.
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/nosource\n\ngo 1.22\n")
	write("lib/lib.go", "package lib\n\nfunc Double(x int) int {\n\treturn x * 2\n}\n")
	write("main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/nosource/lib\"\n)\n\nfunc main() {\n\tn := lib.Double(3)\n\tfmt.Println(n)\n}\n")
	build := exec.Command("go", "build", "-gcflags=all=-N -l", "-o", "prog", ".")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	if err := os.RemoveAll(filepath.Join(dir, "lib")); err != nil {
		t.Fatal(err)
	}
	l := startLive(t, session.Config{Mode: session.ModeExec, Binary: filepath.Join(dir, "prog")}, filepath.Join(dir, "main.go")+":10")
	out = l.do("s")
	l.expect(out, `^> .*/main.go:11 main\.main\(\)$`)
	l.absent(out, `lib\.Double`)
}

// TestSteppingAPanickingProgram: at an unrecovered panic next, step, until and return say in
// one line that the program is dying and do nothing (they used to walk runtime.fatalpanic,
// reprinting the panic line, until the traceback printed); c lets it die.
func TestSteppingAPanickingProgram(t *testing.T) {
	out := transcript(t, "index", "n", "s", "until", "r", "where", "c")
	for _, cmd := range []string{"n", "s", "until", "r"} {
		expect(t, out, `^\(pdbgo\) `+cmd+`\n\*\*\* the program is dying of an unrecovered panic and cannot step: c lets it die, restart runs it again\n\(pdbgo\) `)
	}
	expect(t, out,
		`^>  0  main\.pick\(\) .*/index/main.go:6$`,
		`^The program exited with status 2\.$`,
	)
	if n := strings.Count(out, "\n> /"); n != 1 {
		t.Errorf("the stop was shown %d times, want once:\n%s", n, out)
	}
}

// TestFailingConditionShowsTheStop: a breakpoint whose condition cannot be evaluated stops
// the program (Delve's choice) and pdbgo shows that stop like any other, then the condition's
// error; where and p agree on the new stop.
func TestFailingConditionShowsTheStop(t *testing.T) {
	out := transcriptWith(t, "conds", []string{"visit if xs[1] == 2"}, "where", "p name", "c", "p name")
	expect(t, out,
		`^Breakpoint 1\n> .*/conds/main.go:13 main\.visit\(\)\n-> func visit\(name string, xs \[\]int\) int \{\n\*\*\* the condition of breakpoint 1 \(xs\[1\] == 2\) could not be evaluated: index out of bounds$`,
		`^>  0  main\.visit\(\) .*/conds/main.go:13\n.*\n   1  main\.main\(\) .*/conds/main.go:22$`,
		`^\(pdbgo\) p name\n"one"$`,
		// The second call has xs[1] == 2: an ordinary stop.
		`^\(pdbgo\) c\nBreakpoint 1\n> .*/conds/main.go:13 main\.visit\(\)\n.*\n\(pdbgo\) p name\n"two"$`,
	)
}

// TestConditionCheckedWhenSet: a condition that can never work (a name the function does not
// have, a function call) is refused when the breakpoint is set, with the reason; one that can
// is accepted, builtins, conversions, package-level names and selectors included.
func TestConditionCheckedWhenSet(t *testing.T) {
	out := transcriptWith(t, "conds", []string{"main.go:22"},
		"b visit if nosuch == 1",
		"b visit if nosuch.field == 1",
		"b visit if len(name) == 3 && name != \"one\"",
		"b main.go:14 if sum > limit",
		"b visit if double(sum) == 2",
		"b visit if strings.ToUpper(name) == \"ONE\"",
		"b visit if name.Len() == 3",
		"b visit if xs[0] ==",
		"b main.go:18 if int64(len(xs)) == 2 && main.limit > 0",
		"condition 2 nosuch > 0",
		"condition 2 sum > 1",
		"b",
	)
	expect(t, out,
		`^\*\*\* cannot set a breakpoint at visit: the condition "nosuch == 1" cannot work in main\.visit: nosuch is not a variable there nor a package-level name of main$`,
		`^\*\*\* cannot set a breakpoint at visit: the condition "nosuch\.field == 1" cannot work in main\.visit: nosuch is not a variable there nor a package of the program$`,
		`^Breakpoint 2 at .*/conds/main.go:13$`,
		`^Breakpoint 3 at .*/conds/main.go:14$`,
		`^\*\*\* cannot set a breakpoint at visit: the condition "double\(sum\) == 2" cannot work in main\.visit: it calls double, and a condition is evaluated without running the program's code \(p can call functions at a stop\)$`,
		`^\*\*\* cannot set a breakpoint at visit: the condition "strings\.ToUpper\(name\) == \\"ONE\\"" cannot work in main\.visit: it calls strings\.ToUpper, `,
		`^\*\*\* cannot set a breakpoint at visit: the condition "name\.Len\(\) == 3" cannot work in main\.visit: it calls the method Len, `,
		`^\*\*\* cannot set a breakpoint at visit: the condition "xs\[0\] ==" is not a Go expression: `,
		`^Breakpoint 4 at .*/conds/main.go:18$`,
		`^\(pdbgo\) condition 2 nosuch > 0\n\*\*\* the condition "nosuch > 0" cannot work in main\.visit: nosuch is not a variable there`,
		`^New condition set for breakpoint 2$`,
		`^\tstop only if sum > 1$`,
	)
	absent(t, out, `^Breakpoint 5 `)
}
