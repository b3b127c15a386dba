package command_test

import "testing"

// TestKilledBySignalSaysSo: a program that dies of a signal is said to be killed by it, as the
// report's exit status tells it (128+9), never "exited with status -9".
func TestKilledBySignalSaysSo(t *testing.T) {
	out := transcript(t, "selfkill", "where")
	expect(t, out, `^The program was killed by signal 9 \(SIGKILL\)\.$`)
	absent(t, out, `status -9`)
}

