package ui

import (
	"fmt"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/pdbgo/pdbgo/internal/signals"
)

// SignalError says the TUI ended because pdbgo received a signal.
type SignalError struct{ Signal syscall.Signal }

func (e SignalError) Error() string { return fmt.Sprintf("received %v", e.Signal) }

// Run opens the TUI on the terminal and returns when the user quits. The terminal is restored on
// every way out: q, SIGTERM and SIGHUP (reported as a SignalError), and a panic in the TUI,
// which bubbletea catches and reports as an error. The caller ends the session afterwards.
func Run(opts Options) error {
	if noColor() {
		SetColor(false)
		lipgloss.SetHasDarkBackground(true)
	} else {
		// Ask the terminal for its background now: asked later, from View, the answer would
		// race with bubbletea's reading of the keyboard.
		lipgloss.SetHasDarkBackground(lipgloss.HasDarkBackground())
	}
	m := New(opts)
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithoutSignalHandler())

	// Ctrl-C in the TUI is a key; a SIGINT sent from elsewhere halts the program the same way.
	quit := make(chan syscall.Signal, 1)
	stopSignals := signals.Watch(signals.Handlers{
		Interrupt: func() {
			if opts.Halt != nil {
				_ = opts.Halt()
			}
		},
		End: func(sig syscall.Signal) {
			quit <- sig
			p.Quit()
		},
	})
	defer stopSignals()
	var got syscall.Signal
	final, err := p.Run()
	if fm, ok := final.(*Model); ok && err == nil && fm.Err() != nil {
		err = fm.Err()
	}
	select {
	case got = <-quit:
	default:
	}
	if err != nil {
		return err
	}
	if got != 0 {
		return SignalError{Signal: got}
	}
	return nil
}
