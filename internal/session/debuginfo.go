package session

import "fmt"

// checkDebugInfo refuses a binary (at path, named name to the user) without DWARF debug information (built with -ldflags=-w,
// or -s -w): Delve would only warn on its own stderr and then show no frames, no source and
// no variables. ELF, Mach-O and PE executables are read; another file is left for Delve to
// judge.
func checkDebugInfo(path, name string, mode Mode) error {
	f, err := openExe(path)
	if err != nil {
		return nil
	}
	defer f.close()
	if f.debugInfo() {
		return nil
	}
	switch mode {
	case ModeRun, ModeTest:
		return fmt.Errorf("the program was built without debug information: take -s and -w out of the -ldflags of --build-flags")
	case ModeAttach:
		return fmt.Errorf("%s has no debug information (built with -ldflags='-s -w'): pdbgo can attach only to a program built without -s and -w, best with go build -gcflags=all='-N -l'", name)
	}
	return fmt.Errorf("%s has no debug information (built with -ldflags='-s -w'): rebuild it without -s and -w, best with go build -gcflags=all='-N -l'", name)
}
