package ui

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/command"
)

// maxLogLines bounds the console log and the program output kept in memory.
const maxLogLines = 5000

// logView is a scrollable log of lines: the console's and the program's output.
type logView struct {
	lines  []string
	scroll int // rows scrolled up from the bottom
	width  int
	height int
	unseen int  // lines added while not shown
	open   bool // the last line has no newline yet
}

// add appends text, which may hold several lines and may end in the middle of one.
func (l *logView) add(text string, style func(...string) string) {
	if text == "" {
		return
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	parts := strings.Split(text, "\n")
	for i, p := range parts {
		last := i == len(parts)-1
		if last && p == "" {
			l.open = false
			break
		}
		// A carriage return rewrites the line, as a progress bar does.
		if j := strings.LastIndexByte(p, '\r'); j >= 0 {
			p = p[j+1:]
			if i == 0 && l.open && len(l.lines) > 0 {
				l.lines = l.lines[:len(l.lines)-1]
				l.open = false
			}
		}
		p = sanitize(p)
		if style != nil && p != "" {
			p = style(p)
		}
		if i == 0 && l.open && len(l.lines) > 0 {
			l.lines[len(l.lines)-1] += p
		} else {
			l.lines = append(l.lines, p)
			l.unseen++
		}
		l.open = last
	}
	if over := len(l.lines) - maxLogLines; over > 0 {
		l.lines = append([]string(nil), l.lines[over:]...)
	}
}

// wrap breaks a line into rows of the pane's width.
func (l *logView) wrap(line string) []string {
	if l.width <= 0 || ansi.StringWidth(line) <= l.width {
		return []string{line}
	}
	return strings.Split(ansi.Hardwrap(line, l.width, true), "\n")
}

// lastRows returns the last n rows of the wrapped log, wrapping only the lines they come from.
func (l *logView) lastRows(n int) []string {
	var rows []string
	for i := len(l.lines) - 1; i >= 0 && len(rows) < n; i-- {
		rows = append(l.wrap(l.lines[i]), rows...)
	}
	if len(rows) > n {
		rows = rows[len(rows)-n:]
	}
	return rows
}

func (l *logView) scrollBy(n int) {
	l.scroll = max(0, l.scroll+n)
	// Never scroll past the first row.
	rows := l.lastRows(l.scroll + l.height)
	l.scroll = min(l.scroll, max(len(rows)-l.height, 0))
}

// view renders the last rows of the log, or earlier ones when scrolled.
func (l *logView) view() []string {
	rows := l.lastRows(l.scroll + l.height)
	end := max(len(rows)-l.scroll, 0)
	return rows[max(end-l.height, 0):end]
}

// console is the command line with its log.
type console struct {
	log        logView
	output     logView // the program's output
	showOutput bool
	toProgram  bool // lines typed while the output is shown go to the program
	input      textinput.Model
	history    []string
	histPos    int    // len(history) when not browsing
	draft      string // what was typed before browsing the history
	histFile   string
	width      int
	height     int
}

const (
	prompt        = command.Prompt
	programPrompt = "(input) " // the same width as prompt
)

func newConsole(histFile string) console {
	ti := textinput.New()
	ti.Prompt = theme.Prompt.Render(prompt)
	ti.Cursor.SetMode(cursor.CursorStatic) // a blinking cursor would redraw the screen twice a second
	ti.Focus()
	ti.CharLimit = 4096
	c := console{input: ti, histFile: histFile}
	c.history = loadHistory(histFile)
	c.histPos = len(c.history)
	return c
}

func (c *console) setSize(w, h int) {
	c.width, c.height = w, h
	c.input.Width = max(w-len(prompt)-1, 1)
	c.log.width, c.log.height = w, max(h-2, 0)
	c.output.width, c.output.height = w, max(h-2, 0)
}

func (c *console) title() string {
	if c.showOutput && c.toProgram {
		return "Program output  (enter sends the line to the program; ctrl+o: console)"
	}
	if c.showOutput {
		return "Program output  (ctrl+o: console)"
	}
	if c.output.unseen > 0 {
		return fmt.Sprintf("Console  (ctrl+o: program output, %d new lines)", c.output.unseen)
	}
	return "Console  (ctrl+o: program output)"
}

func (c *console) view(focused bool) string {
	lines := []string{paneTitle(c.title(), c.width, focused)}
	lv := &c.log
	if c.showOutput {
		lv = &c.output
		lv.unseen = 0
	}
	body := lv.view()
	for i := len(body); i < lv.height; i++ {
		lines = append(lines, "")
	}
	lines = append(lines, body...)
	if focused && !c.input.Focused() {
		c.input.Focus()
	} else if !focused && c.input.Focused() {
		c.input.Blur()
	}
	c.input.Prompt = theme.Prompt.Render(prompt)
	if c.showOutput && c.toProgram {
		c.input.Prompt = theme.Prompt.Render(programPrompt)
	}
	lines = append(lines, c.input.View())
	return fit(lines, c.width, c.height)
}

// remember adds a line to the history and its file.
func (c *console) remember(line string) {
	c.histPos = len(c.history)
	if line == "" || (len(c.history) > 0 && c.history[len(c.history)-1] == line) {
		return
	}
	c.history = append(c.history, line)
	c.histPos = len(c.history)
	appendHistory(c.histFile, line)
}

// browse moves through the history: -1 older, +1 newer.
func (c *console) browse(dir int) {
	if len(c.history) == 0 {
		return
	}
	if c.histPos == len(c.history) {
		c.draft = c.input.Value()
	}
	c.histPos = min(max(c.histPos+dir, 0), len(c.history))
	if c.histPos == len(c.history) {
		c.input.SetValue(c.draft)
	} else {
		c.input.SetValue(c.history[c.histPos])
	}
	c.input.CursorEnd()
}

// maxHistory bounds the history file.
const maxHistory = 1000

// HistoryFile is where the console's history is kept: $XDG_STATE_HOME/pdbgo/history, else
// ~/.local/state/pdbgo/history, else under os.UserConfigDir.
func HistoryFile() string {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "pdbgo", "history")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "state", "pdbgo", "history")
	}
	if d, err := os.UserConfigDir(); err == nil {
		return filepath.Join(d, "pdbgo", "history")
	}
	return ""
}

