package session

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCoreFormats: a Windows minidump goes to Delve, which reads them on every system; a file
// that is neither an ELF core nor a minidump is refused in one line. (Truncated cores and
// cores of another program: cmd/pdbgo's TestUntrustworthyCores.)
func TestCoreFormats(t *testing.T) {
	dir := t.TempDir()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	minidump := filepath.Join(dir, "app.dmp")
	if err := os.WriteFile(minidump, append([]byte("MDMP\x93\xa7"), make([]byte, 64)...), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := checkCore(exe, minidump); err != nil {
		t.Errorf("a minidump: %v; want it left to Delve", err)
	}
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("not a core\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	err = checkCore(exe, text)
	if want := "cannot open core " + text + ": not a core dump (neither an ELF core nor a Windows minidump)"; err == nil || err.Error() != want {
		t.Errorf("a text file: %v\nwant %s", err, want)
	}
	if err := checkCore(exe, filepath.Join(dir, "nosuch")); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("no file: %v", err)
	}
}
