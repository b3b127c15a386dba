package ui

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/stack"
	"github.com/pdbgo/pdbgo/internal/value"
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

// console is the command line with its log, and the program's output.
type console struct {
	box
	host       host
	log        logView
	output     logView   // the program's output
	programOut io.Reader // the program's terminal, read while the TUI runs; nil: none
	programIn  io.Writer // the program's terminal, for lines typed while its output is shown
	toProgram  []string  // what is typed for the program and not yet written, in order
	writing    bool      // a write to the program's terminal is under way
	showOutput bool
	input      textinput.Model
	history    []string
	histPos    int    // len(history) when not browsing
	draft      string // what was typed before browsing the history
	histFile   string
	compl      completionContext
	// confirmKill: kill ends a process pdbgo did not start, so it runs only when typed twice
	// in a row (killArmed: the first was typed).
	confirmKill, killArmed bool
}

const (
	prompt        = command.Prompt
	programPrompt = "(input) " // the same width as prompt
)

func newConsole(h host, histFile string, programOut io.Reader, programIn io.Writer) *console {
	ti := textinput.New()
	ti.Prompt = theme.Prompt.Render(prompt)
	ti.Cursor.SetMode(cursor.CursorStatic) // a blinking cursor would redraw the screen twice a second
	ti.Focus()
	ti.CharLimit = 4096
	c := &console{host: h, input: ti, histFile: histFile, programOut: programOut, programIn: programIn}
	c.SetFocus(false)
	c.history = loadHistory(histFile)
	c.histPos = len(c.history)
	return c
}

// Init starts reading the program's output.
func (c *console) Init() tea.Cmd {
	if c.programOut == nil {
		return nil
	}
	return readOutput(c.programOut)
}

func (c *console) SetSize(w, h int) {
	c.width, c.height = w, h
	c.input.Width = max(w-len(prompt)-1, 1)
	c.log.width, c.log.height = w, max(h-2, 0)
	c.output.width, c.output.height = w, max(h-2, 0)
}

// SetFocus gives the command line the focus with the pane: its cursor shows only then.
func (c *console) SetFocus(on bool) {
	c.focused = on
	if on {
		c.input.Focus()
	} else {
		c.input.Blur()
	}
}

func (c *console) ShortHelp() []key.Binding {
	if c.takesEOF() {
		return []key.Binding{short(keys.Run, "send the line"), short(keys.EOF, "end of input")}
	}
	return []key.Binding{short(keys.Run, "run"), short(keys.Complete, "complete"), short(keys.History, "history"), short(keys.Leave, "panes")}
}

func (c *console) FullHelp() [][]key.Binding { return [][]key.Binding{keys.consoleKeys()} }

func (c *console) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case printedMsg:
		if msg.echo {
			c.log.add(command.Prompt+msg.line+"\n", theme.Dim.Render)
		}
		c.addOutput(msg.output)
		c.log.scroll = 0
	case viewMsg:
		if !msg.noFrames {
			funcs := c.compl.funcs
			c.compl = completionFor(msg.snapshotMsg)
			c.compl.funcs = funcs
		}
		c.compl.aliases = msg.aliases
	case indexMsg:
		c.compl.funcs = msg.index.funcs
	case outputMsg:
		c.output.add(msg.data, nil)
		if c.showOutput {
			c.output.unseen = 0
		}
		if msg.err != nil {
			return nil
		}
		return readOutput(c.programOut)
	case programInputMsg:
		c.writing = false
		if msg.err != nil {
			c.toProgram = nil // the terminal is gone: what waits would fail the same way
			c.output.add("*** cannot write to the program: "+msg.err.Error()+"\n", theme.Error.Render)
			if c.showOutput {
				c.output.unseen = 0
			}
		}
		return c.nextWrite()
	case haltMsg:
		if msg.err != nil {
			c.log.add("*** "+msg.err.Error()+"\n", theme.Error.Render)
		}
	case tea.KeyMsg:
		return c.key(msg)
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			c.active().scrollBy(3)
		case tea.MouseButtonWheelDown:
			c.active().scrollBy(-3)
		}
	}
	return nil
}

