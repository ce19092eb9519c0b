// Package store keeps accounts, users, sessions and sign-in throttles in
// MongoDB, or in an embedded MongoDB-compatible server when none is named.
package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"slices"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readpref"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/connstring"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/topology"

	"github.com/rolesconsole/console/server/store/accountcache"
	"github.com/rolesconsole/console/server/store/embedded"
)

// Config says where the data lives.
type Config struct {
	// URI of a MongoDB; empty starts the embedded store in DataDir.
	URI string
	// Database name; default "console".
	Database string
	// DataDir holds the embedded store's files; default "./data".
	DataDir string
	// EmbeddedAddr is the loopback address the embedded store listens on;
	// default a free port on 127.0.0.1.
	EmbeddedAddr string
	// Timeout bounds how long an operation waits for an unreachable store;
	// default 3s.
	Timeout time.Duration
	// Logger receives the embedded store's errors; default slog.Default().
	Logger *slog.Logger
	// Monitor, when set, sees every command sent to the store (for tests).
	Monitor *event.CommandMonitor
}

func (c *Config) defaults() {
	if c.Database == "" {
		c.Database = "console"
	}
	if c.DataDir == "" {
		c.DataDir = "./data"
	}
	if c.EmbeddedAddr == "" {
		c.EmbeddedAddr = "127.0.0.1:0"
	}
	if c.Timeout == 0 {
		c.Timeout = 3 * time.Second
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
}

// Store is the open connection and its collections.
type Store struct {
	client   *mongo.Client
	db       *mongo.Database
	embedded *embedded.Server
	timeout  time.Duration

	Accounts  Accounts
	Users     Users
	People    People
	Sessions  Sessions
	SignIns   SignIns
	Throttles Throttles
	Audit     Audit
	Tokens    Tokens
	Mail      Mail
	OneTime   OneTime
	// ResetRequests are "forgot password" requests not yet mailed.
	ResetRequests ResetRequests
}

// ErrUnavailable wraps every failure to reach the store.
var ErrUnavailable = errors.New("store unavailable")

// ErrNotFound is returned when a document does not exist.
var ErrNotFound = errors.New("not found")

// ErrDuplicate is returned when a unique index refuses a write.
var ErrDuplicate = errors.New("duplicate")

// Open connects (starting the embedded store first when no URI is given),
// checks that the store answers, and creates the indexes.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	cfg.defaults()
	s := &Store{timeout: cfg.Timeout}
	uri := cfg.URI
	if uri == "" {
		e, err := embedded.Start(cfg.DataDir, cfg.EmbeddedAddr, cfg.Logger)
		if err != nil {
			return nil, err
		}
		s.embedded = e
		uri = e.URI()
	}
	opts := options.Client().ApplyURI(uri).
		SetServerSelectionTimeout(cfg.Timeout).
		SetConnectTimeout(cfg.Timeout).
		// Give back connections a burst opened, so a quiet server shrinks again.
		SetMaxConnIdleTime(20 * time.Second)
	if cfg.Monitor != nil {
		opts.SetMonitor(cfg.Monitor)
	}
	client, err := mongo.Connect(opts)
	if err != nil {
		s.closeEmbedded()
		return nil, fmt.Errorf("store: bad MONGODB_URI: %w", err)
	}
	s.client = client
	s.db = client.Database(cfg.Database)
	if err := s.Ping(ctx); err != nil {
		s.Close(context.Background())
		return nil, fmt.Errorf("store: cannot reach %s: %w", redact(uri), err)
	}
	ferret, err := s.ferretDB(ctx)
	if err != nil {
		s.Close(context.Background())
		return nil, fmt.Errorf("store: asking %s what it runs: %w", redact(uri), err)
	}
	files := local{srv: s.embedded, database: cfg.Database}
	s.Accounts = Accounts{c: s.db.Collection("accounts"), versions: s.db.Collection("account_versions"), audit: s.db.Collection("audit"),
		queue: newQueue(), local: files, atomicFilters: !ferret}
	s.Accounts.cache = accountcache.New(source{&s.Accounts}, cfg.Timeout)
	s.Audit = Audit{c: s.db.Collection("audit")}
	s.Tokens = Tokens{c: s.db.Collection("tokens")}
	s.Mail = Mail{c: s.db.Collection("mail")}
	s.OneTime = OneTime{c: s.db.Collection("onetime")}
	s.ResetRequests = ResetRequests{c: s.db.Collection("reset_requests")}
	s.People = People{c: s.db.Collection("people"), versions: s.db.Collection("people_versions"), last: s.db.Collection("last_accounts")}
	s.Users = Users{c: s.db.Collection("users"), people: s.People}
	s.Sessions = Sessions{c: s.db.Collection("sessions"), local: files}
	s.SignIns = newSignIns(s.db.Collection("signins"), files)
	s.Throttles = Throttles{c: s.db.Collection("throttles")}
	if err := s.createIndexes(ctx); err != nil {
		s.Close(context.Background())
		return nil, err
	}
	if s.embedded != nil {
		if err := s.indexIDLookups(ctx, cfg.Database); err != nil {
			s.Close(context.Background())
			return nil, err
		}
	}
	if err := s.Users.movePeople(ctx, s.db.Collection("logins")); err != nil {
		s.Close(context.Background())
		return nil, fmt.Errorf("store: making people of the users: %w", err)
	}
	if err := s.SignIns.moveOut(ctx, s.Accounts.c); err != nil {
		s.Close(context.Background())
		return nil, fmt.Errorf("store: moving last sign-ins out of the accounts: %w", err)
	}
	return s, nil
}

