package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/rolesconsole/console/server/tenant"
)

// ErrConflict is returned when an account kept changing under an update
// for every retry.
var ErrConflict = errors.New("the account changed concurrently")

// maxAttempts bounds the compare-and-set retries of one update. Within one
// process an account's writes queue (see queue), so only writers of other
// processes can take a revision first; between attempts a writer backs off
// for a random while up to maxBackoff, so that a few processes writing one
// account take turns instead of colliding again.
const (
	maxAttempts = 16
	maxBackoff  = 20 * time.Millisecond
)

// cacheEvery: the account document is cached at every cacheEvery-th
// revision (see settle), well below keepVersions.
const cacheEvery = 16

// Past versions are pruned only when both this many newer ones exist and
// they are older than pruneAfter, itself longer than the account cache
// trusts a walk from a known revision (accountcache.ReloadAfter). Why
// both: the cached account document can lag and briefly move back (a slow
// writer caches an older revision), and reads
// walk forward from it through the versions, so a version may go only once
// no in-flight write can move the cache back below it.
const (
	keepVersions = 64
	pruneAfter   = time.Hour
	// maxWalk bounds the versions walked forward before reading the
	// account document instead.
	maxWalk = 8
)

// version is one revision of an account, stored under a key made of the
// account id and the revision: the change that made it from the one before
// (with the audit records of that change in the account's Outbox).
//
// Why: the embedded store (FerretDB) runs a filtered update as a read
// followed by a write by _id, so "replace where revision = r" is not atomic
// there: two writers can both see r and both write. Inserting a document
// whose _id is unique is atomic in every store, so each new revision is
// claimed by inserting its version document: of two writers of revision
// r+1, exactly one insert succeeds and the other retries from a fresh read.
// MongoDB could compare and set the account document itself, but one path
// for both keeps the crash-safety story one story: the account document is
// a cache of the newest version, which reads verify by looking for the
// next one, and finish when a writer stopped before caching it.
type version struct {
	ID        string    `bson:"_id"`
	AccountID string    `bson:"account_id"`
	Revision  int64     `bson:"revision"`
	At        time.Time `bson:"at"`
	// Change turns the previous revision into this one.
	Change *patch `bson:"change,omitempty"`
	// Account is a whole copy of the revision, as versions were stored
	// before they held changes; stores written then still hold some.
	Account *tenant.Account `bson:"account,omitempty"`
}

func versionKey(id string, rev int64) string {
	return fmt.Sprintf("%s:%012d", id, rev)
}

// Get loads an account at its newest revision, read afresh from the store.
func (r Accounts) Get(ctx context.Context, id string) (*tenant.Account, error) {
	var a tenant.Account
	if err := r.c.FindOne(ctx, bson.M{"_id": id}).Decode(&a); err != nil {
		return nil, wrap(err)
	}
	latest, _, err := r.walk(ctx, &a, -1)
	if err != nil {
		return nil, err
	}
	if latest != &a {
		// A writer may have stopped between claiming a revision and
		// settling it: finish its work.
		if err := r.finish(ctx, latest, latest.Revision-a.Revision >= cacheEvery); err != nil {
			return nil, err
		}
		latest.Outbox = nil
	}
	// The store's own answer: the cache takes it in, which also brings in
	// what was changed in the account document behind the versions' back.
	r.cache.Fresh(clone(latest))
	return latest, nil
}

// Current returns the account at a revision that was current at some
// moment after the call began, from this server's cache, checked with the
// store (see current). The account is shared: never modify it.
func (r Accounts) Current(ctx context.Context, id string) (*tenant.Account, error) {
	a, err := r.cache.Get(ctx, id)
	return a, wrap(err)
}

