package ui

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/debug"
)

// sourcePane shows a file with a cursor for b and t: the selected frame's file around its line,
// or any file of the program the user opened (o, list, a breakpoint's source) until the next
// stop or frame change, or '.'. It searches (/ and ?, then n and N) and goes to lines (gg, G,
// :N in the console).
type sourcePane struct {
	box
	host      host
	view      *viewState
	file      *sourceFile
	frame     *sourceFile // the selected frame's file: another file shown is browsed
	frameLine int         // the selected frame's line
	framePnc  int         // the line that panicked, in the frame's file
	current   int         // the selected frame's line, when its file is shown
	panicLine int         // the line that panicked, when a caller's frame shows the same file
	cursor    int         // the line b and t act on (1-based)
	left      int         // columns scrolled sideways
	vp        viewport

	search   promptLine
	pattern  string   // the last search, repeated by n and N while searching is set
	backward bool     // the last search went up (?)
	finding  bool     // n and N repeat the search (until esc)
	origin   int      // the cursor's line when the search prompt opened
	note     string   // what the last search or jump said ("no match", "wrapped")
	pendingG bool     // g was typed: a second g goes to the first line
	at       [3]int64 // the stop, goroutine and frame shown: another one ends browsing
}

func newSourcePane(h host, v *viewState) *sourcePane { return &sourcePane{host: h, view: v} }

func (p *sourcePane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.fitBody()
}

// fitBody sizes the window of lines to the rows the pane has for them, keeping the cursor in
// view.
func (p *sourcePane) fitBody() {
	p.vp.height = p.bodyHeight()
	p.vp.reveal(p.cursor-1, p.lineCount())
}

func (p *sourcePane) ShortHelp() []key.Binding {
	switch {
	case p.search.open:
		return p.search.help()
	case p.pendingG:
		return []key.Binding{short(keys.Top, "first line (any other key: nothing)")}
	case p.finding:
		return []key.Binding{short(keys.SearchNext, "next match"), short(keys.SearchPrev, "previous match"),
			short(keys.Close, "end the search (n steps again)")}
	}
	return []key.Binding{short(keys.ToggleBP, "break"), short(keys.RunTo, "run to"), short(keys.Open, "open"), short(keys.Search, "find")}
}

func (p *sourcePane) FullHelp() [][]key.Binding { return [][]key.Binding{keys.sourceKeys()} }

// searching reports whether n and N repeat a search: the key row then says how to step.
func (p *sourcePane) searching() bool { return p.finding }

func (p *sourcePane) prompting() bool { return p.search.open || p.pendingG }

// takes: the source's keys; n and N only while a search is repeated, esc to end it.
func (p *sourcePane) takes(msg tea.KeyMsg) bool {
	if p.prompting() {
		return true
	}
	if key.Matches(msg, keys.SearchNext, keys.SearchPrev) {
		return p.finding
	}
	if key.Matches(msg, keys.Close) {
		return p.finding || p.note != ""
	}
	return key.Matches(msg, keys.sourceKeys()...)
}

// sourceMsg answers a request to show a file: one the user opened (o), a breakpoint's, a
// listing's.
type sourceMsg struct {
	seq  int
	file *sourceFile
	line int
	err  error
}

func (p *sourcePane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case viewMsg:
		p.showFrame(msg.snapshotMsg)
	case sourceMsg:
		if msg.err != nil {
			p.note = msg.err.Error()
			return nil
		}
		p.browse(msg.file, msg.line)
	case tea.KeyMsg:
		return p.key(msg)
	case tea.MouseMsg:
		switch {
		case msg.Button == tea.MouseButtonWheelUp:
			p.scroll(-3)
		case msg.Button == tea.MouseButtonWheelDown:
			p.scroll(3)
		case msg.Y >= 1: // below the title
			p.cursor = min(p.vp.top+msg.Y, p.lineCount())
		}
	}
	return nil
}

