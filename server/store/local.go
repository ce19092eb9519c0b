package store

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/rolesconsole/console/server/store/embedded"
)

// local is the embedded store where this process runs it, and the fast
// paths that allows: _id lookups read from its files, and a count of every
// other process's traffic (see embedded.Server.Outside). On MongoDB (srv
// nil) none of them exist and every answer comes over the wire.
type local struct {
	srv      *embedded.Server
	database string
}

// outside is the embedded store's count of what other processes did and
// this process counted of its own, when this process runs it and it is up:
// ok is false on MongoDB.
func (l local) outside() (n uint64, ok bool) {
	if l.srv == nil || !l.srv.Running() {
		return 0, false
	}
	return l.srv.Outside(), true
}

// countOwnWrite counts a write of this process that the counts of outside
// must show (one before the write and one after); nothing on MongoDB.
func (l local) countOwnWrite() {
	if l.srv != nil {
		l.srv.CountOwnWrite()
	}
}

// exists reports whether the collection holds a document with this _id:
// from the embedded store's files where this process runs it, else one
// lookup by _id over the wire.
func (l local) exists(ctx context.Context, c *mongo.Collection, id string) (bool, error) {
	if l.srv != nil && plainID(id) {
		ok, err := l.srv.Has(ctx, l.database, c.Name(), id)
		if err != nil {
			return false, fmt.Errorf("%w: %v", ErrUnavailable, err)
		}
		return ok, nil
	}
	err := wrap(c.FindOne(ctx, bson.M{"_id": id}, options.FindOne().SetProjection(bson.M{"_id": 1})).Err())
	if err == ErrNotFound {
		return false, nil
	}
	return err == nil, err
}

// plainID reports whether JSON writes an id as it is, between quotes (how
// the embedded store's files keep _id).
func plainID(id string) bool {
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ':' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}
