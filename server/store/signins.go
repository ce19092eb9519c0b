package store

import (
	"context"
	"errors"
	"hash/fnv"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// SignIns keeps the last successful sign-in of each member of an account,
// in one document per account under the account's id: a list of users
// reads it in one lookup by _id. Why not in the account: a sign-in must
// write no account revision. It holds one time per member, never more.
//
// Each sign-in raises its user's time with $max. MongoDB applies that
// atomically. The embedded store runs it as a read then a write of the
// whole document, so two sign-ins of one account at once could lose one:
// this process writes an account's document one sign-in at a time (locks).
// Servers in other processes sharing the embedded store are not held by
// those locks; there, of two sign-ins within the same moment, one user's
// time may stay at their previous sign-in until their next one.
//
// Lists of users are read far more often than anyone signs in, so where
// this process runs the embedded store it keeps each account's document in
// memory: its own sign-ins update the copy as they write, and any other
// process's traffic (local.outside) makes it read the store again.
type SignIns struct {
	c     *mongo.Collection
	local local
	mem   *signInMemory
}

// signInMemory is this process's locks and copies of sign-in documents.
type signInMemory struct {
	locks stripes
	mu    sync.Mutex
	// byAccount are the documents as read after the outside count was n.
	byAccount map[string]remembered
}

type remembered struct {
	at map[string]time.Time
	n  uint64
}

// maxRemembered bounds the accounts kept; past it, memory starts again.
const maxRemembered = 10_000

func newSignIns(c *mongo.Collection, l local) SignIns {
	return SignIns{c: c, local: l, mem: &signInMemory{byAccount: map[string]remembered{}}}
}

type signIns struct {
	ID string               `bson:"_id"`
	At map[string]time.Time `bson:"at"`
}

// stripes serialize this process's writes per account, in a fixed number
// of locks whatever the number of accounts.
type stripes [64]sync.Mutex

func (s *stripes) of(accountID string) *sync.Mutex {
	h := fnv.New32a()
	h.Write([]byte(accountID))
	return &s[h.Sum32()%uint32(len(s))]
}

// Note records a user's sign-in.
func (r SignIns) Note(ctx context.Context, accountID, userID string, at time.Time) error {
	// As the store keeps it, so the copy in memory says the same.
	at = at.UTC().Truncate(time.Millisecond)
	return r.write(ctx, accountID, bson.M{"$max": bson.M{"at." + userID: at}}, func(m map[string]time.Time) {
		if at.After(m[userID]) {
			m[userID] = at
		}
	})
}

// Forget drops a user's last sign-in, with the user.
func (r SignIns) Forget(ctx context.Context, accountID, userID string) error {
	return r.write(ctx, accountID, bson.M{"$unset": bson.M{"at." + userID: ""}}, func(m map[string]time.Time) { delete(m, userID) })
}

// write applies update to the account's document, and change to the copy
// in memory (a new map: the one handed out is shared).
func (r SignIns) write(ctx context.Context, accountID string, update bson.M, change func(map[string]time.Time)) error {
	mu := r.mem.locks.of(accountID)
	mu.Lock()
	defer mu.Unlock()
	upsert := func() error {
		_, err := r.c.UpdateOne(ctx, bson.M{"_id": accountID}, update, options.UpdateOne().SetUpsert(true))
		return wrap(err)
	}
	err := upsert()
	if errors.Is(err, ErrDuplicate) {
		// Another process made the document at the same moment: it exists now.
		err = upsert()
	}
	r.mem.settle(accountID, err == nil, change)
	return err
}

// settle applies a write to the copy in memory, if any; a write that
// failed may or may not have been applied, so the copy goes then.
func (m *signInMemory) settle(accountID string, wrote bool, f func(map[string]time.Time)) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.byAccount[accountID]
	if !ok {
		return
	}
	if !wrote {
		delete(m.byAccount, accountID)
		return
	}
	at := make(map[string]time.Time, len(e.at)+1)
	for id, t := range e.at {
		at[id] = t
	}
	f(at)
	m.byAccount[accountID] = remembered{at: at, n: e.n}
}

// Of reads the last sign-ins of an account's members, by user id: users
// who never signed in are absent. The map is shared: never modify it.
func (r SignIns) Of(ctx context.Context, accountID string) (map[string]time.Time, error) {
	n, counted := r.local.outside()
	if at, ok := r.mem.get(accountID, n, counted); ok {
		return at, nil
	}
	// Read under the account's lock, so no sign-in of this process writes
	// between the read and the copy.
	mu := r.mem.locks.of(accountID)
	mu.Lock()
	defer mu.Unlock()
	var d signIns
	err := wrap(r.c.FindOne(ctx, bson.M{"_id": accountID}).Decode(&d))
	if err != nil && err != ErrNotFound {
		return nil, err
	}
	if d.At == nil {
		d.At = map[string]time.Time{}
	}
	if counted {
		r.mem.put(accountID, remembered{at: d.At, n: n})
	}
	return d.At, nil
}

func (m *signInMemory) get(accountID string, n uint64, counted bool) (map[string]time.Time, bool) {
	if !counted {
		return nil, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.byAccount[accountID]
	return e.at, ok && e.n == n
}

func (m *signInMemory) put(accountID string, e remembered) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.byAccount) >= maxRemembered {
		m.byAccount = map[string]remembered{}
	}
	m.byAccount[accountID] = e
}

// legacyAccount is what an account document written before sign-ins moved
// out of it may still hold of them.
type legacyAccount struct {
	ID      string `bson:"_id"`
	Members map[string]struct {
		LastLoginAt *time.Time `bson:"last_login_at"`
	} `bson:"members"`
}

// moveOut copies the last sign-ins that account documents still hold into
// this collection, once per store: a marker document says it was done.
// Servers starting together may both copy, harmlessly ($max keeps a
// sign-in noted meanwhile, being later than the one copied).
func (r SignIns) moveOut(ctx context.Context, accounts *mongo.Collection) error {
	const marker = "moved-out-of-accounts"
	if err := wrap(r.c.FindOne(ctx, bson.M{"_id": marker}).Err()); err == nil {
		return nil
	} else if err != ErrNotFound {
		return err
	}
	cur, err := accounts.Find(ctx, bson.D{}, options.Find().SetProjection(bson.M{"members": 1}))
	if err != nil {
		return wrap(err)
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		var a legacyAccount
		if err := cur.Decode(&a); err != nil {
			return wrap(err)
		}
		for id, m := range a.Members {
			if m.LastLoginAt == nil {
				continue
			}
			if err := r.Note(ctx, a.ID, id, *m.LastLoginAt); err != nil {
				return err
			}
		}
	}
	if err := wrap(cur.Err()); err != nil {
		return err
	}
	_, err = r.c.InsertOne(ctx, bson.M{"_id": marker})
	if err = wrap(err); errors.Is(err, ErrDuplicate) {
		return nil
	}
	return err
}
