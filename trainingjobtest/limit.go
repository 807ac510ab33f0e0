package trainingjobtest

import (
	"net"
	"net/http"
	"sync"
)

// DefaultMaxConnections is the most connections a server for the fake holds
// open at once unless WithMaxConnections says otherwise, or half the
// process's limit on open files when that is lower. It is far more than a
// test or a developer's tools open, and well below the common limits of
// 256 (macOS) and 1024 (Linux) descriptors.
const DefaultMaxConnections = 128

// WithMaxConnections sets the most connections the server holds open at
// once. A limit that is not positive means the default: DefaultMaxConnections,
// or half the process's limit on open files when that is lower. Handler
// ignores it; see LimitConnections for what happens at the limit.
func WithMaxConnections(n int) ServerOption {
	return func(c *serverConfig) { c.maxConns = n }
}

// defaultMaxConnections is the limit a server gets when none is set.
func defaultMaxConnections() int {
	n := DefaultMaxConnections
	if files, ok := openFileLimit(); ok && files/2 < uint64(n) {
		n = max(int(files/2), 1)
	}
	return n
}

// LimitConnections returns a listener that lets srv hold at most n
// connections from ln open at once, so that clients cannot use up the
// process's file descriptors: a slow client holds one of the n until the
// server's timeouts close it. A limit that is not positive means the
// default of WithMaxConnections. It sets srv.ConnState (calling the hook
// already there, if any), so call it before srv.Serve, and serve the
// listener it returns.
//
// At the limit, the listener takes one more connection from ln and closes
// one idle kept-alive connection, if there is one, to make room; a client
// whose idle connection was closed opens a new one. Otherwise the new
// connection waits, and connections behind it wait in the kernel's queue of
// ln, until a connection closes. Closing the returned listener closes ln.
func LimitConnections(srv *http.Server, ln net.Listener, n int) net.Listener {
	if n <= 0 {
		n = defaultMaxConnections()
	}
	l := &limitListener{
		Listener: ln,
		slots:    make(chan struct{}, n),
		done:     make(chan struct{}),
		idle:     map[*limitConn]struct{}{},
	}
	prev := srv.ConnState
	srv.ConnState = func(c net.Conn, s http.ConnState) {
		if lc, ok := c.(*limitConn); ok && lc.l == l {
			l.track(lc, s)
		}
		if prev != nil {
			prev(c, s)
		}
	}
	return l
}

// limitListener is the listener of LimitConnections. A connection holds a
// slot, a value in slots, from Accept until it is closed.
type limitListener struct {
	net.Listener
	slots     chan struct{}
	done      chan struct{} // closed by Close
	closeOnce sync.Once

	mu   sync.Mutex
	idle map[*limitConn]struct{} // connections kept alive between requests
}

// Accept waits for a connection and then for a slot for it.
func (l *limitListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	select {
	case l.slots <- struct{}{}:
		return &limitConn{Conn: c, l: l}, nil
	case <-l.done:
		c.Close()
		return nil, net.ErrClosed
	default:
	}
	l.closeIdle()
	select {
	case l.slots <- struct{}{}:
		return &limitConn{Conn: c, l: l}, nil
	case <-l.done:
		c.Close()
		return nil, net.ErrClosed
	}
}

// Close stops the listener: ln is closed and an Accept waiting for a slot
// returns net.ErrClosed. Open connections stay open.
func (l *limitListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return l.Listener.Close()
}

// track follows the server's view of a connection: only an idle one may be
// closed to make room.
func (l *limitListener) track(c *limitConn, s http.ConnState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if s == http.StateIdle {
		l.idle[c] = struct{}{}
	} else {
		delete(l.idle, c)
	}
}

// closeIdle closes one idle connection, if there is one.
func (l *limitListener) closeIdle() {
	l.mu.Lock()
	var victim *limitConn
	for c := range l.idle {
		victim = c
		delete(l.idle, c)
		break
	}
	l.mu.Unlock()
	if victim != nil {
		victim.Close()
	}
}

// limitConn is a connection that gives its slot back when it is closed.
type limitConn struct {
	net.Conn
	l    *limitListener
	once sync.Once
}

// Close closes the connection and frees its slot; later calls do nothing
// and return nil.
func (c *limitConn) Close() error {
	var err error
	c.once.Do(func() {
		err = c.Conn.Close()
		c.l.mu.Lock()
		delete(c.l.idle, c)
		c.l.mu.Unlock()
		<-c.l.slots
	})
	return err
}
