package store

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// OneTime records things that may be used once: a TOTP time step, a
// recovery code. Inserting a unique _id is atomic in every store, so of two
// concurrent uses exactly one claims the key.
type OneTime struct {
	c *mongo.Collection
}

// Claim records key as used; false when it was used already.
func (r OneTime) Claim(ctx context.Context, key string, now time.Time) (bool, error) {
	_, err := r.c.InsertOne(ctx, bson.M{"_id": key, "at": now})
	if err = wrap(err); errors.Is(err, ErrDuplicate) {
		return false, nil
	}
	return err == nil, err
}

// DeleteBefore forgets claims older than t: TOTP steps long out of their
// window, and recovery codes already removed from their user.
func (r OneTime) DeleteBefore(ctx context.Context, t time.Time) error {
	_, err := r.c.DeleteMany(ctx, bson.M{"at": bson.M{"$lt": t}})
	return wrap(err)
}
