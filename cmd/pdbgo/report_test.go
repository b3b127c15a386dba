//go:build linux

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pdbgo/pdbgo/internal/report"
	"github.com/pdbgo/pdbgo/internal/report/sentrytest"
	"github.com/pdbgo/pdbgo/internal/testenv"
)

// The crash report tests run the real pdbgo binary on a real program: both are built once.
var (
	reportPdbgo    string // the pdbgo under test
	reportCrashBin string // testdata/report-crash built with optimizations off
	reportBuildErr error
	reportBinDir   string
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "pdbgo-report-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	reportBinDir = dir
	os.Setenv("PDBGO_CACHE", filepath.Join(dir, "cache")) // pdbgo's build cache, not the user's
	reportPdbgo = filepath.Join(dir, "pdbgo")
	reportCrashBin = filepath.Join(dir, "report-crash")
	if out, err := exec.Command("go", "build", "-o", reportPdbgo, ".").CombinedOutput(); err != nil {
		reportBuildErr = fmt.Errorf("go build pdbgo: %v\n%s", err, out)
	} else if out, err := exec.Command("go", "build", "-gcflags=all=-N -l", "-o", reportCrashBin, "./testdata/report-crash").CombinedOutput(); err != nil {
		reportBuildErr = fmt.Errorf("go build report-crash: %v\n%s", err, out)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// reportRun is one run of pdbgo.
type reportRun struct {
	stdout, stderr string
	status         int
	elapsed        time.Duration
}

// runReport runs pdbgo with args in dir (the test's temporary directory when ""), with
// REPORT_PIDFILE set so the test can check the program is gone afterwards.
func runReport(t *testing.T, dir, stdin string, env []string, args ...string) reportRun {
	t.Helper()
	if reportBuildErr != nil {
		t.Fatal(reportBuildErr)
	}
	if dir == "" {
		dir = t.TempDir()
	}
	pidFile := filepath.Join(t.TempDir(), "pid")
	cmd := exec.Command(reportPdbgo, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "REPORT_PIDFILE="+pidFile, "NO_COLOR=1"), env...)
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	res := reportRun{stdout: stdout.String(), stderr: stderr.String(), elapsed: time.Since(start)}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		res.status = exit.ExitCode()
	case err != nil:
		t.Fatalf("pdbgo %s: %v", strings.Join(args, " "), err)
	}
	if data, err := os.ReadFile(pidFile); err == nil {
		pid, _ := strconv.Atoi(string(data))
		checkProgramGone(t, pid)
	}
	return res
}

// crashFixtureLine is the number of the line of testdata/report-crash/main.go that contains s.
func crashFixtureLine(t *testing.T, s string) int {
	t.Helper()
	data, err := os.ReadFile("testdata/report-crash/main.go")
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(data), "\n") {
		if strings.Contains(line, s) {
			return i + 1
		}
	}
	t.Fatalf("no line of report-crash holds %q", s)
	return 0
}

// checkProgramGone fails when the program pdbgo ran outlived it. A process SIGKILLed as pdbgo
// exits may take a moment to go, and a zombie waiting for a reaper other than pdbgo is gone.
func checkProgramGone(t *testing.T, pid int) {
	t.Helper()
	if pid <= 0 {
		return
	}
	state := ""
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return
		}
		f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(f) == 0 || f[0] == "Z" || f[0] == "X" {
			return
		}
		state = f[0]
	}
	syscall.Kill(pid, syscall.SIGKILL)
	t.Errorf("the program (pid %d, state %s) outlived pdbgo", pid, state)
}

// crashSecrets are the values of secret-named variables, fields and map entries in report-crash.
var crashSecrets = []string{"hunter2-in-charge", "sk-live-in-checkout", "tok-visa-4242", "tok-amex-0005", "Bearer abc.def"}

func TestReportText(t *testing.T) {
	res := runReport(t, "", "", nil, "exec", "--report", reportCrashBin)
	if res.status != 2 {
		t.Errorf("exit status %d, want 2 (a Go panic)\nstderr: %s", res.status, res.stderr)
	}
	out := res.stdout
	for _, want := range []string{
		"checkout starting\n", // the program's own output passes through
		"panic: charge failed for order 41\n",
		"goroutine 1, newest frame first:",
		"#0 main.charge()\n   /",
		fmt.Sprintf("/testdata/report-crash/main.go:%d\n", crashFixtureLine(t, "panic(fmt.Sprintf(\"charge failed")),
		`-> panic(fmt.Sprintf("charge failed for order %d", o.ID))`,
		"amount = 140\n",
		"attempts = 3\n",
		"password = [Filtered]\n",
		"#1 main.checkout()",
		"-> sum += charge(o, (i+1)*70)",
		"apiKey = [Filtered]\n",
		"sum = 20\n",
		"i = 1\n",
		`Token: [Filtered]`,
		`"Authorization": [Filtered]`,
		`"Accept": "*/*"`,
		"#2 main.main()",
		"other goroutines:\n   goroutine ",
		"]: main.worker() ", // parked in its loop, or just about to be
		"program built with go1.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	for _, s := range crashSecrets {
		if strings.Contains(out, s) {
			t.Errorf("report shows the secret %q", s)
		}
	}
	if t.Failed() {
		t.Logf("stdout:\n%s\nstderr:\n%s", out, res.stderr)
	}
}

