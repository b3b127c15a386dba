package session

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/go-delve/delve/service/api"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/value"
)

// What a frame's variables read as when the runtime did not keep them (liveness.go says why
// it matters): a variable whose pointer word is dead in its frame, and points where the
// function's data no longer is, is shown as notKept, never as the value Delve reads there,
// and an expression that reads through it is refused. A dead pointer word still shows what
// it points to when that memory has not been taken over (staleWord): the goroutine's own
// stack, a heap object in use, a freed stack no goroutine took, static data, memory the Go
// heap does not manage. A live word is always shown.
//
// Every way pdbgo reads a frame's variables goes through here: Locals and Args (the line
// mode's locals/args, the TUI's panes, crash reports), Eval (p, pp, display, the TUI's
// viewer and console) and Set.

// notKept is what a variable the runtime did not keep reads as.
const notKept = "not kept: the function no longer uses it, and its memory was moved or freed"

// Span states of runtime.mspan (mheap.go).
const (
	spanDead   = 0
	spanManual = 2 // stacks, among others
)

// deadCache is what pdbgo read of the last stop's frames to tell dead pointers; a run, a
// restart or an assignment forgets it.
type deadCache struct {
	mu  sync.Mutex
	gen uint64
	gs  map[int64]*goroutineDead
	// stacks are the live goroutines' stacks, once read (a dead pointer into stack memory).
	stacks     []goStack
	stacksRead bool
}

// goroutineDead is what pdbgo read of one goroutine at a stop.
type goroutineDead struct {
	frames     []api.Stackframe // innermost first, as far as read
	ended      bool             // frames holds the whole stack
	lo, hi     uint64           // the goroutine's stack
	stackRead  bool
	stackKnown bool
	frame      map[int]*deadFrame
	stale      map[uint64]bool // answers of staleWord, by the address of the word
}

// deadFrame is what pdbgo knows of one frame's dead words.
type deadFrame struct {
	live  frameLiveness
	known bool // the frame's stack maps were read: dead words can be told
	// paths are the variables (and fields, and elements: "s.m", "a[2]") of the frame whose
	// pointer word is stale, once listed (Eval, Set).
	paths     map[string]bool
	pathsRead bool
}

// forgetFrames drops what pdbgo read of the stop's frames: the program ran, restarted, or a
// word of its memory was written.
func (s *Session) forgetFrames() {
	s.dead.mu.Lock()
	s.dead.gen++
	s.dead.gs = nil
	s.dead.stacks, s.dead.stacksRead = nil, false
	s.dead.mu.Unlock()
}

// goroutineDead returns the record of goroutine gid at this stop.
func (s *Session) goroutineDead(gid int64) (*goroutineDead, uint64) {
	s.dead.mu.Lock()
	defer s.dead.mu.Unlock()
	if s.dead.gs == nil {
		s.dead.gs = map[int64]*goroutineDead{}
	}
	g := s.dead.gs[gid]
	if g == nil {
		g = &goroutineDead{frame: map[int]*deadFrame{}, stale: map[uint64]bool{}}
		s.dead.gs[gid] = g
	}
	return g, s.dead.gen
}

// remember stores f for frame n of g, unless the stop was forgotten meanwhile.
func (s *Session) remember(g *goroutineDead, gen uint64, store func()) {
	s.dead.mu.Lock()
	defer s.dead.mu.Unlock()
	if s.dead.gen == gen {
		store()
	}
}

// frameLiveness reads (once per stop) the stack maps of frame sc at its call. Only a frame
// stopped in a call (or at a fault) has them: the innermost frame of a breakpoint or a step
// has none, and its variables are shown as Delve reads them.
func (s *Session) frameLiveness(sc debug.Scope) *deadFrame {
	if sc.Frame <= 0 || sc.GoroutineID < 0 || s.cfg.Mode == ModeConnect {
		return &deadFrame{}
	}
	g, gen := s.goroutineDead(sc.GoroutineID)
	s.dead.mu.Lock()
	d, ok := g.frame[sc.Frame]
	s.dead.mu.Unlock()
	if ok {
		return d
	}
	d = &deadFrame{}
	if l := s.live.get(s.executable()); l != nil {
		d.live, d.known = s.readFrameLiveness(l, g, gen, sc)
	}
	s.remember(g, gen, func() { g.frame[sc.Frame] = d })
	return d
}

