package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/session"
)

// TestRCAndAliasesInTheConsole: the TUI runs the pdbgorc files at the first stop of a real
// program, as the line mode does: their output and their errors (with file and line) are in
// the console, and the aliases they define run, complete and show in help there.
func TestRCAndAliasesInTheConsole(t *testing.T) {
	sess, err := session.Start(session.Config{Mode: session.ModeRun, Packages: []string{"./testdata/crash"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	t.Chdir(t.TempDir()) // no ./.pdbgorc
	userRC := filepath.Join(config, "pdbgo", "pdbgorc")
	if err := os.MkdirAll(filepath.Dir(userRC), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(userRC, []byte("alias greet p \"hi-\" + %1\nalias items p len(o.Items)\ngreet key\nnosuch\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	m := New(Options{Debugger: sess, Start: func(in *command.Interpreter) error {
		return in.Start(command.BeginRun, nil, command.ReadRC(false)...)
	}})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	settle(m, m.Init())
	log := strings.Join(m.con.log.lines, "\n")
	for _, want := range []string{"panic: runtime error: index out of range [5] with length 2", `"hi-qty"`, "*** " + userRC + `:4: unknown command "nosuch"`} {
		if !strings.Contains(log, want) {
			t.Errorf("the console lacks %q after the first stop:\n%s", want, log)
		}
	}

	typeLine(m, "items")
	if log := strings.Join(m.con.log.lines, "\n"); !strings.Contains(log, "(pdbgo) items\n2") {
		t.Errorf("the alias did not run in the console:\n%s", log)
	}
	m.con.input.SetValue("gre")
	press(m, "tab")
	if got := m.con.input.Value(); got != "greet " {
		t.Errorf("tab after gre gave %q, want the alias", got)
	}
	m.con.input.SetValue("")
	typeLine(m, "help")
	if log := strings.Join(m.con.log.lines, "\n"); !strings.Contains(log, "Aliases defined (alias):") || !strings.Contains(log, `greet                        p "hi-" + %1`) {
		t.Errorf("help does not list the aliases:\n%s", log)
	}
}

// TestAliasCompletion: aliases complete where command names do, and after alias and unalias.
func TestAliasCompletion(t *testing.T) {
	m, _ := newStopped(t, 120, 30)
	typeLine(m, "alias whose where -n 1")
	typeLine(m, "alias ctx where ;; args")
	for _, c := range []struct{ typed, want string }{
		{"who", "whose "},
		{"c", "c"}, // c, cl, clear, condition, cont, continue, ctx
		{"ct", "ctx "},
		{"help ct", "help ctx"},
		{"unalias wh", "unalias whose"},
		{"alias c", "alias ctx"},
		{"whose sl", "whose slot"}, // an alias's arguments complete as expressions
	} {
		m.con.input.SetValue(c.typed)
		m.setFocus(focusConsole)
		press(m, "tab")
		if got := m.con.input.Value(); got != c.want {
			t.Errorf("tab after %q gave %q, want %q", c.typed, got, c.want)
		}
	}
}

// TestAliasOfKillAsksFirst: an alias does not get round the TUI's question before kill ends a
// process pdbgo attached to.
func TestAliasOfKillAsksFirst(t *testing.T) {
	dbg := &killCounter{fakeDebugger: &fakeDebugger{}}
	m := New(Options{Debugger: dbg, ConfirmKill: true})
	settle(m, m.Init())
	typeLine(m, "alias end kill")
	typeLine(m, "end")
	if dbg.kills != 0 {
		t.Fatal("the alias of kill killed the attached process at once")
	}
	typeLine(m, "end")
	if dbg.kills != 1 {
		t.Errorf("the alias of kill typed twice: %d kills, want 1", dbg.kills)
	}
}
