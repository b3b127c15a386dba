package ui

import (
	"os"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Every colour and text attribute of the TUI is here, on an adaptive palette: the Light value
// is used on light terminals, Dark on dark ones. The screen must stay readable with no colour
// at all (NO_COLOR, golden files): markers like "->", ">>", "●" and ">" carry the meaning,
// styles only add to it.
var (
	colAccent  = lipgloss.AdaptiveColor{Light: "#5A3FC0", Dark: "#A68CFF"}
	colDim     = lipgloss.AdaptiveColor{Light: "#8A8A8A", Dark: "#6C6C6C"}
	colError   = lipgloss.AdaptiveColor{Light: "#C0262D", Dark: "#FF6B6B"}
	colChanged = lipgloss.AdaptiveColor{Light: "#B35900", Dark: "#FFB454"}
	colCurBG   = lipgloss.AdaptiveColor{Light: "#DCE8FF", Dark: "#22324A"}
	colPanicBG = lipgloss.AdaptiveColor{Light: "#FFE0E0", Dark: "#4A2020"}
	colKeyword = lipgloss.AdaptiveColor{Light: "#8A2BB0", Dark: "#C792EA"}
	colString  = lipgloss.AdaptiveColor{Light: "#2E7D32", Dark: "#A5D6A7"}
	colNumber  = lipgloss.AdaptiveColor{Light: "#B35900", Dark: "#F78C6C"}
	colComment = lipgloss.AdaptiveColor{Light: "#7A7A7A", Dark: "#7F848E"}
	colFunc    = lipgloss.AdaptiveColor{Light: "#1565C0", Dark: "#82AAFF"}
	colType    = lipgloss.AdaptiveColor{Light: "#00796B", Dark: "#80CBC4"}
)

// styles are the text styles of the panes.
type styles struct {
	Title        lipgloss.Style // a pane's title row
	TitleFocused lipgloss.Style
	Dim          lipgloss.Style // standard library frames, hints, line numbers
	Program      lipgloss.Style // the program's own frames
	Selected     lipgloss.Style // the cursor row of the focused pane
	CurrentLine  lipgloss.Style // the selected frame's line in the source
	PanicLine    lipgloss.Style // the line that panicked, seen from a caller
	Breakpoint   lipgloss.Style
	Error        lipgloss.Style // "*** ..." lines, the panic in the status line
	Changed      lipgloss.Style // values changed since the last stop
	Section      lipgloss.Style // Args, Locals, Watch headers
	Status       lipgloss.Style
	Key          lipgloss.Style
	Spinner      lipgloss.Style
	Prompt       lipgloss.Style
	Cursor       lipgloss.Style // the console's cursor (NO_COLOR draws a block instead)

	syntax map[tokenKind]lipgloss.Style // kinds not in it are not coloured
}

var theme = newStyles()

func newStyles() styles {
	s := styles{
		Title:        lipgloss.NewStyle().Foreground(colDim),
		TitleFocused: lipgloss.NewStyle().Foreground(colAccent).Bold(true),
		Dim:          lipgloss.NewStyle().Foreground(colDim),
		Program:      lipgloss.NewStyle().Bold(true),
		Selected:     lipgloss.NewStyle().Reverse(true),
		CurrentLine:  lipgloss.NewStyle().Background(colCurBG).Bold(true),
		PanicLine:    lipgloss.NewStyle().Background(colPanicBG),
		Breakpoint:   lipgloss.NewStyle().Foreground(colError).Bold(true),
		Error:        lipgloss.NewStyle().Foreground(colError),
		Changed:      lipgloss.NewStyle().Foreground(colChanged).Bold(true),
		Section:      lipgloss.NewStyle().Foreground(colAccent).Bold(true),
		Status:       lipgloss.NewStyle().Bold(true),
		Key:          lipgloss.NewStyle().Foreground(colAccent),
		Spinner:      lipgloss.NewStyle().Foreground(colAccent),
		Prompt:       lipgloss.NewStyle().Foreground(colAccent).Bold(true),
		Cursor:       lipgloss.NewStyle().Reverse(true),
	}
	keyword, typ := lipgloss.NewStyle().Foreground(colKeyword), lipgloss.NewStyle().Foreground(colType)
	s.syntax = map[tokenKind]lipgloss.Style{
		tokKeyword:  keyword,
		tokConstant: keyword,
		tokType:     typ,
		tokBuiltin:  typ,
		tokFunction: lipgloss.NewStyle().Foreground(colFunc),
		tokString:   lipgloss.NewStyle().Foreground(colString),
		tokNumber:   lipgloss.NewStyle().Foreground(colNumber),
		tokComment:  lipgloss.NewStyle().Foreground(colComment).Italic(true),
	}
	return s
}

// syntaxStyle is the style of a kind of token; false for the kinds shown plain.
func (s styles) syntaxStyle(k tokenKind) (lipgloss.Style, bool) {
	st, ok := s.syntax[k]
	return st, ok
}

// SetColor turns colour on or off for the whole TUI; NO_COLOR in the environment turns it off
// when the TUI starts.
func SetColor(on bool) {
	if on {
		lipgloss.SetColorProfile(termenv.NewOutput(os.Stdout).EnvColorProfile())
	} else {
		lipgloss.SetColorProfile(termenv.Ascii)
	}
}

// plain reports whether the screen is drawn without colour or attributes (NO_COLOR, a dumb
// terminal, the golden files): markers must then say what styles would.
func plain() bool { return lipgloss.ColorProfile() == termenv.Ascii }

// noColor reports whether the user asked for no colour (https://no-color.org).
func noColor() bool { return os.Getenv("NO_COLOR") != "" }
