//go:build linux

// Command benchdlv times pdbgo against Delve's own command line (dlv) on the same work, on the
// same machine, in one run: `make bench` (or `go run ./bench/cmd/benchdlv` from the repository
// root). It builds pdbgo and the programs under bench/progs once (with -gcflags=all=-N -l; the
// big binary, bench/progs/kube, is a module of its own whose first build downloads
// k8s.io/client-go), installs dlv v1.27.2 when it is missing, checks that both tools print what
// the workload asks for, then runs pdbgo and dlv in alternating pairs and writes a Markdown
// table to stdout and to bench/RESULTS.md, every run to bench/RESULTS.csv, and the TUI's
// input-to-screen latency (BenchmarkKeyToScreen in internal/ui) below the table.
//
// Wall time is measured from the start of the tool's process to its exit (wait4). Peak memory
// is read from /proc every 2 ms while the tool runs: the tool process's own VmHWM (the
// debugger alone: both run Delve in their own process), and the peak of the summed VmRSS of
// the tool and all its descendants (the whole tree: the debugged program, the go command and
// its compilers and linker for run, dlv's telemetry child). The rusage of wait4 is no use
// here: both tools reap the debugged program, so its Maxrss would include the program's.
// The harness measures on Linux (peak memory, the machine's CPU and load come from /proc): it
// builds there only.
package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// dlvVersion is the reference Delve, the version pdbgo embeds.
const dlvVersion = "v1.27.2"

// gid is the parked goroutine the goroutines workload switches to; the program runs with
// GOMAXPROCS=1, so goroutine ids follow creation order and this one is parked in main.on*.
const gid = 5000

func main() {
	pairs := flag.Int("n", 15, "pairs of runs (pdbgo, dlv) per workload (the heavy workloads take at most -heavy)")
	flag.IntVar(&heavyPairs, "heavy", 7, "pairs of runs of the heavy workloads (big binary, 100k goroutines, 10k frames)")
	out := flag.String("o", "bench/RESULTS.md", "Markdown file the results are written to (empty: stdout only)")
	only := flag.String("w", "", "run only the workloads whose names contain this")
	keep := flag.Bool("keep", false, "keep the build directory and print its path")
	prebuilt := flag.String("pdbgo", "", "time this pdbgo binary instead of building ./cmd/pdbgo (to compare builds)")
	flag.StringVar(&samplesFile, "samples", "bench/RESULTS.csv", "write every run to this CSV file (workload, tool, round, wall ms, CPU ms, peak RSS KiB, tree peak RSS KiB; empty: none)")
	flag.BoolVar(&skipTUI, "notui", false, "skip the TUI latency benchmark")
	flag.Parse()
	if err := run(*pairs, *out, *only, *prebuilt, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "benchdlv:", err)
		os.Exit(1)
	}
}

var (
	samplesFile string // receives every timed run, when set
	heavyPairs  int
	skipTUI     bool
)

// tool is one side of a comparison.
type tool struct {
	name  string
	args  []string // program and arguments
	dir   string   // working directory; the build directory when empty
	env   []string // added to the environment
	stdin string
	check func(out string) error
}

// workload is the same work in both tools.
type workload struct {
	name, desc  string
	program     string   // binary under the build directory
	programArgs []string // its arguments, for the run alone
	heavy       bool     // at most -heavy pairs
	pdbgo, dlv  tool
}

// sample is one timed run.
type sample struct {
	wall time.Duration
	hwm  int64 // peak RSS of the tool process, KiB
	tree int64 // peak of the summed RSS of the tool and its descendants, KiB
	// cpu is the user and system time of the tool and the descendants it reaped (wait4's
	// rusage): the debugged program, the go command. On a busy machine it moves far less than
	// the wall time.
	cpu time.Duration
}

