package session

// stopAgain stops again, once pdbgo has detached, a process that was stopped by job control
// when pdbgo attached (jobStopped): Delve's detach resumes every thread, and continues
// (SIGCONT) a process it finds stopped 50 ms later, so the SIGSTOP comes after it (the
// process runs that long).
func (s *Session) stopAgain() {
	if s.wasStopped && s.pid > 0 {
		stopProcess(s.pid)
	}
}
