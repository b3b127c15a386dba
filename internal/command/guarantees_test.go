package command_test

import (
	"strings"
	"testing"
)

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

// TestHugePanicMessageMarksTheCut: a message longer than pdbgo reads (1 MiB) is marked where it
// is cut, and the mark says how to print the rest, which works.
func TestHugePanicMessageMarksTheCut(t *testing.T) {
	out := transcript(t, "hugepanic", "pp runtime.curg._panic.arg.(string)[1048576:]")
	want := "panic: " + strings.Repeat("x", 1<<20) + " [pdbgo: cut at 1048576 of 1048595 bytes; pp runtime.curg._panic.arg.(string)[1048576:] prints on]\n"
	if !strings.HasPrefix(out, want) {
		t.Errorf("the panic line is not the message cut and marked:\n%.200s...", out)
	}
	expect(t, out, `^"TAIL-OF-THE-MESSAGE"$`)
}