func run(pairs int, outFile, only, prebuilt string, keep bool) error {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	if err := os.Chdir(root); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "pdbgo-bench-")
	if err != nil {
		return err
	}
	if keep {
		fmt.Fprintln(os.Stderr, "build directory:", dir)
	} else {
		defer os.RemoveAll(dir)
	}

	progress("building pdbgo and the benchmark programs")
	pdbgo := filepath.Join(dir, "pdbgo")
	if prebuilt != "" {
		if pdbgo, err = filepath.Abs(prebuilt); err != nil {
			return err
		}
	} else if err := goCmd("build", "-o", pdbgo, "./cmd/pdbgo"); err != nil {
		return err
	}
	progs := []string{"tolocals", "bigvalues", "framewalk", "goroutines", "steploop", "deepstack"}
	for _, p := range progs {
		if err := goCmd("build", "-gcflags=all=-N -l", "-o", filepath.Join(dir, p), "./bench/progs/"+p); err != nil {
			return err
		}
	}
	if only == "" || strings.Contains("big binary", only) {
		progress("building bench/progs/kube, the big binary: k8s.io/client-go " + kubeVersion() +
			" (a module of its own; the first time, the go command downloads its modules, about 20 MB)")
		if err := goCmd("build", "-C", "bench/progs/kube", "-gcflags=all=-N -l", "-o", filepath.Join(dir, "kube"), "."); err != nil {
			return err
		}
	}
	dlv, err := findDlv()
	if err != nil {
		return err
	}

	progress("probing dlv's frame numbers")
	loadBefore := loadAvg()
	ws, err := workloads(dir, pdbgo, dlv, root, only)
	if err != nil {
		return err
	}

	// One checked run of each side: it warms the page cache and proves both tools did the work.
	for _, w := range ws {
		progress("checking " + w.name)
		for _, t := range []tool{w.pdbgo, w.dlv} {
			o, _, err := measure(dir, t)
			if err == nil {
				err = t.check(o)
			}
			if err != nil {
				return fmt.Errorf("%s, %s: %v\n%s", w.name, t.name, err, tail(o, 40))
			}
		}
	}

	floors := map[string][]sample{}
	res := map[string]*[2][]sample{}
	for _, w := range ws {
		res[w.name] = &[2][]sample{}
	}
	for i := range pairs {
		progress(fmt.Sprintf("round %d of %d", i+1, pairs))
		for _, w := range ws {
			if w.heavy && i >= heavyPairs {
				continue
			}
			// ABBA: the first in a pair alternates, so neither tool always runs on a warmer machine.
			order := []int{0, 1}
			if i%2 == 1 {
				order = []int{1, 0}
			}
			for _, side := range order {
				t := []tool{w.pdbgo, w.dlv}[side]
				o, s, err := measure(dir, t)
				if err == nil {
					err = t.check(o)
				}
				if err != nil {
					return fmt.Errorf("%s, %s, round %d: %v\n%s", w.name, t.name, i+1, err, tail(o, 40))
				}
				res[w.name][side] = append(res[w.name][side], s)
			}
			_, s, _ := measure(dir, tool{args: append([]string{filepath.Join(dir, w.program)}, w.programArgs...)})
			floors[w.name] = append(floors[w.name], s)
		}
	}

	if samplesFile != "" {
		// encoding/csv quotes what needs it: workload 9's name holds a comma.
		var buf bytes.Buffer
		table := csv.NewWriter(&buf)
		_ = table.Write([]string{"workload", "tool", "round", "wall_ms", "cpu_ms", "peak_rss_kib", "tree_peak_rss_kib"})
		row := func(workload, tool string, round int, s sample) {
			_ = table.Write([]string{workload, tool, strconv.Itoa(round), fmt.Sprintf("%.1f", wallMS(s)), fmt.Sprintf("%.1f", cpuMS(s)),
				strconv.FormatInt(s.hwm, 10), strconv.FormatInt(s.tree, 10)})
		}
		for _, w := range ws {
			for side, name := range []string{"pdbgo", "dlv"} {
				for i, s := range res[w.name][side] {
					row(w.name, name, i+1, s)
				}
			}
			for i, s := range floors[w.name] {
				row(w.name, "alone", i+1, s)
			}
		}
		table.Flush()
		if err := os.WriteFile(samplesFile, buf.Bytes(), 0o644); err != nil {
			return err
		}
		progress("wrote " + samplesFile)
	}
	var keys []keyLatency
	if !skipTUI && only == "" {
		progress("measuring the TUI's input-to-screen latency (go test ./internal/ui -bench KeyToScreen)")
		if keys, err = tuiLatency(); err != nil {
			return err
		}
	}
	report := render(ws, res, floors, pairs, dlv, loadBefore, keys, fileSize(filepath.Join(dir, "kube")))
	fmt.Print(report)
	if outFile != "" {
		if err := os.WriteFile(outFile, []byte(report), 0o644); err != nil {
			return err
		}
		progress("wrote " + outFile)
	}
	return nil
}

func progress(msg string) { fmt.Fprintln(os.Stderr, "benchdlv:", msg) }

func repoRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %v", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("run from inside the pdbgo module")
	}
	return filepath.Dir(mod), nil
}

func goCmd(args ...string) error {
	cmd := exec.Command("go", args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go %s: %v", strings.Join(args, " "), err)
	}
	return nil
}

// findDlv returns dlv from GOBIN or GOPATH/bin, installing the reference version when it is
// missing. A dlv of another version is left alone and the reference one is installed into a
// cache directory of the benchmark's own.
func findDlv() (string, error) {
	bin := goEnv("GOBIN")
	if bin == "" {
		bin = filepath.Join(strings.Split(goEnv("GOPATH"), string(os.PathListSeparator))[0], "bin")
	}
	dlv := filepath.Join(bin, "dlv")
	if _, err := os.Stat(dlv); err == nil {
		if v := dlvVersionOf(dlv); v == dlvVersion {
			return dlv, nil
		}
		cache, err := os.UserCacheDir()
		if err != nil {
			return "", err
		}
		bin = filepath.Join(cache, "pdbgo-bench", "dlv-"+dlvVersion)
		dlv = filepath.Join(bin, "dlv")
		if dlvVersionOf(dlv) == dlvVersion {
			return dlv, nil
		}
	}
	progress("installing dlv " + dlvVersion + " into " + bin)
	cmd := exec.Command("go", "install", "github.com/go-delve/delve/cmd/dlv@"+dlvVersion)
	cmd.Dir = os.TempDir() // outside the module: go install pkg@version ignores it anyway
	cmd.Env = append(os.Environ(), "GOBIN="+bin, "GOFLAGS=")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go install dlv: %v", err)
	}
	return dlv, nil
}

