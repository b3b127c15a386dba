package session

import "time"

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
		interruptProcess(pid)
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		for _, pid := range goChildren {
			_ = killProcess(pid)
		}
		<-done
	}
	return errAborted
}
