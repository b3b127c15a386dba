package session

import (
	"errors"
	"fmt"
	"reflect"
	"sync"

	"github.com/go-delve/delve/pkg/proc"
	"github.com/go-delve/delve/service"
	"github.com/go-delve/delve/service/api"
	"github.com/go-delve/delve/service/debugger"
	"github.com/go-delve/delve/service/rpc2"
)

// delveClient is what the session asks of Delve: the methods of Delve's own client
// (rpc2.RPCClient) that pdbgo uses. A remote server (connect) is driven by that client over
// JSON-RPC; the Delve pdbgo runs in-process by directClient, without JSON.
type delveClient interface {
	ProcessPid() int
	GetState() (*api.DebuggerState, error)
	GetStateNonBlocking() (*api.DebuggerState, error)
	Continue() <-chan *api.DebuggerState
	Next() (*api.DebuggerState, error)
	Step() (*api.DebuggerState, error)
	StepOut() (*api.DebuggerState, error)
	Halt() (*api.DebuggerState, error)
	CancelNext() error
	SwitchGoroutine(goroutineID int64) (*api.DebuggerState, error)
	Restart(rebuild bool) ([]api.DiscardedBreakpoint, error)
	RestartFrom(rerecord bool, pos string, resetArgs bool, newArgs []string, newRedirects [3]string, rebuild bool) ([]api.DiscardedBreakpoint, error)
	Detach(kill bool) error
	Disconnect(cont bool) error
	SetReturnValuesLoadConfig(cfg *api.LoadConfig)

	CreateBreakpoint(bp *api.Breakpoint) (*api.Breakpoint, error)
	CreateBreakpointWithExpr(bp *api.Breakpoint, locExpr string, substitutePathRules [][2]string, suspended bool) (*api.Breakpoint, error)
	GetBreakpoint(id int) (*api.Breakpoint, error)
	ListBreakpoints(all bool) ([]*api.Breakpoint, error)
	AmendBreakpoint(bp *api.Breakpoint) error
	ClearBreakpoint(id int) (*api.Breakpoint, error)
	FindLocation(scope api.EvalScope, loc string, findInstructions bool, substitutePathRules [][2]string) ([]api.Location, string, error)

	EvalVariable(scope api.EvalScope, expr string, cfg api.LoadConfig) (*api.Variable, error)
	SetVariable(scope api.EvalScope, symbol, value string) error
	ListLocalVariables(scope api.EvalScope, cfg api.LoadConfig) ([]api.Variable, error)
	ListFunctionArgs(scope api.EvalScope, cfg api.LoadConfig) ([]api.Variable, error)
	Stacktrace(goroutineID int64, depth, skip int, opts api.StacktraceOptions, cfg *api.LoadConfig) ([]api.Stackframe, error)
	ListGoroutines(start, count int) ([]*api.Goroutine, int, error)
	ListSources(filter string) ([]string, error)
	ListFunctions(filter string, traceFollow int) ([]string, error)
	ListPackagesBuildInfo(filter string, includeFiles bool) ([]api.PackageBuildInfo, error)
	DisassemblePC(scope api.EvalScope, pc uint64, flavour api.AssemblyFlavour) (api.AsmInstructions, error)
	CallAPI(method string, args, reply any) error
}

var (
	_ delveClient = (*rpc2.RPCClient)(nil)
	_ delveClient = (*directClient)(nil)
)

