package store

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// ResetRequest is a "forgot password" answered and not yet mailed. It is
// stored before the answer, whatever the email, so that the answer costs
// the same for every email and a restart still mails what was asked.
type ResetRequest struct {
	ID    string    `bson:"_id"`
	Email string    `bson:"email"`
	At    time.Time `bson:"at"`
}

// ResetRequests is the queue of reset requests; it holds only those not
// yet mailed, so it stays small.
type ResetRequests struct {
	c *mongo.Collection
}

// Insert queues a request.
func (r ResetRequests) Insert(ctx context.Context, q *ResetRequest) error {
	_, err := r.c.InsertOne(ctx, q)
	return wrap(err)
}

// Pending lists up to limit queued requests.
func (r ResetRequests) Pending(ctx context.Context, limit int) ([]ResetRequest, error) {
	cur, err := r.c.Find(ctx, bson.D{}, options.Find().SetLimit(int64(limit)))
	if err != nil {
		return nil, wrap(err)
	}
	var out []ResetRequest
	if err := cur.All(ctx, &out); err != nil {
		return nil, wrap(err)
	}
	return out, nil
}

// Delete removes a request once it is mailed.
func (r ResetRequests) Delete(ctx context.Context, id string) error {
	_, err := r.c.DeleteOne(ctx, bson.M{"_id": id})
	return wrap(err)
}