func goEnv(name string) string {
	out, _ := exec.Command("go", "env", name).Output()
	return strings.TrimSpace(string(out))
}

func dlvVersionOf(dlv string) string {
	out, err := exec.Command(dlv, "version").Output()
	if err != nil {
		return ""
	}
	if m := regexp.MustCompile(`Version: (\S+)`).FindSubmatch(out); m != nil {
		return "v" + strings.TrimPrefix(string(m[1]), "v")
	}
	return ""
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// dlvFrame runs dlv's stack (after the commands in pre) and returns the number of the first
// frame whose function matches fn: dlv's frame 0 at a panic is runtime.fatalpanic.
func dlvFrame(dir, dlv, program, fn string, pre ...string) (int, error) {
	return dlvFrameIn(dir, dlv, program, nil, "stack", fn, pre...)
}

// dlvFrameIn is dlvFrame with the program's arguments and the stack command given (a deep
// stack needs a depth).
func dlvFrameIn(dir, dlv, program string, args []string, stackCmd, fn string, pre ...string) (int, error) {
	init := append(append([]string{"continue"}, pre...), stackCmd, "exit")
	o, _, err := measure(dir, dlvToolArgs(dir, dlv, program, args, init, nil))
	if err != nil {
		return 0, err
	}
	re := regexp.MustCompile(`^\s*(\d+)\s+0x[0-9a-f]+ in ` + fn)
	for _, l := range strings.Split(ansi.ReplaceAllString(o, ""), "\n") {
		if m := re.FindStringSubmatch(l); m != nil {
			return strconv.Atoi(m[1])
		}
	}
	return 0, fmt.Errorf("dlv stack of %s has no frame %s:\n%s", program, fn, tail(o, 30))
}

func dlvTool(dir, dlv, program string, init []string, check func(string) error) tool {
	return dlvToolArgs(dir, dlv, program, nil, init, check)
}

// initFile writes dlv's commands to a file of their own in dir.
func initFile(dir, program string, init []string) string {
	name := fmt.Sprintf("%s-%x.init", program, len(init))
	f := filepath.Join(dir, name)
	for n := 0; ; n++ {
		if _, err := os.Stat(f); err != nil {
			break
		}
		f = filepath.Join(dir, fmt.Sprintf("%s-%x-%d.init", program, len(init), n))
	}
	_ = os.WriteFile(f, []byte(strings.Join(init, "\n")+"\n"), 0o644)
	return f
}

// dlvToolArgs is dlvTool with arguments for the program.
func dlvToolArgs(dir, dlv, program string, args, init []string, check func(string) error) tool {
	cmd := []string{dlv, "exec", "--init", initFile(dir, program, init), "--allow-non-terminal-interactive=true", filepath.Join(dir, program)}
	if len(args) > 0 {
		cmd = append(append(cmd, "--"), args...)
	}
	return tool{name: "dlv", args: cmd, check: check}
}

func pdbgoTool(pdbgo, dir, program string, flags []string, commands []string, check func(string) error) tool {
	args := append([]string{pdbgo, "exec"}, flags...)
	return tool{
		name:  "pdbgo",
		args:  append(args, filepath.Join(dir, program)),
		stdin: strings.Join(commands, "\n") + "\n",
		check: check,
	}
}

// bol matches the start of a line, or of what follows pdbgo's prompt: in line mode the answer
// to a command follows the prompt on its line.
const bol = `(?:^|\(pdbgo\) )`

// contains checks that the output has every pattern (regular expressions, multi-line; a ^
// matches after a prompt too).
func contains(patterns ...string) func(string) error {
	return func(out string) error {
		out = ansi.ReplaceAllString(out, "")
		for _, p := range patterns {
			if !regexp.MustCompile("(?m)" + strings.ReplaceAll(p, "^", bol)).MatchString(out) {
				return fmt.Errorf("output lacks %q", p)
			}
		}
		return nil
	}
}

// count checks that pattern matches at least n times.
func count(pattern string, n int, then func(string) error) func(string) error {
	return func(out string) error {
		out = ansi.ReplaceAllString(out, "")
		if got := len(regexp.MustCompile("(?m)"+strings.ReplaceAll(pattern, "^", bol)).FindAllStringIndex(out, -1)); got < n {
			return fmt.Errorf("output has %q %d times, want %d", pattern, got, n)
		}
		return then(out)
	}
}

func workloads(dir, pdbgo, dlv, root, only string) ([]workload, error) {
	var ws []workload
	want := func(name string) bool { return strings.Contains(name, only) }

	// 1. to-locals
	n, err := dlvFrame(dir, dlv, "tolocals", `main\.lookup`)
	if err != nil {
		return nil, err
	}
	check1 := contains(`^qty = 1$`, `^label = "order 41"$`, `^sum = 7$`)
	ws = append(ws, workload{
		name: "1 to-locals", program: "tolocals",
		desc:  "run to a panic three calls deep, locals of the two innermost program frames, quit",
		pdbgo: pdbgoTool(pdbgo, dir, "tolocals", nil, []string{"locals", "up", "locals", "q"}, check1),
		dlv: dlvTool(dir, dlv, "tolocals", []string{"continue",
			fmt.Sprintf("frame %d locals", n), fmt.Sprintf("frame %d locals", n+1), "exit"}, check1),
	})

	// 2. big-values
	n, err = dlvFrame(dir, dlv, "bigvalues", `main\.inspect`)
	if err != nil {
		return nil, err
	}
	check2 := contains(`^n = 99999$`, `^points = \[\]main\.Point len: 1000000`, `^index = map\[string\]int \[`, `^text = "0123456789abcdef`)
	ws = append(ws, workload{
		name: "2 big-values", program: "bigvalues",
		desc:  "the same with a 1,000,000-element slice of structs, a 100,000-entry map and a 5 MB string in the frames",
		pdbgo: pdbgoTool(pdbgo, dir, "bigvalues", nil, []string{"locals", "up", "locals", "q"}, check2),
		dlv: dlvTool(dir, dlv, "bigvalues", []string{"continue",
			fmt.Sprintf("frame %d locals", n), fmt.Sprintf("frame %d locals", n+1), "exit"}, check2),
	})

	// 3. frame-walk
	n, err = dlvFrame(dir, dlv, "framewalk", `main\.descend`)
	if err != nil {
		return nil, err
	}
	walk := []string{"locals"}
	for range 30 {
		walk = append(walk, "up", "locals")
	}
	for range 30 {
		walk = append(walk, "down", "locals")
	}
	check3 := count(`^twice = \d+$`, 61, contains(`^twice = 80$`, `^twice = 20$`))
	ws = append(ws, workload{
		name: "3 frame-walk", program: "framewalk",
		desc:  "a panic 40 calls deep: locals, then 30 times up + locals, 30 times down + locals",
		pdbgo: pdbgoTool(pdbgo, dir, "framewalk", nil, append(walk, "q"), check3),
		dlv: dlvTool(dir, dlv, "framewalk",
			append(append([]string{"continue", fmt.Sprintf("frame %d", n)}, walk...), "exit"), check3),
	})

	// 4. goroutines
	sw := fmt.Sprintf("goroutine %d", gid)
	n, err = dlvFrame(dir, dlv, "goroutines", `main\.on`, sw)
	if err != nil {
		return nil, err
	}
	parkedLocal := `^(name|count|seen|never) = `
	ws = append(ws, workload{
		name: "4 goroutines", program: "goroutines",
		desc: fmt.Sprintf("10,000 parked goroutines, a panic: list the goroutines, switch to goroutine %d, its stack and locals", gid),
		pdbgo: pdbgoTool(pdbgo, dir, "goroutines", nil, []string{"goroutines", sw, "where", "locals", "q"},
			contains(`^\s+\d+  main\.on\w+\(\)`, `^>\s+0  main\.on\w+\(\)`, parkedLocal)),
		dlv: dlvTool(dir, dlv, "goroutines", []string{"continue", "goroutines", sw, "stack", fmt.Sprintf("frame %d locals", n), "exit"},
			contains(`\[100\d\d goroutines\]`, `in main\.on\w+`, parkedLocal)),
	})

	// 5. report
	ws = append(ws, workload{
		name: "5 report", program: "bigvalues",
		desc: "a crash report of workload 2: pdbgo --report=json; dlv: continue, stack -full (every frame with args and locals), goroutines",
		pdbgo: tool{name: "pdbgo", args: []string{pdbgo, "exec", "--report=json", filepath.Join(dir, "bigvalues")},
			check: contains(`^\{"error":\{"kind":"panic"`, `"function":"main\.load"`, `"name":"points"`)},
		dlv: dlvTool(dir, dlv, "bigvalues", []string{"continue", "stack -full", "goroutines", "exit"},
			contains(`points = \[\]main\.Point len: 1000000`, `in main\.load`, `goroutines\]`)),
	})

	// 6. next
	steps := []string{}
	for range 100 {
		steps = append(steps, "next")
	}
	check6 := contains(`^50$`)
	ws = append(ws, workload{
		name: "6 next", program: "steploop",
		desc:  "a breakpoint in a loop, then 100 times next (a line each), print the loop counter",
		pdbgo: pdbgoTool(pdbgo, dir, "steploop", []string{"-b", "main.go:13"}, append(steps, "p i", "q"), check6),
		dlv: dlvTool(dir, dlv, "steploop", append(append([]string{"break main.go:13", "continue"}, steps...), "print i", "exit"),
			check6),
	})
	ws, err = moreWorkloads(ws, dir, pdbgo, dlv, root, want)
	return slices.DeleteFunc(ws, func(w workload) bool { return !want(w.name) }), err
}

// moreWorkloads are the workloads of the sizes users have: a warm pdbgo run against dlv
// debug, the big binary, 100,000 goroutines and a 10,000-frame stack. want says which to
// build (probing dlv on the big ones takes seconds).
func moreWorkloads(ws []workload, dir, pdbgo, dlv, root string, want func(string) bool) ([]workload, error) {
	// 7. run, warm
	if name := "7 run, warm"; want(name) {
		panicked := contains(`index out of range \[5\] with length 2`)
		ws = append(ws, workload{
			name: name, program: "tolocals",
			desc: "build the program of workload 1 from source and run it to its panic, quit; the Go build cache warm, and pdbgo's " +
				"build cache (its binary from the check run) too",
			pdbgo: tool{name: "pdbgo", args: []string{pdbgo, "run", "./bench/progs/tolocals"}, dir: root,
				env: []string{"PDBGO_CACHE=" + filepath.Join(dir, "pdbgo-cache")}, stdin: "q\n", check: panicked},
			dlv: tool{name: "dlv", args: []string{dlv, "debug", "--output", filepath.Join(dir, "dlv-debug-tolocals"),
				"--init", initFile(dir, "tolocals-debug", []string{"continue", "exit"}), "--allow-non-terminal-interactive=true",
				"./bench/progs/tolocals"}, dir: root, check: contains(`unrecovered-panic`)},
		})
	}

	// 8, 9. the big binary
	if want("8 big binary") || want("9 big binary, 1000 locals") {
		n, err := dlvFrame(dir, dlv, "kube", `main\.describe`)
		if err != nil {
			return ws, err
		}
		// pdbgo shows the map's entries (in the map's order, which varies); dlv's locals only its type.
		labelsShown := `^labels = map\[string\]string \[("app": "web", "tier": "front"|"tier": "front", "app": "web")\]$`
		ws = append(ws, workload{
			name: "8 big binary", program: "kube", heavy: true,
			desc:  "workload 1 on bench/progs/kube, a program using k8s.io/client-go: a Kubernetes object, a map and a slice in the frames",
			pdbgo: pdbgoTool(pdbgo, dir, "kube", nil, []string{"locals", "up", "locals", "q"}, contains(labelsShown, `^pods = \*k8s\.io/api/core/v1\.PodList \{`)),
			dlv: dlvTool(dir, dlv, "kube", []string{"continue", fmt.Sprintf("frame %d locals", n), fmt.Sprintf("frame %d locals", n+1), "exit"},
				contains(`labels = map\[string\]string`, `pods = `)),
		})
		thousand := make([]string, 1000)
		for i := range thousand {
			thousand[i] = "locals"
		}
		dlvThousand := make([]string, 1000)
		for i := range dlvThousand {
			dlvThousand[i] = fmt.Sprintf("frame %d locals", n)
		}
		ws = append(ws, workload{
			name: "9 big binary, 1000 locals", program: "kube", heavy: true,
			desc:  "the big binary's panicking frame, locals 1000 times (the cost of one locals, with workload 8)",
			pdbgo: pdbgoTool(pdbgo, dir, "kube", nil, append(thousand, "q"), count(labelsShown, 1000, contains())),
			dlv: dlvTool(dir, dlv, "kube", append(append([]string{"continue"}, dlvThousand...), "exit"),
				count(`labels = map\[string\]string`, 1000, contains())),
		})
	}

	// 10. 100k goroutines
	if name := "10 100k goroutines"; want(name) {
		const g = 50_000
		args := []string{"100000"}
		sw := fmt.Sprintf("goroutine %d", g)
		n, err := dlvFrameIn(dir, dlv, "goroutines", args, "stack", `main\.on`, sw)
		if err != nil {
			return ws, err
		}
		parkedLocal := `^(name|count|seen|never) = `
		pdbgoSide := pdbgoTool(pdbgo, dir, "goroutines", nil, []string{"goroutines", sw, "where", "locals", "q"},
			contains(`^\s+\d+  main\.on\w+\(\)`, `^>\s+0  main\.on\w+\(\)`, parkedLocal))
		pdbgoSide.args = append(pdbgoSide.args, append([]string{"--"}, args...)...)
		ws = append(ws, workload{
			name: name, program: "goroutines", programArgs: args, heavy: true,
			desc:  fmt.Sprintf("workload 4 with 100,000 parked goroutines: list the goroutines, switch to goroutine %d, its stack and locals", g),
			pdbgo: pdbgoSide,
			dlv: dlvToolArgs(dir, dlv, "goroutines", args, []string{"continue", "goroutines", sw, "stack", fmt.Sprintf("frame %d locals", n), "exit"},
				contains(`\[1000\d\d goroutines\]`, `in main\.on\w+`, parkedLocal)),
		})
	}

	// 11. 10k frames
	if name := "11 10k frames"; want(name) {
		n, err := dlvFrameIn(dir, dlv, "deepstack", nil, "stack 10100", `main\.main`)
		if err != nil {
			return ws, err
		}
		ws = append(ws, workload{
			name: name, program: "deepstack", heavy: true,
			desc:  "a panic 10,000 calls deep: the stack, the oldest frame of the program (main.main) and its locals",
			pdbgo: pdbgoTool(pdbgo, dir, "deepstack", nil, []string{"where", "frame -1", "locals", "q"}, contains(`more frames`, `^depth = 10000$`)),
			dlv: dlvTool(dir, dlv, "deepstack", []string{"continue", "stack 10100", fmt.Sprintf("frame %d locals", n), "exit"},
				contains(`in main\.main`, `depth = 10000`)),
		})
	}
	return ws, nil
}

// measure runs a tool once and returns its output (stdout and stderr), wall time and peak RSS.
func measure(dir string, t tool) (string, sample, error) {
	cmd := exec.Command(t.args[0], t.args[1:]...)
	cmd.Dir = dir
	if t.dir != "" {
		cmd.Dir = t.dir
	}
	if len(t.env) > 0 {
		cmd.Env = append(os.Environ(), t.env...)
	}
	if t.stdin != "" {
		cmd.Stdin = strings.NewReader(t.stdin)
	} // else /dev/null
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return "", sample{}, err
	}
	done := make(chan struct{})
	peaks := make(chan [2]int64)
	go func() { peaks <- pollPeaks(cmd.Process.Pid, done) }()
	err := cmd.Wait()
	wall := time.Since(start)
	close(done)
	p := <-peaks
	// On Unix the user and system times are wait4's rusage: they include what the tool reaped.
	s := sample{wall: wall, hwm: p[0], tree: p[1], cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		err = nil // the programs panic; a tool may pass on their status
	}
	return out.String(), s, err
}

