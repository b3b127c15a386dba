package session

import (
	"strings"
	"unsafe"

	"golang.org/x/sys/windows"
)

// listProcesses reads a snapshot of the system's processes (Toolhelp32), as tasklist does.
func listProcesses() ([]procInfo, error) {
	snap, err := windows.CreateToolhelp32Snapshot(windows.TH32CS_SNAPPROCESS, 0)
	if err != nil {
		return nil, err
	}
	defer windows.CloseHandle(snap)
	var procs []procInfo
	entry := windows.ProcessEntry32{Size: uint32(unsafe.Sizeof(windows.ProcessEntry32{}))}
	for err = windows.Process32First(snap, &entry); err == nil; err = windows.Process32Next(snap, &entry) {
		exe := windows.UTF16ToString(entry.ExeFile[:])
		procs = append(procs, procInfo{
			PID:   int(entry.ProcessID),
			PPID:  int(entry.ParentProcessID),
			Names: []string{exe, strings.TrimSuffix(strings.TrimSuffix(exe, ".exe"), ".EXE")},
		})
	}
	if err != windows.ERROR_NO_MORE_FILES {
		return nil, err
	}
	return procs, nil
}

// processExecutable is the path of a process's executable, "" when it cannot be read.
func processExecutable(pid int) string {
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if err != nil {
		return ""
	}
	defer windows.CloseHandle(h)
	buf := make([]uint16, windows.MAX_LONG_PATH)
	size := uint32(len(buf))
	if err := windows.QueryFullProcessImageName(h, 0, &buf[0], &size); err != nil {
		return ""
	}
	return windows.UTF16ToString(buf[:size])
}

// executableFile is a path that opens a process's executable.
func executableFile(pid int) string { return processExecutable(pid) }

// jobStopped is false on Windows: there is no job control to stop a process.
func jobStopped(int) bool { return false }

// attachDeniedHint says why an attach may be refused here.
const attachDeniedHint = "another debugger may be attached, or the process runs as another user or elevated: run pdbgo as that user, or as an administrator"
