//go:build linux

package clitest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-delve/delve/service"
	"github.com/go-delve/delve/service/debugger"
	"github.com/go-delve/delve/service/rpc2"
	"github.com/go-delve/delve/service/rpccommon"
)

// headlessEnv, set, makes the test binary a headless Delve server for the program it names
// (what dlv exec --headless --api-version=2 --accept-multiclient runs) instead of running
// tests: it prints the address it listens on and serves until its standard input closes, then
// ends its program and exits. The server runs in
// a process of its own: Delve's server, serving several clients one after the other, has a
// data race of its own (rpccommon's SetApiVersion) that would fail the tests under -race.
const headlessEnv = "PDBGO_TEST_HEADLESS"

func init() {
	bin := os.Getenv(headlessEnv)
	if bin == "" {
		return
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	server := rpccommon.NewServer(&service.Config{
		Listener:    listener,
		ProcessArgs: []string{bin},
		AcceptMulti: true,
		APIVersion:  2,
		Debugger:    debugger.Config{Backend: "default", ExecuteKind: debugger.ExecutingExistingFile, WorkingDir: "."},
	})
	if err := server.Run(); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	fmt.Println("API server listening at:", listener.Addr())
	io.Copy(io.Discard, os.Stdin)
	server.Stop() // kills the program it started
	os.Exit(0)
}

// headless starts a headless Delve server for bin and returns its address.
func headless(t *testing.T, bin string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), headlessEnv+"="+bin)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	first, err := bufio.NewReader(out).ReadString('\n')
	addr, ok := strings.CutPrefix(strings.TrimSpace(first), "API server listening at: ")
	if err != nil || !ok {
		t.Fatalf("headless server: %q, %v", first, err)
	}
	go io.Copy(io.Discard, out)
	return addr
}

// runWithin runs pdbgo with stdin and fails the test if it has not ended within limit.
func runWithin(t *testing.T, limit time.Duration, stdin string, args ...string) (out string, status int) {
	t.Helper()
	cmd := exec.Command(pdbgo, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var b strings.Builder
	cmd.Stdout, cmd.Stderr = &b, &b
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			status = exit.ExitCode()
		}
		return b.String(), status
	case <-time.After(limit):
		cmd.Process.Kill()
		<-done
		t.Fatalf("pdbgo %s still runs after %v:\n%s", strings.Join(args, " "), limit, b.String())
	}
	return "", 0
}

// dial connects a Delve API client of the test's own to a server.
func dial(t *testing.T, addr string) *rpc2.RPCClient {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return rpc2.NewClientFromConn(conn)
}

// crasher panics at once.
const crasher = `package main

func main() {
	var m map[string]int
	m["x"] = 1
}
`

// TestConnectToRunningProgram: connecting to a server whose program runs halts it and shows
// it, saying so in a line (pdbgo used to wait forever for the running program's state);
// connecting to one waiting at its entry point says that pdbgo runs it.
func TestConnectToRunningProgram(t *testing.T) {
	addr := headless(t, buildFixture(t, spinner))
	dial(t, addr).Disconnect(true) // another client set the program running and left
	time.Sleep(300 * time.Millisecond)
	out, status := runWithin(t, 30*time.Second, "where\nq\n", "connect", addr)
	for _, want := range []string{"Connected to process ", "The program was running: pdbgo halted it.", "main.spin()"} {
		if !strings.Contains(out, want) {
			t.Errorf("connect to a running program: no %q (status %d):\n%s", want, status, out)
		}
	}
	c := dial(t, addr)
	if st, err := c.GetStateNonBlocking(); err != nil || st.Running {
		t.Errorf("after pdbgo quit: running %v, %v (q leaves the program as pdbgo left it: halted)", st != nil && st.Running, err)
	}
	c.Detach(true)

	addr = headless(t, buildFixture(t, crasher))
	out, status = runWithin(t, 30*time.Second, "q\n", "connect", addr)
	for _, want := range []string{" at its entry point: running it to its first stop.\n", "panic: assignment to entry in nil map\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("connect to a program at its entry point: no %q (status %d):\n%s", want, status, out)
		}
	}
}

// silentPeer accepts connections and never answers.
func silentPeer(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { c.Close() })
		}
	}()
	return l.Addr().String()
}

// TestConnectToSilentPeer: a peer that accepts and never answers is given up on in one line,
// and SIGTERM ends pdbgo while it waits.
func TestConnectToSilentPeer(t *testing.T) {
	addr := silentPeer(t)
	out, status := runWithin(t, 30*time.Second, "", "connect", addr)
	if status != 1 || strings.TrimSpace(out) != "pdbgo: cannot connect to "+addr+": no answer within 5s (not a Delve API v2 server?)" {
		t.Errorf("status %d:\n%s", status, out)
	}

	cmd := exec.Command(pdbgo, "connect", addr)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		cmd.Process.Kill()
		t.Fatal("SIGTERM did not end pdbgo while it waited for the server")
	}
	if code := cmd.ProcessState.ExitCode(); code != 128+int(syscall.SIGTERM) {
		t.Errorf("after SIGTERM: %v, want exit status 143 (pdbgo ended itself)", cmd.ProcessState)
	}
}