// pollPeaks reads, every 2 ms until done, VmHWM of pid (the last value read is its peak: VmHWM
// only grows) and the summed VmRSS of pid and all its descendants (the largest sum seen),
// missing at most the last 2 ms of the process's life.
func pollPeaks(pid int, done <-chan struct{}) [2]int64 {
	var peak [2]int64
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	for {
		if kb := readStatus(pid, "VmHWM:"); kb > peak[0] {
			peak[0] = kb
		}
		if kb := treeRSS(pid); kb > peak[1] {
			peak[1] = kb
		}
		select {
		case <-done:
			return peak
		case <-tick.C:
		}
	}
}

// treeRSS is the resident memory of pid and its descendants, KiB.
func treeRSS(pid int) int64 {
	var total int64
	for todo := []int{pid}; len(todo) > 0; {
		p := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		total += readStatus(p, "VmRSS:")
		tasks, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", p))
		for _, t := range tasks {
			children, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/children", p, t.Name()))
			for _, c := range strings.Fields(string(children)) {
				if child, err := strconv.Atoi(c); err == nil {
					todo = append(todo, child)
				}
			}
		}
	}
	return total
}

// readStatus reads a field in kB of /proc/PID/status.
func readStatus(pid int, field string) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb
		}
	}
	return 0
}

