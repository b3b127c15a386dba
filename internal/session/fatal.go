package session

import (
	"fmt"
	"runtime"
	"strconv"

	"github.com/go-delve/delve/service/api"
)

// fnFatalSignal is the runtime function that prints a fatal signal's first lines.
const fnFatalSignal = "runtime.fatalsignal"

// fatalMessage is what Go prints first when the program dies at this runtime-fatal-throw stop:
// "fatal error: MSG" for a throw (runtime.throw, runtime.fatal), with the "[signal ...]" line
// when a signal raised it; "SIGQUIT: quit" and the lines that follow it for a fatal signal
// (runtime.fatalsignal: a signal sent to the program, a crash in C code).
func (s *Session) fatalMessage(gid int64, th *api.Thread) string {
	if th != nil && th.Function != nil && th.Function.Name() == fnFatalSignal {
		if msg := s.signalMessage(api.EvalScope{GoroutineID: -1}); msg != "" {
			return msg
		}
	}
	cfg := api.LoadConfig{MaxStringLen: 1024}
	for _, g := range []int64{gid, -1} {
		v, err := s.client.EvalVariable(api.EvalScope{GoroutineID: g}, "s", cfg)
		if err == nil && v.Value != "" {
			return "fatal error: " + v.Value + s.signalLine(gid)
		}
	}
	return "fatal error"
}

// signalMessage is what runtime.fatalsignal prints, read from its arguments in scope sc (its
// frame):
//
//	SIGSEGV: segmentation violation
//	PC=0x45f1a2 m=0 sigcode=1 addr=0x0
//	signal arrived during cgo execution
//
// "" when its arguments cannot be read.
func (s *Session) signalMessage(sc api.EvalScope) string {
	number := func(expr string) (uint64, bool) {
		v, err := s.client.EvalVariable(sc, expr, api.LoadConfig{})
		if err != nil || v.Unreadable != "" {
			return 0, false
		}
		if n, err := strconv.ParseUint(v.Value, 10, 64); err == nil {
			return n, true
		}
		n, err := strconv.ParseInt(v.Value, 10, 64)
		return uint64(n), err == nil
	}
	sig, ok := number("sig")
	if !ok {
		return ""
	}
	msg := s.signalName(sc, sig)
	m, ok1 := number("mp.id")
	code, ok2 := number("c.info.si_code")
	ctxt, ok3 := number("c.ctxt")
	if !ok1 || !ok2 || !ok3 {
		return msg
	}
	pcOffset, known := ucontextPC[runtime.GOARCH]
	pc, ok := number(fmt.Sprintf("*(*uint64)(%#x)", ctxt+pcOffset))
	if !known || !ok {
		return msg
	}
	msg += fmt.Sprintf("\nPC=%#x m=%d sigcode=%d", pc, m, int32(code))
	if sig == 11 || sig == 7 { // SIGSEGV, SIGBUS: the faulting address
		if addr, ok := number("c.info.si_addr"); ok {
			msg += fmt.Sprintf(" addr=%#x", addr)
		}
	}
	if v, err := s.client.EvalVariable(sc, "mp.incgo && gp == mp.g0 && mp.curg != nil", api.LoadConfig{}); err == nil && v.Value == "true" {
		msg += "\nsignal arrived during cgo execution"
	}
	return msg
}

// signalName is the runtime's name of signal sig: "SIGQUIT: quit" (runtime.sigtable).
func (s *Session) signalName(sc api.EvalScope, sig uint64) string {
	v, err := s.client.EvalVariable(sc, fmt.Sprintf("runtime.sigtable[%d].name", sig), api.LoadConfig{MaxStringLen: 64})
	if err == nil && v.Unreadable == "" && v.Value != "" {
		return v.Value
	}
	return fmt.Sprintf("Signal %d", sig)
}

// ucontextPC is where the interrupted program counter sits in the ucontext a signal handler
// gets (runtime/defs_linux_GOARCH.go: ucontext.uc_mcontext, then the pc register).
var ucontextPC = map[string]uint64{
	"amd64": 40 + 16*8,          // uc_flags, uc_link, uc_stack (24); mcontext: r8..r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip
	"arm64": 176 + 8 + 31*8 + 8, // uc_mcontext at 176 (16-aligned): fault_address, regs[31], sp, pc
}
