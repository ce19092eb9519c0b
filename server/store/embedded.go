package store

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"sync"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// Embedded runs FerretDB on SQLite inside this process, on loopback only.
type Embedded struct {
	dir    string
	addr   string
	logger *slog.Logger

	mu     sync.Mutex
	cancel context.CancelFunc
	done   chan struct{}
}

// StartEmbedded starts the embedded store with its files under dataDir.
func StartEmbedded(dataDir, addr string, logger *slog.Logger) (*Embedded, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("store: embedded address %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, fmt.Errorf("store: embedded address %q is not a loopback address", addr)
	}
	dir, err := filepath.Abs(filepath.Join(dataDir, "store"))
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("store: data folder: %w", err)
	}
	e := &Embedded{dir: dir, addr: addr, logger: logger}
	if err := e.Start(); err != nil {
		return nil, err
	}
	return e, nil
}

// Start (re)starts the server; after a Stop it listens on the same address,
// so connected clients find it again by themselves.
func (e *Embedded) Start() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cancel != nil {
		return nil
	}
	f, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: e.addr},
		Handler:  "sqlite",
		// FerretDB wants a directory URI ending in a slash.
		SQLiteURL: "file:" + e.dir + "/",
		// Its info and warnings (every closed connection) are noise here.
		Logger: slog.New(levelFloor{e.logger.Handler(), slog.LevelError}),
	})
	if err != nil {
		return fmt.Errorf("store: starting the embedded store in %s: %w", e.dir, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = f.Run(ctx)
	}()
	// Remember the port picked for ":0", so a restart reuses it.
	u, err := url.Parse(f.MongoDBURI())
	if err != nil {
		cancel()
		<-done
		return fmt.Errorf("store: embedded store address: %w", err)
	}
	e.addr = u.Host
	e.cancel, e.done = cancel, done
	return nil
}

// Stop shuts the server down and waits until it has closed its files.
func (e *Embedded) Stop() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cancel == nil {
		return
	}
	e.cancel()
	<-e.done
	e.cancel, e.done = nil, nil
}

// URI is the connection string of the running server.
func (e *Embedded) URI() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return "mongodb://" + e.addr + "/"
}

// levelFloor drops records below a level.
type levelFloor struct {
	slog.Handler
	min slog.Level
}

func (h levelFloor) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

func (h levelFloor) WithAttrs(as []slog.Attr) slog.Handler {
	return levelFloor{h.Handler.WithAttrs(as), h.min}
}

func (h levelFloor) WithGroup(name string) slog.Handler {
	return levelFloor{h.Handler.WithGroup(name), h.min}
}