// showFrame points the pane at the selected frame's line; when a caller's frame shows the
// file that panicked, the panicking line is marked too. A listing (list FUNC) shows what it
// listed instead.
func (p *sourcePane) showFrame(s snapshotMsg) {
	p.frame, p.frameLine, p.framePnc = nil, 0, 0
	if s.noFrames {
		if s.listed == nil {
			p.show(nil, 0, 0, 0)
		}
	} else {
		f := s.stack.Frame(s.frame)
		if (s.stop.Kind == debug.StopPanic || s.stop.Kind == debug.StopCaught || s.stop.Kind == debug.StopFatal) && s.frame != 0 {
			if f0 := s.stack.Frame(0); f0.File == f.File {
				p.framePnc = f0.Line
			}
		}
		p.frame, p.frameLine = s.source, f.Line
		at := [3]int64{s.stops, s.gid, int64(s.frame)}
		if !p.browsing() || at != p.at {
			p.show(p.frame, p.frameLine, p.framePnc, p.frameLine)
		}
		p.at = at
	}
	if s.listed != nil {
		p.browse(s.listed, s.listedLine)
	}
}

// browse shows another file than the frame's, or the frame's at another line, cursor on line.
func (p *sourcePane) browse(f *sourceFile, line int) {
	if f == nil {
		return
	}
	if p.frame != nil && f.path == p.frame.path {
		p.show(f, p.frameLine, p.framePnc, line)
	} else {
		p.show(f, 0, 0, line)
	}
	p.gotoLine(line)
}

// show points the pane at a file, its current and panicking lines, and the cursor's line,
// centring the cursor when the file or the current line is new.
func (p *sourcePane) show(f *sourceFile, current, panicLine, cursor int) {
	changed := p.file == nil || f == nil || p.file.path != f.path || p.current != current
	p.file, p.current, p.panicLine = f, current, panicLine
	if changed {
		p.cursor = max(cursor, 1)
		p.left = 0
		p.vp.top = 0
		p.vp.center(p.cursor-1, p.lineCount())
		p.note = ""
	}
}

// browsing reports whether the file shown is not the selected frame's.
func (p *sourcePane) browsing() bool {
	return p.file != nil && (p.frame == nil || p.file.path != p.frame.path)
}

func (p *sourcePane) key(msg tea.KeyMsg) tea.Cmd {
	if p.search.open {
		p.searchKey(msg)
		return nil
	}
	if p.pendingG {
		p.pendingG = false
		if key.Matches(msg, keys.Top) {
			p.moveCursor(-p.lineCount())
		}
		return nil
	}
	page := max(p.bodyHeight()-1, 1)
	switch {
	case msg.Type == tea.KeyLeft:
		p.sideways(-8)
	case msg.Type == tea.KeyRight:
		p.sideways(8)
	case key.Matches(msg, keys.Up):
		p.moveCursor(-1)
	case key.Matches(msg, keys.Down):
		p.moveCursor(1)
	case key.Matches(msg, keys.PageUp):
		p.moveCursor(-page)
	case key.Matches(msg, keys.PageDown):
		p.moveCursor(page)
	case key.Matches(msg, keys.Home):
		p.moveCursor(-p.lineCount())
	case key.Matches(msg, keys.End), key.Matches(msg, keys.Bottom):
		p.moveCursor(p.lineCount())
	case key.Matches(msg, keys.Top):
		p.pendingG = true
	case key.Matches(msg, keys.Close):
		p.finding, p.note = false, ""
	case key.Matches(msg, keys.Search):
		p.startSearch(false)
	case key.Matches(msg, keys.SearchBack):
		p.startSearch(true)
	case key.Matches(msg, keys.SearchNext):
		p.find(p.pattern, p.backward, p.cursor, false)
	case key.Matches(msg, keys.SearchPrev):
		p.find(p.pattern, !p.backward, p.cursor, false)
	case key.Matches(msg, keys.Current):
		p.backToFrame()
	case key.Matches(msg, keys.Open):
		return p.host.openPicker()
	case key.Matches(msg, keys.ToggleBP):
		if p.file == nil || p.file.err != "" {
			return nil
		}
		loc := p.file.path + ":" + strconv.Itoa(p.cursor)
		if _, ok := p.breakpointAt(p.cursor); ok {
			return p.host.exec("clear " + loc)
		}
		return p.host.exec("break " + loc)
	case key.Matches(msg, keys.RunTo):
		if p.file == nil || p.file.err != "" {
			return nil
		}
		return p.host.exec(fmt.Sprintf("tbreak %s:%d ;; continue", p.file.path, p.cursor))
	}
	return nil
}

