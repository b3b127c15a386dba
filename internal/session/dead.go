package session

import (
	"fmt"
	"go/ast"
	"go/parser"
	"reflect"
	"strconv"

	"github.com/go-delve/delve/service/api"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/value"
)

// notKept is what a variable the runtime did not keep reads as (liveness.go).
const notKept = "not kept: the function no longer uses it, and since the runtime moved the stack the memory it points to holds something else"

// frameKey names a frame of one stop.
type frameKey struct {
	gen   uint64 // the session's stop count: a run makes every frame new
	gid   int64
	frame int
}

// deadFrame is what pdbgo knows of a frame's dead variables.
type deadFrame struct {
	live   frameLiveness
	known  bool            // the stack maps of the frame were read
	lo, hi uint64          // the goroutine's stack
	names  map[string]bool // the names of its stale variables, once listed (Eval)
	seen   map[uint64]bool // stale's answers by word
}

// frameLiveness reads (once per stop) the stack maps of frame sc at its call. Only a frame
// stopped in a call has them: the innermost frame of a breakpoint or a step has none.
func (s *Session) frameLiveness(sc debug.Scope) *deadFrame {
	if sc.Frame <= 0 || s.cfg.Mode == ModeConnect {
		return &deadFrame{}
	}
	key := frameKey{s.stopGeneration(), sc.GoroutineID, sc.Frame}
	s.deadMu.Lock()
	if d, ok := s.dead[key]; ok {
		s.deadMu.Unlock()
		return d
	}
	s.deadMu.Unlock()
	d := &deadFrame{}
	if l := s.live.get(s.executable()); l != nil {
		d.live, d.lo, d.hi, d.known = s.readFrameLiveness(l, sc)
	}
	s.deadMu.Lock()
	if s.dead == nil || s.deadGen != key.gen {
		s.dead, s.deadGen = map[frameKey]*deadFrame{}, key.gen
	}
	s.dead[key] = d
	s.deadMu.Unlock()
	return d
}

func (s *Session) readFrameLiveness(l *liveness, sc debug.Scope) (fl frameLiveness, lo, hi uint64, ok bool) {
	frames, err := s.client.Stacktrace(sc.GoroutineID, sc.Frame, 0, 0, nil)
	if err != nil || len(frames) <= sc.Frame {
		return fl, 0, 0, false
	}
	if callee := frames[sc.Frame-1].Function; callee == nil || callee.Name() == "runtime.sigpanic" {
		return fl, 0, 0, false // a faulting instruction, not a call
	}
	g := api.EvalScope{GoroutineID: sc.GoroutineID}
	lo, okLo := s.evalUint(g, "runtime.curg.stack.lo")
	hi, okHi := s.evalUint(g, "runtime.curg.stack.hi")
	if !okLo || !okHi {
		return fl, 0, 0, false
	}
	f := frames[sc.Frame]
	fl, ok = l.frameAt(f.PC, uint64(int64(hi)+f.FrameOffset))
	return fl, lo, hi, ok
}

// evalUint evaluates an expression of an unsigned integer type.
func (s *Session) evalUint(sc api.EvalScope, expr string) (uint64, bool) {
	v, err := s.client.EvalVariable(sc, expr, api.LoadConfig{})
	if err != nil || v.Unreadable != "" {
		return 0, false
	}
	n, err := strconv.ParseUint(v.Value, 10, 64)
	return n, err == nil
}

// stale reports whether the pointer word at addr of frame sc holds a pointer the runtime did
// not keep and whose memory now belongs to something else. Such a word is dead at the
// frame's call (its stack maps), so the runtime did not fix it when it moved the stack, and it
// points outside the goroutine's stack, into the stack of another goroutine (the old stack,
// reused) or into freed memory: what it reads there is not the variable's value. A dead
// pointer into memory left as it was (the heap, a freed stack no one uses yet) still reads
// what the function last saw, and is shown.
func (s *Session) stale(sc debug.Scope, d *deadFrame, addr uint64) bool {
	if !d.live.dead(addr) {
		return false
	}
	s.deadMu.Lock()
	answer, known := d.seen[addr]
	s.deadMu.Unlock()
	if known {
		return answer
	}
	answer = s.staleWord(sc, d, addr)
	s.deadMu.Lock()
	if d.seen == nil {
		d.seen = map[uint64]bool{}
	}
	d.seen[addr] = answer
	s.deadMu.Unlock()
	return answer
}

func (s *Session) staleWord(sc debug.Scope, d *deadFrame, addr uint64) bool {
	g := api.EvalScope{GoroutineID: sc.GoroutineID}
	p, ok := s.evalUint(g, fmt.Sprintf("*(*uintptr)(%#x)", addr))
	if !ok || p == 0 || p >= d.lo && p < d.hi {
		return false
	}
	// The span that holds p (runtime.spanOf, linux/amd64: one arena level, 64 MiB arenas,
	// 8 KiB pages): a heap object's span is in use (state 1), a stack's manual (2), a freed
	// span's dead (0). One request answers for a heap pointer, the common case.
	arena := (p - 0xffff800000000000) >> 26
	if arena >= 1<<22 {
		return false
	}
	span := fmt.Sprintf("runtime.mheap_.arenas[0][%d].spans[%d]", arena, (p>>13)%8192)
	state, ok := s.evalUint(g, span+".state.s.value")
	switch {
	case ok && state == 1:
		return false
	case ok && state == 0:
		return true
	case ok:
		return s.inOtherStack(sc.GoroutineID, p)
	}
	// No arena there (a global, say) or no span in it (freed memory).
	if a, ok := s.evalUint(g, fmt.Sprintf("uintptr(runtime.mheap_.arenas[0][%d])", arena)); !ok || a == 0 {
		return false
	}
	sp, ok := s.evalUint(g, "uintptr("+span+")")
	return ok && sp == 0
}

