package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// ErrConflict is returned when an account kept changing under an update
// for every retry.
var ErrConflict = errors.New("the account changed concurrently")

// maxAttempts bounds the compare-and-set retries of one update.
const maxAttempts = 64

// Past versions are pruned only when both this many newer ones exist and
// they are older than pruneAfter. Why both: the cached account document can
// briefly move back (a slow writer settles an older revision), and reads
// walk forward from it through the versions, so a version may go only once
// no in-flight write can move the cache back below it.
const (
	keepVersions = 64
	pruneAfter   = time.Hour
)

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
	ID        string    `bson:"_id"`
	AccountID string    `bson:"account_id"`
	Revision  int64     `bson:"revision"`
	At        time.Time `bson:"at"`
	Account   *Account  `bson:"account"`
}

func versionKey(id string, rev int64) string {
	return fmt.Sprintf("%s:%012d", id, rev)
}

// Get loads an account at its newest revision, read afresh from the store.
func (r Accounts) Get(ctx context.Context, id string) (*Account, error) {
	var a Account
	if err := r.c.FindOne(ctx, bson.M{"_id": id}).Decode(&a); err != nil {
		return nil, wrap(err)
	}
	latest, _, err := r.walk(ctx, &a, -1)
	if err != nil {
		return nil, err
	}
	if latest != &a {
		// A writer stopped between claiming a revision and caching it: finish its work.
		if err := r.settle(ctx, latest); err != nil {
			return nil, err
		}
	}
	return latest, nil
}

// Current returns the account at a revision that was current at some
// moment after the call began, from this server's cache, checked with the
// store (see current). The account is shared: never modify it.
func (r Accounts) Current(ctx context.Context, id string) (*Account, error) {
	return r.cache.get(ctx, id)
}

// walk follows an account's versions forward from known to the newest,
// one _id lookup each; with limit >= 0 it stops after that many steps and
// reports false.
func (r Accounts) walk(ctx context.Context, known *Account, limit int) (*Account, bool, error) {
	latest := known
	for steps := 0; ; steps++ {
		if limit >= 0 && steps > limit {
			return nil, false, nil
		}
		key := versionKey(known.ID, latest.Revision+1)
		if ok, err := r.has(ctx, key); err != nil {
			return nil, false, err
		} else if !ok {
			return latest, true, nil
		}
		var v version
		if err := wrap(r.versions.FindOne(ctx, bson.M{"_id": key}).Decode(&v)); err != nil {
			return nil, false, err
		}
		latest = v.Account
	}
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
		r.wrote()
		_, err = r.versions.InsertOne(ctx, version{ID: versionKey(id, a.Revision), AccountID: id, Revision: a.Revision, At: time.Now().UTC(), Account: a})
		r.wrote()
		if err = wrap(err); errors.Is(err, ErrDuplicate) {
			continue
		} else if err != nil {
			return nil, err
		}
		if err := r.settle(ctx, a); err != nil {
			return nil, err
		}
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
		// The undone record first: a page of the log holding the undo
		// then shows what it undid as undone.
		if rec.RevertOf != "" {
			if _, err := r.audit.UpdateOne(ctx, bson.M{"_id": rec.RevertOf}, bson.M{"$set": bson.M{"reverted_by": rec.ID}}); err != nil {
				return wrap(err)
			}
		}
		if _, err := r.audit.InsertOne(ctx, rec); err != nil && !errors.Is(wrap(err), ErrDuplicate) {
			return wrap(err)
		}
	}
	a.Outbox = nil
	// Never move the cache back: a slower writer may settle an older
	// revision. The check and the write are two steps (the embedded store
	// runs a filtered replace that way anyway, and answers only a filter
	// on _id alone from an index); should a slow writer still move it back,
	// readers walk forward through the versions.
	var cached struct {
		Revision int64 `bson:"revision"`
	}
	err := wrap(r.c.FindOne(ctx, bson.M{"_id": a.ID}, options.FindOne().SetProjection(bson.M{"revision": 1})).Decode(&cached))
	if err != nil && err != ErrNotFound {
		return err
	}
	if err == nil && cached.Revision >= a.Revision {
		return nil
	}
	_, err = r.c.ReplaceOne(ctx, bson.M{"_id": a.ID}, a)
	return wrap(err)
}

// PruneVersions deletes past versions that are both old and far behind
// their account's current revision (see keepVersions).
func (r Accounts) PruneVersions(ctx context.Context, now time.Time) error {
	cur, err := r.versions.Find(ctx, bson.M{"at": bson.M{"$lt": now.Add(-pruneAfter)}},
		options.Find().SetProjection(bson.M{"_id": 1, "account_id": 1, "revision": 1}))
	if err != nil {
		return wrap(err)
	}
	var old []version
	if err := cur.All(ctx, &old); err != nil {
		return wrap(err)
	}
	current := map[string]int64{}
	for _, v := range old {
		if _, ok := current[v.AccountID]; !ok {
			a, err := r.Get(ctx, v.AccountID)
			if err != nil && err != ErrNotFound {
				return err
			}
			if a != nil {
				current[v.AccountID] = a.Revision
			}
		}
		if v.Revision < current[v.AccountID]-keepVersions {
			if _, err := r.versions.DeleteOne(ctx, bson.M{"_id": v.ID}); err != nil {
				return wrap(err)
			}
		}
	}
	return nil
}