// directClient calls the methods of Delve's RPC server (rpc2.RPCServer) in-process, as
// Delve's JSON-RPC server (rpccommon) dispatches them, minus the JSON: Delve's Variable
// marshals each nested value again at every level (json.Marshal inside MarshalJSON), so on a
// big binary encoding and decoding cost about four times what loading the values does
// (BenchmarkLocalsBigBinary). Each method is rpc2.RPCClient's, over call instead of JSON-RPC.
type directClient struct {
	debugger *debugger.Debugger
	server   *rpc2.RPCServer

	// syncCalls runs synchronous methods one at a time, as rpccommon serves them from one
	// connection; asynchronous ones (Command, State, Restart) run beside them, as there.
	syncCalls sync.Mutex
	// setupCalls orders the asynchronous methods as rpccommon's server reads them: each holds
	// it until its setup is done (for a command that resumes the program: until Delve has
	// resumed it). A halt that comes after a continue is therefore served after the continue
	// has resumed the program: Delve clears a manual stop asked for before that
	// (proc.(*TargetGroup).Continue), and the halt would be lost.
	setupCalls    sync.Mutex
	disconnect    chan struct{} // closed by Detach: a running command gives up, as on a client's disconnect
	closeOnce     sync.Once
	retValLoadCfg *api.LoadConfig

	// scopes holds the EvalScope of each frame read since the target last stopped.
	scopes scopeCache
}

// newDirectClient starts Delve's debugger on the program, as rpccommon's server does.
func newDirectClient(args []string, cfg debugger.Config) (*directClient, error) {
	d, err := debugger.New(&cfg, args)
	if err != nil {
		return nil, err
	}
	server := rpc2.NewServer(&service.Config{ProcessArgs: args, APIVersion: 2, Debugger: cfg}, d)
	return &directClient{debugger: d, server: server, disconnect: make(chan struct{})}, nil
}

var rpcCallbackType = reflect.TypeFor[service.RPCCallback]()

// call runs the server's method with args and stores its result in reply, as net/rpc does
// for rpc2.RPCClient: args may be a pointer to what the method takes, reply a pointer (to a
// pointer) to what it returns; on an error reply is left alone. A panic in Delve comes back
// as an error, as rpccommon returns it.
func (c *directClient) call(method string, args, reply any) (err error) {
	m := reflect.ValueOf(c.server).MethodByName(method)
	if !m.IsValid() || m.Type().NumIn() != 2 {
		return fmt.Errorf("unknown method: %s", method)
	}
	argv := reflect.ValueOf(args)
	if want := m.Type().In(0); argv.Type() != want {
		if argv.Kind() != reflect.Pointer || argv.Type().Elem() != want {
			return fmt.Errorf("%s takes %s, not %T", method, want, args)
		}
		argv = argv.Elem()
	}
	if !readOnly[method] {
		// The method may run the program or write its memory: scopes read before it are
		// stale, and so are those read while it runs.
		c.scopes.clear()
		defer c.scopes.clear()
	}
	if m.Type().In(1) == rpcCallbackType {
		out, err := c.async(m, argv)
		if err != nil {
			return err
		}
		if out != nil {
			return setReply(reply, reflect.ValueOf(out))
		}
		return nil
	}
	outv := reflect.New(m.Type().In(1).Elem())
	c.syncCalls.Lock()
	defer c.syncCalls.Unlock()
	defer func() {
		if r := recover(); r != nil {
			err = internalError(r)
		}
	}()
	if res := m.Call([]reflect.Value{argv, outv})[0]; !res.IsNil() {
		return res.Interface().(error)
	}
	return setReply(reply, outv.Elem())
}

// setReply stores v in reply, a pointer to v's type or a pointer to a pointer to it.
func setReply(reply any, v reflect.Value) error {
	r := reflect.ValueOf(reply)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	for r.Kind() == reflect.Pointer && r.Type().Elem() != v.Type() && r.Type().Elem().Kind() == reflect.Pointer {
		if r.Elem().IsNil() {
			r.Elem().Set(reflect.New(r.Type().Elem().Elem()))
		}
		r = r.Elem()
	}
	if r.Kind() != reflect.Pointer || r.Type().Elem() != v.Type() {
		return fmt.Errorf("cannot store %s in %T", v.Type(), reply)
	}
	r.Elem().Set(v)
	return nil
}

// internalError is a panic in Delve, in rpccommon's words.
func internalError(r any) error {
	//lint:ignore ST1005 Delve's wording
	return fmt.Errorf("Internal debugger error: %v", r)
}

// callback is the service.RPCCallback of an asynchronous method.
type callback struct {
	setupDone  chan struct{}
	disconnect chan struct{}
	once       sync.Once
	done       chan callbackResult
}