// TestSignalDuringBuild: SIGTERM while the program builds ends pdbgo at once with 143, the
// build stopped and its directory removed.
func TestSignalDuringBuild(t *testing.T) {
	dir := writeModule(t, spinner)
	tmp, cache := t.TempDir(), t.TempDir()
	cmd := exec.Command(pdbgo, "run", "--plain", "--build-flags=-a", ".") // -a: a build long enough to interrupt
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp, "PDBGO_CACHE="+cache)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(700 * time.Millisecond)
	if len(childrenOf(cmd.Process.Pid, "go")) == 0 {
		t.Log("the build had not started yet when SIGTERM was sent")
	}
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("SIGTERM did not end pdbgo during the build")
	}
	if code := cmd.ProcessState.ExitCode(); code != 143 {
		t.Errorf("after SIGTERM during the build: %v, want exit status 143", cmd.ProcessState)
	}
	if left := leftovers(tmp, cache); len(left) > 0 {
		t.Errorf("the build left %v", left)
	}
	// The go command stops its compilers as it goes; they may take a moment to end.
	orphans := processesIn(dir)
	for i := 0; i < 50 && len(orphans) > 0; i++ {
		time.Sleep(100 * time.Millisecond)
		orphans = processesIn(dir)
	}
	if len(orphans) > 0 {
		t.Errorf("a build outlived pdbgo by 5 s: processes %v still work in %s", orphans, dir)
	}
}

// childrenOf lists the child processes of pid running the command name.
func childrenOf(pid int, name string) []string {
	var out []string
	lists, _ := filepath.Glob("/proc/" + fmt.Sprint(pid) + "/task/*/children")
	for _, list := range lists {
		data, _ := os.ReadFile(list)
		for _, child := range strings.Fields(string(data)) {
			if comm, _ := os.ReadFile("/proc/" + child + "/comm"); strings.TrimSpace(string(comm)) == name {
				out = append(out, child)
			}
		}
	}
	return out
}

// processesIn lists the processes whose working directory is dir (a go build of its module).
func processesIn(dir string) []string {
	var out []string
	cwds, _ := filepath.Glob("/proc/[0-9]*/cwd")
	for _, cwd := range cwds {
		if target, err := os.Readlink(cwd); err == nil && target == dir {
			out = append(out, filepath.Base(filepath.Dir(cwd)))
		}
	}
	return out
}

// TestClosedOutputEndsSession: pdbgo run ./app | head -1 ends pdbgo when head has gone (as end
// of input would, with the status of a death by SIGPIPE, 141): the program killed, the
// temporary binary removed.
func TestClosedOutputEndsSession(t *testing.T) {
	dir := writeModule(t, spinner)
	tmp, cache := t.TempDir(), t.TempDir()
	cmd := exec.Command(pdbgo, "run", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp, "PDBGO_CACHE="+cache)
	stdinR, stdinW := io.Pipe()
	cmd.Stdin = stdinR
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	first, err := bufio.NewReader(out).ReadString('\n') // the program's "pid N"
	if err != nil || !strings.HasPrefix(first, "pid ") {
		t.Fatalf("first line %q, %v", first, err)
	}
	var progPID int
	if _, err := fmt.Sscan(strings.TrimPrefix(strings.TrimSpace(first), "pid "), &progPID); err != nil {
		t.Fatal(err)
	}
	out.Close() // as head -1 exits
	syscall.Kill(cmd.Process.Pid, syscall.SIGINT)
	time.Sleep(300 * time.Millisecond)
	stdinW.Write([]byte("where\n")) // pdbgo answers into the closed pipe
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("pdbgo did not end when its output was closed")
	}
	if code := cmd.ProcessState.ExitCode(); code != 141 {
		t.Errorf("pdbgo ended with %v, want exit status 141", cmd.ProcessState)
	}
	if !waitGone(progPID) {
		t.Errorf("the program (pid %d) outlived pdbgo", progPID)
	}
	if left := leftovers(tmp, cache); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestOverlongCommandLine: a command line over 1 MiB is refused in one *** line and the
// session goes on (it used to end silently).
func TestOverlongCommandLine(t *testing.T) {
	bin := buildFixture(t, spinner)
	long := "p " + strings.Repeat("x", 3<<19) + "\n"
	out, status := runWithin(t, 60*time.Second, long+"p 6*7\nq\n", "exec", "--plain", "-b", "main.spin", bin)
	if status != 0 || !strings.Contains(out, "*** the line is longer than 1024 KiB: it was not run\n") || !strings.Contains(out, "(pdbgo) 42\n") {
		t.Errorf("status %d:\n%.2000s", status, out)
	}
}
