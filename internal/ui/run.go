package ui

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
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
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	var got syscall.Signal
	done := make(chan struct{})
	defer close(done)
	quit := make(chan syscall.Signal, 1)
	go func() {
		for {
			select {
			case <-done:
				return
			case sig := <-sigs:
				if sig == os.Interrupt {
					if opts.Halt != nil {
						_ = opts.Halt()
					}
					continue
				}
				quit <- sig.(syscall.Signal)
				p.Quit()
				return
			}
		}
	}()
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
