package store

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/topology"
)

// Every store failure that is not the request's fault is ErrUnavailable
// (503 unavailable); only missing documents, duplicate keys and commands
// the store refuses as written (a bug: 500) are told apart.
func TestWrapClassifiesDriverErrors(t *testing.T) {
	interrupted := mongo.CommandError{Code: 1, Name: "InternalError",
		Message: `[msg_find.go:172 handler.(*Handler).MsgFind] [pool.go:85] interrupted (9)`}
	for _, tc := range []struct {
		name string
		err  error
		want error // nil: none of the three
	}{
		{"no documents", mongo.ErrNoDocuments, ErrNotFound},
		{"duplicate insert", mongo.WriteException{WriteErrors: []mongo.WriteError{{Code: 11000, Message: "E11000 duplicate key error"}}}, ErrDuplicate},
		{"FerretDB interrupted (9)", interrupted, ErrUnavailable},
		{"FerretDB interrupted (9), wrapped", fmt.Errorf("reading the account: %w", interrupted), ErrUnavailable},
		{"interrupted at shutdown", mongo.CommandError{Code: 11600, Name: "InterruptedAtShutdown"}, ErrUnavailable},
		{"shutting down", mongo.CommandError{Code: 91, Name: "ShutdownInProgress"}, ErrUnavailable},
		{"not primary", mongo.CommandError{Code: 10107, Name: "NotWritablePrimary"}, ErrUnavailable},
		{"out of time", mongo.CommandError{Code: 50, Name: "MaxTimeMSExpired"}, ErrUnavailable},
		{"write failed inside the store", mongo.WriteException{WriteErrors: []mongo.WriteError{{Code: 1, Message: "database is locked (5)"}}}, ErrUnavailable},
		{"write concern not met", mongo.WriteException{WriteConcernError: &mongo.WriteConcernError{Code: 64, Name: "WriteConcernFailed"}}, ErrUnavailable},
		{"no server to select", topology.ServerSelectionError{Wrapped: errors.New("connection refused")}, ErrUnavailable},
		{"network", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}, ErrUnavailable},
		{"request deadline", context.DeadlineExceeded, ErrUnavailable},
		{"client disconnected", mongo.ErrClientDisconnected, ErrUnavailable},
		{"malformed command", mongo.CommandError{Code: 9, Name: "FailedToParse", Message: "Unknown modifier: $nope"}, nil},
		{"malformed write", mongo.WriteException{WriteErrors: []mongo.WriteError{{Code: 2, Message: "BadValue"}}}, nil},
		{"too large", mongo.CommandError{Code: 10334, Name: "BSONObjectTooLarge"}, nil},
		{"not a store error", errors.New("encoding the account"), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := wrap(tc.err)
			for _, kind := range []error{ErrNotFound, ErrDuplicate, ErrUnavailable} {
				if errors.Is(got, kind) != (kind == tc.want) {
					t.Errorf("wrap(%v) = %v; want %v", tc.err, got, tc.want)
				}
			}
		})
	}
}

// What the embedded store really answers is classified the same way.
func TestWrapClassifiesEmbeddedStoreErrors(t *testing.T) {
	st, err := Open(t.Context(), Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	c := st.db.Collection("wrap_test")
	if _, err := c.InsertOne(t.Context(), bson.M{"_id": "a"}); err != nil {
		t.Fatal(err)
	}
	_, err = c.InsertOne(t.Context(), bson.M{"_id": "a"})
	if got := wrap(err); !errors.Is(got, ErrDuplicate) {
		t.Errorf("a second insert of one _id: %v", got)
	}
	_, err = c.UpdateOne(t.Context(), bson.M{"_id": "a"}, bson.M{"$nope": bson.M{"x": 1}})
	if got := wrap(err); err == nil || errors.Is(got, ErrUnavailable) || errors.Is(got, ErrDuplicate) {
		t.Errorf("a malformed update (%v): %v", err, got)
	}
	st.embedded.Stop()
	_, err = c.InsertOne(t.Context(), bson.M{"_id": "b"})
	if got := wrap(err); !errors.Is(got, ErrUnavailable) {
		t.Errorf("the store stopped: %v", got)
	}
}
