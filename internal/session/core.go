package session

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// checkCore says in one line why a core dump cannot be trusted with an executable, before
// Delve opens them: Delve opens a truncated core, or a core with another program's executable,
// and shows frames made of missing memory (?() :0) or of another program's code as if they
// were real.
func checkCore(exe, core string) error {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("cannot open core %s: "+format, append([]any{core}, args...)...)
	}
	st, err := os.Stat(core)
	if err != nil {
		return fail("%v", errors.Unwrap(err))
	}
	cf, err := elf.Open(core)
	if err != nil {
		switch {
		case st.Size() == 0:
			return fail("the file is empty")
		case hasMagic(core, elf.ELFMAG):
			return fail("it is truncated or damaged (%v)", err)
		case hasMagic(core, minidumpMagic):
			// A Windows minidump (procdump, Windows Error Reporting), which Delve reads on
			// every system: its checks are Delve's.
			return nil
		}
		return fail("not a core dump (neither an ELF core nor a Windows minidump)")
	}
	defer cf.Close()
	if cf.Type != elf.ET_CORE {
		return fail("not a core dump (an ELF file of type %v)", cf.Type)
	}
	var want int64
	for _, p := range cf.Progs {
		want = max(want, int64(p.Off+p.Filesz))
	}
	if want > st.Size() {
		return fail("it is truncated: it holds %d of the %d bytes its headers describe, so the program's memory is missing (the dump was cut short: ulimit -c, a full disk?)", st.Size(), want)
	}
	ef, err := elf.Open(exe)
	if err != nil {
		return fmt.Errorf("cannot open core %s: %s is not an executable", core, exe)
	}
	defer ef.Close()
	if ef.Type != elf.ET_EXEC && ef.Type != elf.ET_DYN {
		return fmt.Errorf("cannot open core %s: %s is not an executable (an ELF file of type %v)", core, exe, ef.Type)
	}
	if exeID, coreID, ok := goBuildIDs(ef, cf); ok && exeID != coreID {
		return fail("it was not dumped by %s: the Go build ID in the core is %s, the executable's is %s (give the executable that crashed, as it was built)", exe, coreID, exeID)
	}
	return nil
}

// goBuildIDs reads the Go build ID of the executable (its .note.go.buildid note) and the
// same note in the core's copy of the executable's first page, which the kernel dumps (the
// ELF headers of every mapped file, coredump_filter bit 4). ok is false when the core does
// not hold that page (a position-independent executable is loaded elsewhere).
func goBuildIDs(ef, cf *elf.File) (exeID, coreID string, ok bool) {
	sec := ef.Section(".note.go.buildid")
	if sec == nil {
		return "", "", false
	}
	note, err := sec.Data()
	if err != nil {
		return "", "", false
	}
	for _, p := range cf.Progs {
		if p.Type != elf.PT_LOAD || sec.Addr < p.Vaddr || sec.Addr+uint64(len(note)) > p.Vaddr+p.Filesz {
			continue
		}
		dumped := make([]byte, len(note))
		if _, err := p.ReadAt(dumped, int64(sec.Addr-p.Vaddr)); err != nil && err != io.EOF {
			return "", "", false
		}
		return noteDesc(note), noteDesc(dumped), true
	}
	return "", "", false
}

// noteDesc is the description of an ELF note (the build ID of a Go note); the raw bytes'
// text when they are no note.
func noteDesc(note []byte) string {
	if len(note) < 12 {
		return fmt.Sprintf("%q", note)
	}
	namesz := binary.LittleEndian.Uint32(note[0:])
	descsz := binary.LittleEndian.Uint32(note[4:])
	start := 12 + (namesz+3)&^3
	if uint64(start)+uint64(descsz) > uint64(len(note)) {
		return fmt.Sprintf("%q", bytes.TrimRight(note, "\x00"))
	}
	return string(note[start : start+descsz])
}

// minidumpMagic starts a Windows minidump (MINIDUMP_HEADER's Signature).
const minidumpMagic = "MDMP"

// hasMagic reports whether a file starts with magic.
func hasMagic(path, magic string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	start := make([]byte, len(magic))
	_, err = io.ReadFull(f, start)
	return err == nil && string(start) == magic
}
