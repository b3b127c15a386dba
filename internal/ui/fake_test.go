package ui

import (
	"sync"

	"github.com/pdbgo/pdbgo/internal/debug"
	"github.com/pdbgo/pdbgo/internal/debug/debugtest"
)

// The UI's rendering and flow tests run over debugtest.Crash: the shipped crash example stopped
// at its panic. Behaviour against real programs is tested with a real pdbgo in e2e_test.go.
type fakeDebugger = debugtest.Crash

// fixture is the crash example's source, as the fake's frames name it.
const fixture = debugtest.CrashFile

var fakeFrames = (&fakeDebugger{}).Frames()

var (
	str   = debugtest.Str
	num   = debugtest.Num
	strs  = debugtest.Strs
	order = debugtest.Order
)

// blockingDebugger runs "forever" on continue after the first stop, until halted.
type blockingDebugger struct {
	fakeDebugger
	first  sync.Once
	halted chan struct{}
}

func (b *blockingDebugger) Continue() (debug.Stop, error) {
	firstStop := false
	b.first.Do(func() { firstStop = true })
	if firstStop {
		return b.fakeDebugger.Continue()
	}
	<-b.halted
	return debug.Stop{Kind: debug.StopHalt, GoroutineID: 1}, nil
}

func (b *blockingDebugger) Halt() error {
	close(b.halted)
	return nil
}