// jsonReport is what a consumer of the JSON report reads, with unknown fields refused so
// that the schema cannot grow without this test (and the README) knowing.
func decodeReport(t *testing.T, data []byte) report.Report {
	t.Helper()
	var r report.Report
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("the report is not the documented JSON: %v\n%s", err, data)
	}
	if dec.More() {
		t.Fatalf("more than one JSON value in the report:\n%s", data)
	}
	return r
}

func TestReportJSONToFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "crash.json")
	res := runReport(t, dir, "", nil, "exec", "--report=json", "--report-file", path, reportCrashBin)
	if res.status != 2 {
		t.Errorf("exit status %d, want 2\nstderr: %s", res.status, res.stderr)
	}
	if res.stdout != "checkout starting\n" {
		t.Errorf("stdout should hold only the program's output, got %q", res.stdout)
	}
	if !strings.Contains(res.stderr, "crash report written to "+path) {
		t.Errorf("stderr does not say where the report is: %q", res.stderr)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range crashSecrets {
		if bytes.Contains(data, []byte(s)) {
			t.Errorf("report shows the secret %q", s)
		}
	}
	r := decodeReport(t, data)
	if r.Error != (report.Error{Kind: "panic", Message: "panic: charge failed for order 41"}) {
		t.Errorf("error = %+v", r.Error)
	}
	if r.Goroutine != 1 || !strings.HasPrefix(r.Go, "go1.") || r.Pdbgo == "" {
		t.Errorf("goroutine %d, go %q, pdbgo %q", r.Goroutine, r.Go, r.Pdbgo)
	}
	var fns []string
	for _, f := range r.Frames {
		fns = append(fns, f.Function)
	}
	if want := []string{"main.charge", "main.checkout", "main.main"}; !reflect.DeepEqual(fns, want) {
		t.Fatalf("frames %v, want %v", fns, want)
	}
	charge, checkout := r.Frames[0], r.Frames[1]
	if !charge.InApp || charge.Line != crashFixtureLine(t, "panic(fmt.Sprintf(\"charge failed") || !strings.HasSuffix(charge.File, "report-crash/main.go") ||
		charge.Source != `panic(fmt.Sprintf("charge failed for order %d", o.ID))` {
		t.Errorf("frame 0: %+v", charge)
	}
	vars := func(vs []report.Var) map[string]report.Var {
		m := map[string]report.Var{}
		for _, v := range vs {
			m[v.Name] = v
		}
		return m
	}
	cl, ca := vars(charge.Locals), vars(charge.Args)
	if cl["attempts"].Value != "3" || cl["attempts"].Type != "int" || cl["password"].Value != "[Filtered]" {
		t.Errorf("charge locals: %+v", charge.Locals)
	}
	if ca["amount"].Value != "140" {
		t.Errorf("charge args: %+v", charge.Args)
	}
	o := ca["o"]
	if o.Type != "*main.Order" || len(o.Children) != 4 {
		t.Fatalf("o has no children: %+v", o)
	}
	card := o.Children[2]
	if card.Name != "Card" || len(card.Children) != 2 || !reflect.DeepEqual(card.Children[1], report.Var{Name: "Token", Type: "string", Value: "[Filtered]"}) ||
		card.Children[0].Value != `"Bob"` {
		t.Errorf("o.Card: %+v", card)
	}
	kl := vars(checkout.Locals)
	if kl["sum"].Value != "20" || kl["i"].Value != "1" || kl["apiKey"].Value != "[Filtered]" {
		t.Errorf("checkout locals: %+v", checkout.Locals)
	}
	workers := 0
	for _, g := range r.Goroutines {
		if g.Function == "main.worker" && strings.HasSuffix(g.File, "report-crash/main.go") {
			workers++
		}
		if g.ID == r.Goroutine {
			t.Errorf("the crashed goroutine is listed among the others: %+v", g)
		}
	}
	if workers != 1 {
		t.Errorf("goroutines %+v: want main.worker once", r.Goroutines)
	}
}

func TestReportNoScrub(t *testing.T) {
	res := runReport(t, "", "", nil, "exec", "--report", "--no-scrub", reportCrashBin)
	for _, s := range crashSecrets {
		if !strings.Contains(res.stdout, s) {
			t.Errorf("--no-scrub report lacks %q", s)
		}
	}
}

