// Package session is pdbgo's only link to Delve: it builds the program, starts Delve in-process
// (or connects to a headless one), owns the debugged process's life and answers in pdbgo's own
// types (stack.Frame, value.Value, Stop, Breakpoint, Goroutine).
package session

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/go-delve/delve/pkg/goversion"
	"github.com/go-delve/delve/pkg/logflags"
	"github.com/go-delve/delve/service"
	"github.com/go-delve/delve/service/api"
	"github.com/go-delve/delve/service/debugger"
	"github.com/go-delve/delve/service/rpc2"
	"github.com/go-delve/delve/service/rpccommon"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/value"
)

// Mode says how the program comes under the debugger.
type Mode int

const (
	ModeRun     Mode = iota // build a main package and run it
	ModeExec                // run an existing binary
	ModeTest                // build a package's tests and run them
	ModeAttach              // attach to a running process
	ModeConnect             // drive a headless Delve server
	ModeCore                // open a core dump
)

// Config describes the program to debug.
type Config struct {
	Mode       Mode
	Packages   []string // ModeRun, ModeTest: what go build takes
	Binary     string   // ModeExec, ModeCore: the executable
	Args       []string // the program's arguments
	BuildFlags string
	WorkDir    string // the program's working directory
	PID        int    // ModeAttach
	Addr       string // ModeConnect
	CoreFile   string // ModeCore
	TTY        string // path of a terminal for the program's stdio; empty: inherit stdout/stderr
	// Terminal gives a program pdbgo starts (run, exec, test) a pseudo-terminal of its own
	// (Session.Terminal), unless TTY names one.
	Terminal bool
	Stdin    string // file the program reads as its standard input; empty: /dev/null (or TTY)
	Trace    bool   // ModeAttach: the process called pdbgo's trace package and waits to be run into its trap
}

// Session is a debugging session over one process.
type Session struct {
	cfg    Config
	client *rpc2.RPCClient
	server service.Server
	binDir string // temporary directory holding a binary pdbgo built; removed on Close
	binary string // the binary pdbgo built (ModeRun, ModeTest)
	term   *terminal
	pid    int

	mu      sync.Mutex
	running bool
	closed  bool

	closeOnce  sync.Once
	closeErr   error
	killed     bool // kill asked for the process to end, attached or remote as it may be
	atSetTrace bool // the last stop was a trace.SetTrace trap: the first step leaves its frames

	goVersionOnce sync.Once
	goVersion     *goversion.GoVersion
}

var _ debug.Debugger = (*Session)(nil)

func init() {
	// Delve logs nothing unless asked; make sure stray warnings don't reach the user's terminal.
	_ = logflags.Setup(false, "", "")
}

