package ui

import (
	"encoding/json"
	"os"
	"path/filepath"

	tea "github.com/charmbracelet/bubbletea"
)

// layoutPrefs is the layout the user chose with <, >, + and -, kept across sessions in the state
// directory (beside the console's history). Zero values mean the default.
type layoutPrefs struct {
	Split   int `json:"split,omitempty"`   // the source pane's share of the width, in percent
	Console int `json:"console,omitempty"` // the console's height in rows
}

// Bounds of the layout the keys can choose.
const (
	splitStep               = 5
	minSplit, maxSplit      = 20, 80
	minConsole              = 3
	minTop                  = 6 // rows left above the console for the source, stack and variables
	defaultSplit, wideSplit = 55, 50
)

// layoutFile is where the layout is kept: the directory of the history file; "" keeps none.
func layoutFile(historyFile string) string {
	if historyFile == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(historyFile), "layout.json")
}

func loadLayout(path string) layoutPrefs {
	var p layoutPrefs
	if path == "" {
		return p
	}
	data, err := os.ReadFile(path)
	if err != nil || json.Unmarshal(data, &p) != nil {
		return layoutPrefs{}
	}
	if p.Split != 0 {
		p.Split = min(max(p.Split, minSplit), maxSplit)
	}
	p.Console = max(p.Console, 0)
	return p
}

// saveLayout writes the layout in a Cmd: Update does no I/O.
func saveLayout(path string, p layoutPrefs) tea.Cmd {
	if path == "" {
		return nil
	}
	return func() tea.Msg {
		data, _ := json.Marshal(p)
		if os.MkdirAll(filepath.Dir(path), 0o700) == nil {
			_ = os.WriteFile(path, append(data, '\n'), 0o600)
		}
		return nil
	}
}

// percent is the source pane's share of width w, in percent.
func (p layoutPrefs) percent(w int) int {
	switch {
	case p.Split != 0:
		return p.Split
	case w >= 160:
		return wideSplit
	}
	return defaultSplit
}

// split is the source pane's share of width w, in columns.
func (p layoutPrefs) split(w int) int { return w * p.percent(w) / 100 }

// consoleRows is the console's height in a body of rows rows (the screen less the key row and
// the status line).
func (p layoutPrefs) consoleRows(body int) int {
	h := max(4, body*3/10)
	if p.Console > 0 {
		h = p.Console
	}
	return min(max(h, minConsole), max(body-minTop, minConsole))
}

// adjustLayout moves the split by dSplit percent and the console's height by dConsole rows, and
// keeps the result.
func (m *Model) adjustLayout(dSplit, dConsole int) tea.Cmd {
	body := m.height - 2
	if dSplit != 0 {
		m.prefs.Split = min(max(m.prefs.percent(m.width)+dSplit, minSplit), maxSplit)
	}
	if dConsole != 0 {
		m.prefs.Console = min(max(m.prefs.consoleRows(body)+dConsole, minConsole), max(body-minTop, minConsole))
	}
	m.zoomed = false
	m.relayout()
	return saveLayout(layoutFile(m.opts.HistoryFile), m.prefs)
}
