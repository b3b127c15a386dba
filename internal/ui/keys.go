package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

// keyMap is every key of the TUI. The help overlay, the short help row and the README's key
// reference are all generated from it.
type keyMap struct {
	// Anywhere
	FocusNext key.Binding
	FocusPrev key.Binding
	Halt      key.Binding
	Quit      key.Binding
	Output    key.Binding
	ContinueF key.Binding
	NextF     key.Binding
	StepF     key.Binding
	// In the source, stack and variables panes (in the console these letters type)
	Next        key.Binding
	Step        key.Binding
	Return      key.Binding
	Continue    key.Binding
	FrameUp     key.Binding
	FrameDown   key.Binding
	Help        key.Binding
	QuitLetter  key.Binding
	Goroutines  key.Binding
	Breakpoints key.Binding
	Console     key.Binding
	// Moving in a pane
	Up        key.Binding
	Down      key.Binding
	PageUp    key.Binding
	PageDown  key.Binding
	Home      key.Binding
	End       key.Binding
	Choose    key.Binding
	Collapse  key.Binding
	AllFrames key.Binding
	Sideways  key.Binding
	ToggleBP  key.Binding
	RunTo     key.Binding
	DeleteBP  key.Binding
	Close     key.Binding
	// Console
	Run      key.Binding
	Complete key.Binding
	History  key.Binding
}

var keys = keyMap{
	FocusNext: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane (in the console with text typed: complete)")),
	FocusPrev: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),
	Halt:      key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "halt the running program")),
	Quit:      key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "quit")),
	Output:    key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "show the program's output / the console log")),
	ContinueF: key.NewBinding(key.WithKeys("f5"), key.WithHelp("f5", "continue")),
	NextF:     key.NewBinding(key.WithKeys("f10"), key.WithHelp("f10", "next")),
	StepF:     key.NewBinding(key.WithKeys("f11"), key.WithHelp("f11", "step")),

	Next:        key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next line")),
	Step:        key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "step into")),
	Return:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "return from the function")),
	Continue:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "continue")),
	FrameUp:     key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "frame up (caller)")),
	FrameDown:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "frame down")),
	Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help (in the console too, when nothing is typed)")),
	QuitLetter:  key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
	Goroutines:  key.NewBinding(key.WithKeys("g"), key.WithHelp("g", "goroutines")),
	Breakpoints: key.NewBinding(key.WithKeys("B"), key.WithHelp("B", "breakpoints")),
	Console:     key.NewBinding(key.WithKeys(":", "!"), key.WithHelp(": or !", "type a command (any other letter starts one too)")),

	Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "move up")),
	Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "move down")),
	PageUp:    key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
	PageDown:  key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdown", "page down")),
	Home:      key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "first line")),
	End:       key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "last line")),
	Choose:    key.NewBinding(key.WithKeys("enter", " ", "right", "l"), key.WithHelp("enter", "expand, load more, choose")),
	Collapse:  key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "collapse")),
	AllFrames: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "show/hide runtime frames")),
	Sideways:  key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "scroll the source sideways")),
	ToggleBP:  key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "set/clear a breakpoint at the source line; enable/disable in breakpoints")),
	RunTo:     key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "run to the source line (tbreak there, continue)")),
	DeleteBP:  key.NewBinding(key.WithKeys("x", "delete"), key.WithHelp("x", "delete the breakpoint")),
	Close:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close the overlay")),

	Run:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "run the command (empty: repeat the last)")),
	Complete: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete a command, variable, field or file:line")),
	History:  key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "command history")),
}

// ShortHelp is the row of keys under the panes: the same bindings with one-word help.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{
		short(k.Help, "help"), short(k.QuitLetter, "quit"), short(k.FocusNext, "pane"), short(k.Next, "next"), short(k.Step, "step"),
		short(k.Return, "return"), short(k.Continue, "cont"), short(k.FrameUp, "up"), short(k.FrameDown, "down"), short(k.Output, "output"),
	}
}

// short is a binding with a one-word help, for a row of keys.
func short(b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
}

// The keys each pane acts on, in the order its help lists them: the panes' FullHelp.
func (k keyMap) sourceKeys() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End, k.Sideways, k.ToggleBP, k.RunTo}
}

func (k keyMap) stackKeys() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Home, k.End, k.Choose, k.AllFrames}
}

func (k keyMap) varsKeys() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End, k.Choose, k.Collapse}
}

func (k keyMap) consoleKeys() []key.Binding { return []key.Binding{k.Run, k.Complete, k.History} }

func (k keyMap) goroutinesKeys() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Choose, k.Close}
}

func (k keyMap) breakpointsKeys() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.ToggleBP, k.DeleteBP, k.Close}
}

func (k keyMap) helpKeys() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Close}
}

// keyGroup is one column of the full help.
type keyGroup struct {
	Title    string
	Bindings []key.Binding
}

// groups are the full help: the keys the root model takes (anywhere, and in the source, stack
// and variables panes alike), then the keys of the panes and overlays, each once, then the
// console's.
func (k keyMap) groups() []keyGroup {
	var moving []key.Binding
	seen := map[string]bool{}
	for _, pane := range [][]key.Binding{k.varsKeys(), k.stackKeys(), k.sourceKeys(), k.breakpointsKeys(), k.goroutinesKeys(), k.helpKeys()} {
		for _, b := range pane {
			if id := b.Help().Key; !seen[id] {
				seen[id] = true
				moving = append(moving, b)
			}
		}
	}
	return []keyGroup{
		{"Anywhere", []key.Binding{k.FocusNext, k.FocusPrev, k.ContinueF, k.NextF, k.StepF, k.Output, k.Halt, k.Quit}},
		{"Source, stack and variables panes", k.paneActions()},
		{"Moving in a pane", moving},
		{"Console", k.consoleKeys()},
	}
}

// paneActions are the keys the root model takes in the source, stack and variables panes
// alike: the program's and the overlays'.
func (k keyMap) paneActions() []key.Binding {
	return []key.Binding{k.Next, k.Step, k.Return, k.Continue, k.FrameUp, k.FrameDown, k.Goroutines, k.Breakpoints, k.Help, k.QuitLetter, k.Console}
}

// FullHelp is the help overlay's columns.
func (k keyMap) FullHelp() [][]key.Binding {
	var out [][]key.Binding
	for _, g := range k.groups() {
		out = append(out, g.Bindings)
	}
	return out
}

// HelpText renders the keymap as plain text, one group after the other, within width.
func (k keyMap) HelpText(width int) []string {
	var lines []string
	for _, g := range k.groups() {
		lines = append(lines, theme.Section.Render(g.Title))
		for _, b := range g.Bindings {
			h := b.Help()
			lines = append(lines, fmt.Sprintf("  %s %s", theme.Key.Render(fmt.Sprintf("%-10s", h.Key)), h.Desc))
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
