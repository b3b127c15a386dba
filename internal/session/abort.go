package session

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// compileOrAbort compiles as compile does, unless pdbgo ends meanwhile (Config.Abort): then
// the go command is interrupted (it stops its compilers and removes its work directory) and
// waited for, so that no build outlives pdbgo to write a binary where no one removes it.
func (s *Session) compileOrAbort() error {
	if s.cfg.Abort == nil {
		return s.compile()
	}
	done := make(chan error, 1)
	go func() { done <- s.compile() }()
	select {
	case err := <-done:
		return err
	case <-s.cfg.Abort:
	}
	goChildren := childrenNamed("go")
	for _, pid := range goChildren {
		_ = syscall.Kill(pid, syscall.SIGINT)
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		for _, pid := range goChildren {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
		<-done
	}
	return errAborted
}

// childrenNamed lists pdbgo's own child processes running the command name.
func childrenNamed(name string) []int {
	var pids []int
	lists, _ := filepath.Glob("/proc/self/task/*/children")
	for _, list := range lists {
		data, err := os.ReadFile(list)
		if err != nil {
			continue
		}
		for _, field := range strings.Fields(string(data)) {
			pid, err := strconv.Atoi(field)
			if err != nil {
				continue
			}
			comm, err := os.ReadFile("/proc/" + field + "/comm")
			if err == nil && strings.TrimSpace(string(comm)) == name {
				pids = append(pids, pid)
			}
		}
	}
	return pids
}
