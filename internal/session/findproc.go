package session

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// procInfo is what pdbgo reads of a process from the system's process table
// (procinfo_GOOS.go): /proc on Linux, sysctl on macOS, a Toolhelp snapshot on Windows.
type procInfo struct {
	PID, PPID int
	// Names are what the process is called: its command name as ps shows it (cut by the
	// system: 15 bytes on Linux, 16 on macOS) and the base name of its executable (on
	// Windows with and without .exe).
	Names []string
}

func (p procInfo) calledBy(name string) bool { return slices.Contains(p.Names, name) }

// FindProcess finds the one process whose program is called name (its command name or the
// base name of its executable), as pgrep -x would, leaving pdbgo itself out.
func FindProcess(name string) (int, error) {
	procs, err := listProcesses()
	if err != nil {
		return 0, fmt.Errorf("cannot list processes (%v): attach takes a process id too", err)
	}
	var pids []int
	for _, p := range procs {
		if p.PID != os.Getpid() && p.calledBy(name) {
			pids = append(pids, p.PID)
		}
	}
	sort.Ints(pids)
	switch len(pids) {
	case 0:
		return 0, fmt.Errorf("no process is called %q (attach takes a process id or a program's name)", name)
	case 1:
		return pids[0], nil
	}
	ids := make([]string, len(pids))
	for i, p := range pids {
		ids[i] = strconv.Itoa(p)
	}
	return 0, fmt.Errorf("%d processes are called %q (%s): attach one by its id", len(pids), name, strings.Join(ids, ", "))
}

// childrenNamed lists pdbgo's own child processes running the command name.
func childrenNamed(name string) []int {
	procs, _ := listProcesses()
	var pids []int
	for _, p := range procs {
		if p.PPID == os.Getpid() && p.calledBy(name) {
			pids = append(pids, p.PID)
		}
	}
	return pids
}