// ferretDB reports whether the store is FerretDB (the embedded store, or
// another process's one reached by its URI), whose filtered writes are
// neither atomic nor answered from an index (see Accounts.cacheDocument).
func (s *Store) ferretDB(ctx context.Context) (bool, error) {
	var info bson.M
	if err := s.db.RunCommand(ctx, bson.D{{Key: "buildInfo", Value: 1}}).Decode(&info); err != nil {
		return false, wrap(err)
	}
	_, ok := info["ferretdbVersion"]
	return ok, nil
}

// Embedded is the embedded store, or nil when a MongoDB URI was given.
func (s *Store) Embedded() *embedded.Server { return s.embedded }

// Ping reports whether the store answers within the configured timeout.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	return wrap(s.client.Ping(ctx, readpref.Primary()))
}

// Close disconnects and stops the embedded store.
func (s *Store) Close(ctx context.Context) {
	if s.client != nil {
		_ = s.client.Disconnect(ctx)
	}
	s.closeEmbedded()
}

func (s *Store) closeEmbedded() {
	if s.embedded != nil {
		s.embedded.Close()
	}
}

// createIndexes makes only indexes both MongoDB and FerretDB honour: no TTL,
// partial or collation options, no unique index on a field that may be absent.
func (s *Store) createIndexes(ctx context.Context) error {
	specs := []struct {
		c      *mongo.Collection
		keys   bson.D
		unique bool
	}{
		// Emails are stored lower-cased, so this is case-insensitive.
		{s.Users.c, bson.D{{Key: "account_id", Value: 1}, {Key: "email", Value: 1}}, true},
		{s.Sessions.c, bson.D{{Key: "idle_until", Value: 1}}, false},
		{s.Sessions.c, bson.D{{Key: "user_id", Value: 1}}, false},
		{s.Throttles.c, bson.D{{Key: "until", Value: 1}}, false},
		{s.Tokens.c, bson.D{{Key: "user_id", Value: 1}}, false},
		{s.Tokens.c, bson.D{{Key: "expires_at", Value: 1}}, false},
		{s.Mail.c, bson.D{{Key: "account_id", Value: 1}, {Key: "at", Value: -1}}, false},
		{s.OneTime.c, bson.D{{Key: "at", Value: 1}}, false},
		{s.Accounts.versions, bson.D{{Key: "at", Value: 1}}, false},
	}
	for _, sp := range specs {
		m := mongo.IndexModel{Keys: sp.keys, Options: options.Index().SetUnique(sp.unique)}
		if _, err := sp.c.Indexes().CreateOne(ctx, m); err != nil {
			return fmt.Errorf("store: creating index on %s: %w", sp.c.Name(), wrap(err))
		}
	}
	return nil
}