func (c *console) key(msg tea.KeyMsg) tea.Cmd {
	if c.input.Value() == "" && key.Matches(msg, keys.Help) {
		c.host.showHelp()
		return nil
	}
	switch msg.Type {
	case tea.KeyCtrlD:
		if c.takesEOF() {
			text := c.input.Value()
			c.input.SetValue("")
			return c.sendToProgram(text + string(eofChar(c.programIn)))
		}
		return nil
	case tea.KeyEnter:
		line := c.input.Value()
		c.input.SetValue("")
		if c.showOutput && c.programIn != nil {
			return c.sendToProgram(line + "\n")
		}
		// A leading : is how a command is started from the panes (and vim's habit): :rv
		// runs rv; :N shows line N in the source pane.
		colon := strings.HasPrefix(strings.TrimSpace(line), ":")
		line = strings.TrimPrefix(strings.TrimSpace(line), ":")
		c.remember(strings.TrimSpace(line))
		if n, err := strconv.Atoi(strings.TrimSpace(line)); colon && err == nil {
			c.host.gotoLine(n)
			return nil
		}
		// An alias of kill or quit is kill or quit (the interpreter expands it the same way).
		expanded, _ := command.ExpandAlias(c.compl.aliases, strings.TrimSpace(line))
		cmd, ok := command.Lookup(strings.TrimSpace(expanded))
		isKill := ok && cmd.Name() == "kill"
		if isKill && c.confirmKill && !c.killArmed {
			c.killArmed = true
			c.log.add(command.Prompt+line+"\n", theme.Dim.Render)
			c.log.add("pdbgo did not start this process: kill again to end it, anything else keeps it\n", theme.Error.Render)
			return nil
		}
		c.killArmed = false
		if ok && cmd.Name() == "quit" && c.host.busy() {
			// The interpreter is busy with the running program: leave now, the session's
			// end kills it.
			return c.host.quit()
		}
		return c.host.execTyped(line)
	case tea.KeyTab:
		c.completeInput()
		return nil
	case tea.KeyUp:
		c.browse(-1)
		return nil
	case tea.KeyDown:
		c.browse(1)
		return nil
	case tea.KeyPgUp:
		c.active().scrollBy(c.active().height - 1)
		return nil
	case tea.KeyPgDown:
		c.active().scrollBy(-(c.active().height - 1))
		return nil
	case tea.KeyEsc:
		if c.input.Value() == "" {
			c.host.focusPanes()
		}
		c.input.SetValue("")
		return nil
	}
	if msg.Type == tea.KeyRunes && !msg.Alt {
		c.insertText(string(msg.Runes))
		return nil
	}
	var cmd tea.Cmd
	c.input, cmd = c.input.Update(msg)
	return cmd
}

// typing reports whether text is typed on the command line.
func (c *console) typing() bool { return c.input.Value() != "" }

func (c *console) clearInput() { c.input.SetValue("") }

// start begins a command line with text, replacing what was typed.
func (c *console) start(text string) {
	c.input.SetValue(text)
	c.input.CursorEnd()
}

// note adds a hint to the log.
func (c *console) note(text string) { c.log.add(text+"\n", theme.Dim.Render) }

// queued echoes a command typed while the program runs: it runs at the next stop.
func (c *console) queued(line string) {
	c.log.add(command.Prompt+line+"\n", theme.Dim.Render)
	c.note("(queued: runs at the next stop)")
	c.log.scroll = 0
}

// refuse says why a command that runs the program does nothing while it runs.
func (c *console) refuse(line string) {
	c.log.add(command.Prompt+line+"\n", theme.Dim.Render)
	c.log.add("*** not run: the program is running (ctrl+c halts it; ctrl+o shows its output)\n", theme.Error.Render)
	c.log.scroll = 0
}

// takesEOF reports whether ctrl+d ends the program's input rather than quitting: the program's
// output is shown and typed lines go to its terminal.
func (c *console) takesEOF() bool { return c.showOutput && c.programIn != nil }

// toggleOutput shows the program's output instead of the log, or the log again. While the
// output is shown, with a program terminal, typed lines go to the program.
func (c *console) toggleOutput() {
	c.showOutput = !c.showOutput
	c.input.Prompt = theme.Prompt.Render(prompt)
	if c.showOutput {
		c.output.unseen = 0
		if c.programIn != nil {
			c.input.Prompt = theme.Prompt.Render(programPrompt)
		}
	}
}

func (c *console) active() *logView {
	if c.showOutput {
		return &c.output
	}
	return &c.log
}

// addOutput adds what the interpreter printed to the log, errors and panics marked.
func (c *console) addOutput(out string) {
	for _, line := range strings.SplitAfter(out, "\n") {
		if line == "" {
			continue
		}
		var style func(...string) string
		if strings.HasPrefix(line, "***") || strings.HasPrefix(line, "panic: ") || strings.HasPrefix(line, "fatal error: ") || strings.HasPrefix(line, "\tpanic: ") {
			style = theme.Error.Render
		}
		c.log.add(line, style)
	}
}

// insertText types text into the command line at the cursor; control characters are dropped.
func (c *console) insertText(text string) {
	text = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, text)
	v := []rune(c.input.Value())
	pos := min(c.input.Position(), len(v))
	nv := string(v[:pos]) + text + string(v[pos:])
	c.input.SetValue(nv)
	c.input.SetCursor(pos + len([]rune(text)))
}

func (c *console) completeInput() {
	line, cands := complete(c.input.Value(), c.compl)
	c.input.SetValue(line)
	c.input.CursorEnd()
	if len(cands) > 0 {
		c.log.add(strings.Join(cands, "  ")+"\n", theme.Dim.Render)
	}
}

