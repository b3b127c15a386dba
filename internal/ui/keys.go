package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

// keyMap is every key of the TUI. The help overlay, the key row under the panes and the
// README's key reference are all generated from it.
type keyMap struct {
	// Anywhere
	FocusNext  key.Binding
	FocusPrev  key.Binding
	ContinueF  key.Binding
	NextF      key.Binding
	StepF      key.Binding
	Output     key.Binding
	GoroutineC key.Binding
	HelpF1     key.Binding
	Halt       key.Binding
	Quit       key.Binding
	// In the source, stack and variables panes (in the console these letters type)
	Next           key.Binding
	Step           key.Binding
	Return         key.Binding
	Continue       key.Binding
	FrameUp        key.Binding
	FrameDown      key.Binding
	Goroutines     key.Binding
	Breakpoints    key.Binding
	Help           key.Binding
	QuitLetter     key.Binding
	Console        key.Binding
	PrintExpr      key.Binding
	Zoom           key.Binding
	SplitLeft      key.Binding
	SplitRight     key.Binding
	ConsoleTaller  key.Binding
	ConsoleShorter key.Binding
	// Moving in a pane or an overlay
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Home     key.Binding
	End      key.Binding
	Close    key.Binding
	// Source pane
	Sideways   key.Binding
	ToggleBP   key.Binding
	RunTo      key.Binding
	Open       key.Binding
	Search     key.Binding
	SearchBack key.Binding
	SearchNext key.Binding
	SearchPrev key.Binding
	Top        key.Binding
	Bottom     key.Binding
	Current    key.Binding
	// Stack pane
	FrameUpKey   key.Binding
	FrameDownKey key.Binding
	AllFrames    key.Binding
	// Variables pane
	Expand    key.Binding
	Collapse  key.Binding
	Watch     key.Binding
	Filter    key.Binding
	ViewValue key.Binding
	Index     key.Binding
	Addresses key.Binding
	// Overlays and prompts
	Switch       key.Binding
	RuntimeGs    key.Binding
	CloseGs      key.Binding
	EnableBP     key.Binding
	DeleteBP     key.Binding
	EditCond     key.Binding
	JumpBP       key.Binding
	ChooseOpen   key.Binding
	MoveOpen     key.Binding
	FilterOpen   key.Binding
	PromptAccept key.Binding
	PromptCancel key.Binding
	// Console
	Run      key.Binding
	Complete key.Binding
	History  key.Binding
	Scroll   key.Binding
	Leave    key.Binding
	EOF      key.Binding
}

