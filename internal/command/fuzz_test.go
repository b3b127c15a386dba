package command_test

import (
	"bytes"
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/debug/debugtest"
	"github.com/pdbgo/pdbgo/internal/stack"
	"github.com/pdbgo/pdbgo/internal/value"
)

// FuzzInterpreter types arbitrary lines into an interpreter stopped at the fake debugger's
// panic: first a command of the table (cmd) with numbers (a, b) in one of the shapes commands
// take them (numberLine: the fuzzer mutates numbers best as numbers), then every line of input
// (up to maxLines); the debugger's methods chosen by faults fail with an error of two lines.
// Whatever is typed:
//   - the interpreter does not panic;
//   - an error shows as one line: the second line of the debugger's errors never shows;
//   - what one line prints is bounded: 72 KiB per command of the line (pp prints up to
//     64 KiB; with aliases defined, a line runs up to command.MaxLineCommands) and 5 KiB per
//     display shown at each stop, and 8 bytes per byte typed so far (what echoes the input,
//     quoted);
//   - the output is valid UTF-8 when the input is;
//   - afterwards, unless a command quit, with the debugger working again, goroutine 1 and
//     where show the program's three frames in order: the interpreter's state still holds.
func FuzzInterpreter(f *testing.F) {
	for _, seed := range interpreterSeeds() {
		f.Add(seed, uint32(0), uint8(0), int64(1), int64(2), uint8(0))
	}
	for shape := range uint8(16) { // numbers at the ends of int64, where arithmetic overflows
		f.Add("", uint32(0), shape*7, int64(math.MaxInt64), int64(math.MinInt64), shape)
		f.Add("", uint32(0), shape*5, int64(math.MinInt64), int64(math.MaxInt64), shape)
	}
	f.Add("p slot;;locals;;up;;where", uint32(1)<<faultStacktrace|1<<faultLocals, uint8(3), int64(-1), int64(0), uint8(1))
	f.Add("n;;s;;r;;c;;restart;;b 14", ^uint32(0), uint8(7), int64(0), int64(math.MaxInt64), uint8(9))
	f.Fuzz(func(t *testing.T, input string, faults uint32, cmd uint8, a, b int64, shape uint8) {
		input = numberLine(cmd, a, b, shape) + "\n" + input
		fake := &faulty{Crash: &debugtest.Crash{File: crashFile}}
		var out bytes.Buffer
		in := command.New(fake, &out)
		if err := in.Start(command.BeginRun, nil); err != nil {
			t.Fatal(err)
		}
		fake.faults = faults
		typedBytes := 0
		for i, line := range strings.Split(input, "\n") {
			if i == maxLines || in.Quit() {
				break
			}
			typedBytes += len(line) + 1
			before := out.Len()
			in.Execute(line)
			printed := out.Len() - before
			commands := strings.Count(line, ";;") + 1
			if len(in.Aliases()) > 0 {
				commands = command.MaxLineCommands // what aliases make of a line is bounded by that
			}
			if limit := commands*(72<<10+len(in.Displays())*(5<<10)) + 8*typedBytes; printed > limit {
				t.Fatalf("%q printed %d bytes, more than %d", short(line), printed, limit)
			}
		}
		text := out.String()
		if i := strings.Index(text, secondLine); i >= 0 && !strings.Contains(input, secondLine) {
			t.Fatalf("an error showed on more than one line:\n%s", short(text[max(i-200, 0):]))
		}
		if utf8.ValidString(input) && !utf8.ValidString(text) {
			t.Fatalf("valid UTF-8 typed, invalid UTF-8 printed:\n%q", short(text))
		}
		if in.Quit() {
			return
		}
		fake.faults = 0
		for name := range in.Aliases() {
			in.Execute("unalias " + name) // an alias may hide goroutine or where
		}
		out.Reset()
		in.Execute("goroutine 1")
		in.Execute("where")
		if !regexpFrames.MatchString(out.String()) {
			t.Fatalf("after %q, goroutine 1 and where print:\n%s", short(input), short(out.String()))
		}
	})
}

