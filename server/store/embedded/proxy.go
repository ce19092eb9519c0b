package embedded

import (
	"crypto/tls"
	"net"
	"sync"
	"sync/atomic"
)

// proxy is the embedded store's door for other processes: it passes bytes
// between their connections and the embedded server, and counts in seen
// every chunk either way. A request is seen before the server reads it,
// and its reply after the server wrote it, so whatever another process
// changes in the store is seen around the change. This process's own
// connections go to the server directly. It speaks TLS and admits only
// clients holding the store's credentials (see doorTLS).
type proxy struct {
	ln     net.Listener
	target string
	seen   *atomic.Uint64

	mu    sync.Mutex
	conns map[net.Conn]struct{}
	wg    sync.WaitGroup
}

func startProxy(addr, target string, door *tls.Config, seen *atomic.Uint64) (*proxy, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	ln = tls.NewListener(ln, door)
	p := &proxy{ln: ln, target: target, seen: seen, conns: map[net.Conn]struct{}{}}
	p.wg.Go(p.accept)
	return p, nil
}

func (p *proxy) addr() string { return p.ln.Addr().String() }

func (p *proxy) accept() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.wg.Go(func() { p.serve(c) })
	}
}

func (p *proxy) serve(client net.Conn) {
	server, err := net.Dial("unix", p.target)
	if err != nil {
		client.Close()
		return
	}
	if !p.track(client, server) {
		return
	}
	defer p.untrack(client, server)
	done := make(chan struct{}, 2)
	pass := func(dst, src net.Conn) {
		p.copy(dst, src)
		// One side ended: end both, so the other copy returns too.
		client.Close()
		server.Close()
		done <- struct{}{}
	}
	go pass(server, client)
	go pass(client, server)
	<-done
	<-done
}

// copy passes src to dst, counting each chunk in seen before passing it on.
func (p *proxy) copy(dst, src net.Conn) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			p.seen.Add(1)
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// track registers a pair of connections; false once the proxy is closed.
func (p *proxy) track(cs ...net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.conns == nil {
		for _, c := range cs {
			c.Close()
		}
		return false
	}
	for _, c := range cs {
		p.conns[c] = struct{}{}
	}
	return true
}

func (p *proxy) untrack(cs ...net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range cs {
		delete(p.conns, c)
	}
}

// close stops listening, cuts every connection, and waits for them.
func (p *proxy) close() {
	p.ln.Close()
	p.mu.Lock()
	for c := range p.conns {
		c.Close()
	}
	p.conns = nil
	p.mu.Unlock()
	p.wg.Wait()
}
