package store

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Session is a signed-in browser or script. Its id is a hash of the cookie's
// token, so the store never holds a usable credential.
type Session struct {
	ID            string    `bson:"_id"`
	AccountID     string    `bson:"account_id"`
	UserID        string    `bson:"user_id"`
	CSRF          string    `bson:"csrf"`
	CreatedAt     time.Time `bson:"created_at"`
	LastSeen      time.Time `bson:"last_seen"`
	IdleUntil     time.Time `bson:"idle_until"`
	AbsoluteUntil time.Time `bson:"absolute_until"`
	IP            string    `bson:"ip"`
	UserAgent     string    `bson:"user_agent"`
	// Epoch is the member's SessionEpoch when the session was opened, or
	// when it was kept through a "sign out everywhere else".
	Epoch int64 `bson:"epoch"`
}

// Sessions is the sessions collection. The store has no TTL indexes to rely
// on, so expiry is checked by the caller and swept by DeleteExpired.
type Sessions struct {
	c *mongo.Collection
}

// Insert stores a new session.
func (r Sessions) Insert(ctx context.Context, s *Session) error {
	_, err := r.c.InsertOne(ctx, s)
	return wrap(err)
}

// Get loads a session by id.
func (r Sessions) Get(ctx context.Context, id string) (*Session, error) {
	var s Session
	if err := r.c.FindOne(ctx, bson.M{"_id": id}).Decode(&s); err != nil {
		return nil, wrap(err)
	}
	return &s, nil
}

// Touch moves a session's idle deadline on.
func (r Sessions) Touch(ctx context.Context, id string, seen, idleUntil time.Time) error {
	_, err := r.c.UpdateOne(ctx, bson.M{"_id": id},
		bson.M{"$set": bson.M{"last_seen": seen, "idle_until": idleUntil}})
	return wrap(err)
}

// SetEpoch moves a session to a new epoch, so that it outlives the end of
// its user's other sessions.
func (r Sessions) SetEpoch(ctx context.Context, id string, epoch int64) error {
	_, err := r.c.UpdateOne(ctx, bson.M{"_id": id}, bson.M{"$set": bson.M{"epoch": epoch}})
	return wrap(err)
}

// Delete removes a session document.
func (r Sessions) Delete(ctx context.Context, id string) error {
	_, err := r.c.DeleteOne(ctx, bson.M{"_id": id})
	return wrap(err)
}

// DeleteExpired removes every session past either deadline.
func (r Sessions) DeleteExpired(ctx context.Context, now time.Time) (int64, error) {
	res, err := r.c.DeleteMany(ctx, bson.M{"$or": bson.A{
		bson.M{"idle_until": bson.M{"$lte": now}},
		bson.M{"absolute_until": bson.M{"$lte": now}},
	}})
	if err != nil {
		return 0, wrap(err)
	}
	return res.DeletedCount, nil
}

// DeleteAll removes the sessions with these ids.
func (r Sessions) DeleteAll(ctx context.Context, ids []string) error {
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Go(func() { errs[i] = r.Delete(ctx, id) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// GetAll loads the sessions with these ids that exist, newest first.
func (r Sessions) GetAll(ctx context.Context, ids []string) ([]Session, error) {
	found, err := byIDs[Session](ctx, r.c, ids)
	if err != nil {
		return nil, err
	}
	var out []Session
	for _, s := range found {
		if s != nil {
			out = append(out, *s)
		}
	}
	slices.SortFunc(out, func(a, b Session) int { return b.CreatedAt.Compare(a.CreatedAt) })
	return out, nil
}
