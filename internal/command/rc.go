package command

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// pdbgorc files are pdb's .pdbrc: commands, one a line, run at the first stop as if typed,
// before the -c commands. pdbgo reads the user's, then the current directory's.

// LocalRC is the rc file of the current directory.
const LocalRC = ".pdbgorc"

// UserRC is the user's rc file: $XDG_CONFIG_HOME/pdbgo/pdbgorc, else ~/.config/pdbgo/pdbgorc;
// "" when neither can be known.
func UserRC() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "pdbgo", "pdbgorc")
}

// RCLine is a command of an rc file, or, when Err is not "", why a file (Line 0) or a line was
// not read.
type RCLine struct {
	File string
	Line int
	Text string
	Err  string
}

func (l RCLine) where() string {
	if l.Line == 0 {
		return l.File
	}
	return fmt.Sprintf("%s:%d", l.File, l.Line)
}

// ReadRC reads the user's rc file and the current directory's, unless skip (--norc). A file
// that does not exist is no error. The current directory's is read only when it is the
// user's own and no one else can write to it: a repository or a shared directory may hold a
// .pdbgorc that someone else wrote (pdb trusts any ./.pdbrc; vim's 'exrc' and 'secure' are
// the model here). Blank lines and lines starting with # are skipped, as pdb does.
func ReadRC(skip bool) []RCLine {
	if skip {
		return nil
	}
	var read []fs.FileInfo // a file read once, even when both names lead to it
	var lines []RCLine
	if path := UserRC(); path != "" {
		lines = append(lines, readRC(path, false, &read)...)
	}
	return append(lines, readRC(LocalRC, true, &read)...)
}

func readRC(path string, mustOwn bool, read *[]fs.FileInfo) []RCLine {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	fail := func(why string) []RCLine { return []RCLine{{File: path, Err: "not read: " + why}} }
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		return fail(pe.Err.Error())
	} else if err != nil {
		return fail(err.Error())
	}
	defer f.Close()
	st, err := f.Stat() // of the file opened: it cannot be swapped after the check
	switch {
	case err != nil:
		return fail(err.Error())
	case !st.Mode().IsRegular():
		return fail("not a regular file")
	}
	for _, seen := range *read {
		if os.SameFile(seen, st) {
			return nil
		}
	}
	*read = append(*read, st)
	if mustOwn {
		if why := untrusted(f, st); why != "" {
			return fail(why)
		}
	}
	var lines []RCLine
	r := bufio.NewReader(f)
	for n := 1; ; n++ {
		text, err := readLine(r)
		if errors.Is(err, errLineTooLong) {
			lines = append(lines, RCLine{File: path, Line: n, Err: err.Error()})
			continue
		}
		if text = strings.TrimSpace(text); text != "" && !strings.HasPrefix(text, "#") {
			lines = append(lines, RCLine{File: path, Line: n, Text: text})
		}
		if err != nil {
			return lines
		}
	}
}

// runRC runs the rc files' commands as typed; an error names the file and line. They were
// not typed at this prompt: an empty line afterwards repeats none of them.
func (in *Interpreter) runRC(lines []RCLine) {
	for _, l := range lines {
		if in.quit {
			return
		}
		if l.Err != "" {
			in.printf("*** %s: %s\n", l.where(), l.Err)
			continue
		}
		in.errPrefix = l.where() + ": "
		in.Execute(l.Text)
		in.errPrefix = ""
	}
	in.lastCmd = ""
}
