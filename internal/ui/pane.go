package ui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/stack"
)

// pane is the one shape of every part of the screen: the source, stack, variables and console
// panes and the overlays that cover them (soft-serve's component, with bubbles' key help).
//
// A pane owns its state and its keys. The root model sends it the keys while it has the focus
// (an overlay: while it is open), the data messages it owns, and its size. View draws the pane
// at that size and changes nothing: scrolling to keep a cursor in view happens in Update and
// SetSize. The key help lists the bindings of keys.go the pane acts on: the root routes a key
// to a pane only when its help lists it, and the help overlay and the README are made from
// these lists, so the help cannot miss a key.
//
// The root keeps its panes for the whole session as pointers, so Update changes the pane in
// place and returns only its command (bubbles' components return themselves because they are
// values).
type pane interface {
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(width, height int)
	help.KeyMap
}

// focusable is a pane the focus moves between (the overlays have it while they are open).
type focusable interface {
	pane
	SetFocus(on bool)
}

// box is what every pane has: its size and whether it has the focus (an overlay always has).
type box struct {
	width, height int
	focused       bool
}

func (b *box) SetFocus(on bool) { b.focused = on }

// host is what a pane asks of the root model. Panes call it from Update, and it acts at once,
// so that keys act in the order they were typed.
type host interface {
	// enqueue runs a request to the debugger, in a tea.Cmd and one at a time; the reply comes
	// back as a message to the pane that owns it.
	enqueue(r *request) tea.Cmd
	// exec runs a command line for a key or a pane; execTyped one typed in the console.
	exec(line string) tea.Cmd
	execTyped(line string) tea.Cmd
	// busy reports whether a request is running (the program may be running).
	busy() bool
	quit() tea.Cmd
	showHelp()
	closeOverlay()
	// focusPanes leaves the console for the pane focused before it.
	focusPanes()
	// focusSource gives the source pane the focus; gotoLine shows line n of its file.
	focusSource()
	gotoLine(n int)
	// openPicker opens the program's functions and files (o).
	openPicker() tea.Cmd
	// openViewer shows a value whole, in an overlay.
	openViewer(v valueView) tea.Cmd
}

// viewState is the state of the program the panes show, as the last snapshot applied left it:
// the one copy of the goroutine, stack, frame, scope and breakpoints. The root model writes it;
// the panes read it.
type viewState struct {
	started   bool  // the first stop was reached
	running   bool  // the program runs: what the panes show is the last stop, stale
	stops     int64 // stops so far
	stop      debug.Stop
	exited    bool
	noFrames  bool // nothing to show: the program exited, or the goroutine has no program frames
	gid       int64
	stack     stack.Stack
	frame     int // the selected frame, a visible frame number
	scope     debug.Scope
	bps       []debug.Breakpoint
	temporary map[int]bool // the breakpoints tbreak set
}

// viewMsg tells every pane that a snapshot became the view: the root has put its state in
// viewState, and each pane takes what it shows from the snapshot.
type viewMsg struct{ snapshotMsg }

// printedMsg is what a request printed, for the console's log: every reply has one, stale or
// not.
type printedMsg struct {
	line   string // the typed line
	echo   bool   // echo the line
	output string
}

// bindings are the keys of a key help, flattened.
func bindings(k help.KeyMap) []key.Binding {
	var out []key.Binding
	for _, col := range k.FullHelp() {
		out = append(out, col...)
	}
	return out
}

// viewport is the window of rows a pane shows out of a longer list: the first row shown and how
// many fit. It is the one place that scrolls to keep a cursor in view.
type viewport struct {
	top    int // first row shown, 0-based
	height int // rows that fit
}

// follow scrolls as little as needed to show row (0-based) of n rows.
func (v *viewport) follow(row, n int) {
	if row < v.top {
		v.top = row
	} else if v.height > 0 && row >= v.top+v.height {
		v.top = row - v.height + 1
	}
	v.clamp(n)
}

// reveal shows row of n rows, in the middle of the window when it was out of view.
func (v *viewport) reveal(row, n int) {
	if v.height <= 0 || row < 0 {
		return
	}
	if row < v.top || row >= v.top+v.height {
		v.center(row, n)
		return
	}
	v.clamp(n)
}

// center shows row of n rows in the middle of the window, as far as the list allows.
func (v *viewport) center(row, n int) {
	if v.height <= 0 || row < 0 {
		return
	}
	v.top = row - v.height/2
	v.clamp(n)
}

// scroll moves the window by rows (the mouse wheel), within the list of n rows.
func (v *viewport) scroll(by, n int) {
	v.top += by
	v.clamp(n)
}

// scrollKey scrolls a pane that has no cursor (help, the value viewer) by the key it was given,
// within n rows, and reports whether the key was a scrolling one.
func (v *viewport) scrollKey(msg tea.KeyMsg, n int) bool {
	page := max(v.height-1, 1)
	switch {
	case key.Matches(msg, keys.Up):
		v.scroll(-1, n)
	case key.Matches(msg, keys.Down):
		v.scroll(1, n)
	case key.Matches(msg, keys.PageUp):
		v.scroll(-page, n)
	case key.Matches(msg, keys.PageDown):
		v.scroll(page, n)
	case key.Matches(msg, keys.Home):
		v.top = 0
	case key.Matches(msg, keys.End):
		v.scroll(n, n)
	default:
		return false
	}
	return true
}

// clamp keeps the window on the list of n rows: it never starts before the first row, nor so
// far down that rows it could show stay empty.
func (v *viewport) clamp(n int) { v.top = max(0, min(v.top, n-v.height)) }

// end is one past the last row shown of n rows.
func (v *viewport) end(n int) int { return min(v.top+max(v.height, 0), n) }