// numberLine is command cmd of the table (by its index in command.Names) with the numbers a
// and b in one of the shapes the commands take them, after up when shape says so: a frame
// other than the newest is selected.
func numberLine(cmd uint8, a, b int64, shape uint8) string {
	names := command.Names()
	line := names[int(cmd)%len(names)] + " "
	x, y := strconv.FormatInt(a, 10), strconv.FormatInt(b, 10)
	switch shape & 7 {
	default:
		line += x
	case 1:
		line += x + ", " + y
	case 2:
		line += x + " " + y
	case 3:
		line += "-n " + x
	case 4:
		line += "main.go:" + x + " if slot > " + y
	case 5:
		line += "-s sleep " + x
	}
	if shape&8 != 0 {
		line = "up;;" + line
	}
	return line
}

// maxLines is how many lines of one input are typed.
const maxLines = 64

// secondLine is the second line of every error the faulty debugger returns.
const secondLine = "SECOND-LINE-OF-AN-ERROR"

var regexpFrames = regexp.MustCompile(`(?s)main\.lookup\(\).*\n.*main\.total\(\).*\n.*main\.main\(\)`)

// interpreterSeeds are every command name and alias alone and with arguments of every shape
// the commands take, ;; and empty lines.
func interpreterSeeds() []string {
	args := []string{"", "1", "0", "-1", "3 4", "-n 2", "-n -1", "-a", "99999999999999999999", "-9223372036854775808",
		"o", "o.Items", "big[0:2]", "slot = 7", "main.lookup", "main.go:14", "14", "14 if slot > 3", "1 2", "1, 5", ".",
		"-s sleep", "-all", "2 main", "p", "x y z", `"a;b"`, "\x00", "\xff", "0, 5", "-3, 2", "5, -9223372036854775808"}
	var seeds []string
	for _, name := range command.Names() {
		var lines []string
		for _, a := range args {
			lines = append(lines, strings.TrimSpace(name+" "+a))
		}
		seeds = append(seeds, strings.Join(lines, "\n"))
	}
	return append(seeds, "", "\n\n", ";;", "p slot;;;;p key", "!slot", "!", strings.Repeat("p slot;;", 50),
		"alias pl p len(%1)\npl o.Items\nalias where up\nwhere\nunalias where\nalias\nalias x p %2\nalias s2 p slot;;p key\ns2;;s2",
		"alias a p %*\nalias b a %1 %1\nb 1\nalias a b\na\nalias q2 q\nq2",
		"display slot\ndisplay key\nn\nundisplay\n", "b 14\ntbreak main.total\nc\nclear\n", "list\n\n\n\nlist 1, 3\n",
		strings.Repeat("x", 10000), "p "+strings.Repeat("(", 5000))
}

// Debugger methods the faulty debugger can fail.
const (
	faultContinue = iota
	faultNext
	faultStep
	faultStepOut
	faultState
	faultStacktrace
	faultLocals
	faultArgs
	faultEval
	faultSet
	faultGoroutines
	faultSwitchGoroutine
	faultFunctions
	faultSources
	faultSetBreakpoint
	faultLocate
	faultBreakpoints
	faultClearBreakpoint
	faultAmendBreakpoint
	faultRestart
	faultKill
)

// faulty is the fake debugger with the methods faults names failing, as a session does when
// Delve refuses (errors of several lines included).
type faulty struct {
	*debugtest.Crash
	faults uint32
}

func (f *faulty) fail(method int) error {
	if f.faults&(1<<method) == 0 {
		return nil
	}
	return errors.New("fault " + string(rune('A'+method)) + "\n" + secondLine)
}

func (f *faulty) Continue() (debug.Stop, error) {
	if err := f.fail(faultContinue); err != nil {
		return debug.Stop{}, err
	}
	return f.Crash.Continue()
}

func (f *faulty) Next(sc debug.Scope) (debug.Stop, error) {
	if err := f.fail(faultNext); err != nil {
		return debug.Stop{}, err
	}
	return f.Crash.Next(sc)
}