func tail(s string, lines int) string {
	ls := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(ls) > lines {
		ls = ls[len(ls)-lines:]
	}
	for i, l := range ls {
		if len(l) > 300 {
			ls[i] = l[:300] + "..."
		}
	}
	return strings.Join(ls, "\n")
}

func median(ss []sample, key func(sample) float64) float64 {
	vs := make([]float64, len(ss))
	for i, s := range ss {
		vs[i] = key(s)
	}
	slices.Sort(vs)
	if len(vs) == 0 {
		return 0
	}
	if len(vs)%2 == 1 {
		return vs[len(vs)/2]
	}
	return (vs[len(vs)/2-1] + vs[len(vs)/2]) / 2
}

func spread(ss []sample) string {
	lo, hi := time.Duration(1<<62), time.Duration(0)
	for _, s := range ss {
		lo, hi = min(lo, s.wall), max(hi, s.wall)
	}
	return fmt.Sprintf("%s–%s", ms(lo.Seconds()*1000), ms(hi.Seconds()*1000))
}

func ms(v float64) string {
	if v >= 100 {
		return fmt.Sprintf("%.0f ms", v)
	}
	return fmt.Sprintf("%.1f ms", v)
}

func mib(kb float64) string { return fmt.Sprintf("%.1f MiB", kb/1024) }

