package command_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pdbgo/pdbgo/internal/command"
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

// TestPanicWhileProgramExits: a goroutine's panic that the program would lose, because main
// returned while the goroutine ran the panic's deferred calls, stops the program at its exit
// and shows the goroutine where it panicked, with the panic as Go prints it.
func TestPanicWhileProgramExits(t *testing.T) {
	for _, tc := range []struct{ kind, message string }{
		{"nil", `^panic: runtime error: invalid memory address or nil pointer dereference\n\[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x[0-9a-f]+\]$`},
		{"error", `^panic: work failed$`},
		{"index", `^panic: runtime error: index out of range \[3\] with length 1$`},
		{"custom", `^panic: \(\*main\.codeError\) 0x[0-9a-f]+ \*\{code: 7\} \[pdbgo: Go prints the text of its Error method here, which cannot be called at this stop\]$`},
	} {
		cfg := runConfig("./testdata/exitpanic")
		cfg.Args = []string{tc.kind}
		sess := startSession(t, cfg)
		var out bytes.Buffer
		in := command.New(sess, &out)
		in.Begin()
		in.Execute("where")
		endFixture(t, sess)
		expect(t, out.String(),
			tc.message,
			`^\[pdbgo: the program was exiting while this goroutine ran the panic's deferred calls; pdbgo stopped the exit\]$`,
			`^> .*/exitpanic/main\.go:\d+ main\.work\(\)$`,
			`^   1  main\.worker\(\)`,
		)
		absent(t, out.String(), `exited with status`)
	}
}

// TestExitWhileRecoveringPasses: an exit while a deferred call that recovered a panic still
// runs loses nothing: the program exits as it would alone, without a stop.
func TestExitWhileRecoveringPasses(t *testing.T) {
	out := transcript(t, "exitrecovering")
	expect(t, out, `^The program exited with status 0\.$`)
	absent(t, out, `^panic: `)
}
