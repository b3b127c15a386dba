package command

import (
	"errors"
	"strings"

	"github.com/pdbgo/pdbgo/internal/debug"
)

// cmdCatch is catch recovered [PATTERN...], catch off, or catch alone.
func (in *Interpreter) cmdCatch(arg string) error {
	words := strings.Fields(arg)
	switch {
	case len(words) == 0:
		in.printf("%s\n", catchText(in.dbg.Catching()))
		return nil
	case words[0] == "off" && len(words) == 1:
		if err := in.dbg.CatchPanics(false, nil); err != nil {
			return err
		}
	case words[0] == "recovered":
		if err := in.dbg.CatchPanics(true, words[1:]); err != nil {
			return err
		}
	default:
		return errors.New("catch takes recovered [PATTERN...] or off")
	}
	in.printf("%s\n", catchText(in.dbg.Catching()))
	return nil
}

// catchText says what stops the program for a panic.
func catchText(on bool, patterns []string) string {
	switch {
	case !on:
		return "Only unrecovered panics stop the program (catch recovered stops every panic as it begins)."
	case len(patterns) == 0 || len(patterns) == 1 && patterns[0] == "...":
		return "Every panic stops the program as it begins, recovered later or not."
	}
	return "Panics raised in " + strings.Join(patterns, ", ") + " stop the program as they begin, recovered later or not."
}

// isPanicStop reports whether a stop shows a panic: unrecovered, or caught as it began.
func isPanicStop(k debug.StopKind) bool { return k == debug.StopPanic || k == debug.StopCaught }