// indexIDLookups makes every collection, then lets the embedded store find
// documents by _id from an index (see embedded.Server.IndexIDLookups).
func (s *Store) indexIDLookups(ctx context.Context, database string) error {
	have, err := s.db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		return fmt.Errorf("store: listing collections: %w", wrap(err))
	}
	for _, c := range s.collections() {
		if slices.Contains(have, c.Name()) {
			continue
		}
		// Another server starting on the same store may have made it (48: NamespaceExists).
		var ce mongo.CommandError
		if err := s.db.CreateCollection(ctx, c.Name()); err != nil && !(errors.As(err, &ce) && ce.Code == 48) {
			return fmt.Errorf("store: creating %s: %w", c.Name(), wrap(err))
		}
	}
	return s.embedded.IndexIDLookups(ctx, database)
}

func (s *Store) collections() []*mongo.Collection {
	return []*mongo.Collection{s.Accounts.c, s.Accounts.versions, s.Audit.c, s.Tokens.c, s.Mail.c, s.OneTime.c, s.Users.c, s.People.c, s.People.versions, s.People.last, s.Sessions.c, s.SignIns.c, s.Throttles.c, s.ResetRequests.c}
}

// wrap classifies driver errors into ErrUnavailable, ErrNotFound and
// ErrDuplicate so callers never look at driver types.
func wrap(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, mongo.ErrNoDocuments):
		return ErrNotFound
	case mongo.IsDuplicateKeyError(err):
		return fmt.Errorf("%w: %v", ErrDuplicate, err)
	case unavailable(err):
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	return err
}

// unavailable reports a store that could not be reached, or that answered
// it could not do what was asked: that is never the request's fault.
func unavailable(err error) bool {
	var sse topology.ServerSelectionError
	var netErr net.Error
	return mongo.IsNetworkError(err) || mongo.IsTimeout(err) ||
		errors.As(err, &sse) || errors.As(err, &netErr) ||
		errors.Is(err, context.DeadlineExceeded) || errors.Is(err, mongo.ErrClientDisconnected) ||
		failed(err)
}

// malformed are the store's codes for a command it refuses as written: a
// bug of ours, left to answer 500 and be logged. BadValue, FailedToParse,
// TypeMismatch, DollarPrefixedFieldName, InvalidIdField, EmptyFieldName,
// CommandNotFound, ImmutableField, InvalidOptions, InvalidNamespace,
// DocumentValidationFailure, BSONObjectTooLarge.
var malformed = []int{2, 9, 14, 52, 53, 56, 59, 66, 72, 73, 121, 10334}

// failed reports a store that answered with any other error: interrupted,
// shutting down, stepped down, out of time or resources, or an internal
// error (FerretDB's SQLite "interrupted (9)" comes as InternalError, 1).
func failed(err error) bool {
	var se mongo.ServerError
	if !errors.As(err, &se) {
		return false
	}
	for _, code := range malformed {
		if se.HasErrorCode(code) {
			return false
		}
	}
	return true
}

// redact names a URI's hosts only, so credentials are never printed.
func redact(uri string) string {
	cs, err := connstring.Parse(uri)
	if err != nil || len(cs.Hosts) == 0 {
		return "the configured MongoDB"
	}
	return strings.Join(cs.Hosts, ",")
}

// Database is the underlying database, for tests that inspect what was stored.
func (s *Store) Database() *mongo.Database { return s.db }
