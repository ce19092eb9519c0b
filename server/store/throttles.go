package store

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Throttles counts failed attempts per key (an email, an IP) in fixed
// windows. Counters live in the store so that every server process sees them.
type Throttles struct {
	c *mongo.Collection
}

type throttle struct {
	ID    string    `bson:"_id"`
	Count int       `bson:"count"`
	Until time.Time `bson:"until"`
}

// Fail counts one failure for key and returns the failures in the current
// window, opening a new window of the given length when none is open.
func (r Throttles) Fail(ctx context.Context, key string, now time.Time, window time.Duration) (int, error) {
	for {
		var t throttle
		err := r.c.FindOneAndUpdate(ctx,
			bson.M{"_id": key, "until": bson.M{"$gt": now}},
			bson.M{"$inc": bson.M{"count": 1}},
			options.FindOneAndUpdate().SetReturnDocument(options.After),
		).Decode(&t)
		if err = wrap(err); err == nil {
			return t.Count, nil
		} else if err != ErrNotFound {
			return 0, err
		}
		// No open window: start one. A concurrent start makes the upsert
		// collide on _id; the loop then counts into the window it opened.
		_, err = r.c.ReplaceOne(ctx,
			bson.M{"_id": key, "until": bson.M{"$lte": now}},
			throttle{ID: key, Count: 1, Until: now.Add(window)},
			options.Replace().SetUpsert(true))
		if err = wrap(err); err == nil {
			return 1, nil
		} else if !errors.Is(err, ErrDuplicate) {
			return 0, err
		}
	}
}

// Count returns the failures for key in its open window, 0 when none is open.
func (r Throttles) Count(ctx context.Context, key string, now time.Time) (int, error) {
	var t throttle
	err := wrap(r.c.FindOne(ctx, bson.M{"_id": key, "until": bson.M{"$gt": now}}).Decode(&t))
	switch {
	case err == nil:
		return t.Count, nil
	case err == ErrNotFound:
		return 0, nil
	}
	return 0, err
}

// Reset forgets the failures for key.
func (r Throttles) Reset(ctx context.Context, key string) error {
	_, err := r.c.DeleteOne(ctx, bson.M{"_id": key})
	return wrap(err)
}

// DeleteExpired removes closed windows.
func (r Throttles) DeleteExpired(ctx context.Context, now time.Time) error {
	_, err := r.c.DeleteMany(ctx, bson.M{"until": bson.M{"$lte": now}})
	return wrap(err)
}
