package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Throttles counts attempts per key (an email, an IP) over a sliding
// window. Every attempt is its own document: inserts are atomic in every
// store, where the embedded one would lose concurrent increments of a
// counter. Counters live in the store so that every server process sees them.
type Throttles struct {
	c *mongo.Collection
}

type attempt struct {
	ID    string    `bson:"_id"`
	Key   string    `bson:"key"`
	At    time.Time `bson:"at"`
	Until time.Time `bson:"until"`
}

// Fail records one attempt for key and returns the attempts within the
// window before now, this one included.
func (r Throttles) Fail(ctx context.Context, key string, now time.Time, window time.Duration) (int, error) {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	if _, err := r.c.InsertOne(ctx, attempt{ID: hex.EncodeToString(b), Key: key, At: now, Until: now.Add(window)}); err != nil {
		return 0, wrap(err)
	}
	return r.Count(ctx, key, now)
}

// Count returns the attempts for key whose window is still open.
func (r Throttles) Count(ctx context.Context, key string, now time.Time) (int, error) {
	n, err := r.c.CountDocuments(ctx, bson.M{"key": key, "until": bson.M{"$gt": now}})
	return int(n), wrap(err)
}

// Reset forgets the attempts for key.
func (r Throttles) Reset(ctx context.Context, key string) error {
	_, err := r.c.DeleteMany(ctx, bson.M{"key": key})
	return wrap(err)
}

// DeleteExpired removes attempts whose window has closed.
func (r Throttles) DeleteExpired(ctx context.Context, now time.Time) error {
	_, err := r.c.DeleteMany(ctx, bson.M{"until": bson.M{"$lte": now}})
	return wrap(err)
}