var keys = keyMap{
	FocusNext:  key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane (in the console with text typed: complete)")),
	FocusPrev:  key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),
	ContinueF:  key.NewBinding(key.WithKeys("f5"), key.WithHelp("f5", "continue")),
	NextF:      key.NewBinding(key.WithKeys("f10"), key.WithHelp("f10", "next")),
	StepF:      key.NewBinding(key.WithKeys("f11"), key.WithHelp("f11", "step")),
	Output:     key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "show the program's output / the console log")),
	GoroutineC: key.NewBinding(key.WithKeys("ctrl+g"), key.WithHelp("ctrl+g", "goroutines")),
	HelpF1:     key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "help")),
	Halt:       key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "halt the running program")),
	Quit:       key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "quit (in the program's output: end its input)")),

	Next:           key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next line")),
	Step:           key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "step into")),
	Return:         key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "return from the function")),
	Continue:       key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "continue")),
	FrameUp:        key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "frame up (caller)")),
	FrameDown:      key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "frame down")),
	Goroutines:     key.NewBinding(key.WithKeys("g"), key.WithHelp("g", "goroutines (in the source pane: ctrl+g)")),
	Breakpoints:    key.NewBinding(key.WithKeys("B"), key.WithHelp("B", "breakpoints")),
	Help:           key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help (in the source pane: f1)")),
	QuitLetter:     key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
	Console:        key.NewBinding(key.WithKeys(":"), key.WithHelp(":", "type a command (any other letter starts one too; :N goes to line N)")),
	PrintExpr:      key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "print an expression (!EXPR)")),
	Zoom:           key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "zoom the pane to the whole screen and back")),
	SplitLeft:      key.NewBinding(key.WithKeys("<"), key.WithHelp("<", "move the split between source and side panes left")),
	SplitRight:     key.NewBinding(key.WithKeys(">"), key.WithHelp(">", "move the split right")),
	ConsoleTaller:  key.NewBinding(key.WithKeys("+"), key.WithHelp("+", "console taller")),
	ConsoleShorter: key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "console shorter")),

	Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "move up")),
	Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "move down")),
	PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
	PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdown", "page down")),
	Home:     key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "first line")),
	End:      key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "last line")),
	Close:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),

	Sideways:   key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "scroll sideways")),
	ToggleBP:   key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "set/clear a breakpoint at the cursor's line")),
	RunTo:      key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "run to the cursor's line (tbreak there, continue)")),
	Open:       key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open a file or function of the program")),
	Search:     key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search forward")),
	SearchBack: key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "search backward")),
	SearchNext: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match, after a search (esc ends the search: n steps again, f10 always does)")),
	SearchPrev: key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
	Top:        key.NewBinding(key.WithKeys("g"), key.WithHelp("gg", "first line")),
	Bottom:     key.NewBinding(key.WithKeys("G"), key.WithHelp("G", "last line")),
	Current:    key.NewBinding(key.WithKeys("."), key.WithHelp(".", "back to the current line")),

	FrameUpKey:   key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "select the newer frame")),
	FrameDownKey: key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "select the older frame (past the frames read: read more)")),
	AllFrames:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "show/hide runtime frames")),

	Expand:    key.NewBinding(key.WithKeys("enter", "right", "l"), key.WithHelp("enter", "expand, load more; a long string: view it")),
	Collapse:  key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "collapse, go to the parent")),
	Watch:     key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "watch the value (display)")),
	Filter:    key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter the rows by name")),
	ViewValue: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "view the whole value")),
	Index:     key.NewBinding(key.WithKeys("["), key.WithHelp("[", "go to an index of a slice or array")),
	Addresses: key.NewBinding(key.WithKeys("&"), key.WithHelp("&", "show/hide pointer addresses")),

	Switch:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "switch to the goroutine")),
	RuntimeGs:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "show/hide the runtime's goroutines")),
	CloseGs:      key.NewBinding(key.WithKeys("esc", "g", "q"), key.WithHelp("esc", "close (g, q too)")),
	EnableBP:     key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "enable/disable")),
	DeleteBP:     key.NewBinding(key.WithKeys("x", "delete"), key.WithHelp("x", "delete")),
	EditCond:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit the condition")),
	JumpBP:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "show its source")),
	ChooseOpen:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "show it in the source pane")),
	MoveOpen:     key.NewBinding(key.WithKeys("up", "down", "pgup", "pgdown"), key.WithHelp("↑/↓", "move (pgup/pgdown: a page)")),
	FilterOpen:   key.NewBinding(key.WithHelp("letters", "filter as typed (fuzzy)")),
	PromptAccept: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "accept")),
	PromptCancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),

	Run:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "run the command (empty: repeat the last; :N: source line N)")),
	Complete: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete a command, variable, field, function or file:line")),
	History:  key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "command history")),
	Scroll:   key.NewBinding(key.WithKeys("pgup", "pgdown"), key.WithHelp("pgup/pgdn", "scroll the log")),
	Leave:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear the line; on an empty line back to the panes")),
	EOF:      key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "in the program's output: end its input (EOF)")),
}

// short is a binding with a one-word help, for a row of keys.
func short(b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
}

// stepRow is the start of the key row in the source, stack and variables panes: the program's
// keys, which the root model takes in all three.
func (k keyMap) stepRow() []key.Binding {
	return []key.Binding{
		short(k.Next, "next"), short(k.Step, "step"), short(k.Return, "return"), short(k.Continue, "cont"),
		short(k.FrameUp, "up"), short(k.FrameDown, "down"),
	}
}