// backToFrame shows the selected frame's file and line again.
func (p *sourcePane) backToFrame() {
	if p.frame == nil {
		return
	}
	p.show(p.frame, p.frameLine, p.framePnc, p.frameLine)
	p.gotoLine(p.frameLine)
}

// gotoLine puts the cursor on line n (1-based), centred when it was out of view.
func (p *sourcePane) gotoLine(n int) {
	if p.lineCount() == 0 {
		return
	}
	p.cursor = min(max(n, 1), p.lineCount())
	p.vp.reveal(p.cursor-1, p.lineCount())
}

func (p *sourcePane) startSearch(backward bool) {
	if p.file == nil || p.file.err != "" {
		return
	}
	label := "/"
	if backward {
		label = "?"
	}
	p.backward = backward
	p.origin = p.cursor
	p.search.start(label, "")
	p.fitBody()
}

// searchKey types the search, finding the first match as it is typed; esc goes back where the
// search started.
func (p *sourcePane) searchKey(msg tea.KeyMsg) {
	defer p.fitBody()
	switch p.search.update(msg) {
	case promptAccepted:
		if p.search.value() == "" {
			p.search.input.SetValue(p.pattern) // an empty search repeats the last one, as in vi
		}
		p.pattern = p.search.value()
		p.finding = p.pattern != ""
		if p.finding {
			p.find(p.pattern, p.backward, p.origin, false)
		}
	case promptCancelled:
		p.gotoLine(p.origin)
		p.note = ""
	default:
		p.find(p.search.value(), p.backward, p.origin, true)
	}
}

// find moves the cursor to the next line after (or before) line from that contains pattern,
// wrapping around the file; with incremental set the line from itself counts (the search is
// being typed). An all lower-case pattern matches in any case.
func (p *sourcePane) find(pattern string, backward bool, from int, incremental bool) {
	n := p.lineCount()
	if pattern == "" || n == 0 {
		return
	}
	fold := strings.ToLower(pattern) == pattern
	step := 1
	if backward {
		step = -1
	}
	start := from + step
	if incremental {
		start = from
	}
	for i := range n {
		line := (start-1+i*step)%n + 1
		if line <= 0 {
			line += n
		}
		text := p.file.lines[line-1]
		if fold {
			text = strings.ToLower(text)
		}
		if strings.Contains(text, pattern) {
			p.note = ""
			if backward && line > from || !backward && line < from || line == from && !incremental {
				p.note = "search wrapped"
			}
			p.gotoLine(line)
			return
		}
	}
	p.note = "no match for " + strconv.Quote(pattern)
}

// breakpointAt says whether a breakpoint is set at a line of the file shown, and whether one
// there is enabled.
func (p *sourcePane) breakpointAt(line int) (enabled, ok bool) {
	if p.file == nil {
		return false, false
	}
	for _, b := range p.view.bps {
		if b.File == p.file.path && b.Line == line {
			ok = true
			enabled = enabled || !b.Disabled
		}
	}
	return enabled, ok
}

func (p *sourcePane) lineCount() int {
	if p.file == nil {
		return 0
	}
	return len(p.file.lines)
}

// bodyHeight is the rows under the title; a search being typed takes the last one.
func (p *sourcePane) bodyHeight() int {
	if p.search.open {
		return p.height - 2
	}
	return p.height - 1
}

func (p *sourcePane) moveCursor(by int) {
	if p.lineCount() == 0 {
		return
	}
	p.cursor = min(max(p.cursor+by, 1), p.lineCount())
	p.vp.follow(p.cursor-1, p.lineCount())
}

