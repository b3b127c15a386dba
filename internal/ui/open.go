package ui

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/list"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pdbgo/pdbgo/internal/command"
	"github.com/pdbgo/pdbgo/internal/debug"
)

// programIndex is the program's own functions and source files, as the debugger lists them: what
// o opens and tab completes after break and list.
type programIndex struct {
	funcs, files []string
	root         string // the directory the files share, left out when they are shown
	resets       uint64 // the source cache's resets when it was read: a restart rebuilt the program since when they differ
}

// indexMsg answers the request for the program's index.
type indexMsg struct {
	seq   int
	index programIndex
	err   error
}

func (w *worker) programIndex(seq int) tea.Msg {
	ix := programIndex{resets: w.sources.files.Resets()}
	var err error
	if ix.funcs, err = w.dbg.Functions(); err != nil {
		return indexMsg{seq: seq, err: err}
	}
	if ix.files, err = w.dbg.Sources(); err != nil {
		return indexMsg{seq: seq, err: err}
	}
	ix.root = commonDir(ix.files)
	return indexMsg{seq: seq, index: ix}
}

// commonDir is the directory every file is under ("" for none).
func commonDir(files []string) string {
	if len(files) == 0 {
		return ""
	}
	dir := filepath.Dir(files[0])
	for _, f := range files[1:] {
		for dir != "/" && dir != "." && !strings.HasPrefix(f, dir+"/") {
			dir = filepath.Dir(dir)
		}
	}
	if dir == "/" || dir == "." {
		return ""
	}
	return dir
}

// openItem is a function or a file in the picker.
type openItem struct {
	name string // the function, or the file as shown (under the index's root)
	path string // files: the whole path
}

func (i openItem) FilterValue() string { return i.name }

// openDelegate draws a picker row on one line: the cursor mark, whether it is a function or a
// file, and its name.
type openDelegate struct{}

func (openDelegate) Height() int                         { return 1 }
func (openDelegate) Spacing() int                        { return 0 }
func (openDelegate) Update(tea.Msg, *list.Model) tea.Cmd { return nil }
func (openDelegate) Render(w io.Writer, m list.Model, index int, item list.Item) {
	it, ok := item.(openItem)
	if !ok {
		return
	}
	kind := "func"
	if it.path != "" {
		kind = "file"
	}
	row := fmt.Sprintf("%s  %s", theme.Dim.Render(kind), it.name)
	if index == m.Index() {
		fmt.Fprint(w, theme.Selected.Render(fitLine(">"+ansi.Strip(row), m.Width())))
		return
	}
	fmt.Fprint(w, fitLine(" "+row, m.Width()))
}

// openPane is the picker o opens: the program's functions and files, filtered as typed (fuzzy,
// bubbles' list); enter shows the one chosen in the source pane, with its breakpoints.
type openPane struct {
	box
	host    host
	view    *viewState
	list    *list.Model // a pointer: its func fields would make a copy unequal to itself
	loading bool
	err     string
}

func newOpenPane(h host, v *viewState) *openPane {
	l := list.New(nil, openDelegate{}, 0, 0)
	// The pane draws its title and the line typed itself, with the cursor every other line
	// typed has (visible without colour too); the list draws the rows and their count.
	l.SetShowTitle(false)
	l.SetShowFilter(false)
	l.SetShowHelp(false)
	l.SetShowPagination(false)
	l.SetStatusBarItemName("function or file", "functions and files")
	l.DisableQuitKeybindings()
	l.Styles.StatusBar = l.Styles.StatusBar.Padding(0, 0, 0, 1)
	l.FilterInput.Cursor.SetMode(cursor.CursorStatic) // a blinking cursor redraws twice a second
	return &openPane{box: box{focused: true}, host: h, view: v, list: &l}
}

