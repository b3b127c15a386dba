package ui

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// promptLine is a line typed in a pane or an overlay: a search, a filter, an index, a condition.
// While it is open it takes every key; enter accepts it, esc cancels it.
type promptLine struct {
	open  bool
	label string // what the line is for: "/", "filter: ", ...
	input textinput.Model
}

func (p *promptLine) start(label, value string) {
	p.open, p.label = true, label
	p.input = textinput.New()
	p.input.Cursor.SetMode(cursor.CursorStatic) // drawInput draws the cursor; no blinking
	p.input.Prompt = ""
	p.input.CharLimit = 1024
	p.input.Focus()
	p.input.SetValue(value)
	p.input.CursorEnd()
}

// promptResult is what a key did to a prompt.
type promptResult int

const (
	promptTyping promptResult = iota
	promptAccepted
	promptCancelled
)

// update edits the line with a key.
func (p *promptLine) update(msg tea.KeyMsg) promptResult {
	switch {
	case key.Matches(msg, keys.PromptAccept):
		p.open = false
		return promptAccepted
	case key.Matches(msg, keys.PromptCancel):
		p.open = false
		return promptCancelled
	}
	if msg.Type == tea.KeyRunes {
		// Typed or pasted text, control characters dropped.
		var rs []rune
		for _, r := range msg.Runes {
			if r >= 0x20 && r != 0x7f {
				rs = append(rs, r)
			}
		}
		v := []rune(p.input.Value())
		pos := min(p.input.Position(), len(v))
		p.input.SetValue(string(v[:pos]) + string(rs) + string(v[pos:]))
		p.input.SetCursor(pos + len(rs))
		return promptTyping
	}
	p.input, _ = p.input.Update(msg)
	return promptTyping
}

func (p *promptLine) value() string { return p.input.Value() }

// view draws the prompt's line, width columns at most, with its cursor.
func (p *promptLine) view(width int) string {
	return drawInput(p.label, p.input.Value(), p.input.Position(), width, true)
}

func (p *promptLine) help() []key.Binding {
	return []key.Binding{short(keys.PromptAccept, "accept"), short(keys.PromptCancel, "cancel")}
}

// drawInput draws a line being typed after its prompt, width columns at most: the cursor on it
// when focused, the line scrolled sideways to keep the cursor in view. The cursor is drawn
// here, not by bubbles' text input: its block is reverse video, which NO_COLOR strips, leaving
// no insertion point to see. Without colour the cursor is a block of its own (it moves the text
// after it one column).
func drawInput(label, value string, pos, width int, focused bool) string {
	v := []rune(value)
	pos = min(max(pos, 0), len(v))
	room := max(width-ansi.StringWidth(label), 2)
	start := 0
	for start < pos && ansi.StringWidth(string(v[start:pos])) > room-1 {
		start++
	}
	before := string(v[start:pos])
	if !focused {
		return label + ansi.Truncate(string(v[start:]), room, "")
	}
	left := room - ansi.StringWidth(before)
	if plain() {
		return label + before + "█" + ansi.Truncate(string(v[pos:]), max(left-1, 0), "")
	}
	under, rest := " ", ""
	if pos < len(v) {
		under = string(v[pos])
		rest = ansi.Truncate(string(v[pos+1:]), max(left-ansi.StringWidth(under), 0), "")
	}
	return label + before + theme.Cursor.Render(under) + rest
}