func wallMS(s sample) float64 { return s.wall.Seconds() * 1000 }
func hwmKB(s sample) float64  { return float64(s.hwm) }
func cpuMS(s sample) float64  { return s.cpu.Seconds() * 1000 }
func treeKB(s sample) float64 { return float64(s.tree) }

func render(ws []workload, res map[string]*[2][]sample, floors map[string][]sample, pairs int, dlv, loadBefore string, keys []keyLatency, kubeSize int64) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# pdbgo vs dlv\n\n")
	fmt.Fprintf(&b, "Generated by `make bench` (bench/cmd/benchdlv) on %s, pdbgo %s.\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"), pdbgoVersion())
	fmt.Fprintf(&b, "| workload | program alone | pdbgo median | dlv median | pdbgo/dlv | pdbgo faster in | CPU pdbgo | CPU dlv | CPU pdbgo/dlv | pdbgo peak RSS | dlv peak RSS | pdbgo tree peak | dlv tree peak |\n")
	fmt.Fprintf(&b, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	med, cpu := map[string][2]float64{}, map[string][2]float64{}
	for _, w := range ws {
		r := res[w.name]
		p, d := median(r[0], wallMS), median(r[1], wallMS)
		med[w.name] = [2]float64{p, d}
		won := 0
		for i := range r[0] {
			if r[0][i].wall < r[1][i].wall {
				won++
			}
		}
		pc, dc := median(r[0], cpuMS), median(r[1], cpuMS)
		cpu[w.name] = [2]float64{pc, dc}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %.2f | %d of %d pairs | %s | %s | %.2f | %s | %s | %s | %s |\n", w.name, ms(median(floors[w.name], wallMS)),
			ms(p), ms(d), p/d, won, len(r[0]), ms(pc), ms(dc), pc/dc,
			mib(median(r[0], hwmKB)), mib(median(r[1], hwmKB)), mib(median(r[0], treeKB)), mib(median(r[1], treeKB)))
	}
	heavy := 0
	for _, w := range ws {
		if w.heavy {
			heavy = min(pairs, heavyPairs)
		}
	}
	heavyNote := ""
	if heavy > 0 {
		heavyNote = fmt.Sprintf("; %d for the heavy workloads 8-11", heavy)
	}
	fmt.Fprintf(&b, "\nMedians of %d alternating pairs (the first of a pair alternates%s). "+
		"Wall time is from starting the tool to its exit. CPU (median) is the user and system time of the tool and of the "+
		"processes it reaped (the debugged program; for run, the go command and its compilers and linker), from wait4: "+
		"it moves far less than the wall time when other jobs share the machine. Peak RSS (median) is the tool process's own VmHWM: the debugger alone, "+
		"Delve included (both run it in-process), without the debugged program. Tree peak (median) is the largest sum of the "+
		"VmRSS of the tool and all its descendants seen (the debugged program; for run, the go command, compiler and linker; "+
		"dlv's telemetry child), sampled every 2 ms. \"program alone\" is the program run without a debugger, to its panic: "+
		"the floor. Every run is in bench/RESULTS.csv.\n\n", pairs, heavyNote)
	if m8, ok8 := med["8 big binary"]; ok8 {
		if m9, ok9 := med["9 big binary, 1000 locals"]; ok9 {
			c8, c9 := cpu["8 big binary"], cpu["9 big binary, 1000 locals"]
			fmt.Fprintf(&b, "One locals on the big binary (workload 9 less workload 8, over 998 more locals): wall time pdbgo %.2f ms, dlv %.2f ms; "+
				"CPU pdbgo %.2f ms, dlv %.2f ms.\n\n", (m9[0]-m8[0])/998, (m9[1]-m8[1])/998, (c9[0]-c8[0])/998, (c9[1]-c8[1])/998)
		}
	}
	fmt.Fprintf(&b, "Spread (fastest–slowest run), a measure of the noise:\n\n| workload | pdbgo | dlv |\n|---|---:|---:|\n")
	for _, w := range ws {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", w.name, spread(res[w.name][0]), spread(res[w.name][1]))
	}
	fmt.Fprintf(&b, "\nWorkloads (programs in bench/progs, built with -gcflags=all=-N -l; pdbgo in line mode with the commands on stdin, "+
		"`dlv exec --init FILE --allow-non-terminal-interactive=true` with stdin at /dev/null):\n\n")
	for _, w := range ws {
		fmt.Fprintf(&b, "- **%s**: %s.\n  pdbgo: `%s`%s; dlv: `%s`.\n", w.name, w.desc,
			strings.Join(shortArgs(w.pdbgo.args), " "), stdinText(w.pdbgo.stdin), initText(w.dlv.args))
	}
	if kubeSize > 0 {
		fmt.Fprintf(&b, "\nThe big binary (bench/progs/kube, k8s.io/client-go %s) is %.0f MB built with -gcflags=all=-N -l.\n", kubeVersion(), float64(kubeSize)/1e6)
	}
	if len(keys) > 0 {
		fmt.Fprintf(&b, "\n## TUI: input to screen\n\nBenchmarkKeyToScreen (internal/ui), in-process over the fake debugger at 120x40: from a key to the "+
			"screen that shows it (the key's Update, the commands it starts and their answers, View), %d presses a key. "+
			"bubbletea paints at most 60 times a second: in a terminal a frame may wait up to 16.7 ms more.\n\n"+
			"| key | median | p99 |\n|---|---:|---:|\n", keys[0].presses)
		for _, k := range keys {
			fmt.Fprintf(&b, "| %s | %.2f ms | %.2f ms |\n", k.name, k.p50, k.p99)
		}
	}
	fmt.Fprintf(&b, "\nNotes. pdbgo starts the programs it runs itself, stopped, and hands them to Delve's attach (Linux); "+
		"dlv starts them through Delve's native launch, which waits for the program's exec with a wait4 poll that sleeps 200 ms "+
		"when its first try comes too early: a dlv start costs 0 or 200 ms by chance, most of its spread above. On quit dlv asks "+
		"Delve to kill the program and waits on the same poll; pdbgo kills the program's process group first. pdbgo calls Delve "+
		"in-process without JSON-RPC; dlv's terminal talks to its in-process server over JSON-RPC. dlv's locals loads at most 3 "+
		"fields of a struct and no element of a map or slice (`labels = map[string]string [...]`); pdbgo's shows them "+
		"(`labels = map[string]string [\"app\": \"web\", \"tier\": \"front\"]`). pdbgo's goroutines lists the first "+
		"1000 goroutines and dlv's all of them, which is part of workloads 4 and 10; switching to a goroutine that was not listed "+
		"costs pdbgo a scan of the goroutines before it. pdbgo's where summarises a recursion; dlv's stack 10100 prints every frame. "+
		"For run, pdbgo keeps the binary in its build cache and go build finds it up to date; dlv debug builds into a new file "+
		"and links every time. dlv also starts a short-lived telemetry process of its own, counted in its tree.\n")
	fmt.Fprintf(&b, "\nMachine: %s, %d CPUs (%s), %s RAM, load average %s before and %s after (other jobs ran on it). %s, dlv %s.\n",
		runtime.GOOS+"/"+runtime.GOARCH, runtime.NumCPU(), cpuModel(), memTotal(), loadBefore, loadAvg(), goVersion(), dlvVersionOf(dlv))
	return b.String()
}