// setIndex fills the list with the program's functions and files.
func (p *openPane) setIndex(ix programIndex, err error) tea.Cmd {
	p.loading = false
	if err != nil {
		p.err = command.OneLine(err.Error())
		return nil
	}
	items := make([]list.Item, 0, len(ix.funcs)+len(ix.files))
	for _, f := range ix.funcs {
		items = append(items, openItem{name: f})
	}
	for _, f := range ix.files {
		name := f
		if ix.root != "" {
			name = strings.TrimPrefix(f, ix.root+"/")
		}
		items = append(items, openItem{name: name, path: f})
	}
	p.err = ""
	cmd := p.list.SetItems(items)
	return tea.Batch(cmd, p.refilter())
}

// open starts a new search; the list comes from the index, loaded once.
func (p *openPane) open(loaded bool) tea.Cmd {
	p.loading = !loaded
	p.list.ResetFilter()
	p.list.ResetSelected()
	p.list.SetFilterState(list.Filtering)
	return nil
}

// refilter filters the items again for what is typed, after the items changed.
func (p *openPane) refilter() tea.Cmd {
	if p.list.FilterValue() == "" {
		return nil
	}
	p.list.SetFilterText(p.list.FilterValue())
	p.list.SetFilterState(list.Filtering)
	return nil
}

func (p *openPane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.list.SetSize(w, max(h-2, 1))
}

func (p *openPane) ShortHelp() []key.Binding {
	return []key.Binding{short(keys.ChooseOpen, "open"), short(keys.MoveOpen, "move"), short(keys.Close, "close")}
}

func (p *openPane) FullHelp() [][]key.Binding { return [][]key.Binding{keys.openKeys()} }

func (p *openPane) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		l, cmd := p.list.Update(msg)
		*p.list = l
		return cmd
	}
	switch {
	case key.Matches(km, keys.Close):
		p.host.closeOverlay()
		return nil
	case key.Matches(km, keys.ChooseOpen):
		it, ok := p.list.SelectedItem().(openItem)
		if !ok {
			return nil
		}
		p.host.closeOverlay()
		p.host.focusSource()
		return p.host.enqueue(&request{run: func(w *worker, seq int) tea.Msg { return w.openSource(seq, it) }})
	case km.Type == tea.KeyUp:
		p.list.CursorUp()
		return nil
	case km.Type == tea.KeyDown:
		p.list.CursorDown()
		return nil
	case km.Type == tea.KeyPgUp:
		p.list.PrevPage()
		return nil
	case km.Type == tea.KeyPgDown:
		p.list.NextPage()
		return nil
	}
	if p.list.FilterState() != list.Filtering {
		p.list.SetFilterState(list.Filtering)
	}
	l, cmd := p.list.Update(km)
	*p.list = l
	return cmd
}

func (p *openPane) View() string {
	var lines []string
	switch {
	case p.loading:
		lines = []string{paneTitle("Open", p.width, true), theme.Dim.Render(" loading the program's functions and files...")}
	case p.err != "":
		lines = []string{paneTitle("Open", p.width, true), theme.Error.Render(" *** " + p.err)}
	default:
		lines = []string{
			paneTitle("Open a function or file of the program  (type to filter, enter opens, esc closes)", p.width, true),
			drawInput("find: ", p.list.FilterInput.Value(), p.list.FilterInput.Position(), p.width, true),
		}
		lines = append(lines, strings.Split(p.list.View(), "\n")...)
	}
	return fit(lines, p.width, p.height)
}

// openSource reads the file of a function or a file chosen in the picker.
func (w *worker) openSource(seq int, it openItem) tea.Msg {
	path, line := it.path, 1
	if path == "" {
		var err error
		if path, line, err = w.dbg.Locate(w.in.Scope(), it.name); err != nil {
			return sourceMsg{seq: seq, err: err}
		}
	}
	return sourceMsg{seq: seq, file: w.sources.get(path), line: line}
}

// sourceAt reads the file of a location (a breakpoint's) for the source pane.
func (w *worker) sourceAt(seq int, loc debug.Location) tea.Msg {
	return sourceMsg{seq: seq, file: w.sources.get(loc.File), line: loc.Line}
}