func loadHistory(path string) []string {
	if path == "" {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var h []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); l != "" {
			h = append(h, l)
		}
	}
	if len(h) > 2*maxHistory {
		// Keep the file from growing without end: rewrite it with the newest lines.
		h = h[len(h)-maxHistory:]
		_ = os.WriteFile(path, []byte(strings.Join(h, "\n")+"\n"), 0o600)
	}
	if len(h) > maxHistory {
		h = h[len(h)-maxHistory:]
	}
	return h
}

func appendHistory(path, line string) {
	if path == "" || strings.ContainsAny(line, "\n\r") {
		return
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	defer f.Close()
	f.WriteString(line + "\n")
}

// completionContext is what the console completes from: names of the selected frame, the
// fields of its loaded values, and the files of the stack.
type completionContext struct {
	vars   []string            // args, locals
	fields map[string][]string // expression -> names of its fields or keys
	files  []string            // file base names of the stack, with the current line first
	lines  map[string]int      // file base name -> line of its frame
}

// locationCommands take a location to complete as FILE:LINE.
var locationCommands = map[string]bool{"break": true, "tbreak": true, "clear": true}

// complete returns the line completed as far as it is unambiguous, and the candidates when it
// is not.
func complete(line string, ctx completionContext) (string, []string) {
	if !strings.Contains(line, " ") && !strings.HasPrefix(line, "!") {
		return completeWord(line, "", command.Names(), " ")
	}
	head, word := splitLastWord(line)
	name, _, _ := strings.Cut(strings.TrimSpace(line), " ")
	c, ok := command.Lookup(name)
	if ok && c.Name() == "help" {
		return completeWord(word, head, command.Names(), "")
	}
	if ok && locationCommands[c.Name()] {
		var cands []string
		for _, f := range ctx.files {
			if strings.Contains(word, ":") {
				cands = append(cands, f+":"+strconv.Itoa(ctx.lines[f]))
			} else {
				cands = append(cands, f+":")
			}
		}
		return completeWord(word, head, cands, "")
	}
	// An expression: complete the identifier after the last operator or dot.
	i := strings.LastIndexAny(word, "!()[]*&+-/%<>=,|^ ")
	pre, ident := word[:i+1], word[i+1:]
	if j := strings.LastIndexByte(ident, '.'); j >= 0 {
		return completeWord(ident[j+1:], head+pre+ident[:j+1], ctx.fields[ident[:j]], "")
	}
	return completeWord(ident, head+pre, ctx.vars, "")
}

func splitLastWord(line string) (head, word string) {
	i := strings.LastIndexByte(line, ' ')
	return line[:i+1], line[i+1:]
}

// completeWord completes prefix from cands: one match is completed with suffix; several give
// their common prefix and the list.
func completeWord(prefix, head string, cands []string, suffix string) (string, []string) {
	var matches []string
	seen := map[string]bool{}
	for _, c := range cands {
		if strings.HasPrefix(c, prefix) && !seen[c] {
			seen[c] = true
			matches = append(matches, c)
		}
	}
	sort.Strings(matches)
	switch len(matches) {
	case 0:
		return head + prefix, nil
	case 1:
		return head + matches[0] + suffix, nil
	}
	common := matches[0]
	for _, m := range matches[1:] {
		for !strings.HasPrefix(m, common) {
			common = common[:len(common)-1]
		}
	}
	return head + common, matches
}
