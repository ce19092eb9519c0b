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
	cache    accountCache
	queue    *queue
	local    local
	// atomicFilters: the store runs a filtered write atomically and answers
	// it from an index (MongoDB; not FerretDB, see cacheDocument).
	atomicFilters bool
}

// accountCache is this server's newest known revision of each account
// (package accountcache): reads are answered from it, and a write starts
// from the revision it knows and hands it the revision claimed.
type accountCache interface {
	Get(ctx context.Context, id string) (*tenant.Account, error)
	Known(id string) *tenant.Account
	Wrote(a *tenant.Account, before uint64)
	Fresh(a *tenant.Account)
	Forget()
}

// source is what the account cache reads: the accounts collection and the
// versions since, and the embedded store's count of traffic. It points at
// the store's Accounts, whose reads hand the cache what they found.
type source struct{ r *Accounts }

func (s source) Read(ctx context.Context, id string) (*tenant.Account, error) {
	return s.r.Get(ctx, id)
}

func (s source) Walk(ctx context.Context, known *tenant.Account) (*tenant.Account, bool, error) {
	return s.r.walk(ctx, known, maxWalk)
}

func (s source) Writes() (uint64, bool) { return s.r.local.outside() }

// Forget drops cached accounts nobody asked for lately.
func (r Accounts) Forget() { r.cache.Forget() }

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