func (f *faulty) Step(sc debug.Scope) (debug.Stop, error) {
	if err := f.fail(faultStep); err != nil {
		return debug.Stop{}, err
	}
	return f.Crash.Step(sc)
}

func (f *faulty) StepOut(sc debug.Scope) (debug.Stop, error) {
	if err := f.fail(faultStepOut); err != nil {
		return debug.Stop{}, err
	}
	return f.Crash.StepOut(sc)
}

func (f *faulty) State() (debug.Stop, error) {
	if err := f.fail(faultState); err != nil {
		return debug.Stop{}, err
	}
	return f.Crash.State()
}

func (f *faulty) Stacktrace(gid int64, skip, count int) ([]stack.Frame, error) {
	if err := f.fail(faultStacktrace); err != nil {
		return nil, err
	}
	return f.Crash.Stacktrace(gid, skip, count)
}

func (f *faulty) Locals(sc debug.Scope, l debug.Load) ([]value.Value, error) {
	if err := f.fail(faultLocals); err != nil {
		return nil, err
	}
	return f.Crash.Locals(sc, l)
}

func (f *faulty) Args(sc debug.Scope, l debug.Load) ([]value.Value, error) {
	if err := f.fail(faultArgs); err != nil {
		return nil, err
	}
	return f.Crash.Args(sc, l)
}

func (f *faulty) Eval(sc debug.Scope, expr string, l debug.Load) (value.Value, error) {
	if err := f.fail(faultEval); err != nil {
		return value.Value{}, err
	}
	return f.Crash.Eval(sc, expr, l)
}

func (f *faulty) Set(sc debug.Scope, target, val string) error {
	if err := f.fail(faultSet); err != nil {
		return err
	}
	return f.Crash.Set(sc, target, val)
}

func (f *faulty) Goroutines(start, count int) ([]debug.Goroutine, int, error) {
	if err := f.fail(faultGoroutines); err != nil {
		return nil, 0, err
	}
	return f.Crash.Goroutines(start, count)
}

func (f *faulty) SwitchGoroutine(gid int64) error {
	if err := f.fail(faultSwitchGoroutine); err != nil {
		return err
	}
	return f.Crash.SwitchGoroutine(gid)
}

func (f *faulty) Functions() ([]string, error) {
	if err := f.fail(faultFunctions); err != nil {
		return nil, err
	}
	return f.Crash.Functions()
}

func (f *faulty) Sources() ([]string, error) {
	if err := f.fail(faultSources); err != nil {
		return nil, err
	}
	return f.Crash.Sources()
}

func (f *faulty) SetBreakpoint(sc debug.Scope, loc, cond string) (debug.Breakpoint, error) {
	if err := f.fail(faultSetBreakpoint); err != nil {
		return debug.Breakpoint{}, err
	}
	return f.Crash.SetBreakpoint(sc, loc, cond)
}

func (f *faulty) Locate(sc debug.Scope, loc string) (string, int, error) {
	if err := f.fail(faultLocate); err != nil {
		return "", 0, err
	}
	return f.Crash.Locate(sc, loc)
}

func (f *faulty) Breakpoints() ([]debug.Breakpoint, error) {
	if err := f.fail(faultBreakpoints); err != nil {
		return nil, err
	}
	return f.Crash.Breakpoints()
}

func (f *faulty) ClearBreakpoint(id int) error {
	if err := f.fail(faultClearBreakpoint); err != nil {
		return err
	}
	return f.Crash.ClearBreakpoint(id)
}

func (f *faulty) AmendBreakpoint(id int, change func(*debug.Breakpoint)) (debug.Breakpoint, error) {
	if err := f.fail(faultAmendBreakpoint); err != nil {
		return debug.Breakpoint{}, err
	}
	return f.Crash.AmendBreakpoint(id, change)
}

func (f *faulty) Restart(newArgs bool, args []string) error {
	if err := f.fail(faultRestart); err != nil {
		return err
	}
	return f.Crash.Restart(newArgs, args)
}

func (f *faulty) Kill() error {
	if err := f.fail(faultKill); err != nil {
		return err
	}
	return f.Crash.Kill()
}

func short(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "..."
	}
	return s
}