type callbackResult struct {
	out any
	err error
}

func (cb *callback) Return(out any, err error) {
	cb.once.Do(func() {
		select {
		case <-cb.setupDone:
		default:
			close(cb.setupDone)
		}
		cb.done <- callbackResult{out, err}
	})
}
func (cb *callback) SetupDoneChan() chan struct{}  { return cb.setupDone }
func (cb *callback) DisconnectChan() chan struct{} { return cb.disconnect }

func (c *directClient) async(m, argv reflect.Value) (any, error) {
	cb := &callback{setupDone: make(chan struct{}), disconnect: c.disconnect, done: make(chan callbackResult, 1)}
	c.setupCalls.Lock()
	go func() {
		defer func() {
			if r := recover(); r != nil {
				cb.Return(nil, internalError(r))
			}
		}()
		m.Call([]reflect.Value{argv, reflect.ValueOf(cb)})
	}()
	<-cb.setupDone
	c.setupCalls.Unlock()
	r := <-cb.done
	return r.out, r.err
}

// The methods below are rpc2.RPCClient's (service/rpc2/client.go, Delve v1.27.2), over call.

func (c *directClient) ProcessPid() int {
	out := new(rpc2.ProcessPidOut)
	_ = c.call("ProcessPid", rpc2.ProcessPidIn{}, out)
	return out.Pid
}

func (c *directClient) GetState() (*api.DebuggerState, error) {
	var out rpc2.StateOut
	err := c.call("State", rpc2.StateIn{NonBlocking: false}, &out)
	return out.State, err
}

func (c *directClient) GetStateNonBlocking() (*api.DebuggerState, error) {
	var out rpc2.StateOut
	err := c.call("State", rpc2.StateIn{NonBlocking: true}, &out)
	return out.State, err
}

func (c *directClient) Continue() <-chan *api.DebuggerState {
	ch := make(chan *api.DebuggerState)
	go func() {
		for {
			out := new(rpc2.CommandOut)
			err := c.call("Command", &api.DebuggerCommand{Name: api.Continue, ReturnInfoLoadConfig: c.retValLoadCfg}, &out)
			state := out.State
			if err != nil {
				state.Err = err
			}
			if state.Exited {
				//lint:ignore ST1005 Delve's wording, which exitStatusOf reads
				state.Err = fmt.Errorf("Process %d has exited with status %d", c.ProcessPid(), state.ExitStatus)
			}
			ch <- &state
			if err != nil || state.Exited {
				close(ch)
				return
			}
			isbreakpoint, istracepoint := false, true
			for i := range state.Threads {
				if state.Threads[i].Breakpoint != nil {
					isbreakpoint = true
					istracepoint = istracepoint && (state.Threads[i].Breakpoint.Tracepoint || state.Threads[i].Breakpoint.TraceReturn)
				}
			}
			if !isbreakpoint || !istracepoint {
				close(ch)
				return
			}
		}
	}()
	return ch
}

func (c *directClient) command(cmd api.DebuggerCommand) (*api.DebuggerState, error) {
	var out rpc2.CommandOut
	err := c.call("Command", cmd, &out)
	return &out.State, err
}

func (c *directClient) Next() (*api.DebuggerState, error) {
	return c.command(api.DebuggerCommand{Name: api.Next, ReturnInfoLoadConfig: c.retValLoadCfg})
}

func (c *directClient) Step() (*api.DebuggerState, error) {
	return c.command(api.DebuggerCommand{Name: api.Step, ReturnInfoLoadConfig: c.retValLoadCfg})
}

func (c *directClient) StepOut() (*api.DebuggerState, error) {
	return c.command(api.DebuggerCommand{Name: api.StepOut, ReturnInfoLoadConfig: c.retValLoadCfg})
}

func (c *directClient) Halt() (*api.DebuggerState, error) {
	return c.command(api.DebuggerCommand{Name: api.Halt})
}