func (c *console) title() string {
	if c.showOutput && c.programIn != nil {
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

func (c *console) View() string {
	lines := []string{paneTitle(c.title(), c.width, c.focused)}
	lv := c.active()
	body := lv.view()
	for i := len(body); i < lv.height; i++ {
		lines = append(lines, "")
	}
	lines = append(lines, body...)
	lines = append(lines, c.inputView())
	return fit(lines, c.width, c.height)
}

// inputView draws the command line, the cursor on it while the console has the focus.
func (c *console) inputView() string {
	return drawInput(c.input.Prompt, c.input.Value(), c.input.Position(), c.width, c.focused)
}

// outputMsg is a chunk of the program's output.
type outputMsg struct {
	data string
	err  error
}

func readOutput(r io.Reader) tea.Cmd {
	return func() tea.Msg {
		buf := make([]byte, 8192)
		n, err := r.Read(buf)
		return outputMsg{data: string(buf[:n]), err: err}
	}
}

// programInputMsg reports a line written to the program's terminal.
type programInputMsg struct{ err error }

// sendToProgram writes text to the program's terminal: a line typed with its newline, or what
// ctrl+d sends, which ends the program's input as a terminal does (the terminal's end-of-file
// character, VEOF, at the start of a line makes the program's read return nothing; after text it
// sends that text without a newline, and a second ctrl+d then ends the input).
// The write runs in a Cmd, as a program that does not read fills the terminal's buffer and the
// write would block; and one at a time, in the order typed, as Cmds run concurrently: a line and
// the ctrl+d typed after it would otherwise race, and the program could read its end of input
// before the line.
func (c *console) sendToProgram(text string) tea.Cmd {
	c.toProgram = append(c.toProgram, text)
	return c.nextWrite()
}

// nextWrite starts the write of the oldest text waiting for the program, unless one is under way.
func (c *console) nextWrite() tea.Cmd {
	if c.writing || len(c.toProgram) == 0 {
		return nil
	}
	text, w := c.toProgram[0], c.programIn
	c.toProgram = c.toProgram[1:]
	c.writing = true
	return func() tea.Msg {
		_, err := io.WriteString(w, text)
		return programInputMsg{err: err}
	}
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
	funcs  []string            // the program's functions, once read
	// aliases are the aliases defined: their names complete as commands do.
	aliases map[string]string
}

// completionFor gathers what the console completes at this frame.
func completionFor(s snapshotMsg) completionContext {
	c := completionContext{fields: map[string][]string{}, lines: map[string]int{}}
	all := append(append([]value.Value{}, s.args...), s.locals...)
	for _, v := range all {
		c.vars = append(c.vars, v.Name)
		collectFields(c.fields, v.Name, v, 2)
	}
	for _, w := range s.watches {
		collectFields(c.fields, w.expr, w.v, 2)
	}
	cur := s.stack.Frame(s.frame)
	add := func(f stack.Frame) {
		b := baseName(f.File)
		if _, ok := c.lines[b]; !ok {
			c.lines[b] = f.Line
			c.files = append(c.files, b)
		}
	}
	add(cur)
	for n := range s.stack.Len() {
		add(s.stack.Frame(n))
	}
	return c
}

func baseName(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[i+1:]
	}
	return p
}

func collectFields(out map[string][]string, expr string, v value.Value, depth int) {
	if depth == 0 {
		return
	}
	for _, c := range v.Expand(0) {
		if c.Kind != value.Field {
			continue
		}
		out[expr] = append(out[expr], c.Name)
		collectFields(out, expr+"."+c.Name, c.Value, depth-1)
	}
}

// locationCommands take a location to complete: FILE:LINE or a function.
var locationCommands = map[string]bool{"break": true, "tbreak": true, "clear": true, "list": true, "longlist": true}

// complete returns the line completed as far as it is unambiguous, and the candidates when it
// is not.
func complete(line string, ctx completionContext) (string, []string) {
	aliasNames := make([]string, 0, len(ctx.aliases))
	for n := range ctx.aliases {
		aliasNames = append(aliasNames, n)
	}
	commands := append(command.Names(), aliasNames...)
	if !strings.Contains(line, " ") && !strings.HasPrefix(line, "!") {
		return completeWord(line, "", commands, " ")
	}
	head, word := splitLastWord(line)
	name, _, _ := strings.Cut(strings.TrimSpace(line), " ")
	c, ok := command.Lookup(name)
	if _, isAlias := ctx.aliases[name]; isAlias {
		ok = false // an alias's arguments are expressions as far as completion knows
	}
	switch {
	case ok && c.Name() == "help":
		return completeWord(word, head, commands, "")
	case ok && (c.Name() == "alias" || c.Name() == "unalias") && len(strings.Fields(head)) == 1:
		return completeWord(word, head, aliasNames, "")
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
		if !strings.Contains(word, ":") {
			cands = append(cands, ctx.funcs...)
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
