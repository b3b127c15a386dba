package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/report"
	"github.com/pdbgo/pdbgo/internal/session"
)

// placed is one goroutine as a front-end shows it: where it is in the program's own code.
type placed struct {
	ID       int64
	Function string
	File     string // base name: the TUI shows no more
	Line     int
	Status   string // "" where the front-end does not say (the report's crashed goroutine)
}

func (p placed) String() string {
	return fmt.Sprintf("%d %s %s:%d [%s]", p.ID, p.Function, p.File, p.Line, p.Status)
}

// TestFrontEndsAgreeOnGoroutines: line mode's goroutines command, the TUI's goroutines view
// and the JSON crash report list the same goroutines of one real program stopped at its
// panic, each at the same place in the program's own code (a goroutine asleep in time.Sleep
// shows as main.serve, not time.Sleep), and all three leave out the same runtime goroutines.
// The three read one session, so that they look at one and the same stop.
func TestFrontEndsAgreeOnGoroutines(t *testing.T) {
	sess, err := session.Start(session.Config{Mode: session.ModeRun, Packages: []string{"./testdata/agree"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })

	// The TUI, run to the panic as pdbgo run does, with its goroutines view open.
	m := New(Options{Debugger: sess})
	m.Update(resize(200, 60))
	settle(m, m.Init())
	if m.view.stop.Kind != debug.StopPanic {
		t.Fatalf("the TUI did not stop at the panic: %+v", m.view.stop)
	}
	focusOn(m, focusStack)
	press(m, "g")
	screen := ansi.Strip(m.View())
	tui, tuiCurrent := parseGoroutines(t, screen, `(?m)^[ >]([ *]) +(\d+)  (\S+)  (\S+):(\d+) \[([^\]]*)\]`)
	hiddenRow := regexp.MustCompile(`Goroutines \((\d+)(?:, (\d+) runtime not shown)?`).FindStringSubmatch(screen)
	if hiddenRow == nil {
		t.Fatalf("no goroutines view on the screen:\n%s", screen)
	}
	tuiHidden, _ := strconv.Atoi(hiddenRow[2])

	// Line mode, on the same stop.
	var out bytes.Buffer
	in := command.New(sess, &out)
	if err := in.Start(command.BeginRemote, nil); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	in.Execute("goroutines")
	listed := out.String()
	lineRE := `(?m)^([ *]) +(\d+)  (\S+)\(\) (\S+):(\d+) \[([^\]]*)\]`
	line, lineCurrent := parseGoroutines(t, listed, lineRE)
	lineHidden := 0
	if m := regexp.MustCompile(`\((\d+) runtime goroutines not shown`).FindStringSubmatch(listed); m != nil {
		lineHidden, _ = strconv.Atoi(m[1])
	}
	out.Reset()
	in.Execute("goroutines -a")
	every, _ := parseGoroutines(t, out.String(), lineRE)

	// The crash report, written as JSON and read back.
	stop, err := sess.State()
	if err != nil {
		t.Fatal(err)
	}
	var js bytes.Buffer
	if err := report.WriteJSON(&js, report.Collect(sess, stop, report.Options{Scrub: true, Limits: report.DefaultLimits}, "test")); err != nil {
		t.Fatal(err)
	}
	var r report.Report
	if err := json.Unmarshal(js.Bytes(), &r); err != nil {
		t.Fatalf("%v\n%s", err, js.String())
	}
	if len(r.Frames) == 0 {
		t.Fatalf("the report has no frames:\n%s", js.String())
	}
	crashed := r.Frames[0]
	fromReport := []placed{{ID: r.Goroutine, Function: crashed.Function, File: filepath.Base(crashed.File), Line: crashed.Line}}
	for _, g := range r.Goroutines {
		fromReport = append(fromReport, placed{ID: g.ID, Function: g.Function, File: filepath.Base(g.File), Line: g.Line, Status: g.Status})
	}

	// What the program is: three goroutines of its own, each where its code is.
	src := "testdata/agree/main.go"
	want := []placed{
		{1, "main.main", "main.go", lineOf(t, src, "panic("), "running"},
		{0, "main.serve", "main.go", lineOf(t, src, "time.Sleep(time.Hour)"), "sleep"},
		{0, "main.consume", "main.go", lineOf(t, src, "for job := range jobs"), "chan receive"},
	}
	if len(line) != len(want) {
		t.Fatalf("line mode lists %v, want %d goroutines:\n%s", line, len(want), listed)
	}
	for i := range want {
		want[i].ID = line[i].ID // ids are the runtime's to give
		if line[i] != want[i] {
			t.Errorf("line mode shows %v, want %v", line[i], want[i])
		}
	}
	if lineHidden == 0 || len(every) != len(line)+lineHidden {
		t.Errorf("line mode hides %d runtime goroutines; goroutines -a lists %d of them besides the %d: %v", lineHidden, len(every)-len(line), len(line), every)
	}

	// The three agree.
	if !reflect.DeepEqual(tui, line) {
		t.Errorf("the TUI lists\n%v\nline mode lists\n%v\nscreen:\n%s", tui, line, screen)
	}
	if tuiHidden != lineHidden {
		t.Errorf("the TUI hides %d runtime goroutines, line mode %d", tuiHidden, lineHidden)
	}
	if tuiCurrent != lineCurrent || lineCurrent != r.Goroutine || r.Goroutine != 1 {
		t.Errorf("the crashed goroutine: TUI %d, line mode %d, report %d; want 1", tuiCurrent, lineCurrent, r.Goroutine)
	}
	lineNoCrashStatus := append([]placed(nil), line...)
	lineNoCrashStatus[0].Status = ""
	if !reflect.DeepEqual(fromReport, lineNoCrashStatus) || r.MoreGoroutines != 0 {
		t.Errorf("the report lists\n%v (%d more)\nline mode lists\n%v\nreport:\n%s", fromReport, r.MoreGoroutines, line, js.String())
	}
	shown := map[int64]bool{}
	for _, g := range line {
		shown[g.ID] = true
	}
	for _, g := range every {
		if shown[g.ID] {
			continue
		}
		if strings.Contains(screen, fmt.Sprintf(" %5d  ", g.ID)) {
			t.Errorf("the TUI lists runtime goroutine %v", g)
		}
		for _, rg := range r.Goroutines {
			if rg.ID == g.ID {
				t.Errorf("the report lists runtime goroutine %v", g)
			}
		}
	}
}

// parseGoroutines reads the rows of a goroutine list with re (groups: current mark, id,
// function, file, line, status) and returns them with the id of the one marked current.
func parseGoroutines(t *testing.T, text, re string) (gs []placed, current int64) {
	t.Helper()
	for _, m := range regexp.MustCompile(re).FindAllStringSubmatch(text, -1) {
		id, _ := strconv.ParseInt(m[2], 10, 64)
		n, _ := strconv.Atoi(m[5])
		gs = append(gs, placed{ID: id, Function: m[3], File: filepath.Base(m[4]), Line: n, Status: m[6]})
		if m[1] == "*" {
			current = id
		}
	}
	if len(gs) == 0 {
		t.Fatalf("no goroutines in:\n%s", text)
	}
	return gs, current
}

// lineOf is the number of the first line of file that contains s.
func lineOf(t *testing.T, file, s string) int {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, s) {
			return i + 1
		}
	}
	t.Fatalf("no line of %s holds %q", file, s)
	return 0
}