func (c *directClient) SwitchGoroutine(goroutineID int64) (*api.DebuggerState, error) {
	return c.command(api.DebuggerCommand{Name: api.SwitchGoroutine, GoroutineID: goroutineID})
}

func (c *directClient) CancelNext() error {
	return c.call("CancelNext", rpc2.CancelNextIn{}, new(rpc2.CancelNextOut))
}

func (c *directClient) Restart(rebuild bool) ([]api.DiscardedBreakpoint, error) {
	return c.RestartFrom(false, "", false, nil, [3]string{}, rebuild)
}

func (c *directClient) RestartFrom(rerecord bool, pos string, resetArgs bool, newArgs []string, newRedirects [3]string, rebuild bool) ([]api.DiscardedBreakpoint, error) {
	out := new(rpc2.RestartOut)
	err := c.call("Restart", rpc2.RestartIn{Position: pos, ResetArgs: resetArgs, NewArgs: newArgs, Rerecord: rerecord, Rebuild: rebuild, NewRedirects: newRedirects}, out)
	return out.DiscardedBreakpoints, err
}

// Detach is rpccommon's Detach: the debugger lets go of the process (killing it when kill);
// a command still running gives up, as when a client disconnects.
func (c *directClient) Detach(kill bool) error {
	defer c.closeOnce.Do(func() { close(c.disconnect) })
	defer c.scopes.clear()
	c.syncCalls.Lock()
	defer c.syncCalls.Unlock()
	return c.debugger.Detach(kill)
}

func (c *directClient) Disconnect(cont bool) error {
	if cont {
		return errors.New("an in-process debugger cannot continue without its client")
	}
	c.closeOnce.Do(func() { close(c.disconnect) })
	return nil
}

func (c *directClient) SetReturnValuesLoadConfig(cfg *api.LoadConfig) { c.retValLoadCfg = cfg }

func (c *directClient) CreateBreakpoint(bp *api.Breakpoint) (*api.Breakpoint, error) {
	return c.CreateBreakpointWithExpr(bp, "", nil, false)
}

func (c *directClient) CreateBreakpointWithExpr(bp *api.Breakpoint, locExpr string, substitutePathRules [][2]string, suspended bool) (*api.Breakpoint, error) {
	var out rpc2.CreateBreakpointOut
	err := c.call("CreateBreakpoint", rpc2.CreateBreakpointIn{Breakpoint: *bp, LocExpr: locExpr, SubstitutePathRules: substitutePathRules, Suspended: suspended}, &out)
	return &out.Breakpoint, err
}

func (c *directClient) GetBreakpoint(id int) (*api.Breakpoint, error) {
	var out rpc2.GetBreakpointOut
	err := c.call("GetBreakpoint", rpc2.GetBreakpointIn{Id: id}, &out)
	return &out.Breakpoint, err
}

func (c *directClient) ListBreakpoints(all bool) ([]*api.Breakpoint, error) {
	var out rpc2.ListBreakpointsOut
	err := c.call("ListBreakpoints", rpc2.ListBreakpointsIn{All: all}, &out)
	return out.Breakpoints, err
}

func (c *directClient) AmendBreakpoint(bp *api.Breakpoint) error {
	return c.call("AmendBreakpoint", rpc2.AmendBreakpointIn{Breakpoint: *bp}, new(rpc2.AmendBreakpointOut))
}

func (c *directClient) ClearBreakpoint(id int) (*api.Breakpoint, error) {
	var out rpc2.ClearBreakpointOut
	err := c.call("ClearBreakpoint", rpc2.ClearBreakpointIn{Id: id}, &out)
	return out.Breakpoint, err
}

func (c *directClient) FindLocation(scope api.EvalScope, loc string, findInstructions bool, substitutePathRules [][2]string) ([]api.Location, string, error) {
	var out rpc2.FindLocationOut
	err := c.call("FindLocation", rpc2.FindLocationIn{Scope: scope, Loc: loc, IncludeNonExecutableLines: !findInstructions, SubstitutePathRules: substitutePathRules}, &out)
	return out.Locations, out.SubstituteLocExpr, err
}

