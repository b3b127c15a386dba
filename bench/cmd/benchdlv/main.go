// Command benchdlv times pdbgo against Delve's own command line (dlv) on the same work, on the
// same machine, in one run: `make bench` (or `go run ./bench/cmd/benchdlv` from the repository
// root). It builds pdbgo and the programs under bench/progs once (with -gcflags=all=-N -l),
// installs dlv v1.27.2 when it is missing, checks that both tools print what the workload asks
// for, then runs pdbgo and dlv in alternating pairs and writes a Markdown table to stdout and to
// bench/RESULTS.md.
//
// Wall time is measured from the start of the tool's process to its exit (wait4). Peak memory
// is the tool process's own VmHWM, read from /proc/PID/status every few milliseconds while it
// runs: the rusage of wait4 is no use here, because both tools run the debugged program as
// their child and reap it, so its Maxrss would include the program's own memory.
package main

import (
	"bufio"
	"bytes"
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
	pairs := flag.Int("n", 15, "pairs of runs (pdbgo, dlv) per workload")
	out := flag.String("o", "bench/RESULTS.md", "Markdown file the results are written to (empty: stdout only)")
	only := flag.String("w", "", "run only the workloads whose names contain this")
	keep := flag.Bool("keep", false, "keep the build directory and print its path")
	prebuilt := flag.String("pdbgo", "", "time this pdbgo binary instead of building ./cmd/pdbgo (to compare builds)")
	flag.StringVar(&samplesFile, "samples", "", "also write every run to this CSV file (workload, tool, round, wall ms, peak RSS KiB)")
	flag.Parse()
	if err := run(*pairs, *out, *only, *prebuilt, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "benchdlv:", err)
		os.Exit(1)
	}
}

// samplesFile, when set, receives every timed run.
var samplesFile string

// tool is one side of a comparison.
type tool struct {
	name  string
	args  []string // program and arguments
	stdin string
	check func(out string) error
}

// workload is the same work in both tools.
type workload struct {
	name, desc string
	program    string // binary under the build directory
	pdbgo, dlv tool
}

// sample is one timed run.
type sample struct {
	wall time.Duration
	hwm  int64 // peak RSS in KiB
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
	progs := []string{"tolocals", "bigvalues", "framewalk", "goroutines", "steploop"}
	for _, p := range progs {
		if err := goCmd("build", "-gcflags=all=-N -l", "-o", filepath.Join(dir, p), "./bench/progs/"+p); err != nil {
			return err
		}
	}
	dlv, err := findDlv()
	if err != nil {
		return err
	}

	progress("probing dlv's frame numbers")
	ws, err := workloads(dir, pdbgo, dlv)
	if err != nil {
		return err
	}
	ws = slices.DeleteFunc(ws, func(w workload) bool { return !strings.Contains(w.name, only) })

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
			_, s, _ := measure(dir, tool{args: []string{filepath.Join(dir, w.program)}})
			floors[w.program] = append(floors[w.program], s)
		}
	}

	if samplesFile != "" {
		var csv strings.Builder
		csv.WriteString("workload,tool,round,wall_ms,peak_rss_kib\n")
		for _, w := range ws {
			for side, name := range []string{"pdbgo", "dlv"} {
				for i, s := range res[w.name][side] {
					fmt.Fprintf(&csv, "%s,%s,%d,%.1f,%d\n", w.name, name, i+1, wallMS(s), s.hwm)
				}
			}
			for i, s := range floors[w.program] {
				fmt.Fprintf(&csv, "%s,alone,%d,%.1f,%d\n", w.name, i+1, wallMS(s), s.hwm)
			}
		}
		if err := os.WriteFile(samplesFile, []byte(csv.String()), 0o644); err != nil {
			return err
		}
	}
	report := render(ws, res, floors, pairs, dlv)
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
	init := append(append([]string{"continue"}, pre...), "stack", "exit")
	o, _, err := measure(dir, dlvTool(dir, dlv, program, init, nil))
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
	name := fmt.Sprintf("%s-%x.init", program, len(init))
	f := filepath.Join(dir, name)
	for n := 0; ; n++ {
		if _, err := os.Stat(f); err != nil {
			break
		}
		f = filepath.Join(dir, fmt.Sprintf("%s-%x-%d.init", program, len(init), n))
	}
	_ = os.WriteFile(f, []byte(strings.Join(init, "\n")+"\n"), 0o644)
	return tool{
		name:  "dlv",
		args:  []string{dlv, "exec", "--init", f, "--allow-non-terminal-interactive=true", filepath.Join(dir, program)},
		check: check,
	}
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

