package session

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"errors"
	"os"
	"sort"
	"sync"
	"time"
)

// The runtime moves a goroutine's stack when it grows or shrinks (copystack) and then fixes
// the pointers the stack holds, but only those its stack maps say are live at each frame's
// call: a variable the function no longer uses keeps pointing into the old stack, and a frame
// that faulted in a function with no defer is dead as a whole. A panic often moves the stack
// (runtime.gopanic and the deferred calls need room), so at a panic stop such variables read
// as garbage through Delve: map[string]int [...+6547710533431 more], a len of 3735928559.
// The stack maps are in the executable (the pclntab's funcdata); pdbgo reads them to tell
// such dead pointers (dead.go shows them as not kept instead of a wrong value).

// liveness answers whether pointer words of a frame are live at its call, from the
// executable's stack maps. It supports amd64 ELF executables (Linux, the BSDs) of Go 1.20 and
// later: the pclntab layout, the frame layout and the heap layout dead.go relies on. For any
// other executable (another architecture, Mach-O, PE) readLiveness fails and pdbgo shows every
// variable as Delve reads it.
type liveness struct {
	f       *elf.File
	progs   []*elf.Prog
	pclntab *elf.Section // read where needed: a big binary's is tens of megabytes
	text    uint64       // runtime.text: function entries are offsets from it
	gofunc  uint64       // go:func.*: funcdata offsets are from it
	minLC   uint64
	nfunc   int
	functab []byte // nfunc+1 pairs of (entry offset, _func offset)
	pctab   uint64 // offset in the pclntab of the pc-value tables
	funcs   uint64 // offset in the pclntab of the functab, to which _func offsets are relative
}

// at reads n bytes of the pclntab at off; nil beyond its end.
func (l *liveness) at(off uint64, n int) []byte {
	if off >= l.pclntab.Size || uint64(n) > l.pclntab.Size-off {
		return nil
	}
	b := make([]byte, n)
	if _, err := l.pclntab.ReadAt(b, int64(off)); err != nil {
		return nil
	}
	return b
}

// livenessCache is the liveness of the executable at path, read once per version of the
// file (restart rebuilds it).
type livenessCache struct {
	mu    sync.Mutex
	path  string
	mtime time.Time
	l     *liveness
}

