package session

import "strings"

// The command line of run and test: which arguments go to go build and which to the program.

// SplitPackages separates what go run takes (.go files, or one package) from the program's
// arguments. dash is the number of arguments before "--", or -1.
func SplitPackages(args []string, dash int) (pkgs, progArgs []string) {
	before, progArgs := SplitDash(args, dash)
	n := 0
	for n < len(before) && strings.HasSuffix(before[n], ".go") {
		n++
	}
	if n == 0 && len(before) > 0 {
		n = 1
	}
	pkgs = before[:n]
	progArgs = append(append([]string{}, before[n:]...), progArgs...)
	if len(pkgs) == 0 {
		pkgs = []string{"."}
	}
	return pkgs, progArgs
}

// SplitDash splits arguments at "--": cobra reports where it was when it parsed it, and
// leaves it in place once a positional argument stopped flag parsing.
func SplitDash(args []string, dash int) (before, after []string) {
	if dash >= 0 {
		return args[:dash], args[dash:]
	}
	for i, a := range args {
		if a == "--" {
			return args[:i], args[i+1:]
		}
	}
	return args, nil
}

// testFlags are go test's flags that the test binary takes as -test.NAME.
var testFlags = map[string]bool{
	"run": true, "v": true, "count": true, "timeout": true, "bench": true, "benchtime": true,
	"short": true, "failfast": true, "skip": true, "cpu": true, "parallel": true, "shuffle": true,
	"benchmem": true, "list": true,
}

// SplitTestArgs takes the package and turns go test flags (-run X) into the binary's (-test.run X).
func SplitTestArgs(args []string, dash int) (pkgs, testArgs []string) {
	before, testArgs := SplitDash(args, dash)
	pkgs = before
	if len(pkgs) == 0 {
		pkgs = []string{"."}
	}
	out := make([]string, 0, len(testArgs))
	for _, a := range testArgs {
		if name, ok := strings.CutPrefix(a, "-"); ok && !strings.HasPrefix(name, "test.") {
			name = strings.TrimPrefix(name, "-")
			base, _, _ := strings.Cut(name, "=")
			if testFlags[base] {
				a = "-test." + name
			}
		}
		out = append(out, a)
	}
	return pkgs, out
}
