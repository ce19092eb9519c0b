package store

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
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

// DeleteForUser ends every session of a user, or every one but keep.
func (r Sessions) DeleteForUser(ctx context.Context, userID, keep string) error {
	f := bson.M{"user_id": userID}
	if keep != "" {
		f["_id"] = bson.M{"$ne": keep}
	}
	_, err := r.c.DeleteMany(ctx, f)
	return wrap(err)
}

// ForUser lists a user's sessions, newest first.
func (r Sessions) ForUser(ctx context.Context, userID string) ([]Session, error) {
	cur, err := r.c.Find(ctx, bson.M{"user_id": userID}, options.Find().SetSort(bson.D{{Key: "created_at", Value: -1}}))
	if err != nil {
		return nil, wrap(err)
	}
	var out []Session
	if err := cur.All(ctx, &out); err != nil {
		return nil, wrap(err)
	}
	return out, nil
}