// walk follows an account's versions forward from known to the newest,
// one _id lookup each, applying their changes to a copy; with limit >= 0 it
// stops after that many steps and reports false.
func (r Accounts) walk(ctx context.Context, known *tenant.Account, limit int) (*tenant.Account, bool, error) {
	latest := known
	for steps := 0; ; steps++ {
		if limit >= 0 && steps > limit {
			return nil, false, nil
		}
		key := versionKey(known.ID, latest.Revision+1)
		if ok, err := r.local.exists(ctx, r.versions, key); err != nil {
			return nil, false, err
		} else if !ok {
			return latest, true, nil
		}
		var v version
		if err := wrap(r.versions.FindOne(ctx, bson.M{"_id": key}).Decode(&v)); err != nil {
			return nil, false, err
		}
		switch {
		case v.Account != nil:
			latest = v.Account
		case v.Change == nil:
			return nil, false, fmt.Errorf("store: version %s holds no change", key)
		default:
			if latest == known {
				latest = clone(known)
			}
			// A revision's change leaves out the audit records before it.
			latest.Outbox = nil
			if err := v.Change.apply(latest); err != nil {
				return nil, false, fmt.Errorf("store: version %s: %w", key, err)
			}
			if latest.Revision != v.Revision {
				return nil, false, fmt.Errorf("store: version %s holds revision %d", key, latest.Revision)
			}
		}
	}
}

// Update applies change to the account atomically: it takes the newest
// account it knows, lets change modify a copy (or refuse, by returning an
// error, which is passed on with nothing written), and claims the next
// revision with what changed; when another writer claimed it first, it
// starts again from a fresh read. Every account invariant is checked inside
// change, so no interleaving of concurrent updates can break one. Audit
// records that change appends to Outbox are stored with the claimed
// revision, so a change is never without its record.
func (r Accounts) Update(ctx context.Context, id string, change func(*tenant.Account) error) (*tenant.Account, error) {
	release, err := r.queue.join(ctx, id)
	if err != nil {
		return nil, err
	}
	defer release()
	// What this server holds is usually the newest (its writes to the
	// account queue here): if not, the claim fails and a fresh read follows.
	base := r.cache.Known(id)
	if base != nil && len(base.Outbox) > 0 {
		// Walked to, not settled: should its writer have stopped, its
		// audit records go first, as Get would have moved them.
		if err := r.finish(ctx, base, false); err != nil {
			return nil, err
		}
	}
	fresh := false // base was read from the store by this call
	for attempt := range maxAttempts {
		if attempt > 1 {
			if err := backoff(ctx); err != nil {
				return nil, err
			}
		}
		if base == nil || attempt > 0 {
			if base, err = r.Get(ctx, id); err != nil {
				return nil, err
			}
			fresh = true
		}
		writes, _ := r.local.outside()
		a, kept, err := r.claim(ctx, base, change)
		var no refusal
		switch {
		case errors.As(err, &no) && !fresh:
			// Judged on what this server held, which may be behind: only
			// a refusal of the account as the store has it counts.
			continue
		case errors.As(err, &no):
			return nil, no.err
		case err != nil:
			return nil, err
		case a == nil:
			continue
		}
		if err := r.settle(ctx, a, a.Revision%cacheEvery == 0); err != nil {
			return nil, err
		}
		a.Outbox = nil
		r.cache.Wrote(kept, writes)
		return a, nil
	}
	return nil, ErrConflict
}

// claim applies change to a copy of base and inserts the next revision's
// version with what changed. It returns the account as changed, and a copy
// for this server's cache made by applying the change to base as readers
// do: values the change set are decoded afresh (a change may store strings
// that share the request's buffers, which the web framework reuses for
// later requests), the rest is shared with base. It returns nil when
// another writer inserted that version first.
func (r Accounts) claim(ctx context.Context, base *tenant.Account, change func(*tenant.Account) error) (a, kept *tenant.Account, err error) {
	// The change is taken from base settled (its Outbox empty), which a
	// shallow copy gives: diff only reads it.
	settled := *base
	settled.Outbox = nil
	before := &settled
	a = clone(before)
	if err := change(a); err != nil {
		return nil, nil, refusal{err}
	}
	a.Revision = base.Revision + 1
	p, err := diff(before, a)
	if err != nil {
		return nil, nil, err
	}
	r.local.countOwnWrite()
	_, err = r.versions.InsertOne(ctx, version{ID: versionKey(a.ID, a.Revision), AccountID: a.ID, Revision: a.Revision, At: time.Now().UTC(), Change: &p})
	r.local.countOwnWrite()
	if err = wrap(err); errors.Is(err, ErrDuplicate) {
		return nil, nil, nil
	} else if err != nil {
		return nil, nil, err
	}
	kept = clone(before)
	if err := p.apply(kept); err != nil {
		return nil, nil, err
	}
	kept.Outbox = nil
	return a, kept, nil
}