func TestReportFatalError(t *testing.T) {
	res := runReport(t, "", "", nil, "exec", "--report=json", reportCrashBin, "deadlock")
	if res.status != 2 {
		t.Errorf("exit status %d, want 2", res.status)
	}
	_, js, _ := strings.Cut(res.stdout, "checkout starting\n")
	r := decodeReport(t, []byte(js))
	if r.Error != (report.Error{Kind: "fatal", Message: "fatal error: all goroutines are asleep - deadlock!"}) {
		t.Errorf("error = %+v", r.Error)
	}
	if len(r.Frames) == 0 || r.Frames[0].Function != "main.main" || r.Frames[0].Source != "<-never" {
		t.Errorf("frames = %+v", r.Frames)
	}
}

// TestReportCleanExit runs a program that ends by itself through the whole build path: its
// output passes through, its status is pdbgo's, nothing is left in the temporary directory
// and the build cache keeps the binary and no temporary file.
func TestReportCleanExit(t *testing.T) {
	tmp, cache := t.TempDir(), t.TempDir()
	wd, _ := os.Getwd()
	res := runReport(t, wd, "", []string{"TMPDIR=" + tmp, "PDBGO_CACHE=" + cache}, "run", "--report", "./testdata/report-crash", "ok")
	if res.status != 3 {
		t.Errorf("exit status %d, want the program's 3\nstderr: %s", res.status, res.stderr)
	}
	if res.stdout != "checkout starting\ncheckout done\n" {
		t.Errorf("stdout %q, want only the program's output", res.stdout)
	}
	entries, _ := os.ReadDir(tmp)
	for _, e := range entries {
		t.Errorf("left behind in TMPDIR: %s", e.Name())
	}
	checkBuildCache(t, cache, "report-crash")
}

// checkBuildCache fails unless pdbgo's build cache under cache holds the binary name and
// nothing but it and its entry's lock.
func checkBuildCache(t *testing.T, cache, name string) {
	t.Helper()
	dirs, _ := filepath.Glob(filepath.Join(cache, name+"-*"))
	if len(dirs) != 1 {
		t.Fatalf("build cache entries for %s: %v", name, dirs)
	}
	entries, _ := os.ReadDir(dirs[0])
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if slices.Sort(names); strings.Join(names, " ") != "lock "+name {
		t.Errorf("build cache entry holds %v, want the binary and the lock", names)
	}
}

// TestReportGotracebackCrash: with GOTRACEBACK=crash the program would have died of SIGABRT.
func TestReportGotracebackCrash(t *testing.T) {
	res := runReport(t, "", "", []string{"GOTRACEBACK=crash"}, "exec", "--report", reportCrashBin)
	if want := 128 + int(syscall.SIGABRT); res.status != want || !strings.Contains(res.stdout, "panic: charge failed") {
		t.Errorf("exit status %d, want %d\nstdout: %s", res.status, want, res.stdout)
	}
}

func TestReportKilledBySignal(t *testing.T) {
	res := runReport(t, "", "", nil, "exec", "--report", reportCrashBin, "signal")
	if res.status != 128+int(syscall.SIGTERM) || res.stdout != "checkout starting\n" {
		t.Errorf("exit status %d, stdout %q; want %d as a shell says, and no report", res.status, res.stdout, 128+int(syscall.SIGTERM))
	}
}

// TestReportBigValues: a million-element slice and a 5 MB string in two frames give a small
// report, quickly.
func TestReportBigValues(t *testing.T) {
	for _, format := range []string{"text", "json"} {
		res := runReport(t, "", "", nil, "exec", "--report="+format, reportCrashBin, "big")
		if res.status != 2 {
			t.Errorf("%s: exit status %d, want 2", format, res.status)
		}
		t.Logf("%s report of the big-values crash: %d bytes in %v", format, len(res.stdout), res.elapsed.Round(time.Millisecond))
		if len(res.stdout) > 100_000 {
			t.Errorf("%s report is %d bytes, limit 100 KB", format, len(res.stdout))
		}
		if res.elapsed > 20*time.Second {
			t.Errorf("%s report took %v", format, res.elapsed)
		}
		for _, want := range []string{"main.crunch", "1000000", "+5242624 more"} {
			if !strings.Contains(res.stdout, want) {
				t.Errorf("%s report lacks %q", format, want)
			}
		}
	}
}

func TestReportUsage(t *testing.T) {
	for _, args := range [][]string{
		{"exec", "--report=xml", "prog"},
		{"exec", "--report", "-c", "where", "prog"},
		{"attach", "--report", "1"},
	} {
		res := runReport(t, "", "", nil, args...)
		if res.status != exitUsage || !strings.HasPrefix(res.stderr, "pdbgo: ") {
			t.Errorf("pdbgo %s: status %d, stderr %q; want a usage error", strings.Join(args, " "), res.status, res.stderr)
		}
	}
}