// keyLatency is one key's input-to-screen latency.
type keyLatency struct {
	name     string
	presses  int
	p50, p99 float64 // ms
}

// tuiLatency runs BenchmarkKeyToScreen and reads its medians and 99th percentiles.
func tuiLatency() ([]keyLatency, error) {
	const presses = 1000
	out, err := exec.Command("go", "test", "./internal/ui", "-run", "^$", "-bench", "^BenchmarkKeyToScreen$",
		"-benchtime", fmt.Sprintf("%dx", presses), "-count", "1").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("go test -bench KeyToScreen: %v\n%s", err, out)
	}
	re := regexp.MustCompile(`(?m)^BenchmarkKeyToScreen/(\S+?)-\d+\s+\d+\s.*?([\d.]+) ms-p50\s+([\d.]+) ms-p99`)
	var keys []keyLatency
	for _, m := range re.FindAllStringSubmatch(string(out), -1) {
		p50, _ := strconv.ParseFloat(m[2], 64)
		p99, _ := strconv.ParseFloat(m[3], 64)
		keys = append(keys, keyLatency{name: strings.ReplaceAll(m[1], "_", " "), presses: presses, p50: p50, p99: p99})
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("no results in go test -bench KeyToScreen:\n%s", out)
	}
	return keys, nil
}

