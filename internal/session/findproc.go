package session

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// FindProcess finds the one process whose program is called name (its command name or the
// base name of its executable), as pgrep -x would, leaving pdbgo itself out.
func FindProcess(name string) (int, error) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0, fmt.Errorf("cannot list processes: %v", err)
	}
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		if processName(pid, "comm") == name || processName(pid, "exe") == name {
			pids = append(pids, pid)
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

// processName reads a process's command name (comm, cut at 15 bytes by the kernel) or the
// base name of its executable (exe).
func processName(pid int, which string) string {
	path := filepath.Join("/proc", strconv.Itoa(pid), which)
	if which == "exe" {
		exe, err := os.Readlink(path)
		if err != nil {
			return ""
		}
		return filepath.Base(strings.TrimSuffix(exe, " (deleted)"))
	}
	comm, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(comm))
}
