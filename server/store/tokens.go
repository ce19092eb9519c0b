package store

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Token kinds.
const (
	TokenInvite = "invite"
	TokenReset  = "reset"
)

// Token is a single-use link sent by email (an invitation, a password
// reset). Its id is a hash of the secret in the link, which is never stored.
type Token struct {
	ID        string    `bson:"_id"`
	Kind      string    `bson:"kind"`
	AccountID string    `bson:"account_id"`
	UserID    string    `bson:"user_id"`
	ExpiresAt time.Time `bson:"expires_at"`
}

// Tokens is the tokens collection; expiry is checked in code and swept.
type Tokens struct {
	c *mongo.Collection
}

// Insert stores a token.
func (r Tokens) Insert(ctx context.Context, t *Token) error {
	_, err := r.c.InsertOne(ctx, t)
	return wrap(err)
}

// Get reads a token without using it up: to judge what comes with the link
// before the link is spent.
func (r Tokens) Get(ctx context.Context, id, kind string) (*Token, error) {
	var t Token
	if err := r.c.FindOne(ctx, bson.M{"_id": id}).Decode(&t); err != nil {
		return nil, wrap(err)
	}
	if t.Kind != kind {
		return nil, ErrNotFound
	}
	return &t, nil
}

// Take uses a token up: it returns the token only to the one caller whose
// delete removed it, so a link works once even when clicked twice at once.
func (r Tokens) Take(ctx context.Context, id, kind string) (*Token, error) {
	var t Token
	if err := r.c.FindOne(ctx, bson.M{"_id": id}).Decode(&t); err != nil {
		return nil, wrap(err)
	}
	if t.Kind != kind {
		return nil, ErrNotFound
	}
	res, err := r.c.DeleteOne(ctx, bson.M{"_id": id})
	if err != nil {
		return nil, wrap(err)
	}
	if res.DeletedCount != 1 {
		return nil, ErrNotFound
	}
	return &t, nil
}

// DeleteForUser removes a user's tokens of a kind ("" for every kind).
func (r Tokens) DeleteForUser(ctx context.Context, userID, kind string) error {
	f := bson.M{"user_id": userID}
	if kind != "" {
		f["kind"] = kind
	}
	_, err := r.c.DeleteMany(ctx, f)
	return wrap(err)
}

// DeleteExpired removes tokens past their expiry.
func (r Tokens) DeleteExpired(ctx context.Context, now time.Time) error {
	_, err := r.c.DeleteMany(ctx, bson.M{"expires_at": bson.M{"$lte": now}})
	return wrap(err)
}