// maxStacksScanned bounds the goroutines whose stacks inOtherStack reads; with more, a
// pointer into stack memory is taken as reused.
const maxStacksScanned = 2000

// inOtherStack reports whether p lies in the stack of a goroutine other than gid that is alive
// (runtime.allgs; their stacks are read once per stop).
func (s *Session) inOtherStack(gid int64, p uint64) bool {
	gen := s.stopGeneration()
	s.deadMu.Lock()
	stacks, known := s.stacks, s.stacksGen == gen && s.stacks != nil
	s.deadMu.Unlock()
	if !known {
		stacks = s.readStacks()
		s.deadMu.Lock()
		s.stacks, s.stacksGen = stacks, gen
		s.deadMu.Unlock()
	}
	if stacks == nil {
		return true
	}
	for _, st := range stacks {
		if st.gid != gid && p >= st.lo && p < st.hi {
			return true
		}
	}
	return false
}

type goStack struct {
	gid    int64
	lo, hi uint64
}

// readStacks reads the stacks of the live goroutines; nil when they cannot all be read.
func (s *Session) readStacks() []goStack {
	g := api.EvalScope{GoroutineID: -1}
	n, ok := s.evalUint(g, "len(runtime.allgs)")
	if !ok || n > maxStacksScanned {
		return nil
	}
	stacks := []goStack{}
	for i := range n {
		gp := fmt.Sprintf("runtime.allgs[%d]", i)
		status, ok1 := s.evalUint(g, gp+".atomicstatus.value")
		if ok1 && (status&^0x1000 == 6 || status&^0x1000 == 0) { // _Gdead, _Gidle
			continue
		}
		lo, ok2 := s.evalUint(g, gp+".stack.lo")
		hi, ok3 := s.evalUint(g, gp+".stack.hi")
		id, ok4 := s.evalUint(g, gp+".goid")
		if !ok1 || !ok2 || !ok3 || !ok4 {
			return nil
		}
		stacks = append(stacks, goStack{gid: int64(id), lo: lo, hi: hi})
	}
	return stacks
}

// pointerWord is the address of the word of v that the runtime must keep for v to read
// right: its pointer (a pointer, map, channel, function), its data pointer (a slice, a
// string) or its data word (an interface); false for a value with none at its top.
func pointerWord(v value.Value) (uint64, bool) {
	if v.Addr == 0 {
		return 0, false
	}
	switch v.Kind {
	case reflect.Ptr, reflect.Map, reflect.Chan, reflect.Func, reflect.UnsafePointer, reflect.Slice, reflect.String:
		return v.Addr, true
	case reflect.Interface:
		return v.Addr + 8, true
	}
	return 0, false
}

// markDead replaces the values of frame sc that the runtime did not keep (stale) by a note
// that says so: what Delve would read through them is memory the program no longer uses.
func (s *Session) markDead(sc debug.Scope, vs []value.Value) {
	d := s.frameLiveness(sc)
	if !d.known {
		return
	}
	for i, v := range vs {
		if w, ok := pointerWord(v); ok && s.stale(sc, d, w) {
			vs[i] = value.Value{Name: v.Name, Type: v.Type, Kind: v.Kind, Addr: v.Addr, Unreadable: notKept}
		}
	}
}

// checkDeadNames refuses an expression that reads a stale variable of frame sc
// (len(payload) would count in memory the program no longer uses).
func (s *Session) checkDeadNames(sc debug.Scope, expr string) error {
	d := s.frameLiveness(sc)
	if !d.known {
		return nil
	}
	if d.names == nil {
		d.names = map[string]bool{}
		for _, list := range []func(api.EvalScope, api.LoadConfig) ([]api.Variable, error){s.client.ListLocalVariables, s.client.ListFunctionArgs} {
			vs, err := list(evalScope(sc), api.LoadConfig{})
			if err != nil {
				continue
			}
			for i := range vs {
				if w, ok := pointerWord(toValue(&vs[i])); ok && s.stale(sc, d, w) {
					d.names[vs[i].Name] = true
				}
			}
		}
	}
	if len(d.names) == 0 {
		return nil
	}
	e, err := parser.ParseExpr(expr)
	if err != nil {
		return nil
	}
	var dead string
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			ast.Inspect(n.X, func(m ast.Node) bool {
				if id, ok := m.(*ast.Ident); ok && d.names[id.Name] && dead == "" {
					dead = id.Name
				}
				return true
			})
			return false // the selected name is a field, not a variable
		case *ast.Ident:
			if d.names[n.Name] && dead == "" {
				dead = n.Name
			}
		}
		return true
	})
	if dead != "" {
		return fmt.Errorf("%s is %s", dead, notKept)
	}
	return nil
}