// refusal is change's own error, told apart from the store's.
type refusal struct{ err error }

func (r refusal) Error() string { return r.err.Error() }

// backoff waits a random while, up to maxBackoff.
func backoff(ctx context.Context) error {
	t := time.NewTimer(rand.N(maxBackoff))
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return wrap(ctx.Err())
	}
}

// settle moves a claimed revision's audit records to the audit collection
// and, when cache is set, caches the revision as the account document.
// Both steps may run more than once for one revision, harmlessly. a itself
// is left as it is: it may be shared.
//
// Why not cache every revision: the account document is read and written
// whole, which for a big account costs many times a small write (FerretDB
// decodes and encodes the whole document even to change one field); readers
// walk forward from it through the versions' changes instead, fewer than
// cacheEvery of them.
func (r Accounts) settle(ctx context.Context, a *tenant.Account, cache bool) error {
	if _, err := r.moveAudit(ctx, a); err != nil {
		return err
	}
	if !cache {
		return nil
	}
	return r.cacheDocument(ctx, a)
}

// finish settles a revision read from the versions, whose writer may have
// stopped before settling it: where its audit records were not moved yet,
// it did, and the account document is cached too.
func (r Accounts) finish(ctx context.Context, a *tenant.Account, cache bool) error {
	moved, err := r.moveAudit(ctx, a)
	if err != nil {
		return err
	}
	if !moved && !cache {
		return nil
	}
	return r.cacheDocument(ctx, a)
}

// moveAudit stores a revision's audit records in the audit collection, and
// reports whether any was not there yet.
func (r Accounts) moveAudit(ctx context.Context, a *tenant.Account) (bool, error) {
	moved := false
	for i := range a.Outbox {
		rec := a.Outbox[i]
		// The undone record first: a page of the log holding the undo
		// then shows what it undid as undone.
		if rec.RevertOf != "" {
			if _, err := r.audit.UpdateOne(ctx, bson.M{"_id": rec.RevertOf}, bson.M{"$set": bson.M{"reverted_by": rec.ID}}); err != nil {
				return false, wrap(err)
			}
		}
		_, err := r.audit.InsertOne(ctx, rec)
		switch err = wrap(err); {
		case err == nil:
			moved = true
		case !errors.Is(err, ErrDuplicate):
			return false, err
		}
	}
	return moved, nil
}

// cacheDocument replaces the account document with a, settled, unless it
// already holds a newer revision: a slower writer may cache an older one.
func (r Accounts) cacheDocument(ctx context.Context, settled *tenant.Account) error {
	a := *settled
	a.Outbox = nil
	if r.atomicFilters {
		// MongoDB: one atomic replace, filtered on the revision.
		_, err := r.c.ReplaceOne(ctx, bson.M{"_id": a.ID, "revision": bson.M{"$lt": a.Revision}}, &a)
		return wrap(err)
	}
	// FerretDB answers only a filter on _id alone from an index (any other
	// filter reads the whole collection), runs a filtered replace as a read
	// and a write anyway, and reads the whole document even for one field:
	// so it replaces by _id, unchecked. The document may then move back a
	// little, when writers of two servers cache revisions out of order;
	// readers walk forward from it through the versions, which are kept
	// for far more revisions than it can lag (keepVersions, cacheEvery).
	_, err := r.c.ReplaceOne(ctx, bson.M{"_id": a.ID}, &a)
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
