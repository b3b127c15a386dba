//go:build linux

package clitest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestPanicTextMatchesGo is the differential test of pdbgo's crash text: every kind of crash
// in testdata/panics (values of every basic kind, named types, errors, Stringers, chains,
// fatal errors, signals) and a crash in C code run natively and under pdbgo, in the line mode
// and with --report=json, and what pdbgo shows first must be what Go printed first (its lines
// up to the first empty one). Addresses differ between runs and are compared as 0x….
// Where Go prints only the address of a value it cannot print ("(main.Point) 0xc000012345"),
// pdbgo prints that, then the value.
//
// PDBGO_DIFF_GO="go1.25.0 ..." runs the corpus built with those Go toolchains too (they must be
// installable by GOTOOLCHAIN): the runtime printed floats differently up to Go 1.25.
func TestPanicTextMatchesGo(t *testing.T) {
	toolchains := append([]string{""}, strings.Fields(os.Getenv("PDBGO_DIFF_GO"))...)
	for _, toolchain := range toolchains {
		name := toolchain
		if name == "" {
			name = "installed-go"
		}
		t.Run(name, func(t *testing.T) {
			bin := buildCorpus(t, "testdata/panics", toolchain)
			list, err := exec.Command(bin, "list").Output()
			if err != nil {
				t.Fatal(err)
			}
			kinds := strings.Fields(string(list))
			sort.Strings(kinds)
			if len(kinds) < 20 {
				t.Fatalf("the corpus has %d kinds of crash, want at least 20", len(kinds))
			}
			for _, kind := range kinds {
				t.Run(kind, func(t *testing.T) {
					t.Parallel() // separate pdbgo processes: each has its own Delve
					compareCrash(t, bin, kind)
				})
			}
			t.Run("cgo", func(t *testing.T) {
				if out, err := exec.Command("go", "env", "CGO_ENABLED").Output(); err != nil || strings.TrimSpace(string(out)) != "1" {
					t.Skip("cgo is not enabled")
				}
				if _, err := exec.LookPath("gcc"); err != nil {
					t.Skip("no gcc")
				}
				t.Parallel()
				compareCrash(t, buildCorpus(t, "testdata/cgocrash", toolchain))
			})
		})
	}
}

// buildCorpus builds the main package in dir with optimizations off, with toolchain when it
// is not "".
func buildCorpus(t *testing.T, dir, toolchain string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), filepath.Base(dir))
	cmd := exec.Command("go", "build", "-gcflags=all=-N -l", "-o", bin, ".")
	cmd.Dir = dir
	if toolchain != "" {
		cmd.Env = append(os.Environ(), "GOTOOLCHAIN="+toolchain)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build %s: %v\n%s", dir, err, out)
	}
	return bin
}

// compareCrash runs bin with args natively and under pdbgo and compares the crash text.
func compareCrash(t *testing.T, bin string, args ...string) {
	native := exec.Command(bin, args...)
	native.Env = withoutEnv(os.Environ(), "GOTRACEBACK")
	out, _ := native.CombinedOutput()
	want := firstBlock(string(out))
	if len(want) == 0 || !strings.Contains(want[0], ":") {
		t.Fatalf("the native run printed no crash:\n%s", out)
	}

	pdbArgs := append([]string{"exec", "--plain", bin, "--"}, args...)
	stdout, stderr, _ := runPdbgo(t, ".", "q\n", pdbArgs...)
	compareLines(t, "line mode", want, lineModeMessage(stdout), stdout+stderr)

	repArgs := append([]string{"exec", "--report=json", bin, "--"}, args...)
	stdout, stderr, _ = runPdbgo(t, ".", "", repArgs...)
	var report struct {
		Error struct{ Message string }
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &report); err != nil {
		t.Fatalf("--report=json: %v\n%s%s", err, stdout, stderr)
	}
	compareLines(t, "--report=json", want, strings.Split(report.Error.Message, "\n"), stdout+stderr)
}

// firstBlock is the lines of a crash's text up to the first empty one: the panic or fatal
// error, the [signal ...] line, a fatal signal's PC= line.
func firstBlock(text string) []string {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l == "" {
			break
		}
		lines = append(lines, l)
	}
	return lines
}

// lineModeMessage is what pdbgo's line mode printed for the stop, before the location (or the
// note that it selected another goroutine).
func lineModeMessage(out string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "> ") || strings.HasPrefix(l, "(pdbgo)") || strings.HasPrefix(l, "No goroutine stopped here") || strings.HasPrefix(l, "Note: ") {
			break
		}
		lines = append(lines, l)
	}
	return lines
}

var (
	hexNumber     = regexp.MustCompile(`0x[0-9a-f]+`)
	signalThread  = regexp.MustCompile(`\bm=[0-9]+\b`) // the thread a signal reached: any, natively too
	addressOnly   = regexp.MustCompile(`^\t?panic: \(.+\) 0x…`)
	pdbgoCutNotes = regexp.MustCompile(` \[pdbgo: cut at .*\]$`)
)

// compareLines checks that got (pdbgo's) has want's lines (Go's), addresses and the thread a
// signal reached (a fatal signal's m=N) aside; a line in which Go printed a value's address may
// go on with the value.
func compareLines(t *testing.T, mode string, want, got []string, all string) {
	t.Helper()
	mask := func(s string) string {
		return signalThread.ReplaceAllString(hexNumber.ReplaceAllString(s, "0x…"), "m=…")
	}
	ok := len(got) == len(want)
	for i := 0; ok && i < len(want); i++ {
		w, g := mask(want[i]), mask(got[i])
		if pdbgoCutNotes.MatchString(g) {
			ok = false
			break
		}
		ok = g == w || addressOnly.MatchString(w) && strings.HasPrefix(g, w+" ")
	}
	if !ok {
		t.Errorf("%s: Go printed\n\t%q\npdbgo printed\n\t%q\nall of pdbgo's output:\n%s", mode, want, got, all)
	}
}

func withoutEnv(env []string, name string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, name+"=") {
			out = append(out, kv)
		}
	}
	return out
}
