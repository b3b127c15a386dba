package command_test

import "testing"

// TestKilledBySignalSaysSo: a program that dies of a signal is said to be killed by it, as the
// report's exit status tells it (128+9), never "exited with status -9".
func TestKilledBySignalSaysSo(t *testing.T) {
	out := transcript(t, "selfkill", "where")
	expect(t, out, `^The program was killed by signal 9 \(SIGKILL\)\.$`)
	absent(t, out, `status -9`)
}

// TestPanicInVariableInitialiser: the frame that runs a package variable's initialiser is
// main.init at the variable's line, as Go's traceback shows it, not a hidden wrapper.
func TestPanicInVariableInitialiser(t *testing.T) {
	out := transcript(t, "initpanic", "where", "up")
	expect(t, out,
		`^panic: strconv\.Atoi: parsing "80a": invalid syntax$`,
		`^   1  main\.init\(\) .*/initpanic/main\.go:6$`,
		`^> .*/initpanic/main\.go:6 main\.init\(\)$`,
		`^-> var port = mustPort\("80a"\)$`,
	)
	absent(t, out, `Oldest frame`)
}