// TestReadmeReportSchema checks the README's JSON example against the report's real shape:
// the same keys at every level, and the example decodes into the report type.
func TestReadmeReportSchema(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)<!-- report-schema -->\\s*```json\\n(.*?)```").FindSubmatch(data)
	if m == nil {
		t.Fatal("README has no <!-- report-schema --> JSON example")
	}
	example := decodeReport(t, m[1])
	var doc any
	if err := json.Unmarshal(m[1], &doc); err != nil {
		t.Fatal(err)
	}
	full := example
	if len(full.Frames) == 0 || len(full.Frames[0].Locals) == 0 || len(full.Frames[0].Locals[0].Children) == 0 || len(full.Goroutines) == 0 {
		t.Fatal("the README example must show a frame with a local that has children, and a goroutine")
	}
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, &full); err != nil {
		t.Fatal(err)
	}
	var written any
	if err := json.Unmarshal(buf.Bytes(), &written); err != nil {
		t.Fatal(err)
	}
	if got, want := jsonKeyPaths(doc, ""), jsonKeyPaths(written, ""); !reflect.DeepEqual(got, want) {
		t.Errorf("README example keys\n%v\nreport keys\n%v", got, want)
	}
}

// jsonKeyPaths lists the paths of the object keys in a JSON value, lists merged.
func jsonKeyPaths(v any, prefix string) []string {
	set := map[string]bool{}
	var walk func(v any, prefix string)
	walk = func(v any, prefix string) {
		switch v := v.(type) {
		case map[string]any:
			for k, c := range v {
				set[prefix+k] = true
				walk(c, prefix+k+".")
			}
		case []any:
			for _, c := range v {
				walk(c, prefix)
			}
		}
	}
	walk(v, prefix)
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestCoreDump makes a real core dump of report-crash and opens it: interactively (it lands on
// the panicking frame, read-only commands work, running ones say why they cannot) and with
// --report.
func TestCoreDump(t *testing.T) {
	if reportBuildErr != nil {
		t.Fatal(reportBuildErr)
	}
	dir, core := dumpCore(t, "")
	script := strings.Join([]string{"where", "args", "up", "locals", "p o.Items", "list", "goroutines", "continue", "next", "set sum = 1", "p charge(o, 1)", "q"}, "\n") + "\n"
	res := runReport(t, dir, script, nil, "core", reportCrashBin, core)
	if res.status != 0 {
		t.Errorf("exit status %d\nstderr: %s", res.status, res.stderr)
	}
	out := res.stdout
	for _, want := range []string{
		"panic: charge failed for order 41\n> ",
		fmt.Sprintf("main.go:%d main.charge()\n-> \t\tpanic(", crashFixtureLine(t, "panic(fmt.Sprintf(\"charge failed")),
		">  0  main.charge() ",
		"   1  main.checkout() ",
		"amount = 140\n",
		fmt.Sprintf("main.go:%d main.checkout()\n", crashFixtureLine(t, "sum += charge(")),
		"sum = 20\n",
		`[]string len: 2, cap: 2, ["kettle","lid"]`,
		"main.worker()",
		"*** a core dump cannot run: this command needs a live process\n",
		"*** a core dump cannot run the program's functions: print values and fields instead\n",
		`Token: "tok-amex-0005"`, // the debugger shows values as they are; only reports scrub
	} {
		if !strings.Contains(out, want) {
			t.Errorf("core session lacks %q", want)
		}
	}
	if n := strings.Count(out, "needs a live process"); n != 3 {
		t.Errorf("%d of continue, next and set said they need a live process, want 3", n)
	}
	if t.Failed() {
		t.Logf("stdout:\n%s\nstderr:\n%s", out, res.stderr)
	}

	res = runReport(t, dir, "", nil, "core", "--report=json", reportCrashBin, core)
	if res.status != 0 {
		t.Errorf("core --report: exit status %d\nstderr: %s", res.status, res.stderr)
	}
	r := decodeReport(t, []byte(res.stdout))
	if r.Error.Kind != "panic" || r.Error.Message != "panic: charge failed for order 41" {
		t.Errorf("error = %+v", r.Error)
	}
	if len(r.Frames) < 2 || r.Frames[0].Function != "main.charge" || r.Frames[1].Function != "main.checkout" {
		t.Fatalf("frames = %+v", r.Frames)
	}
	if !strings.Contains(res.stdout, `"name":"password","type":"string","value":"[Filtered]"`) || strings.Contains(res.stdout, "hunter2") {
		t.Errorf("core report not scrubbed: %s", res.stdout)
	}
	if !strings.HasPrefix(r.Go, "go1.") {
		t.Errorf("go = %q", r.Go)
	}

	res = runReport(t, dir, "", nil, "core", "--report=sentry", reportCrashBin, core)
	ev := decodeSentry(t, []byte(res.stdout))
	if got := sentryFunctions(ev.Exception.Values[0].Stacktrace.Frames); res.status != 0 || len(got) < 2 || got[len(got)-1] != "main.charge" {
		t.Errorf("core --report=sentry: status %d, frames %v", res.status, got)
	}
}

// TestCoreDumpFatalError: a fatal error thrown on the system stack (a deadlock) is found in a
// core too, and the report shows the goroutine of the program.
func TestCoreDumpFatalError(t *testing.T) {
	dir, core := dumpCore(t, "deadlock")
	res := runReport(t, dir, "", nil, "core", "--report=json", reportCrashBin, core)
	r := decodeReport(t, []byte(res.stdout))
	if r.Error != (report.Error{Kind: "fatal", Message: "fatal error: all goroutines are asleep - deadlock!"}) {
		t.Errorf("error = %+v", r.Error)
	}
	if len(r.Frames) == 0 || r.Frames[0].Function != "main.main" || r.Frames[0].Source != "<-never" || r.Note == "" {
		t.Errorf("frames %+v, note %q", r.Frames, r.Note)
	}
}

// dumpCore runs report-crash in mode with GOTRACEBACK=crash and core dumps on, and returns the
// directory it ran in and the core file. It skips only when the kernel will not write a core
// file there, and fails instead on CI.
func dumpCore(t *testing.T, mode string) (dir, core string) {
	t.Helper()
	pattern, err := os.ReadFile("/proc/sys/kernel/core_pattern")
	if err != nil {
		testenv.SkipUnlessCI(t, "no core dumps: cannot read /proc/sys/kernel/core_pattern: %v", err)
	}
	p := strings.TrimSpace(string(pattern))
	if strings.HasPrefix(p, "|") {
		testenv.SkipUnlessCI(t, "no core file: /proc/sys/kernel/core_pattern pipes cores to a program (%s)", p)
	}
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_CORE, &lim); err == nil && lim.Max == 0 {
		testenv.SkipUnlessCI(t, "no core file: the hard RLIMIT_CORE is 0")
	}
	dir = t.TempDir()
	coreDir := dir
	if filepath.IsAbs(p) {
		coreDir = filepath.Dir(p)
	}
	before := coreFiles(coreDir, p)
	cmd := exec.Command("bash", "-c", `ulimit -c unlimited 2>/dev/null || ulimit -c "$(ulimit -H -c)"; GOTRACEBACK=crash exec "$0" "$1"`, reportCrashBin, mode)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOTRACEBACK=crash")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("report-crash did not crash: %v\n%s", err, out)
	}
	for c := range coreFiles(coreDir, p) {
		if !before[c] {
			t.Cleanup(func() { os.Remove(c) })
			return dir, c
		}
	}
	t.Fatalf("the kernel wrote no core for core_pattern %q in %s (%v)\n%s", p, coreDir, err, out)
	return "", ""
}

