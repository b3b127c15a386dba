package session

import (
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
// call: a variable the function no longer uses keeps pointing into the old stack. A panic
// often moves the stack (runtime.gopanic and the deferred calls need room), so at a panic stop
// a map argument the panicking frame's callers used before the call read as garbage through
// Delve ("map[string]int [...+6547710533431 more]", a len of millions). The stack maps are in
// the executable (the pclntab's funcdata); pdbgo reads them to tell such dead pointers, and
// shows the variables as not kept instead of a wrong value.

// liveness answers whether pointer words of a frame are live at its call, from the
// executable's stack maps. It supports linux/amd64 executables of Go 1.20 and later (the
// pclntab layout and the frame layout it relies on); for others it knows nothing.
type liveness struct {
	f        *elf.File
	progs    []*elf.Prog
	pclntab  []byte
	text     uint64 // runtime.text: function entries are offsets from it
	gofunc   uint64 // go:func.*: funcdata offsets are from it
	minLC    uint64
	nfunc    int
	functab  []byte
	pctab    []byte
	funcData []byte // pclntab from its pclnOffset: functab and _func records
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
	c.path, c.mtime = path, st.ModTime()
	c.l, _ = readLiveness(path)
	return c.l
}

const go120PCLnTabMagic = 0xfffffff1

func readLiveness(path string) (*liveness, error) {
	f, err := elf.Open(path)
	if err != nil {
		return nil, err
	}
	if f.Machine != elf.EM_X86_64 {
		f.Close()
		return nil, errors.New("not amd64")
	}
	l := &liveness{f: f, progs: f.Progs}
	sec := f.Section(".gopclntab")
	if sec == nil {
		return nil, errors.New("no .gopclntab")
	}
	if l.pclntab, err = sec.Data(); err != nil {
		return nil, err
	}
	syms, err := f.Symbols()
	if err != nil {
		return nil, err
	}
	for _, s := range syms {
		switch s.Name {
		case "runtime.text":
			l.text = s.Value
		case "go:func.*":
			l.gofunc = s.Value
		}
	}
	p := l.pclntab
	if len(p) < 8+8*8 || binary.LittleEndian.Uint32(p) != go120PCLnTabMagic || p[7] != 8 || l.text == 0 || l.gofunc == 0 {
		return nil, errors.New("unknown pclntab")
	}
	word := func(i int) uint64 { return binary.LittleEndian.Uint64(p[8+8*i:]) }
	l.minLC = uint64(p[6])
	l.nfunc = int(word(0))
	pctabOff, pclnOff := word(6), word(7)
	if pctabOff > uint64(len(p)) || pclnOff > uint64(len(p)) {
		return nil, errors.New("bad pclntab")
	}
	l.pctab = p[pctabOff:]
	l.funcData = p[pclnOff:]
	l.functab = l.funcData[:(l.nfunc+1)*8]
	return l, nil
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

// fn is one _func record of the pclntab.
type fn struct {
	entry    uint64
	args     int32
	pcdata   []uint32
	funcdata []uint32
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
	funcOff := binary.LittleEndian.Uint32(l.functab[8*i+4:])
	r := l.funcData[funcOff:]
	if len(r) < 44 {
		return fn{}, false
	}
	u32 := func(o int) uint32 { return binary.LittleEndian.Uint32(r[o:]) }
	f := fn{entry: l.text + uint64(u32(0)), args: int32(u32(8))}
	npcdata, nfuncdata := int(u32(28)), int(r[43])
	if len(r) < 44+4*(npcdata+nfuncdata) {
		return fn{}, false
	}
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
	if table == 0 || int(table) >= len(l.pctab) {
		return -1
	}
	p := l.pctab[table:]
	pc, val := f.entry, int32(-1)
	for first := true; ; first = false {
		uvdelta, n := binary.Uvarint(p)
		if n <= 0 || uvdelta == 0 && !first {
			return -1
		}
		p = p[n:]
		if uvdelta&1 != 0 {
			val += int32(^(uvdelta >> 1))
		} else {
			val += int32(uvdelta >> 1)
		}
		pcdelta, n := binary.Uvarint(p)
		if n <= 0 {
			return -1
		}
		p = p[n:]
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

// frameLiveness is what the stack maps say of one frame at its call.
type frameLiveness struct {
	argp, varp   uint64
	args, locals bitmap
	objects      []stackObject
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

// dead reports whether the pointer word at addr is one the runtime does not keep: it lies in
// the frame's arguments or locals, the stack maps say it is no live pointer, and it is in no
// stack object.
func (fl frameLiveness) dead(addr uint64) bool {
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