func workloads(dir, pdbgo, dlv string) ([]workload, error) {
	var ws []workload

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
	return ws, nil
}

// measure runs a tool once and returns its output (stdout and stderr), wall time and peak RSS.
func measure(dir string, t tool) (string, sample, error) {
	cmd := exec.Command(t.args[0], t.args[1:]...)
	cmd.Dir = dir
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
	hwm := make(chan int64)
	go func() { hwm <- pollHWM(cmd.Process.Pid, done) }()
	err := cmd.Wait()
	wall := time.Since(start)
	close(done)
	s := sample{wall: wall, hwm: <-hwm}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		err = nil // the programs panic; a tool may pass on their status
	}
	return out.String(), s, err
}

// pollHWM reads VmHWM of pid every 2 ms until done; the last value read is the peak (VmHWM
// only grows), missing at most the last 2 ms of the process's life.
func pollHWM(pid int, done <-chan struct{}) int64 {
	path := fmt.Sprintf("/proc/%d/status", pid)
	var peak int64
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	for {
		if kb := readHWM(path); kb > peak {
			peak = kb
		}
		select {
		case <-done:
			return peak
		case <-tick.C:
		}
	}
}

func readHWM(path string) int64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
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

func render(ws []workload, res map[string]*[2][]sample, floors map[string][]sample, pairs int, dlv string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# pdbgo vs dlv\n\n")
	fmt.Fprintf(&b, "Generated by `make bench` (bench/cmd/benchdlv) on %s.\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(&b, "| workload | program alone | pdbgo median | dlv median | pdbgo/dlv | pdbgo faster in | pdbgo peak RSS | dlv peak RSS |\n")
	fmt.Fprintf(&b, "|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, w := range ws {
		r := res[w.name]
		p, d := median(r[0], wallMS), median(r[1], wallMS)
		won := 0
		for i := range r[0] {
			if r[0][i].wall < r[1][i].wall {
				won++
			}
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %.2f | %d of %d pairs | %s | %s |\n", w.name, ms(median(floors[w.program], wallMS)),
			ms(p), ms(d), p/d, won, len(r[0]), mib(median(r[0], hwmKB)), mib(median(r[1], hwmKB)))
	}
	fmt.Fprintf(&b, "\nMedians of %d alternating pairs (the first of a pair alternates). Wall time is from starting the tool to its exit; "+
		"peak RSS (median) is the tool process's own VmHWM (/proc/PID/status, polled every 2 ms), without the debugged program. "+
		"\"program alone\" is the program run without a debugger, to its panic: the floor.\n\n", pairs)
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
	fmt.Fprintf(&b, "\nNotes. Both tools start the program through Delve's native backend, which waits for the "+
		"program's exec with a wait4 poll that sleeps 200 ms when the first try comes too early: a start costs 0 or 200 ms by chance, "+
		"most of the spread above. On quit dlv asks Delve to kill the program and waits on the same poll; pdbgo kills the "+
		"program's process group first. pdbgo's goroutines lists the first 1000 goroutines and dlv's all of them, which is part of "+
		"workload 4's difference; switching to a goroutine that was not listed costs pdbgo a scan of the goroutines before it. "+
		"dlv also starts a short-lived telemetry process of its own, not counted in its peak RSS.\n")
	fmt.Fprintf(&b, "\nMachine: %s, %d CPUs (%s), %s RAM, load average at the end %s. %s, dlv %s, pdbgo %s.\n",
		runtime.GOOS+"/"+runtime.GOARCH, runtime.NumCPU(), cpuModel(), memTotal(), loadAvg(), goVersion(), dlvVersionOf(dlv), pdbgoVersion())
	return b.String()
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