// coreFiles lists the files in dir that core_pattern p may have written.
func coreFiles(dir, p string) map[string]bool {
	glob := regexp.MustCompile(`%.`).ReplaceAllString(filepath.Base(p), "*")
	matches, _ := filepath.Glob(filepath.Join(dir, glob+"*"))
	out := map[string]bool{}
	for _, m := range matches {
		out[m] = true
	}
	return out
}

// TestReportTest: a panicking test is reported from the test's own frames, below the testing
// package's recover and re-panic.
func TestReportTest(t *testing.T) {
	wd, _ := os.Getwd()
	tmp, cache := t.TempDir(), t.TempDir()
	res := runReport(t, wd, "", []string{"TMPDIR=" + tmp, "PDBGO_CACHE=" + cache}, "test", "--report", "./testdata/report-test")
	if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
		t.Errorf("left behind in TMPDIR: %v", entries)
	}
	checkBuildCache(t, cache, "report-test.test")
	if res.status != 2 {
		t.Errorf("exit status %d, want 2\nstderr: %s", res.status, res.stderr)
	}
	for _, want := range []string{
		"panic: runtime error: index out of range [5] with length 2 [recovered, repanicked]\n",
		"#0 github.com/pdbgo/pdbgo/cmd/pdbgo/testdata/report-test.price()\n",
		"discount = 10\n",
		"#1 github.com/pdbgo/pdbgo/cmd/pdbgo/testdata/report-test.TestPrice()\n",
		"sessionKey = [Filtered]\n",
		"testing.tRunner() (standard library)",
	} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(res.stdout, "sess-in-test") {
		t.Error("report shows the secret")
	}
	if t.Failed() {
		t.Logf("stdout:\n%s", res.stdout)
	}
}

// TestReportDeepStack: a crash at the bottom of a 10,000-deep recursion lists the newest
// frames and counts every frame it left out.
func TestReportDeepStack(t *testing.T) {
	wd, _ := os.Getwd()
	res := runReport(t, wd, "", nil, "run", "--report=json", "../../internal/command/testdata/deep")
	if res.status != 2 {
		t.Fatalf("exit status %d, stderr %s", res.status, res.stderr)
	}
	r := decodeReport(t, []byte(res.stdout))
	// 10,002 frames of the program: walk's bottom, 10,000 calls of walk, main.main.
	if len(r.Frames) != report.DefaultLimits.Frames || r.FramesOmitted != 10002-len(r.Frames) || r.FramesUncounted {
		t.Errorf("%d frames, %d omitted (uncounted %v), want %d omitted", len(r.Frames), r.FramesOmitted, r.FramesUncounted, 10002-len(r.Frames))
	}
}

