package command_test

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/session"
)

// The soak: many sessions in a row in one process, through real Delve, must leave nothing
// behind. make test runs a few of each (the defaults); make soak runs the full counts.
var (
	soakSessions = flag.Int("soak.sessions", 20, "sessions TestSoakSessions runs (make soak: 200)")
	soakAttaches = flag.Int("soak.attaches", 10, "attach and detach cycles TestSoakAttach runs (make soak: 50)")
)

// Bounds of what a soak may grow by, from its measure after the warm-up sessions to its
// measure at the end. Child processes, temporary files and the build cache must not grow at
// all; the others are the process's own and move a little with the Go runtime and Delve's
// caches, but a leak of one per session, or of a few KB a session, goes past them.
const (
	soakWarmup         = 3
	soakFDs            = 0       // open file descriptors
	soakThreads        = 4       // OS threads: the runtime keeps idle ones
	soakGoroutines     = 2       // goroutines
	soakHeap           = 4 << 20 // bytes of heap in use after a garbage collection
	soakHeapPerSession = 16 << 10
)

// resources are what a session could leave behind, in this process and on disk.
type resources struct {
	children   int // processes whose parent is this one, zombies included
	fds        int // open file descriptors (/proc/self/fd)
	threads    int // OS threads
	goroutines int
	heap       int64 // bytes of heap in use after a garbage collection
	tempFiles  int   // files and directories in TMPDIR, at every depth
	cacheFiles int   // files and directories in pdbgo's build cache, at every depth
}

func (r resources) String() string {
	return fmt.Sprintf("children %d, fds %d, threads %d, goroutines %d, heap %.1f MB, temp files %d, cache files %d",
		r.children, r.fds, r.threads, r.goroutines, float64(r.heap)/(1<<20), r.tempFiles, r.cacheFiles)
}

// measure reads the resources once the goroutines a session ended have returned: it waits
// (up to 5 s) until their count stops falling.
func measure(t *testing.T) resources {
	t.Helper()
	n := runtime.NumGoroutine()
	for range 100 {
		time.Sleep(50 * time.Millisecond)
		m := runtime.NumGoroutine()
		if m >= n {
			break
		}
		n = m
	}
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	return resources{
		children:   len(children(t)),
		fds:        len(fds),
		threads:    threads(t),
		goroutines: runtime.NumGoroutine(),
		heap:       int64(ms.HeapInuse),
		tempFiles:  countFiles(os.TempDir()),
		cacheFiles: countFiles(os.Getenv("PDBGO_CACHE")),
	}
}

// children lists the processes whose parent is this process (zombies too), with their state.
func children(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces and parentheses; the last ")" ends it.
		fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(fields) > 1 && fields[1] == strconv.Itoa(os.Getpid()) {
			out = append(out, e.Name()+" "+fields[0])
		}
	}
	return out
}

func threads(t *testing.T) int {
	t.Helper()
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if n, ok := strings.CutPrefix(line, "Threads:"); ok {
			v, _ := strconv.Atoi(strings.TrimSpace(n))
			return v
		}
	}
	t.Fatal("no Threads: line in /proc/self/status")
	return 0
}

// countFiles counts the files and directories under dir.
func countFiles(dir string) int {
	n := 0
	_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && path != dir {
			n++
		}
		return nil
	})
	return n
}

// soak runs cycle warm-up times, measures, runs it count times checking after each that no
// process and no file was left, measures again and checks the growth against the bounds.
func soak(t *testing.T, count int, cycle func(i int)) {
	t.Helper()
	for i := range soakWarmup {
		cycle(i)
	}
	base := measure(t)
	peak := base
	start := time.Now()
	for i := range count {
		cycle(soakWarmup + i)
		if t.Failed() {
			t.Fatalf("cycle %d failed", soakWarmup+i)
		}
		// What must not grow at all is checked after every cycle.
		now := resources{children: len(children(t)), tempFiles: countFiles(os.TempDir()), cacheFiles: countFiles(os.Getenv("PDBGO_CACHE"))}
		if now.children > base.children || now.tempFiles > base.tempFiles || now.cacheFiles > base.cacheFiles {
			t.Fatalf("after cycle %d: children %v (%d before), temporary files %d (%d before), cache files %d (%d before)",
				soakWarmup+i, children(t), base.children, now.tempFiles, base.tempFiles, now.cacheFiles, base.cacheFiles)
		}
		if i%10 == 9 || i == count-1 {
			r := measure(t)
			peak = resources{max(peak.children, r.children), max(peak.fds, r.fds), max(peak.threads, r.threads),
				max(peak.goroutines, r.goroutines), max(peak.heap, r.heap), max(peak.tempFiles, r.tempFiles), max(peak.cacheFiles, r.cacheFiles)}
		}
	}
	elapsed := time.Since(start)
	end := measure(t)
	t.Logf("%d cycles in %v (%v a cycle)\n  after the warm-up: %v\n  at the end:       %v\n  peak:             %v",
		count, elapsed.Round(time.Millisecond), (elapsed / time.Duration(count)).Round(time.Millisecond), base, end, peak)
	heapBound := int64(soakHeap + soakHeapPerSession*count)
	switch {
	case end.fds > base.fds+soakFDs:
		t.Errorf("open file descriptors grew from %d to %d", base.fds, end.fds)
	case end.threads > base.threads+soakThreads:
		t.Errorf("threads grew from %d to %d", base.threads, end.threads)
	case end.goroutines > base.goroutines+soakGoroutines:
		t.Errorf("goroutines grew from %d to %d", base.goroutines, end.goroutines)
	case end.heap > base.heap+heapBound:
		t.Errorf("the heap grew from %.1f MB to %.1f MB, more than %.1f MB", float64(base.heap)/(1<<20), float64(end.heap)/(1<<20), float64(heapBound)/(1<<20))
	}
}

