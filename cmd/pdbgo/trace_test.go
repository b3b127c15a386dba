//go:build linux

package main

import "testing"

func TestTraceOptions(t *testing.T) {
	t.Setenv("PDBGO_TTY", "")
	if !traceOptions(options{}).plain {
		t.Error("on the program's own terminal the trace session does not use the line mode")
	}
	t.Setenv("PDBGO_TTY", "/dev/pts/9")
	if traceOptions(options{}).plain {
		t.Error("on a terminal of its own the trace session does not use the TUI")
	}
	if !traceOptions(options{plain: true}).plain {
		t.Error("--plain is lost")
	}
}