// sentryEvent is what the tests read of a crash report written as a Sentry event.
type sentryEvent struct {
	EventID     string            `json:"event_id"`
	Platform    string            `json:"platform"`
	Level       string            `json:"level"`
	Release     string            `json:"release"`
	Environment string            `json:"environment"`
	Extra       map[string]any    `json:"extra"`
	Contexts    map[string]any    `json:"contexts"`
	Tags        map[string]string `json:"tags"`
	Exception   struct {
		Values []struct {
			Type       string `json:"type"`
			Value      string `json:"value"`
			ThreadID   *int64 `json:"thread_id"`
			Stacktrace struct {
				Frames []sentryFrame `json:"frames"`
			} `json:"stacktrace"`
		} `json:"values"`
	} `json:"exception"`
	Threads struct {
		Values []struct {
			ID         int64 `json:"id"`
			Crashed    bool  `json:"crashed"`
			Stacktrace *struct {
				Frames []sentryFrame `json:"frames"`
			} `json:"stacktrace"`
		} `json:"values"`
	} `json:"threads"`
}

type sentryFrame struct {
	Function    string            `json:"function"`
	Module      string            `json:"module"`
	Filename    string            `json:"filename"`
	AbsPath     string            `json:"abs_path"`
	Lineno      int               `json:"lineno"`
	InApp       bool              `json:"in_app"`
	PreContext  []string          `json:"pre_context"`
	ContextLine string            `json:"context_line"`
	PostContext []string          `json:"post_context"`
	Vars        map[string]string `json:"vars"`
}

// decodeSentry checks a report against the JSON Schema of Sentry's documented event payload
// (internal/report/sentrytest) and decodes it.
func decodeSentry(t *testing.T, data []byte) sentryEvent {
	t.Helper()
	if err := sentrytest.Validate(data); err != nil {
		t.Fatalf("the report is not a Sentry event: %v\n%s", err, data)
	}
	var ev sentryEvent
	if err := json.Unmarshal(data, &ev); err != nil {
		t.Fatal(err)
	}
	if len(ev.Exception.Values) != 1 {
		t.Fatalf("exception values: %+v", ev.Exception.Values)
	}
	return ev
}

// sentryFunctions lists the frames as module.function, oldest first as Sentry has them.
func sentryFunctions(frames []sentryFrame) []string {
	var fns []string
	for _, f := range frames {
		fns = append(fns, f.Module+"."+f.Function)
	}
	return fns
}

// TestReportSentry: a real crash as a Sentry event: valid against Sentry's documented event
// schema; the frames oldest first with source around each line, module, function, file and
// the variables (scrubbed); the other goroutines as threads; release and environment from
// SENTRY_RELEASE and SENTRY_ENVIRONMENT.
func TestReportSentry(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "event.json")
	res := runReport(t, dir, "", []string{"SENTRY_RELEASE=checkout@2.0.1", "SENTRY_ENVIRONMENT=ci"},
		"exec", "--report=sentry", "--report-file", path, reportCrashBin)
	if res.status != 2 || res.stdout != "checkout starting\n" || !strings.Contains(res.stderr, "crash report written to "+path) {
		t.Errorf("exit status %d, stdout %q, stderr %q", res.status, res.stdout, res.stderr)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range crashSecrets {
		if bytes.Contains(data, []byte(s)) {
			t.Errorf("the event shows the secret %q", s)
		}
	}
	ev := decodeSentry(t, data)
	if ev.Platform != "go" || ev.Level != "fatal" || ev.Release != "checkout@2.0.1" || ev.Environment != "ci" || ev.Tags["crash"] != "panic" {
		t.Errorf("platform %q level %q release %q environment %q tags %v", ev.Platform, ev.Level, ev.Release, ev.Environment, ev.Tags)
	}
	if rt, _ := ev.Contexts["runtime"].(map[string]any); rt["name"] != "go" || !strings.HasPrefix(fmt.Sprint(rt["version"]), "1.") {
		t.Errorf("contexts.runtime %v", ev.Contexts["runtime"])
	}
	exc := ev.Exception.Values[0]
	if exc.Type != "panic" || exc.Value != "charge failed for order 41" || exc.ThreadID == nil || *exc.ThreadID != 1 {
		t.Errorf("exception %q %q thread %v", exc.Type, exc.Value, exc.ThreadID)
	}
	frames := exc.Stacktrace.Frames
	if got, want := sentryFunctions(frames), []string{"main.main", "main.checkout", "main.charge"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("frames %v, want %v (oldest first)", got, want)
	}
	source, err := os.ReadFile("testdata/report-crash/main.go")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(source), "\n")
	for i := range lines {
		lines[i] = report.ScrubSource(lines[i]) // password := "hunter2-in-charge" is two lines above
	}
	charge := frames[2]
	n := crashFixtureLine(t, `panic(fmt.Sprintf("charge failed`)
	if charge.Lineno != n || !charge.InApp || !strings.HasSuffix(charge.AbsPath, "/testdata/report-crash/main.go") || charge.Filename != charge.AbsPath ||
		charge.ContextLine != lines[n-1] || !reflect.DeepEqual(charge.PreContext, lines[n-6:n-1]) || !reflect.DeepEqual(charge.PostContext, lines[n:n+5]) {
		t.Errorf("main.charge's frame: %+v", charge)
	}
	if v := charge.Vars; v["amount"] != "140" || v["attempts"] != "3" || v["password"] != "[Filtered]" || !strings.Contains(v["o"], "Token: [Filtered]") {
		t.Errorf("main.charge's vars: %v", v)
	}
	if v := frames[1].Vars; v["sum"] != "20" || v["i"] != "1" || v["apiKey"] != "[Filtered]" {
		t.Errorf("main.checkout's vars: %v", v)
	}
	workers := 0
	for _, th := range ev.Threads.Values {
		switch {
		case th.ID == 1:
			if !th.Crashed || th.Stacktrace != nil {
				t.Errorf("the crashed goroutine's thread: %+v", th)
			}
		case th.Stacktrace != nil && len(th.Stacktrace.Frames) == 1 && th.Stacktrace.Frames[0].Function == "worker":
			if f := th.Stacktrace.Frames[0]; f.Module != "main" || !f.InApp {
				t.Errorf("the worker's frame: %+v", f)
			}
			workers++
		}
	}
	if workers != 1 {
		t.Errorf("threads %+v: want main.worker once", ev.Threads.Values)
	}
	checkReadmeSentryFrame(t, data)
}