// Start builds the program when the mode asks for it and starts debugging it. The program is
// stopped at its entry point (or where it was, when attached) when Start returns.
func Start(cfg Config) (*Session, error) {
	s := &Session{cfg: cfg}
	if cfg.Mode == ModeConnect {
		return s, s.connect()
	}
	args := append([]string{cfg.Binary}, cfg.Args...)
	kind := debugger.ExecutingExistingFile
	switch cfg.Mode {
	case ModeRun, ModeTest:
		bin, err := s.build()
		if err != nil {
			return nil, err
		}
		args[0] = bin
		kind = debugger.ExecutingGeneratedFile
		if cfg.Mode == ModeTest {
			kind = debugger.ExecutingGeneratedTest
		}
	case ModeExec:
		if _, err := os.Stat(cfg.Binary); err != nil {
			return nil, fmt.Errorf("cannot run %s: %w", cfg.Binary, errors.Unwrap(err))
		}
		abs, err := filepath.Abs(cfg.Binary)
		if err == nil {
			args[0] = abs
		}
	case ModeAttach, ModeCore:
		kind = debugger.ExecutingOther
		if cfg.Mode == ModeAttach {
			if err := checkPID(cfg.PID); err != nil {
				return nil, err
			}
			args = nil
			if exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", cfg.PID)); err == nil {
				args = []string{exe}
			}
		}
	}
	wd := cfg.WorkDir
	if wd == "" {
		wd = "."
	}
	if cfg.Terminal && cfg.TTY == "" && kind != debugger.ExecutingOther {
		t, err := openTerminal()
		if err != nil {
			s.removeBinary()
			return nil, err
		}
		s.term, cfg.TTY = t, t.slave.Name()
	}
	listener, clientConn := service.ListenerPipe()
	s.server = rpccommon.NewServer(&service.Config{
		Listener:    listener,
		ProcessArgs: args,
		APIVersion:  2,
		Debugger: debugger.Config{
			AttachPid:   cfg.PID,
			WorkingDir:  wd,
			Backend:     "default",
			CoreFile:    cfg.CoreFile,
			Packages:    cfg.Packages,
			BuildFlags:  cfg.BuildFlags,
			ExecuteKind: kind,
			TTY:         cfg.TTY,
			Stdin:       cfg.Stdin,
		},
	})
	if err := s.server.Run(); err != nil {
		listener.Close()
		s.removeBinary()
		s.term.close()
		return nil, startError(cfg, err)
	}
	s.client = rpc2.NewClientFromConn(clientConn)
	s.client.SetReturnValuesLoadConfig(returnLoad)
	if cfg.Mode != ModeCore {
		// A core's pid is the dead process's: Close must never signal it (or its reuser).
		s.pid = s.client.ProcessPid()
	}
	if cfg.Mode == ModeAttach && cfg.Trace {
		s.runToTrap()
	}
	return s, nil
}

func checkPID(pid int) error {
	if pid <= 0 {
		return fmt.Errorf("%d is not a process id", pid)
	}
	if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("no process with pid %d", pid)
	}
	if pid == os.Getpid() {
		return errors.New("pdbgo cannot attach to itself")
	}
	return nil
}

func startError(cfg Config, err error) error {
	msg := err.Error()
	switch {
	case (errors.Is(err, api.ErrNotExecutable) || strings.Contains(msg, "not an executable file")) && cfg.Mode == ModeRun:
		return fmt.Errorf("%s is not a main package: run takes a main package, as go run does", strings.Join(cfg.Packages, " "))
	case errors.Is(err, api.ErrNotExecutable) || strings.Contains(msg, "not an executable file"):
		return fmt.Errorf("%s is not an executable", cfg.Binary)
	case cfg.Mode == ModeAttach && strings.Contains(msg, "operation not permitted"):
		return fmt.Errorf("cannot attach to pid %d: operation not permitted (another debugger may be attached, or ptrace is restricted: see /proc/sys/kernel/yama/ptrace_scope)", cfg.PID)
	case cfg.Mode == ModeAttach:
		return fmt.Errorf("cannot attach to pid %d: %s", cfg.PID, msg)
	case cfg.Mode == ModeCore:
		return fmt.Errorf("cannot open core %s: %s", cfg.CoreFile, msg)
	}
	return fmt.Errorf("cannot start the program: %s", msg)
}

func (s *Session) connect() error {
	conn, err := net.DialTimeout("tcp", s.cfg.Addr, 5*time.Second)
	if err != nil {
		var errno syscall.Errno
		var dns *net.DNSError
		switch {
		case errors.As(err, &errno):
			err = errno
		case errors.As(err, &dns):
			err = dns
		}
		return fmt.Errorf("cannot connect to %s: %v", s.cfg.Addr, err)
	}
	s.client = rpc2.NewClientFromConn(conn)
	s.client.SetReturnValuesLoadConfig(returnLoad)
	if _, err := s.client.GetStateNonBlocking(); err != nil {
		conn.Close()
		return fmt.Errorf("cannot connect to %s: not a Delve API v2 server (%v)", s.cfg.Addr, err)
	}
	s.pid = s.client.ProcessPid()
	return nil
}

// returnLoad loads what return (step out) shows the function returned.
var returnLoad = func() *api.LoadConfig { c := loadConfig(debug.LoadShort); return &c }()

// PID is the debugged process's id.
func (s *Session) PID() int { return s.pid }