// kubeVersion is the k8s.io/client-go version bench/progs/kube pins.
func kubeVersion() string {
	data, _ := os.ReadFile("bench/progs/kube/go.mod")
	if m := regexp.MustCompile(`k8s\.io/client-go (v\S+)`).FindSubmatch(data); m != nil {
		return string(m[1])
	}
	return "(unknown version)"
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

func shortArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = filepath.Base(a)
		if strings.HasPrefix(a, "-") {
			out[i] = a
		}
	}
	return out
}

func stdinText(s string) string {
	if s == "" {
		return ""
	}
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return " with " + summarize(lines)
}

func initText(args []string) string {
	for i, a := range args {
		if a == "--init" && i+1 < len(args) {
			data, _ := os.ReadFile(args[i+1])
			return summarize(strings.Split(strings.TrimSpace(string(data)), "\n"))
		}
	}
	return ""
}

// summarize joins commands with "; ", folding runs of a repeated pair ("up; locals" x30).
func summarize(cmds []string) string {
	var parts []string
	for i := 0; i < len(cmds); {
		if i+3 < len(cmds) && cmds[i] == cmds[i+2] && cmds[i+1] == cmds[i+3] {
			j := i
			for j+1 < len(cmds) && cmds[j] == cmds[i] && cmds[j+1] == cmds[i+1] {
				j += 2
			}
			parts = append(parts, fmt.Sprintf("(%s; %s) x%d", cmds[i], cmds[i+1], (j-i)/2))
			i = j
			continue
		}
		parts = append(parts, cmds[i])
		i++
	}
	return strings.Join(parts, "; ")
}

func cpuModel() string {
	data, _ := os.ReadFile("/proc/cpuinfo")
	for _, l := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

func memTotal() string {
	data, _ := os.ReadFile("/proc/meminfo")
	for _, l := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(l, "MemTotal:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return fmt.Sprintf("%.1f GiB", kb/(1<<20))
		}
	}
	return "unknown"
}

func loadAvg() string {
	data, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func goVersion() string {
	out, _ := exec.Command("go", "env", "GOVERSION").Output()
	return strings.TrimSpace(string(out))
}

func pdbgoVersion() string {
	out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "(unknown commit)"
	}
	v := "commit " + strings.TrimSpace(string(out))
	if st, _ := exec.Command("git", "status", "--porcelain", "--untracked-files=no").Output(); len(bytes.TrimSpace(st)) > 0 {
		v += " with uncommitted changes"
	}
	return v
}