func (s *Session) readFrameLiveness(l *liveness, g *goroutineDead, gen uint64, sc debug.Scope) (frameLiveness, bool) {
	frames := s.framesTo(g, gen, sc)
	lo, hi, ok := s.stackBounds(g, gen, sc.GoroutineID)
	if len(frames) <= sc.Frame || !ok {
		return frameLiveness{}, false
	}
	f := frames[sc.Frame]
	// The calls inlined into a function are frames of their own with its canonical frame
	// address; the innermost of them says where the function stopped.
	inner := sc.Frame
	for inner > 0 && frames[inner-1].FrameOffset == f.FrameOffset {
		inner--
	}
	if inner == 0 || frames[inner-1].Function == nil {
		return frameLiveness{}, false // stopped at an instruction, not in a call
	}
	cfa := uint64(int64(hi) + f.FrameOffset)
	if cfa <= lo || cfa > hi {
		return frameLiveness{}, false // not on the goroutine's stack (the system stack)
	}
	switch callee := frames[inner-1].Function.Name(); {
	case callee == "runtime.sigpanic":
		// The runtime pushed a call to sigpanic at the faulting instruction: its frame
		// starts at the faulting frame's stack pointer.
		sp := uint64(int64(hi) + frames[inner-1].FrameOffset)
		return l.faultedAt(f.PC, sp, cfa)
	case callee == "runtime.asyncPreempt" || strings.HasPrefix(callee, "runtime.debugCall"):
		// Stopped between two instructions by a signal: no stack map there (the runtime
		// scans such a frame conservatively and does not move its stack).
		return frameLiveness{}, false
	}
	return l.frameAt(f.PC, cfa)
}

// framesTo returns the frames of the goroutine of sc down to sc.Frame at least, read once per
// stop (in pages that double: a walk up the stack costs one unwinding, not one per frame).
func (s *Session) framesTo(g *goroutineDead, gen uint64, sc debug.Scope) []api.Stackframe {
	s.dead.mu.Lock()
	frames, ended := g.frames, g.ended
	s.dead.mu.Unlock()
	if len(frames) > sc.Frame || ended {
		return frames
	}
	depth := max(sc.Frame, 2*len(frames), 32)
	frames, err := s.client.Stacktrace(sc.GoroutineID, depth, 0, 0, nil)
	if err != nil {
		return nil
	}
	s.remember(g, gen, func() { g.frames, g.ended = frames, len(frames) <= depth })
	return frames
}

