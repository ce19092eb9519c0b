// Package embedded runs the MongoDB-compatible store inside the server
// when no MONGODB_URI is given: FerretDB on SQLite, its door for other
// processes, and the answers this process reads from its files directly.
// Everything here is FerretDB's and SQLite's; the store package knows it
// only as a faster path it may take.
package embedded

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/FerretDB/FerretDB/ferretdb"
	// FerretDB's SQLite driver, for IndexIDLookups.
	_ "modernc.org/sqlite"
)

// Server runs FerretDB on SQLite inside this process, on loopback only.
// This process talks to it directly; other processes through a proxy that
// tells this one whenever they use it (see Outside).
type Server struct {
	dir string
	// addr is where other processes connect (the proxy); inner is the
	// server itself, on a Unix socket in sockDir (0700): no other local
	// user can reach it, as no port is open to them.
	addr, inner, sockDir string
	logger               *slog.Logger
	outside              atomic.Uint64
	up                   atomic.Bool

	mu     sync.Mutex
	cancel context.CancelFunc
	done   chan struct{}
	proxy  *proxy
	// db reads the SQLite files directly (see Has); lookups are its
	// prepared queries by collection.
	db      *sql.DB
	lookups map[string]*sql.Stmt
}

// Start starts the embedded store with its files under dataDir.
func Start(dataDir, addr string, logger *slog.Logger) (*Server, error) {
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
	// A socket's path is limited to about 100 bytes: its folder is a short
	// private one of its own rather than one under dataDir.
	sockDir, err := os.MkdirTemp("", "console-store-")
	if err != nil {
		return nil, fmt.Errorf("store: socket folder: %w", err)
	}
	e := &Server{dir: dir, addr: addr, inner: filepath.Join(sockDir, "ferretdb.sock"), sockDir: sockDir, logger: logger}
	if err := e.Start(); err != nil {
		os.RemoveAll(sockDir)
		return nil, err
	}
	return e, nil
}

// Start (re)starts the server; after a Stop it listens on the same address,
// so connected clients find it again by themselves.
func (e *Server) Start() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cancel != nil {
		return nil
	}
	f, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{Unix: e.inner},
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
	f.MongoDBURI() // waits until the socket listens
	if err := sealFiles(e.dir, e.inner); err != nil {
		cancel()
		<-done
		return err
	}
	door, err := doorTLS(e.dir)
	if err != nil {
		cancel()
		<-done
		return err
	}
	p, err := startProxy(e.addr, e.inner, door, &e.outside)
	if err != nil {
		cancel()
		<-done
		return fmt.Errorf("store: embedded store address %s: %w", e.addr, err)
	}
	e.addr = p.addr()
	e.cancel, e.done, e.proxy = cancel, done, p
	e.up.Store(true)
	return nil
}

// Outside counts what other processes sent to the store or received from
// it, and this process's own writes that other servers' caches must not
// miss (CountOwnWrite): while it stays the same, nothing was written that
// this process has not seen. It is meaningful only while the server runs
// (Running).
func (e *Server) Outside() uint64 { return e.outside.Load() }

// CountOwnWrite counts, in Outside, a write of this process: the store's
// caches count one before and one after each write they must see.
func (e *Server) CountOwnWrite() { e.outside.Add(1) }

// Running reports whether the server is up.
func (e *Server) Running() bool { return e.up.Load() }

// Addr is where other processes reach the store.
func (e *Server) Addr() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.addr
}

// OutsideURI is the MONGODB_URI another process reaches the store with:
// Addr, and the credentials in the data folder.
func (e *Server) OutsideURI() string {
	return doorURI(e.Addr(), e.dir)
}

// Stop shuts the server down and waits until it has closed its files.
func (e *Server) Stop() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cancel == nil {
		return
	}
	e.up.Store(false)
	e.proxy.close()
	e.cancel()
	<-e.done
	e.cancel, e.done, e.proxy = nil, nil, nil
}

// Close stops the server and closes the files.
func (e *Server) Close() {
	e.Stop()
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, stmt := range e.lookups {
		_ = stmt.Close()
	}
	e.lookups = nil
	if e.db != nil {
		_ = e.db.Close()
		e.db = nil
	}
	_ = os.RemoveAll(e.sockDir)
}