// checkReadmeSentryFrame checks the README's example of a Sentry frame against the crashing
// frame of a real event: the same fields.
func checkReadmeSentryFrame(t *testing.T, event []byte) {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)\\*\\*Sentry event\\.\\*\\*.*?```json\\n(.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README has no Sentry frame example")
	}
	var example map[string]any
	if err := json.Unmarshal(m[1], &example); err != nil {
		t.Fatalf("README's Sentry frame: %v", err)
	}
	var ev struct {
		Exception struct {
			Values []struct {
				Stacktrace struct{ Frames []map[string]any }
			}
		}
	}
	if err := json.Unmarshal(event, &ev); err != nil {
		t.Fatal(err)
	}
	frames := ev.Exception.Values[0].Stacktrace.Frames
	keys := func(m map[string]any) []string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	if got, want := keys(example), keys(frames[len(frames)-1]); !reflect.DeepEqual(got, want) {
		t.Errorf("README's Sentry frame has %v, a real one %v", got, want)
	}
}

// TestReportSentryTest: a panicking test as a Sentry event, run from the package's module: the
// program's files are named from the directory pdbgo ran in, the standard library's from
// GOROOT/src, and the test's package is the frames' module.
func TestReportSentryTest(t *testing.T) {
	wd, _ := os.Getwd()
	res := runReport(t, wd, "", nil, "test", "--report=sentry", "./testdata/report-test")
	if res.status != 2 {
		t.Errorf("exit status %d, want 2\nstderr: %s", res.status, res.stderr)
	}
	_, js, _ := strings.Cut(res.stdout, "\n{")
	ev := decodeSentry(t, []byte("{"+js))
	frames := ev.Exception.Values[0].Stacktrace.Frames
	const pkg = "github.com/pdbgo/pdbgo/cmd/pdbgo/testdata/report-test"
	if got := sentryFunctions(frames); len(got) < 3 || got[len(got)-1] != pkg+".price" || got[len(got)-2] != pkg+".TestPrice" || got[len(got)-3] != "testing.tRunner" {
		t.Fatalf("frames %v", got)
	}
	price, tRunner := frames[len(frames)-1], frames[len(frames)-3]
	if price.Filename != "testdata/report-test/cart_test.go" || !price.InApp || price.Vars["discount"] != "10" {
		t.Errorf("price's frame: %+v", price)
	}
	if tRunner.Filename != "testing/testing.go" || tRunner.InApp || tRunner.Function != "tRunner" || tRunner.Module != "testing" {
		t.Errorf("testing.tRunner's frame: %+v", tRunner)
	}
	if strings.Contains(res.stdout, "sess-in-test") {
		t.Error("the event shows the secret")
	}
}

// TestReportSentryFatalAndBounds: a fatal error, a crash holding huge values, a 10,000-deep
// stack and a core dump all give valid, bounded Sentry events.
func TestReportSentryFatalAndBounds(t *testing.T) {
	res := runReport(t, "", "", nil, "exec", "--report=sentry", reportCrashBin, "deadlock")
	_, js, _ := strings.Cut(res.stdout, "checkout starting\n")
	ev := decodeSentry(t, []byte(js))
	if exc := ev.Exception.Values[0]; exc.Type != "fatal error" || exc.Value != "all goroutines are asleep - deadlock!" || ev.Tags["crash"] != "fatal" {
		t.Errorf("deadlock: exception %q %q, tags %v", exc.Type, exc.Value, ev.Tags)
	}

	res = runReport(t, "", "", nil, "exec", "--report=sentry", reportCrashBin, "big")
	_, js, _ = strings.Cut(res.stdout, "checkout starting\n")
	ev = decodeSentry(t, []byte(js))
	t.Logf("Sentry event of the big-values crash: %d bytes in %v", len(js), res.elapsed.Round(time.Millisecond))
	if len(js) > 100_000 {
		t.Errorf("the event is %d bytes, limit 100 KB", len(js))
	}
	frames := ev.Exception.Values[0].Stacktrace.Frames
	if crunch := frames[len(frames)-1]; crunch.Function != "crunch" || !strings.Contains(crunch.Vars["blob"], "+5242624 more") {
		t.Errorf("crunch's frame: %+v", crunch)
	}

	wd, _ := os.Getwd()
	res = runReport(t, wd, "", nil, "run", "--report=sentry", "../../internal/command/testdata/deep")
	ev = decodeSentry(t, []byte(res.stdout))
	if n := len(ev.Exception.Values[0].Stacktrace.Frames); n != report.DefaultLimits.Frames || ev.Extra["frames_omitted"] != float64(10002-n) {
		t.Errorf("deep stack: %d frames, extra %v", n, ev.Extra)
	}
}

// TestReportSentryTestFailures: failing tests (t.Errorf, the program goes on) give one Sentry
// event each, one a line in the report file, at level error, in the test's frame with its
// variables.
func TestReportSentryTestFailures(t *testing.T) {
	wd, _ := os.Getwd()
	path := filepath.Join(t.TempDir(), "events.json")
	res := runReport(t, wd, "", nil, "test", "--report=sentry", "--report-file", path, "./testdata/report-testfail")
	if res.status != 1 {
		t.Errorf("exit status %d, want the tests' 1\nstderr: %s", res.status, res.stderr)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d events, want 2:\n%s", len(lines), data)
	}
	const pkg = "github.com/pdbgo/pdbgo/cmd/pdbgo/testdata/report-testfail"
	for i, want := range []struct {
		value, function, variable string
		above                     int // frames above the test's own: a t.Helper's
	}{
		{`TestFields: fields_test.go:22: Fields("a,b,") = 3, want 2 (13)`, "TestFields", "in", 0},
		{"TestHelper: fields_test.go:27: len = 1, want 2", "TestHelper", "", 1},
	} {
		ev := decodeSentry(t, []byte(lines[i]))
		exc := ev.Exception.Values[0]
		frames := exc.Stacktrace.Frames
		last := frames[len(frames)-1-want.above]
		if ev.Level != "error" || exc.Type != "test failure" || exc.Value != want.value || ev.Tags["crash"] != "test failure" ||
			last.Module != pkg || last.Function != want.function || last.Filename != "testdata/report-testfail/fields_test.go" {
			t.Errorf("event %d: level %q, %q %q, frame %+v", i, ev.Level, exc.Type, exc.Value, last)
		}
		if want.variable != "" && (last.Vars[want.variable] != `"a,b,"` || last.Vars["token"] != "[Filtered]") {
			t.Errorf("event %d: vars %v", i, last.Vars)
		}
	}
	if strings.Contains(string(data), "tok-in-fields") {
		t.Error("the events show the secret")
	}
}

// TestReportSentryCaughtPanic: a panic caught as it began (--recovered) is an event at level
// error, without pdbgo's note in its value, and the program goes on to its own end.
func TestReportSentryCaughtPanic(t *testing.T) {
	wd, _ := os.Getwd()
	res := runReport(t, wd, "", nil, "run", "--recovered", "--report=sentry", "../../internal/command/testdata/recovered")
	if res.status != 3 || !strings.HasSuffix(res.stdout, "recovered: assignment to entry in nil map\n") {
		t.Errorf("exit status %d, want the program's 3; stdout %q", res.status, res.stdout)
	}
	event, _, _ := strings.Cut(res.stdout, "\n")
	ev := decodeSentry(t, []byte(event))
	exc := ev.Exception.Values[0]
	frames := exc.Stacktrace.Frames
	if ev.Level != "error" || exc.Type != "panic" || exc.Value != "assignment to entry in nil map" || ev.Tags["crash"] != "caught panic" ||
		frames[len(frames)-1].Function != "risky" || strings.Contains(event, `"handled"`) {
		t.Errorf("level %q, %q %q, tags %v, frames %v\n%s", ev.Level, exc.Type, exc.Value, ev.Tags, sentryFunctions(frames), event)
	}
}
