package session

import (
	"sync"

	"github.com/go-delve/delve/pkg/proc"
	"github.com/go-delve/delve/service/api"
)

// scopeCache keeps the EvalScope of each frame asked for (goroutine, frame, deferred call)
// until the target may have changed. Delve's Debugger converts the scope again for every
// LocalVariables, FunctionArguments and EvalVariableInScope: it looks the goroutine up and
// unwinds its stack to the frame, a third of a locals on the big binary
// (BenchmarkLocalsBigBinary). Delve's own stack cache (proc's scache) misses for a goroutine
// running on a thread, as the stopped one is: it stores such a stack under thread 0 and looks
// it up under the thread's id. An EvalScope is made to be reused at one stop: it only caches
// (the frame's stack memory, the generic dictionary) what cannot change while the target is
// stopped and nothing writes to it.
type scopeCache struct {
	mu     sync.Mutex
	scopes map[api.EvalScope]*proc.EvalScope
}

// get returns the cached scope, or nil.
func (sc *scopeCache) get(key api.EvalScope) *proc.EvalScope {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	return sc.scopes[key]
}

func (sc *scopeCache) put(key api.EvalScope, s *proc.EvalScope) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if sc.scopes == nil {
		sc.scopes = map[api.EvalScope]*proc.EvalScope{}
	}
	sc.scopes[key] = s
}

// clear forgets every scope: the target ran, or its memory or selection may have changed.
func (sc *scopeCache) clear() {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	clear(sc.scopes)
}

// readOnly names the server methods that neither run the target nor write to it nor change
// which thread is current; every other method clears the scope cache before and after it.
var readOnly = map[string]bool{
	"ProcessPid": true, "State": true, "Eval": true, "ListLocalVars": true, "ListFunctionArgs": true,
	"Stacktrace": true, "ListGoroutines": true, "ListSources": true, "ListFunctions": true,
	"ListPackagesBuildInfo": true, "Disassemble": true, "FindLocation": true,
	"GetBreakpoint": true, "ListBreakpoints": true,
}

// inScope runs f on the scope of a frame, as Delve's Debugger does (under its target lock,
// one call at a time, a panic in Delve returned as an error), with the scope from the cache
// when the target has not changed since it was made.
func (c *directClient) inScope(key api.EvalScope, f func(*proc.EvalScope) error) (err error) {
	c.syncCalls.Lock()
	defer c.syncCalls.Unlock()
	defer func() {
		if r := recover(); r != nil {
			err = internalError(r)
		}
	}()
	grp, unlock := c.debugger.LockTargetGroup()
	defer unlock()
	t := grp.Selected
	if _, err := t.Valid(); err != nil {
		return err
	}
	s := c.scopes.get(key)
	if s == nil {
		s, err = proc.ConvertEvalScope(t, key.GoroutineID, key.Frame, key.DeferredCall)
		if err != nil {
			return err
		}
		c.scopes.put(key, s)
	}
	return f(s)
}
