package session

import (
	"debug/elf"
	"debug/gosym"
	"debug/macho"
	"debug/pe"
	"errors"
	"fmt"
)

// exeFile is a Go executable in the format of the system it was built for: ELF (Linux),
// Mach-O (macOS) or PE (Windows). pdbgo reads two things from it itself, on every system:
// whether it holds DWARF (checkDebugInfo) and Go's own pc-to-line table (pcline.go). Every
// format is read everywhere: a Windows binary is checked on Linux as on Windows.
type exeFile struct {
	close func() error
	// debugInfo reports whether the file holds DWARF debug information.
	debugInfo func() bool
	// goLines reads Go's line table (.gopclntab) and the start of the code it describes.
	goLines func() (pclntab []byte, textStart uint64, err error)
}

var (
	errNotExecutable = errors.New("not an ELF, Mach-O or PE file")
	errNoGoLines     = errors.New("no Go line table")
)

func openExe(path string) (*exeFile, error) {
	if f, err := elf.Open(path); err == nil {
		return &exeFile{
			close:     f.Close,
			debugInfo: func() bool { return f.Section(".debug_info") != nil || f.Section(".zdebug_info") != nil },
			goLines: func() ([]byte, uint64, error) {
				table, text := f.Section(".gopclntab"), f.Section(".text")
				if table == nil || text == nil {
					return nil, 0, errNoGoLines
				}
				data, err := table.Data()
				return data, text.Addr, err
			},
		}, nil
	}
	if f, err := macho.Open(path); err == nil {
		return &exeFile{
			close:     f.Close,
			debugInfo: func() bool { return f.Section("__debug_info") != nil || f.Section("__zdebug_info") != nil },
			goLines: func() ([]byte, uint64, error) {
				table, text := f.Section("__gopclntab"), f.Section("__text")
				if table == nil || text == nil {
					return nil, 0, errNoGoLines
				}
				data, err := table.Data()
				return data, text.Addr, err
			},
		}, nil
	}
	if f, err := pe.Open(path); err == nil {
		return &exeFile{
			close:     f.Close,
			debugInfo: func() bool { return f.Section(".debug_info") != nil || f.Section(".zdebug_info") != nil },
			goLines:   func() ([]byte, uint64, error) { return peGoLines(f) },
		}, nil
	}
	return nil, errNotExecutable
}

// peGoLines reads the line table of a PE file, which has no section of its own: it lies
// between the symbols runtime.pclntab and runtime.epclntab (as go tool objfile reads it).
func peGoLines(f *pe.File) ([]byte, uint64, error) {
	var imageBase uint64
	switch oh := f.OptionalHeader.(type) {
	case *pe.OptionalHeader32:
		imageBase = uint64(oh.ImageBase)
	case *pe.OptionalHeader64:
		imageBase = oh.ImageBase
	}
	text := f.Section(".text")
	if text == nil {
		return nil, 0, errNoGoLines
	}
	var start, end *pe.Symbol
	for _, s := range f.Symbols {
		switch s.Name {
		case "runtime.pclntab":
			start = s
		case "runtime.epclntab":
			end = s
		}
	}
	if start == nil || end == nil || start.SectionNumber != end.SectionNumber || start.SectionNumber <= 0 ||
		int(start.SectionNumber) > len(f.Sections) || start.Value > end.Value {
		return nil, 0, errNoGoLines
	}
	data, err := f.Sections[start.SectionNumber-1].Data()
	if err != nil {
		return nil, 0, err
	}
	if int(end.Value) > len(data) {
		return nil, 0, fmt.Errorf("the line table ends past its section (%d > %d)", end.Value, len(data))
	}
	return data[start.Value:end.Value], imageBase + uint64(text.VirtualAddress), nil
}

// readGoLines reads the Go line table of the executable at path, nil when it has none.
func readGoLines(path string) *gosym.Table {
	f, err := openExe(path)
	if err != nil {
		return nil
	}
	defer f.close()
	data, textStart, err := f.goLines()
	if err != nil {
		return nil
	}
	table, err := gosym.NewTable(nil, gosym.NewLineTable(data, textStart))
	if err != nil {
		return nil
	}
	return table
}
