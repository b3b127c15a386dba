package session

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// listProcesses reads every process of /proc.
func listProcesses() ([]procInfo, error) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil, err
	}
	var procs []procInfo
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		comm, _, ppid, ok := readStat(pid)
		if !ok {
			continue // gone meanwhile
		}
		p := procInfo{PID: pid, PPID: ppid, Names: []string{comm}}
		if exe := processExecutable(pid); exe != "" {
			p.Names = append(p.Names, filepath.Base(strings.TrimSuffix(exe, " (deleted)")))
		}
		procs = append(procs, p)
	}
	return procs, nil
}

// readStat reads a process's command name, state and parent from /proc/PID/stat.
func readStat(pid int) (comm string, state byte, ppid int, ok bool) {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return "", 0, 0, false
	}
	// "PID (COMM) STATE PPID ...": the command name may hold spaces and parentheses, so the
	// state follows the last ')'.
	open, end := bytes.IndexByte(stat, '('), bytes.LastIndexByte(stat, ')')
	if open < 0 || end < open {
		return "", 0, 0, false
	}
	fields := strings.Fields(string(stat[end+1:]))
	if len(fields) < 2 || len(fields[0]) != 1 {
		return "", 0, 0, false
	}
	ppid, err = strconv.Atoi(fields[1])
	return string(stat[open+1 : end]), fields[0][0], ppid, err == nil
}

// processExecutable is the path of a process's executable, "" when it cannot be read; an
// executable removed since the process started is "PATH (deleted)".
func processExecutable(pid int) string {
	exe, _ := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid))
	return exe
}

// executableFile is a path that opens a process's executable: /proc/PID/exe, which opens it
// even when it was removed or replaced (a rebuild) since the process started.
func executableFile(pid int) string { return fmt.Sprintf("/proc/%d/exe", pid) }

// jobStopped reports whether process pid is stopped by job control (kill -STOP, Ctrl-Z):
// state T in /proc/PID/stat.
func jobStopped(pid int) bool {
	_, state, _, ok := readStat(pid)
	return ok && state == 'T'
}

// attachDeniedHint says why an attach may be refused here and where to look.
const attachDeniedHint = "another debugger may be attached, or ptrace is restricted: see /proc/sys/kernel/yama/ptrace_scope"
