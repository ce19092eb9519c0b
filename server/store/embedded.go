package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"sync"

	"github.com/FerretDB/FerretDB/ferretdb"
	// FerretDB's SQLite driver, for IndexIDLookups.
	_ "modernc.org/sqlite"
)

// Embedded runs FerretDB on SQLite inside this process, on loopback only.
type Embedded struct {
	dir    string
	addr   string
	logger *slog.Logger

	mu     sync.Mutex
	cancel context.CancelFunc
	done   chan struct{}
	// db reads the SQLite files directly (see Has); lookups are its
	// prepared queries by collection.
	db      *sql.DB
	lookups map[string]*sql.Stmt
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

// Close stops the server and closes the files.
func (e *Embedded) Close() {
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

// IndexIDLookups gives every collection of the database an index that the
// embedded store's lookups by _id can use. Why: FerretDB 1.24 on SQLite
// indexes _id as `_ferretdb_sjson->"_id"` but asks for
// `_ferretdb_sjson->'$._id' = ?`; SQLite matches an expression index only
// to the same expression, so without this every lookup by _id scans the
// whole table (seen with EXPLAIN QUERY PLAN: SCAN before, SEARCH after).
// The index is SQLite's alone: FerretDB neither lists nor needs it, and it
// goes with its table. Collections must exist first.
func (e *Embedded) IndexIDLookups(ctx context.Context, database string) error {
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
	return nil
}

// Has reports whether the collection holds a document with this _id,
// asking the embedded store's SQLite files directly: the answer is the same
// as the store's (FerretDB commits every write there before acknowledging
// it), at a small part of the cost of a query over the wire. It is what
// each request's check of its account's revision costs (see current).
// While the embedded server is stopped, the store is down for this too.
func (e *Embedded) Has(ctx context.Context, database, collection, id string) (bool, error) {
	e.mu.Lock()
	running := e.cancel != nil
	e.mu.Unlock()
	if !running {
		return false, fmt.Errorf("%w: the embedded store is stopped", ErrUnavailable)
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
		return false, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	return true, nil
}

// files opens the embedded store's SQLite database, once.
func (e *Embedded) files(database string) (*sql.DB, error) {
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
func (e *Embedded) lookup(ctx context.Context, database, collection string) (*sql.Stmt, error) {
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
		return nil, fmt.Errorf("%w: finding the table of %s: %v", ErrUnavailable, collection, err)
	}
	stmt, err = db.PrepareContext(ctx, fmt.Sprintf(`SELECT 1 FROM %q WHERE _ferretdb_sjson->'$._id' = ? LIMIT 1`, table))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnavailable, err)
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
