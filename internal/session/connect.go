package session

import (
	"context"
	"errors"
	"fmt"
	"net"
	"syscall"
	"time"

	"github.com/go-delve/delve/service/rpc2"
)

// connectTimeout bounds the dial and the first exchange with a server: a peer that accepts a
// connection and never answers must not hang pdbgo.
const connectTimeout = 5 * time.Second

// errAborted is what a start abandoned because pdbgo is ending returns (Config.Abort).
var errAborted = errors.New("pdbgo is ending: the start was abandoned")

// connect dials a headless Delve server and leaves its program stopped: a running program is
// halted (connected says so). The dial and the first exchange have a deadline, and pdbgo's end
// (Config.Abort) interrupts them.
func (s *Session) connect() error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-s.cfg.Abort:
			cancel()
		case <-ctx.Done():
		}
	}()
	d := net.Dialer{Timeout: connectTimeout}
	conn, err := d.DialContext(ctx, "tcp", s.cfg.Addr)
	if err != nil {
		if ctx.Err() != nil {
			return errAborted
		}
		var errno syscall.Errno
		var dns *net.DNSError
		switch {
		case errors.As(err, &errno):
			err = errno
		case errors.As(err, &dns):
			err = dns
		}
		return fmt.Errorf("cannot connect to %s: %v", s.cfg.Addr, err)
	}
	// Creating the client already asks the server something (its API version).
	deadline := time.Now().Add(connectTimeout)
	_ = conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	s.client = rpc2.NewClientFromConn(conn)
	st, err := s.client.GetStateNonBlocking()
	if err == nil && st.Running {
		// Every other request waits for a running program to stop: stop it, as attach does.
		if _, err = s.client.Halt(); err == nil {
			s.haltedOnConnect = true
		}
	}
	if err == nil {
		s.pid = s.client.ProcessPid()
	}
	aborted := !stop() // the abort closed the connection
	if aborted {
		s.client = nil
		return errAborted
	}
	if err != nil {
		conn.Close()
		s.client = nil
		if !time.Now().Before(deadline) || isTimeout(err) {
			return fmt.Errorf("cannot connect to %s: no answer within %v (not a Delve API v2 server?)", s.cfg.Addr, connectTimeout)
		}
		return fmt.Errorf("cannot connect to %s: not a Delve API v2 server (%v)", s.cfg.Addr, err)
	}
	_ = conn.SetDeadline(time.Time{})
	s.conn = conn
	return nil
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// closeRemote ends a session with a server: the server's program is left as it is (or killed,
// with kill). A server that does not answer within connectTimeout is left: pdbgo closes the
// connection and goes.
func (s *Session) closeRemote(kill bool) error {
	done := make(chan error, 1)
	go func() {
		if kill {
			done <- s.client.Detach(true)
			return
		}
		done <- s.client.Disconnect(false)
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(connectTimeout):
		if s.conn != nil {
			s.conn.Close()
		}
		return fmt.Errorf("the server at %s did not answer: pdbgo closed the connection", s.cfg.Addr)
	}
}