// scroll moves the lines shown (the mouse wheel), taking the cursor along when it leaves them.
func (p *sourcePane) scroll(by int) {
	p.vp.scroll(by, p.lineCount())
	p.cursor = min(max(p.cursor, p.vp.top+1), p.vp.top+p.vp.height)
}

func (p *sourcePane) title() string {
	if p.file == nil && p.view.running {
		return "Source  running"
	}
	if p.file == nil {
		return "Source"
	}
	t := "Source  " + filepath.Base(p.file.path)
	switch {
	case p.view.running:
		t = "Source  running · last stop " + filepath.Base(p.file.path)
		if p.current > 0 {
			t += ":" + strconv.Itoa(p.current)
		}
	case p.browsing():
		t += fmt.Sprintf(":%d  (. goes back)", p.cursor)
	case p.cursor != p.current:
		t += fmt.Sprintf(":%d  line %d", p.current, p.cursor)
	default:
		t += ":" + strconv.Itoa(p.current)
	}
	if p.left > 0 {
		t += fmt.Sprintf("  (from column %d)", p.left+1)
	}
	if p.finding {
		dir := "/"
		if p.backward {
			dir = "?"
		}
		t += "  " + dir + p.pattern + " (n/N)"
	}
	if p.note != "" {
		t += "  " + p.note
	}
	return t
}

// sideways scrolls the code by cols columns, not past the longest line shown.
func (p *sourcePane) sideways(cols int) {
	longest := 0
	if p.file != nil {
		for n := p.vp.top; n < p.vp.end(len(p.file.lines)); n++ {
			longest = max(longest, ansi.StringWidth(p.file.lines[n]))
		}
	}
	p.left = max(0, min(p.left+cols, longest-8))
}

func (p *sourcePane) View() string {
	lines := []string{paneTitle(p.title(), p.width, p.focused)}
	switch {
	case p.file == nil:
		lines = append(lines, theme.Dim.Render(" no source: the program is not stopped in its code"))
	case p.file.err != "":
		lines = append(lines, theme.Error.Render(" "+p.file.err))
	default:
		numWidth := len(fmt.Sprint(len(p.file.lines)))
		for i := p.vp.top; i < p.vp.end(len(p.file.lines)); i++ {
			l := p.line(i+1, numWidth)
			if p.view.running {
				l = theme.Dim.Render(ansi.Strip(l))
			}
			lines = append(lines, l)
		}
	}
	if p.search.open {
		for len(lines) < p.height-1 {
			lines = append(lines, "")
		}
		lines = append(lines[:max(p.height-1, 0)], p.search.view(p.width))
	}
	return fit(lines, p.width, p.height)
}

// line renders one source line: cursor, breakpoint, number, marker, code.
func (p *sourcePane) line(n, numWidth int) string {
	cursor := " "
	if p.focused && n == p.cursor {
		cursor = ">"
	}
	bp := " "
	if enabled, ok := p.breakpointAt(n); ok {
		bp = theme.Breakpoint.Render("●")
		if !enabled {
			bp = theme.Dim.Render("○")
		}
	}
	mark := "  "
	switch n {
	case p.current:
		mark = "->"
	case p.panicLine:
		mark = ">>"
	}
	num := theme.Dim.Render(fmt.Sprintf("%*d", numWidth, n))
	prefix := cursor + bp + num + " " + mark + " "
	room := p.width - ansi.StringWidth(prefix)
	plain, code := p.file.lines[n-1], p.file.styled[n-1]
	if p.left > 0 {
		plain = ansi.Cut(plain, p.left, p.left+room+1)
		code = ansi.Cut(code, p.left, p.left+room+1)
	}
	switch n {
	case p.current:
		code = theme.CurrentLine.Render(padRight(ansi.Truncate(plain, room, "…"), room))
	case p.panicLine:
		code = theme.PanicLine.Render(padRight(ansi.Truncate(plain, room, "…"), room))
	default:
		code = ansi.Truncate(code, room, "…")
	}
	if p.focused && n == p.cursor {
		cursor = theme.Selected.Render(cursor)
	}
	return cursor + bp + num + " " + mark + " " + code
}