// Mode says how the program came under the debugger.
func (s *Session) Mode() Mode { return s.cfg.Mode }

// Attached reports whether quitting must leave the process running.
func (s *Session) Attached() bool { return s.cfg.Mode == ModeAttach }

// Live reports whether the process can run (false for a core dump).
func (s *Session) Live() bool { return s.cfg.Mode != ModeCore }

// Close ends the session: a program pdbgo started is killed and its binary removed, an
// attached one is detached and keeps running, a remote server is left as it is. Every caller
// returns only when that is done: pdbgo may exit right after.
func (s *Session) Close() error {
	s.closeOnce.Do(func() { s.closeErr = s.close() })
	return s.closeErr
}

func (s *Session) close() error {
	s.mu.Lock()
	s.closed = true
	running, killed := s.running, s.killed
	s.mu.Unlock()
	defer s.removeBinary()
	defer s.term.close() // after the program is gone: it writes to it until then
	if s.client == nil {
		return nil
	}
	if s.cfg.Mode == ModeConnect {
		if killed {
			return s.client.Detach(true)
		}
		return s.client.Disconnect(false)
	}
	if running {
		_, _ = s.client.Halt()
	}
	kill := s.cfg.Mode != ModeAttach || killed
	switch {
	case kill && s.pid > 0 && s.cfg.Mode == ModeAttach:
		// Not pdbgo's process: its group is the user's shell job (a pipeline's partners, a
		// server's workers), which must live on. It dies alone.
		_ = syscall.Kill(s.pid, syscall.SIGKILL)
	case kill && s.pid > 0:
		// Killing the process group ourselves spares a wait on Delve's 200 ms wait4 poll, and
		// takes any child processes of the program with it.
		_ = syscall.Kill(-s.pid, syscall.SIGKILL)
	}
	err := s.client.Detach(kill)
	if err != nil && kill {
		err = nil // the process is gone either way
	}
	return err
}

// Kill ends the process, attached or not, and the session.
func (s *Session) Kill() error {
	s.mu.Lock()
	s.killed = true // from now on Close kills
	s.mu.Unlock()
	return s.Close()
}

func (s *Session) removeBinary() {
	if s.binDir != "" {
		os.RemoveAll(s.binDir)
		s.binDir = ""
	}
}

// Running reports whether the program is running (between Continue and its stop).
func (s *Session) Running() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.running
}

// Halt stops a running program; it does nothing when the program is already stopped (a halt
// then would queue a trap that kills an attached process after detach).
func (s *Session) Halt() error {
	if !s.Running() {
		return nil
	}
	_, err := s.client.Halt()
	return err
}

// endRun marks the end of a run and reports whether the session was closed meanwhile.
func (s *Session) endRun() (closed bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.running = false
	return s.closed
}

func (s *Session) setRunning(r bool) {
	s.mu.Lock()
	s.running = r
	s.mu.Unlock()
}

// toValue copies a Delve variable into pdbgo's own type.
func toValue(v *api.Variable) value.Value {
	out := value.Value{
		Name:       v.Name,
		Type:       v.Type,
		Kind:       v.Kind, // Delve's kinds are reflect's
		Value:      v.Value,
		Len:        v.Len,
		Cap:        v.Cap,
		Addr:       v.Addr,
		Base:       v.Base,
		OnlyAddr:   v.OnlyAddr,
		Unreadable: v.Unreadable,
	}
	if len(v.Children) > 0 {
		out.Children = make([]value.Value, len(v.Children))
		for i := range v.Children {
			out.Children[i] = toValue(&v.Children[i])
		}
	}
	return out
}

func toValues(vs []api.Variable) []value.Value {
	out := make([]value.Value, 0, len(vs))
	for i := range vs {
		// Shadowed variables and the unnamed results (~r0) of a function that has not returned
		// are noise at a stop.
		if vs[i].Flags&api.VariableShadowed != 0 || strings.HasPrefix(vs[i].Name, "~r") {
			continue
		}
		out = append(out, toValue(&vs[i]))
	}
	return out
}