// EvalVariable is rpc2.RPCServer's Eval over a cached scope (scopeCache).
func (c *directClient) EvalVariable(scope api.EvalScope, expr string, cfg api.LoadConfig) (*api.Variable, error) {
	var out *api.Variable
	err := c.inScope(scope, func(s *proc.EvalScope) error {
		v, err := s.EvalExpression(expr, *api.LoadConfigToProc(&cfg))
		if err == nil {
			out = api.ConvertVar(v)
		}
		return err
	})
	return out, err
}

func (c *directClient) SetVariable(scope api.EvalScope, symbol, value string) error {
	return c.call("Set", rpc2.SetIn{Scope: scope, Symbol: symbol, Value: value}, new(rpc2.SetOut))
}

// ListLocalVariables is rpc2.RPCServer's ListLocalVars over a cached scope (scopeCache).
func (c *directClient) ListLocalVariables(scope api.EvalScope, cfg api.LoadConfig) ([]api.Variable, error) {
	return c.scopeVars(scope, cfg, (*proc.EvalScope).LocalVariables)
}

// ListFunctionArgs is rpc2.RPCServer's ListFunctionArgs over a cached scope (scopeCache).
func (c *directClient) ListFunctionArgs(scope api.EvalScope, cfg api.LoadConfig) ([]api.Variable, error) {
	return c.scopeVars(scope, cfg, (*proc.EvalScope).FunctionArguments)
}

func (c *directClient) scopeVars(scope api.EvalScope, cfg api.LoadConfig, list func(*proc.EvalScope, proc.LoadConfig) ([]*proc.Variable, error)) ([]api.Variable, error) {
	var out []api.Variable
	err := c.inScope(scope, func(s *proc.EvalScope) error {
		vs, err := list(s, *api.LoadConfigToProc(&cfg))
		if err == nil {
			out = api.ConvertVars(vs)
		}
		return err
	})
	return out, err
}

func (c *directClient) Stacktrace(goroutineID int64, depth, skip int, opts api.StacktraceOptions, cfg *api.LoadConfig) ([]api.Stackframe, error) {
	var out rpc2.StacktraceOut
	err := c.call("Stacktrace", rpc2.StacktraceIn{Id: goroutineID, Depth: depth, Opts: opts, Cfg: cfg, Skip: skip}, &out)
	return out.Locations, err
}

func (c *directClient) ListGoroutines(start, count int) ([]*api.Goroutine, int, error) {
	var out rpc2.ListGoroutinesOut
	err := c.call("ListGoroutines", rpc2.ListGoroutinesIn{Start: start, Count: count}, &out)
	return out.Goroutines, out.Nextg, err
}

func (c *directClient) ListSources(filter string) ([]string, error) {
	out := new(rpc2.ListSourcesOut)
	err := c.call("ListSources", rpc2.ListSourcesIn{Filter: filter}, out)
	return out.Sources, err
}

func (c *directClient) ListFunctions(filter string, traceFollow int) ([]string, error) {
	out := new(rpc2.ListFunctionsOut)
	err := c.call("ListFunctions", rpc2.ListFunctionsIn{Filter: filter, FollowCalls: traceFollow}, out)
	return out.Funcs, err
}

func (c *directClient) ListPackagesBuildInfo(filter string, includeFiles bool) ([]api.PackageBuildInfo, error) {
	var out rpc2.ListPackagesBuildInfoOut
	err := c.call("ListPackagesBuildInfo", rpc2.ListPackagesBuildInfoIn{Filter: filter, IncludeFiles: includeFiles}, &out)
	return out.List, err
}

func (c *directClient) DisassemblePC(scope api.EvalScope, pc uint64, flavour api.AssemblyFlavour) (api.AsmInstructions, error) {
	var out rpc2.DisassembleOut
	err := c.call("Disassemble", rpc2.DisassembleIn{Scope: scope, StartPC: pc, Flavour: flavour}, &out)
	return out.Disassemble, err
}

func (c *directClient) CallAPI(method string, args, reply any) error {
	return c.call(method, args, reply)
}