// sealFiles makes the store's files and socket its owner's alone (0600):
// they hold password hashes and live reset links. SQLite gives a
// database's journal files the database file's mode.
func sealFiles(dir, socket string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		return err
	}
	for _, f := range append(files, socket) {
		if err := os.Chmod(f, 0o600); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("store: sealing %s: %w", f, err)
		}
	}
	return nil
}

// URI is the connection string of the running server, for this process.
func (e *Server) URI() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return "mongodb://" + strings.ReplaceAll(e.inner, "/", "%2F") + "/"
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

// IndexIDLookups gives every collection of the database an index that the
// embedded store's lookups by _id can use. Why: FerretDB 1.24 on SQLite
// indexes _id as `_ferretdb_sjson->"_id"` but asks for
// `_ferretdb_sjson->'$._id' = ?`; SQLite matches an expression index only
// to the same expression, so without this every lookup by _id scans the
// whole table (seen with EXPLAIN QUERY PLAN: SCAN before, SEARCH after).
// The index is SQLite's alone: FerretDB neither lists nor needs it, and it
// goes with its table. Collections must exist first.
func (e *Server) IndexIDLookups(ctx context.Context, database string) error {
	db, err := e.files(database)
	if err != nil {
		return err
	}
	rows, err := db.QueryContext(ctx, `SELECT table_name FROM _ferretdb_collections`)
	if err != nil {
		return fmt.Errorf("store: reading the embedded store's tables: %w", err)
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, t := range tables {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, t+"_console_id_lookup", t)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: indexing %s by _id: %w", t, err)
		}
	}
	// The database's file exists by now.
	return sealFiles(e.dir, e.inner)
}

// Has reports whether the collection holds a document with this _id,
// asking the embedded store's SQLite files directly: the answer is the same
// as the store's (FerretDB commits every write there before acknowledging
// it), at a small part of the cost of a query over the wire. It is what
// each request's check of its account's revision costs (see current).
// While the embedded server is stopped, the store is down for this too:
// every error it returns means the store is unavailable.
func (e *Server) Has(ctx context.Context, database, collection, id string) (bool, error) {
	if !e.Running() {
		return false, ErrStopped
	}
	stmt, err := e.lookup(ctx, database, collection)
	if err != nil {
		return false, err
	}
	// FerretDB keeps _id as JSON text; ids here are made of characters
	// that JSON writes as they are (checked by the caller).
	var one int
	err = stmt.QueryRowContext(ctx, `"`+id+`"`).Scan(&one)
	switch {
	case err == sql.ErrNoRows:
		return false, nil
	case err != nil:
		return false, err
	}
	return true, nil
}

// files opens the embedded store's SQLite database, once.
func (e *Server) files(database string) (*sql.DB, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.db == nil {
		db, err := sql.Open("sqlite", "file:"+filepath.Join(e.dir, database+".sqlite")+"?_pragma=busy_timeout(5000)")
		if err != nil {
			return nil, fmt.Errorf("store: opening the embedded store's files: %w", err)
		}
		e.db = db
	}
	return e.db, nil
}

// lookup prepares, once per collection, the query Has asks, on the table
// FerretDB keeps the collection in.
func (e *Server) lookup(ctx context.Context, database, collection string) (*sql.Stmt, error) {
	e.mu.Lock()
	stmt := e.lookups[collection]
	e.mu.Unlock()
	if stmt != nil {
		return stmt, nil
	}
	db, err := e.files(database)
	if err != nil {
		return nil, err
	}
	var table string
	if err := db.QueryRowContext(ctx, `SELECT table_name FROM _ferretdb_collections WHERE name = ?`, collection).Scan(&table); err != nil {
		return nil, fmt.Errorf("finding the table of %s: %w", collection, err)
	}
	stmt, err = db.PrepareContext(ctx, fmt.Sprintf(`SELECT 1 FROM %q WHERE _ferretdb_sjson->'$._id' = ? LIMIT 1`, table))
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.lookups == nil {
		e.lookups = map[string]*sql.Stmt{}
	}
	if prior := e.lookups[collection]; prior != nil {
		_ = stmt.Close()
		return prior, nil
	}
	e.lookups[collection] = stmt
	return stmt, nil
}

// ErrStopped: Has was asked while the server is stopped, which is the store
// being down.
var ErrStopped = errors.New("the embedded store is stopped")
