//go:build linux

package session

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pdbgo/pdbgo/internal/debug"
)

// echoSource reads a line from its standard input, says whether that is a terminal and what
// it read, and panics with it.
const echoSource = `package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	fi, _ := os.Stdin.Stat()
	fmt.Println("stdin is a terminal:", fi.Mode()&os.ModeCharDevice != 0)
	line, _ := bufio.NewReader(os.Stdin).ReadString('\n')
	fmt.Printf("read %q\n", line)
	panic("read " + line)
}
`

func echoModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "main.go"), []byte(echoSource), 0o644)
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/echo\n\ngo 1.22\n"), 0o644)
	return dir
}

// procStat returns the fields of /proc/PID/stat after the command name: state, ppid, pgrp,
// session, tty_nr, ...; nil when the process is gone (reaped).
func procStat(pid int) []string {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return nil
	}
	s := string(data)
	return strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
}

// TestHandOffStdin: a program pdbgo runs is started by pdbgo, stopped before its first
// instruction, in a process group of its own, and handed to Delve; --stdin reaches it.
func TestHandOffStdin(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in")
	os.WriteFile(in, []byte("from file\n"), 0o644)
	t.Chdir(echoModule(t))
	s, err := Start(Config{Mode: ModeRun, Packages: []string{"."}, Stdin: in})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.launch.handedOff {
		t.Fatal("the program was launched by Delve, not handed off")
	}
	st := procStat(s.PID())
	if st == nil || st[0] != "t" || st[1] != strconv.Itoa(os.Getpid()) || st[2] != strconv.Itoa(s.PID()) {
		t.Fatalf("/proc stat of the program = %v, want stopped by the tracer (t), pdbgo's child, its own process group", st)
	}
	stop, err := s.Continue()
	if err != nil {
		t.Fatal(err)
	}
	if stop.Kind != debug.StopPanic || !strings.Contains(stop.Message, "read from file") {
		t.Errorf("stop = %+v, want the panic with the line of the stdin file", stop)
	}
}

// TestHandOffTerminal: with a terminal of its own (Config.Terminal) the program reads and
// writes it, in a session of its own with it as its controlling terminal.
func TestHandOffTerminal(t *testing.T) {
	t.Chdir(echoModule(t))
	s, err := Start(Config{Mode: ModeRun, Packages: []string{"."}, Terminal: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if st := procStat(s.PID()); st == nil || st[3] != strconv.Itoa(s.PID()) || st[4] == "0" {
		t.Fatalf("/proc stat of the program = %v, want it leading its session, with a terminal", st)
	}
	out := make(chan string, 1)
	go func() {
		var b strings.Builder
		r := bufio.NewReader(s.Terminal())
		for !strings.Contains(b.String(), "read ") {
			l, err := r.ReadString('\n')
			b.WriteString(l)
			if err != nil {
				break
			}
		}
		out <- b.String()
	}()
	io.WriteString(s.Terminal(), "typed\n")
	stop, err := s.Continue()
	if err != nil {
		t.Fatal(err)
	}
	if stop.Kind != debug.StopPanic || !strings.Contains(stop.Message, "read typed") {
		t.Errorf("stop = %+v", stop)
	}
	select {
	case o := <-out:
		if !strings.Contains(o, "stdin is a terminal: true") || !strings.Contains(o, `read "typed\n"`) {
			t.Errorf("the program's terminal showed %q", o)
		}
	case <-time.After(10 * time.Second):
		t.Error("nothing the program wrote reached its terminal")
	}
}

// TestHandOffRestart: Delve cannot restart a process it attached to; pdbgo restarts a program
// it handed off itself: the old process is killed and reaped, the new one stops at the same
// breakpoints (same ids, conditions, disabled states, hit counts from zero), with new
// arguments when given; Close kills and reaps the last one.
func TestHandOffRestart(t *testing.T) {
	s, err := Start(Config{Mode: ModeExec, Binary: buildIndexFixture(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	loc := "main.go:12"
	b1, err := s.SetBreakpoint(debug.Scope{GoroutineID: -1}, "main.pick", "")
	if err != nil {
		t.Fatal(err)
	}
	b2, err := s.SetBreakpoint(debug.Scope{GoroutineID: -1}, loc, "at == 2")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AmendBreakpoint(b1.ID, func(b *debug.Breakpoint) { b.Disabled = true }); err != nil {
		t.Fatal(err)
	}
	if stop, err := s.Continue(); err != nil || stop.Kind != debug.StopBreakpoint {
		t.Fatalf("first run: %+v, %v", stop, err)
	}
	before, _ := s.Breakpoints()
	oldPID := s.PID()
	if err := s.Restart(true, []string{"x"}); err != nil {
		t.Fatal(err)
	}
	if s.PID() == oldPID || procStat(oldPID) != nil {
		t.Errorf("after restart pid %d, the old process %d: %v (want it gone, reaped)", s.PID(), oldPID, procStat(oldPID))
	}
	after, _ := s.Breakpoints()
	if len(after) != len(before) {
		t.Fatalf("breakpoints before restart %+v, after %+v", before, after)
	}
	for i := range after {
		b, a := before[i], after[i]
		if a.ID != b.ID || a.Cond != b.Cond || a.Disabled != b.Disabled || a.Line != b.Line || a.Hits != 0 {
			t.Errorf("breakpoint %d before restart %+v, after %+v", b.ID, b, a)
		}
	}
	if args, err := os.ReadFile("/proc/" + strconv.Itoa(s.PID()) + "/cmdline"); err != nil || !strings.HasSuffix(string(args), "\x00x\x00") {
		t.Errorf("restarted with arguments %q, want x", args)
	}
	stop, err := s.Continue()
	if err != nil || stop.Kind != debug.StopBreakpoint || stop.Breakpoint.ID != b2.ID {
		t.Fatalf("after restart: %+v, %v; want breakpoint %d", stop, err, b2.ID)
	}
	pid := s.PID()
	s.Close()
	if st := procStat(pid); st != nil {
		t.Errorf("after Close the program is still there: %v", st)
	}
}