// stackBounds returns the bounds of goroutine gid's stack, read once per stop.
func (s *Session) stackBounds(g *goroutineDead, gen uint64, gid int64) (lo, hi uint64, ok bool) {
	s.dead.mu.Lock()
	read, lo, hi, ok := g.stackRead, g.lo, g.hi, g.stackKnown
	s.dead.mu.Unlock()
	if read {
		return lo, hi, ok
	}
	sc := api.EvalScope{GoroutineID: gid}
	lo, okLo := s.evalUint(sc, "runtime.curg.stack.lo")
	hi, okHi := s.evalUint(sc, "runtime.curg.stack.hi")
	ok = okLo && okHi && lo < hi
	s.remember(g, gen, func() { g.stackRead, g.lo, g.hi, g.stackKnown = true, lo, hi, ok })
	return lo, hi, ok
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

// stale reports whether the pointer word at addr of frame sc is dead there and points where
// the frame's data no longer is (staleWord).
func (s *Session) stale(sc debug.Scope, d *deadFrame, addr uint64) bool {
	if !d.known || !d.live.dead(addr) {
		return false
	}
	g, gen := s.goroutineDead(sc.GoroutineID)
	s.dead.mu.Lock()
	answer, known := g.stale[addr]
	s.dead.mu.Unlock()
	if known {
		return answer
	}
	answer = s.staleWord(g, gen, sc.GoroutineID, addr)
	s.remember(g, gen, func() { g.stale[addr] = answer })
	return answer
}

// staleWord reports whether the dead pointer word at addr, on goroutine gid's stack, points
// to memory that is no longer the frame's data. The runtime did not fix such a word when it
// moved the stack: it may point into the stack the goroutine left, which another goroutine
// may have taken by now. It is stale when it points into the stack of another live goroutine
// or into freed heap memory. It reads what the function last saw, and is shown, when it
// points into the goroutine's own stack, a heap object in use (the garbage collector frees an
// object only no live word points to; one it freed and the program allocated again cannot be
// told from the first), a freed stack no goroutine has taken yet, the executable's static
// data, or memory the Go heap does not manage (the program's arguments, C's memory). When the
// runtime's heap cannot be read (a Go version whose runtime differs), nothing is stale.
func (s *Session) staleWord(g *goroutineDead, gen uint64, gid int64, addr uint64) bool {
	sc := api.EvalScope{GoroutineID: gid}
	p, ok := s.evalUint(sc, fmt.Sprintf("*(*uintptr)(%#x)", addr))
	if !ok || p == 0 {
		return false
	}
	if lo, hi, ok := s.stackBounds(g, gen, gid); !ok || p >= lo && p < hi {
		return false
	}
	if l := s.live.get(s.executable()); l == nil || l.static(p) {
		return false
	}
	switch state, ok := s.spanState(sc, p); {
	case !ok:
		return false
	case state == spanManual:
		return s.inOtherStack(gen, gid, p)
	default:
		return state == spanDead
	}
}

// spanState reads the state of the heap span that holds p (runtime.spanOf for amd64: one
// arena level, 64 MiB arenas of 8 KiB pages): spanDead when an arena holds p but no span
// does (freed memory); false when no arena holds it (not the heap's memory) or the runtime
// cannot be read. One request answers for a heap pointer, the common case.
func (s *Session) spanState(sc api.EvalScope, p uint64) (uint64, bool) {
	const arenaBaseOffset, heapArenaBytes, pageSize = 0xffff800000000000, 64 << 20, 8 << 10
	arena := (p - arenaBaseOffset) / heapArenaBytes
	if arena >= 1<<22 {
		return 0, false // beyond the 48-bit address space of the heap
	}
	span := fmt.Sprintf("runtime.mheap_.arenas[0][%d].spans[%d]", arena, p%heapArenaBytes/pageSize)
	if state, ok := s.evalUint(sc, span+".state.s.value"); ok {
		return state, true
	}
	// No arena there, or no span in it; or a runtime pdbgo cannot read.
	if a, ok := s.evalUint(sc, fmt.Sprintf("uintptr(runtime.mheap_.arenas[0][%d])", arena)); !ok || a == 0 {
		return 0, false
	}
	if sp, ok := s.evalUint(sc, "uintptr("+span+")"); ok && sp == 0 {
		return spanDead, true
	}
	return 0, false
}

// maxStacksScanned bounds the goroutines whose stacks inOtherStack reads; with more, a
// pointer into stack memory is taken as taken over.
const maxStacksScanned = 2000

// goStack is the stack of a live goroutine.
type goStack struct {
	gid    int64
	lo, hi uint64
}

// inOtherStack reports whether p lies in the stack of a live goroutine other than gid
// (runtime.allgs, read once per stop); true when they cannot be read.
func (s *Session) inOtherStack(gen uint64, gid int64, p uint64) bool {
	s.dead.mu.Lock()
	stacks, read := s.dead.stacks, s.dead.stacksRead
	s.dead.mu.Unlock()
	if !read {
		stacks = s.readStacks()
		s.dead.mu.Lock()
		if s.dead.gen == gen {
			s.dead.stacks, s.dead.stacksRead = stacks, true
		}
		s.dead.mu.Unlock()
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

// readStacks reads the stacks of the live goroutines; nil when they cannot all be read.
func (s *Session) readStacks() []goStack {
	g := api.EvalScope{GoroutineID: -1}
	n, ok := s.evalUint(g, "len(runtime.allgs)")
	if !ok || n > maxStacksScanned {
		return nil
	}
	const gIdle, gDead, gScan = 0, 6, 0x1000
	stacks := []goStack{}
	for i := range n {
		gp := fmt.Sprintf("runtime.allgs[%d]", i)
		status, ok1 := s.evalUint(g, gp+".atomicstatus.value")
		if ok1 && (status&^gScan == gDead || status&^gScan == gIdle) {
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

// hideStale replaces v, or the parts of it stored in it (a struct's fields, an array's
// elements), whose pointer word is stale in frame sc by a value that reads notKept.
func (s *Session) hideStale(sc debug.Scope, d *deadFrame, v *value.Value) {
	if w, ok := pointerWord(*v); ok {
		if s.stale(sc, d, w) {
			*v = value.Value{Name: v.Name, Type: v.Type, Kind: v.Kind, Addr: v.Addr, Unreadable: notKept}
		}
		return
	}
	if v.Kind == reflect.Struct || v.Kind == reflect.Array {
		for i := range v.Children {
			s.hideStale(sc, d, &v.Children[i])
		}
	}
}

// markDead hides the stale parts of values read in frame sc.
func (s *Session) markDead(sc debug.Scope, vs []value.Value) {
	if sc.Frame <= 0 || !anyPointerWord(vs) {
		return
	}
	d := s.frameLiveness(sc)
	if !d.known {
		return
	}
	for i := range vs {
		s.hideStale(sc, d, &vs[i])
	}
}

func anyPointerWord(vs []value.Value) bool {
	for _, v := range vs {
		if _, ok := pointerWord(v); ok {
			return true
		}
		if (v.Kind == reflect.Struct || v.Kind == reflect.Array) && anyPointerWord(v.Children) {
			return true
		}
	}
	return false
}

// structureLoad reads a frame's variables for stalePaths: what is stored in them (fields,
// elements), not what they point to.
var structureLoad = api.LoadConfig{MaxVariableRecurse: 4, MaxArrayValues: 64, MaxStructFields: -1}

// stalePaths lists (once per stop) the variables of frame sc, and the parts of them, whose
// pointer word is stale: "m", "s.m", "a[2]". An embedded field's field is listed under both
// names ("s.Inner.m", "s.m").
func (s *Session) stalePaths(sc debug.Scope, d *deadFrame) map[string]bool {
	s.dead.mu.Lock()
	paths, read := d.paths, d.pathsRead
	s.dead.mu.Unlock()
	if read {
		return paths
	}
	paths = map[string]bool{}
	for _, list := range []func(api.EvalScope, api.LoadConfig) ([]api.Variable, error){s.client.ListLocalVariables, s.client.ListFunctionArgs} {
		vs, err := list(evalScope(sc), structureLoad)
		if err != nil {
			continue
		}
		for i := range vs {
			if vs[i].Flags&api.VariableShadowed == 0 {
				s.collectStale(sc, d, toValue(&vs[i]), []string{vs[i].Name}, paths)
			}
		}
	}
	s.dead.mu.Lock()
	d.paths, d.pathsRead = paths, true
	s.dead.mu.Unlock()
	return paths
}

// collectStale adds to paths the paths of v's stale parts; names are the ways to write v.
// An embedded pointer's promoted fields are reached through it from any field name:
// "s.?" stands for them.
func (s *Session) collectStale(sc debug.Scope, d *deadFrame, v value.Value, names []string, paths map[string]bool) {
	if w, ok := pointerWord(v); ok {
		if s.stale(sc, d, w) {
			for _, n := range names {
				paths[n] = true
			}
		}
		return
	}
	if v.Kind != reflect.Struct && v.Kind != reflect.Array {
		return
	}
	for i, c := range v.Children {
		var sub []string
		for _, n := range names {
			if v.Kind == reflect.Array {
				sub = append(sub, n+"["+strconv.Itoa(i)+"]")
				continue
			}
			sub = append(sub, n+"."+c.Name)
			if embedded(c) && c.Kind == reflect.Struct {
				sub = append(sub, n) // its fields are the struct's own
			} else if embedded(c) {
				sub = append(sub, n+".?")
			}
		}
		s.collectStale(sc, d, c, sub, paths)
	}
}

// embedded reports whether the struct field c is an embedded one: Delve names it after its
// type.
func embedded(c value.Value) bool {
	t := strings.TrimPrefix(c.Type, "*")
	return c.Name != "" && (t == c.Name || strings.HasSuffix(t, "."+c.Name))
}

// checkExpr refuses, in one line, an expression that reads through a stale variable of frame
// sc (len(payload) would count in memory the program no longer uses for it; a call would
// pass it on). With target, expr is the left side of an assignment: it may name a stale
// variable (writing the word is harmless) but not write through one.
func (s *Session) checkExpr(sc debug.Scope, expr string, target bool) error {
	if sc.Frame <= 0 {
		return nil
	}
	d := s.frameLiveness(sc)
	if !d.known {
		return nil
	}
	paths := s.stalePaths(sc, d)
	if len(paths) == 0 {
		return nil
	}
	if name := staleUse(expr, paths, target); name != "" {
		return fmt.Errorf("%s is %s", name, notKept)
	}
	return nil
}

// staleUse returns the first stale path expr reads through ("" when none); with target,
// expr itself may be a stale path.
func staleUse(expr string, paths map[string]bool, target bool) string {
	e, err := parser.ParseExpr(expr)
	if err != nil {
		return staleName(expr, paths) // Delve's own syntax: by the names alone
	}
	found := ""
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		if found != "" {
			return false
		}
		x, ok := n.(ast.Expr)
		if !ok {
			return true
		}
		parts, subs := accessPath(x)
		if parts == nil {
			if sel, ok := x.(*ast.SelectorExpr); ok {
				ast.Inspect(sel.X, visit) // sel.Sel is a field or method, not a variable
				return false
			}
			return true
		}
		whole := target && x == e
		if p := staleAlong(parts, paths, whole); p != "" {
			found = p
			return false
		}
		for _, sub := range subs { // the indexes along the path
			ast.Inspect(sub, visit)
		}
		return false
	}
	ast.Inspect(e, visit)
	return found
}

// accessPath splits an expression made of a name, selectors and indexes (s.m, a[2].p,
// m[k]) into its parts: "s", ".m"; "a", "[2]", ".p"; "m", "[?]" (any index but a constant
// integer). subs are the index expressions. nil when x is not such an expression.
func accessPath(x ast.Expr) (parts []string, subs []ast.Expr) {
	switch x := x.(type) {
	case *ast.Ident:
		return []string{x.Name}, nil
	case *ast.ParenExpr:
		return accessPath(x.X)
	case *ast.SelectorExpr:
		parts, subs = accessPath(x.X)
		if parts == nil {
			return nil, nil
		}
		return append(parts, "."+x.Sel.Name), subs
	case *ast.IndexExpr:
		parts, subs = accessPath(x.X)
		if parts == nil {
			return nil, nil
		}
		index := "[?]"
		if lit, ok := x.Index.(*ast.BasicLit); ok && lit.Kind == token.INT {
			if n, err := strconv.ParseInt(lit.Value, 0, 64); err == nil {
				index = "[" + strconv.FormatInt(n, 10) + "]"
			}
		}
		return append(parts, index), append(subs, x.Index)
	}
	return nil, nil
}

// staleAlong returns the first stale path among the prefixes of parts (all of them but the
// whole with wholeAllowed); an index "[?]" stands for any element, a path "s.?" for any
// field of s.
func staleAlong(parts []string, paths map[string]bool, wholeAllowed bool) string {
	prefix := ""
	for i, p := range parts {
		exempt := wholeAllowed && i == len(parts)-1
		switch {
		case exempt:
		case p == "[?]":
			for q := range paths {
				if strings.HasPrefix(q, prefix+"[") {
					return prefix
				}
			}
		case strings.HasPrefix(p, ".") && paths[prefix+".?"]:
			return prefix + p
		}
		prefix += p
		if paths[prefix] && !exempt {
			return prefix
		}
	}
	return ""
}

// staleName returns the first name in src (not after a dot) that a stale path starts with.
func staleName(src string, paths map[string]bool) string {
	var sc scanner.Scanner
	fs := token.NewFileSet()
	sc.Init(fs.AddFile("", -1, len(src)), []byte(src), nil, 0)
	prev := token.ILLEGAL
	for {
		_, tok, lit := sc.Scan()
		if tok == token.EOF {
			return ""
		}
		if tok == token.IDENT && prev != token.PERIOD {
			for q := range paths {
				if q == lit || strings.HasPrefix(q, lit+".") || strings.HasPrefix(q, lit+"[") {
					return lit
				}
			}
		}
		prev = tok
	}
}
