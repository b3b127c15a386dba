package session

import (
	"bytes"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// listProcesses reads the kernel's process table (sysctl kern.proc.all), as ps does on macOS.
func listProcesses() ([]procInfo, error) {
	kps, err := unix.SysctlKinfoProcSlice("kern.proc.all")
	if err != nil {
		return nil, err
	}
	procs := make([]procInfo, 0, len(kps))
	for i := range kps {
		kp := &kps[i]
		p := procInfo{PID: int(kp.Proc.P_pid), PPID: int(kp.Eproc.Ppid), Names: []string{commName(kp)}}
		if exe := processExecutable(p.PID); exe != "" {
			p.Names = append(p.Names, filepath.Base(exe))
		}
		procs = append(procs, p)
	}
	return procs, nil
}

func commName(kp *unix.KinfoProc) string {
	comm := kp.Proc.P_comm[:]
	if i := bytes.IndexByte(comm, 0); i >= 0 {
		comm = comm[:i]
	}
	return string(comm)
}

// processExecutable is the path of a process's executable, "" when it cannot be read (another
// user's process): the path the kernel keeps first in its arguments (sysctl kern.procargs2:
// argc, then the path, NUL-terminated).
func processExecutable(pid int) string {
	buf, err := unix.SysctlRaw("kern.procargs2", pid)
	if err != nil || len(buf) < 5 {
		return ""
	}
	path := buf[4:]
	if i := bytes.IndexByte(path, 0); i >= 0 {
		path = path[:i]
	}
	return string(path)
}

// executableFile is a path that opens a process's executable.
func executableFile(pid int) string { return processExecutable(pid) }

// sstop is the process state of a process stopped by job control (sys/proc.h).
const sstop = 4

// jobStopped reports whether process pid is stopped by job control (kill -STOP, Ctrl-Z).
func jobStopped(pid int) bool {
	kp, err := unix.SysctlKinfoProc("kern.proc.pid", pid)
	return err == nil && kp.Proc.P_stat == sstop
}

// attachDeniedHint says why an attach may be refused here and what to do, as Delve's
// installation notes for macOS say.
const attachDeniedHint = "another debugger may be attached, or macOS did not authorize the debugger: sudo /usr/sbin/DevToolsSecurity -enable, and be in the _developer group"
