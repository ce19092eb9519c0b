package store

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// ErrConflict is returned when an account kept changing under an update
// for every retry.
var ErrConflict = errors.New("the account changed concurrently")

// maxAttempts bounds the compare-and-set retries of one update.
const maxAttempts = 64

// keepVersions is how many past versions of an account stay stored.
const keepVersions = 16

// version is one revision of an account, stored under a key made of the
// account id and the revision.
//
// Why: the embedded store (FerretDB) runs a filtered update as a read
// followed by a write by _id, so "replace where revision = r" is not atomic
// there: two writers can both see r and both write. Inserting a document
// whose _id is unique is atomic in every store, so each new revision is
// claimed by inserting its version document: of two writers of revision
// r+1, exactly one insert succeeds and the other retries from a fresh read.
// The account document itself is a cache of the newest version, which
// reads verify by looking for the next one.
type version struct {
	ID      string   `bson:"_id"`
	Account *Account `bson:"account"`
}

func versionKey(id string, rev int64) string {
	return fmt.Sprintf("%s:%012d", id, rev)
}

// Get loads an account at its newest revision.
func (r Accounts) Get(ctx context.Context, id string) (*Account, error) {
	var a Account
	if err := r.c.FindOne(ctx, bson.M{"_id": id}).Decode(&a); err != nil {
		return nil, wrap(err)
	}
	latest := &a
	for {
		var v version
		err := wrap(r.versions.FindOne(ctx, bson.M{"_id": versionKey(id, latest.Revision+1)}).Decode(&v))
		if err == ErrNotFound {
			break
		} else if err != nil {
			return nil, err
		}
		latest = v.Account
	}
	if latest != &a {
		// A writer stopped between claiming a revision and caching it: finish its work.
		if err := r.settle(ctx, latest); err != nil {
			return nil, err
		}
	}
	return latest, nil
}

// Update applies change to the account atomically: it reads the account,
// lets change modify it (or refuse, by returning an error, which is passed
// on with nothing written), and claims the next revision; when another
// writer claimed it first, it starts again from a fresh read. Every account
// invariant is checked inside change, so no interleaving of concurrent
// updates can break one. Audit records that change appends to Outbox are
// stored with the claimed revision, so a change is never without its record.
func (r Accounts) Update(ctx context.Context, id string, change func(*Account) error) (*Account, error) {
	for range maxAttempts {
		a, err := r.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		if err := change(a); err != nil {
			return nil, err
		}
		a.Revision++
		_, err = r.versions.InsertOne(ctx, version{ID: versionKey(id, a.Revision), Account: a})
		if err = wrap(err); errors.Is(err, ErrDuplicate) {
			continue
		} else if err != nil {
			return nil, err
		}
		if err := r.settle(ctx, a); err != nil {
			return nil, err
		}
		_, _ = r.versions.DeleteOne(ctx, bson.M{"_id": versionKey(id, a.Revision-keepVersions)})
		return a, nil
	}
	return nil, ErrConflict
}

// settle moves a claimed revision's audit records to the audit collection
// and caches the revision as the account document. Both steps may run more
// than once for one revision, harmlessly.
func (r Accounts) settle(ctx context.Context, a *Account) error {
	for i := range a.Outbox {
		rec := a.Outbox[i]
		rec.AccountID = a.ID
		if _, err := r.audit.InsertOne(ctx, rec); err != nil && !errors.Is(wrap(err), ErrDuplicate) {
			return wrap(err)
		}
	}
	a.Outbox = nil
	// Never move the cache back: a slower writer may settle an older revision.
	_, err := r.c.ReplaceOne(ctx, bson.M{"_id": a.ID, "revision": bson.M{"$lt": a.Revision}}, a)
	return wrap(err)
}