// The keys each pane acts on, in the order its help lists them: the panes' FullHelp.
func (k keyMap) sourceKeys() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End, k.Top, k.Bottom, k.Sideways,
		k.ToggleBP, k.RunTo, k.Open, k.Search, k.SearchBack, k.SearchNext, k.SearchPrev, k.Current}
}

func (k keyMap) stackKeys() []key.Binding {
	return []key.Binding{k.FrameUpKey, k.FrameDownKey, k.Home, k.End, k.AllFrames}
}

func (k keyMap) varsKeys() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End, k.Expand, k.Collapse,
		k.Watch, k.Filter, k.ViewValue, k.Index, k.Addresses}
}

func (k keyMap) consoleKeys() []key.Binding {
	return []key.Binding{k.Run, k.Complete, k.History, k.Scroll, k.Leave, k.EOF}
}

func (k keyMap) goroutinesKeys() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End, k.Switch, k.RuntimeGs, k.CloseGs}
}

func (k keyMap) breakpointsKeys() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.JumpBP, k.EnableBP, k.EditCond, k.DeleteBP, k.Close}
}

func (k keyMap) openKeys() []key.Binding {
	return []key.Binding{k.FilterOpen, k.MoveOpen, k.ChooseOpen, k.Close}
}

func (k keyMap) viewerKeys() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End, k.Close}
}

func (k keyMap) helpKeys() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Close}
}

func (k keyMap) promptKeys() []key.Binding { return []key.Binding{k.PromptAccept, k.PromptCancel} }

// paneActions are the keys the root model takes in the source, stack and variables panes
// alike: the program's, the overlays' and the layout's.
func (k keyMap) paneActions() []key.Binding {
	return []key.Binding{k.Next, k.Step, k.Return, k.Continue, k.FrameUp, k.FrameDown, k.Goroutines, k.Breakpoints,
		k.Help, k.QuitLetter, k.Console, k.PrintExpr, k.Zoom, k.SplitLeft, k.SplitRight, k.ConsoleTaller, k.ConsoleShorter}
}

// keyGroup is one group of the full help.
type keyGroup struct {
	Title    string
	Bindings []key.Binding
}

// groups are the full help: the keys the root model takes (anywhere, and in the source, stack
// and variables panes alike), then each pane's and overlay's own keys.
func (k keyMap) groups() []keyGroup {
	return []keyGroup{
		{"Anywhere", []key.Binding{k.FocusNext, k.FocusPrev, k.ContinueF, k.NextF, k.StepF, k.Output, k.GoroutineC, k.HelpF1, k.Halt, k.Quit}},
		{"Source, stack and variables panes", k.paneActions()},
		{"Source pane", k.sourceKeys()},
		{"Stack pane", k.stackKeys()},
		{"Variables pane", k.varsKeys()},
		{"Console", k.consoleKeys()},
		{"Goroutines (g)", k.goroutinesKeys()},
		{"Breakpoints (B)", k.breakpointsKeys()},
		{"Open (o)", k.openKeys()},
		{"Value viewer (v)", k.viewerKeys()},
		{"Prompts (/, [, e)", k.promptKeys()},
	}
}

// HelpText renders the keymap as plain text, one group after the other.
func (k keyMap) HelpText() []string {
	var lines []string
	for _, g := range k.groups() {
		lines = append(lines, theme.Section.Render(g.Title))
		for _, b := range g.Bindings {
			h := b.Help()
			lines = append(lines, fmt.Sprintf("  %s %s", theme.Key.Render(padRight(h.Key, 10)), h.Desc))
		}
		lines = append(lines, "")
	}
	return lines
}

// Markdown renders the keymap for the README.
func (k keyMap) Markdown() string {
	var b strings.Builder
	for _, g := range k.groups() {
		fmt.Fprintf(&b, "**%s**\n\n| key | what it does |\n|---|---|\n", g.Title)
		for _, bd := range g.Bindings {
			h := bd.Help()
			fmt.Fprintf(&b, "| `%s` | %s |\n", h.Key, h.Desc)
		}
		b.WriteString("\n")
	}
	return b.String()
}
