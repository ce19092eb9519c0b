package store

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/rolesconsole/console/server/tenant"
)

// Accounts is the accounts collection.
type Accounts struct {
	c        *mongo.Collection
	versions *mongo.Collection
	audit    *mongo.Collection
	cache    *current
	queue    *queue
	// atomicFilters: the store runs a filtered write atomically and answers
	// it from an index (MongoDB; not FerretDB, see cacheDocument).
	atomicFilters bool
	// has reports whether a version exists, more cheaply than reading it.
	has func(ctx context.Context, key string) (bool, error)
	// wrote counts a write of a version, before and after it (see current).
	wrote func()
}

// Forget drops cached accounts nobody asked for lately.
func (r Accounts) Forget() { r.cache.forget() }

// Insert stores a new account.
func (r Accounts) Insert(ctx context.Context, a *tenant.Account) error {
	_, err := r.c.InsertOne(ctx, a)
	return wrap(err)
}

// Any reports whether at least one account exists.
func (r Accounts) Any(ctx context.Context) (bool, error) {
	err := r.c.FindOne(ctx, bson.D{}, options.FindOne().SetProjection(bson.M{"_id": 1})).Err()
	switch err = wrap(err); err {
	case nil:
		return true, nil
	case ErrNotFound:
		return false, nil
	}
	return false, err
}