func (c *livenessCache) get(path string) *liveness {
	if path == "" {
		return nil
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.path == path && c.mtime.Equal(st.ModTime()) {
		return c.l
	}
	c.closeLocked()
	c.path, c.mtime = path, st.ModTime()
	c.l, _ = readLiveness(path)
	return c.l
}

// close closes the executable (the session ends).
func (c *livenessCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closeLocked()
	c.path = ""
}

func (c *livenessCache) closeLocked() {
	if c.l != nil {
		c.l.f.Close()
		c.l = nil
	}
}

const go120PCLnTabMagic = 0xfffffff1

func readLiveness(path string) (*liveness, error) {
	f, err := elf.Open(path)
	if err != nil {
		return nil, err
	}
	l, err := newLiveness(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return l, nil
}

func newLiveness(f *elf.File) (*liveness, error) {
	if f.Machine != elf.EM_X86_64 || f.Class != elf.ELFCLASS64 {
		return nil, errors.New("not amd64")
	}
	if f.Type != elf.ET_EXEC {
		// A position-independent executable runs at an address chosen at its start: the
		// addresses in its tables are not the process's.
		return nil, errors.New("not a fixed-address executable")
	}
	l := &liveness{f: f, progs: f.Progs}
	sec := f.Section(".gopclntab")
	if sec == nil {
		return nil, errors.New("no .gopclntab")
	}
	l.pclntab = sec
	var err error
	if l.text, l.gofunc, err = textAndFuncData(f); err != nil {
		return nil, err
	}
	p := l.at(0, 8+8*8)
	if p == nil || binary.LittleEndian.Uint32(p) != go120PCLnTabMagic || p[7] != 8 || l.text == 0 || l.gofunc == 0 {
		return nil, errors.New("unknown pclntab")
	}
	word := func(i int) uint64 { return binary.LittleEndian.Uint64(p[8+8*i:]) }
	l.minLC = uint64(p[6])
	l.nfunc = int(word(0))
	l.pctab, l.funcs = word(6), word(7)
	if l.nfunc <= 0 || l.nfunc > 1<<24 {
		return nil, errors.New("bad pclntab")
	}
	if l.functab = l.at(l.funcs, (l.nfunc+1)*8); l.functab == nil {
		return nil, errors.New("bad pclntab")
	}
	return l, nil
}

// textAndFuncData finds the symbols runtime.text (function entries are offsets from it) and
// the one named go:func.* (funcdata offsets are from it) in the executable's symbol table,
// without making the hundreds of thousands of elf.Symbols a big binary has.
func textAndFuncData(f *elf.File) (text, gofunc uint64, err error) {
	symtab := f.Section(".symtab")
	if symtab == nil || symtab.Link == 0 || int(symtab.Link) >= len(f.Sections) {
		return 0, 0, errors.New("no symbol table")
	}
	syms, err := symtab.Data()
	if err != nil {
		return 0, 0, err
	}
	strs, err := f.Sections[symtab.Link].Data()
	if err != nil {
		return 0, 0, err
	}
	const symSize = 24 // elf.Sym64: name, info, other, shndx, value, size
	for i := symSize; i+symSize <= len(syms); i += symSize {
		name := binary.LittleEndian.Uint32(syms[i:])
		if int(name) >= len(strs) {
			continue
		}
		value := binary.LittleEndian.Uint64(syms[i+8:])
		switch n := strs[name:]; {
		case bytes.HasPrefix(n, []byte("runtime.text\x00")):
			text = value
		case bytes.HasPrefix(n, []byte("go:func.*\x00")):
			gofunc = value
		}
		if text != 0 && gofunc != 0 {
			return text, gofunc, nil
		}
	}
	return 0, 0, errors.New("no runtime.text or go:func.* symbol")
}

// read reads n bytes of the executable's memory image at address addr.
func (l *liveness) read(addr uint64, n int) ([]byte, bool) {
	for _, p := range l.progs {
		if p.Type != elf.PT_LOAD || addr < p.Vaddr || addr+uint64(n) > p.Vaddr+p.Filesz {
			continue
		}
		b := make([]byte, n)
		if _, err := p.ReadAt(b, int64(addr-p.Vaddr)); err != nil {
			return nil, false
		}
		return b, true
	}
	return nil, false
}

// static reports whether addr lies in the executable's own memory image (its code, read-only
// data, data and bss): memory the runtime never frees or moves.
func (l *liveness) static(addr uint64) bool {
	for _, p := range l.progs {
		if p.Type == elf.PT_LOAD && addr >= p.Vaddr && addr < p.Vaddr+p.Memsz {
			return true
		}
	}
	return false
}

// fn is one _func record of the pclntab.
type fn struct {
	entry       uint64
	args        int32  // bytes of arguments and results in the caller's frame
	deferreturn uint32 // offset of the deferreturn call from entry; 0: no defer
	pcdata      []uint32
	funcdata    []uint32
}

func (l *liveness) findFunc(pc uint64) (fn, bool) {
	if pc < l.text {
		return fn{}, false
	}
	off := uint32(pc - l.text)
	// functab: nfunc+1 pairs of (entryOff, funcOff), sorted by entryOff.
	i := sort.Search(l.nfunc, func(i int) bool { return binary.LittleEndian.Uint32(l.functab[8*(i+1):]) > off })
	if i >= l.nfunc || binary.LittleEndian.Uint32(l.functab[8*i:]) > off {
		return fn{}, false
	}
	funcOff := l.funcs + uint64(binary.LittleEndian.Uint32(l.functab[8*i+4:]))
	r := l.at(funcOff, 44)
	if r == nil {
		return fn{}, false
	}
	f := fn{entry: l.text + uint64(binary.LittleEndian.Uint32(r)), args: int32(binary.LittleEndian.Uint32(r[8:])), deferreturn: binary.LittleEndian.Uint32(r[12:])}
	npcdata, nfuncdata := int(binary.LittleEndian.Uint32(r[28:])), int(r[43])
	if npcdata > 1<<10 {
		return fn{}, false
	}
	if r = l.at(funcOff, 44+4*(npcdata+nfuncdata)); r == nil {
		return fn{}, false
	}
	u32 := func(o int) uint32 { return binary.LittleEndian.Uint32(r[o:]) }
	for i := range npcdata {
		f.pcdata = append(f.pcdata, u32(44+4*i))
	}
	for i := range nfuncdata {
		f.funcdata = append(f.funcdata, u32(44+4*(npcdata+i)))
	}
	return f, true
}

// pcvalue decodes a pcdata table (a value and pc delta pair stream) at targetpc; -1 when not
// covered.
func (l *liveness) pcvalue(f fn, table uint32, targetpc uint64) int32 {
	if table == 0 {
		return -1
	}
	// A table is a few bytes a call site: read a page, and more when it goes on.
	off, chunk := l.pctab+uint64(table), 256
	p := l.at(off, chunk)
	if p == nil {
		p = l.at(off, int(l.pclntab.Size-min(off, l.pclntab.Size)))
	}
	next := func() (uint64, bool) {
		if v, n := binary.Uvarint(p); n > 0 {
			p = p[n:]
			off += uint64(n)
			return v, true
		}
		if p = l.at(off, 4*chunk); p == nil {
			p = l.at(off, int(l.pclntab.Size-min(off, l.pclntab.Size)))
		}
		v, n := binary.Uvarint(p)
		if n <= 0 {
			return 0, false
		}
		p = p[n:]
		off += uint64(n)
		return v, true
	}
	pc, val := f.entry, int32(-1)
	for first := true; ; first = false {
		uvdelta, ok := next()
		if !ok || uvdelta == 0 && !first {
			return -1
		}
		if uvdelta&1 != 0 {
			val += int32(^(uvdelta >> 1))
		} else {
			val += int32(uvdelta >> 1)
		}
		pcdelta, ok := next()
		if !ok {
			return -1
		}
		pc += pcdelta * l.minLC
		if targetpc < pc {
			return val
		}
	}
}

const (
	pcdataStackMapIndex    = 1
	funcdataArgsPointers   = 0
	funcdataLocalsPointers = 1
	funcdataStackObjects   = 2
)

// bitmap is one stack map: bit i says word i of the region is a live pointer.
type bitmap struct {
	n    int
	bits []byte
}

func (b bitmap) live(i int) bool { return i < b.n && b.bits[i/8]&(1<<(i%8)) != 0 }

// stackmap reads bitmap index of the stack map funcdata i of f.
func (l *liveness) stackmap(f fn, i int, index int32) (bitmap, bool) {
	if i >= len(f.funcdata) || f.funcdata[i] == ^uint32(0) || index < 0 {
		return bitmap{}, false
	}
	addr := l.gofunc + uint64(f.funcdata[i])
	head, ok := l.read(addr, 8)
	if !ok {
		return bitmap{}, false
	}
	n, nbit := int32(binary.LittleEndian.Uint32(head)), int32(binary.LittleEndian.Uint32(head[4:]))
	if index >= n || nbit < 0 {
		return bitmap{}, false
	}
	size := (int(nbit) + 7) / 8
	bits, ok := l.read(addr+8+uint64(int(index)*size), size)
	return bitmap{n: int(nbit), bits: bits}, ok
}

// stackObject is a variable whose address is taken: the runtime fixes the pointers in it
// when something live reaches it, whatever the stack maps say.
type stackObject struct{ off, size int64 }

func (l *liveness) stackObjects(f fn) ([]stackObject, bool) {
	if funcdataStackObjects >= len(f.funcdata) || f.funcdata[funcdataStackObjects] == ^uint32(0) {
		return nil, true
	}
	addr := l.gofunc + uint64(f.funcdata[funcdataStackObjects])
	head, ok := l.read(addr, 8)
	if !ok {
		return nil, false
	}
	n := binary.LittleEndian.Uint64(head)
	if n > 1<<16 {
		return nil, false
	}
	recs, ok := l.read(addr+8, int(n)*16)
	if !ok {
		return nil, false
	}
	objs := make([]stackObject, n)
	for i := range objs {
		objs[i] = stackObject{
			off:  int64(int32(binary.LittleEndian.Uint32(recs[16*i:]))),
			size: int64(int32(binary.LittleEndian.Uint32(recs[16*i+4:]))),
		}
	}
	return objs, true
}

// frameLiveness is what the stack maps say of one frame, as the runtime reads them when it
// moves the stack (runtime.adjustframe).
type frameLiveness struct {
	argp, varp   uint64
	args, locals bitmap
	objects      []stackObject
	// whole: the runtime fixes no word of the frame, [lo, hi) (a frame that faulted, in a
	// function with no defer: it never runs again).
	whole  bool
	lo, hi uint64
}

// frameAt reads the liveness of the frame of the function containing pc, stopped in a call
// that returns to pc, whose canonical frame address (the stack pointer before the call) is
// cfa.
func (l *liveness) frameAt(pc, cfa uint64) (frameLiveness, bool) {
	f, ok := l.findFunc(pc - 1)
	if !ok || pc-1 < f.entry || len(f.pcdata) <= pcdataStackMapIndex {
		return frameLiveness{}, false
	}
	index := l.pcvalue(f, f.pcdata[pcdataStackMapIndex], pc-1)
	if index < 0 {
		return frameLiveness{}, false
	}
	fl := frameLiveness{argp: cfa, varp: cfa - 8 - 8} // return address, then the saved frame pointer
	var okA, okL bool
	fl.args, okA = l.stackmap(f, funcdataArgsPointers, index)
	fl.locals, okL = l.stackmap(f, funcdataLocalsPointers, index)
	if !okA && !okL {
		return frameLiveness{}, false
	}
	if fl.objects, ok = l.stackObjects(f); !ok {
		return frameLiveness{}, false
	}
	return fl, true
}

// faultedAt reads the liveness of a frame that faulted at pc (a nil dereference, say: the
// runtime made it call sigpanic), with stack pointer sp and canonical frame address cfa.
// The runtime's unwinder (traceback.go) takes such a frame to go on at its deferreturn call
// when the function defers something, and else takes the whole frame for dead: moving the
// stack fixes none of its words.
func (l *liveness) faultedAt(pc, sp, cfa uint64) (frameLiveness, bool) {
	f, ok := l.findFunc(pc)
	if !ok || pc < f.entry {
		return frameLiveness{}, false
	}
	if f.deferreturn != 0 {
		return l.frameAt(f.entry+uint64(f.deferreturn)+1, cfa)
	}
	if sp > cfa || f.args < 0 {
		return frameLiveness{}, false
	}
	return frameLiveness{whole: true, lo: sp, hi: cfa + uint64(f.args)}, true
}

// dead reports whether the pointer word at addr is one the runtime does not keep: it lies in
// the frame's arguments or locals, the stack maps say it is no live pointer, and it is in no
// stack object (or the whole frame is dead).
func (fl frameLiveness) dead(addr uint64) bool {
	if fl.whole {
		return addr >= fl.lo && addr < fl.hi
	}
	for _, o := range fl.objects {
		base := fl.argp
		if o.off < 0 {
			base = fl.varp
		}
		start := uint64(int64(base) + o.off)
		if addr >= start && addr < start+uint64(o.size) {
			return false
		}
	}
	if fl.locals.n > 0 {
		lo := fl.varp - uint64(fl.locals.n)*8
		if addr >= lo && addr < fl.varp {
			return !fl.locals.live(int((addr - lo) / 8))
		}
	}
	if fl.args.n > 0 && addr >= fl.argp && addr < fl.argp+uint64(fl.args.n)*8 {
		return !fl.args.live(int((addr - fl.argp) / 8))
	}
	return false
}