// TestSoakSessions runs sessions in a row in this one process, each through real Delve as
// pdbgo run does: the program is built (from pdbgo's build cache), run to its panic, up,
// locals, restart (built again, run to the panic again), quit. Nothing may be left behind:
// no process, no temporary file, no entry in the build cache beyond the program's one, and
// no more descriptors, threads, goroutines or heap than the bounds above.
func TestSoakSessions(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	t.Setenv("PDBGO_CACHE", t.TempDir())
	soak(t, *soakSessions, func(i int) {
		sess, err := session.Start(session.Config{Mode: session.ModeRun, Packages: []string{"./testdata/nilmap"}})
		if err != nil {
			t.Fatalf("session %d: %v", i, err)
		}
		var out bytes.Buffer
		in := command.New(sess, &out)
		in.Begin()
		pid := sess.PID()
		for _, c := range []string{"up", "locals", "restart", "quit"} {
			in.Execute(c)
		}
		restarted := sess.PID()
		if err := sess.Close(); err != nil {
			t.Errorf("session %d: close: %v", i, err)
		}
		for _, p := range []int{pid, restarted} {
			if !processGone(p) {
				killPID(p)
				t.Errorf("session %d: process %d outlived the session", i, p)
			}
		}
		text := out.String()
		if strings.Count(text, "panic: assignment to entry in nil map\n") != 2 || !strings.Contains(text, "Restarted.") ||
			!strings.Contains(text, "main.fill()") || !strings.Contains(text, `k = "alpha"`) || strings.Contains(text, "***") {
			t.Errorf("session %d printed:\n%s", i, text)
		}
	})
}

// TestSoakAttach attaches to one long-running program and detaches from it again and again
// in this one process, as pdbgo attach PID and quit do: the program must keep running and
// answering after every cycle, and nothing may be left behind in pdbgo.
func TestSoakAttach(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	t.Setenv("PDBGO_CACHE", t.TempDir())
	dir := t.TempDir()
	bin := filepath.Join(dir, "pingserver")
	if out, err := exec.Command("go", "build", "-gcflags=all=-N -l", "-o", bin, "./testdata/pingserver").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	sock := filepath.Join(dir, "ping.sock")
	// Not this process's child: its events must reach Delve's wait4, not an exec.Cmd's.
	out, err := exec.Command("sh", "-c", `"$0" "$1" >/dev/null 2>&1 & echo $!`, bin, sock).Output()
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatalf("pid %q: %v", out, err)
	}
	t.Cleanup(func() { killPID(pid) })
	first := ping(t, sock, 10*time.Second)
	last := first
	soak(t, *soakAttaches, func(i int) {
		sess, err := session.Start(session.Config{Mode: session.ModeAttach, PID: pid})
		if err != nil {
			t.Fatalf("attach %d: %v", i, err)
		}
		var out bytes.Buffer
		in := command.New(sess, &out)
		if err := in.Start(command.BeginAttached, nil); err != nil {
			t.Errorf("attach %d: %v", i, err)
		}
		for _, c := range []string{"goroutines", "where", "quit"} {
			in.Execute(c)
		}
		if err := sess.Close(); err != nil {
			t.Errorf("attach %d: detach: %v", i, err)
		}
		if text := out.String(); !strings.Contains(text, fmt.Sprintf("Attached to process %d.", pid)) || strings.Contains(text, "***") {
			t.Errorf("attach %d printed:\n%s", i, text)
		}
		p := ping(t, sock, 5*time.Second)
		if p.n != last.n+1 || p.ticks < last.ticks {
			t.Errorf("after detach %d the program answered %+v, after %+v before", i, p, last)
		}
		last = p
	})
	// It runs on: its ticks go on counting.
	time.Sleep(200 * time.Millisecond)
	if p := ping(t, sock, 5*time.Second); p.ticks <= last.ticks {
		t.Errorf("the program stopped counting after the detaches: %+v, then %+v", last, p)
	}
	t.Logf("the program answered %d times, %d ticks of 10 ms counted", last.n, last.ticks)
}

// pong is one answer of the ping server: its count of answers and of ticks.
type pong struct{ n, ticks int }

// ping asks the ping server for its counts, retrying until it listens (up to wait).
func ping(t *testing.T, sock string, wait time.Duration) pong {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		c, err := net.DialTimeout("unix", sock, time.Second)
		if err == nil {
			_ = c.SetDeadline(time.Now().Add(wait))
			line, err := bufio.NewReader(c).ReadString('\n')
			c.Close()
			var p pong
			if _, serr := fmt.Sscanf(line, "pong %d %d", &p.n, &p.ticks); err != nil || serr != nil {
				t.Fatalf("the program answered %q (%v)", line, err)
			}
			return p
		}
		if time.Now().After(deadline) {
			t.Fatalf("the program does not answer on %s: %v", sock, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// killPID kills a process this test started (os.Process, not syscall.Kill: make cross vets
// the tests for Windows too).
func killPID(pid int) {
	if p, err := os.FindProcess(pid); err == nil {
		_ = p.Kill()
	}
}
