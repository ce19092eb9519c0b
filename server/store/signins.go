package store

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// SignIns keeps each user's last successful sign-in, one document per user
// under the user's id. Why not in the account: a sign-in must write no
// account revision. Why not in the user document: the embedded store runs
// an update as a read then a write of the whole document, so a sign-in
// writing there could undo a password or two-factor change made at the
// same moment; here the only thing two writers can race over is which of
// two sign-ins of one user, a moment apart, is the last.
type SignIns struct {
	c *mongo.Collection
}

type signIn struct {
	ID        string    `bson:"_id"`
	AccountID string    `bson:"account_id"`
	At        time.Time `bson:"at"`
}

// Note records a user's sign-in, by _id.
func (r SignIns) Note(ctx context.Context, accountID, userID string, at time.Time) error {
	doc := signIn{ID: userID, AccountID: accountID, At: at.UTC()}
	replace := func() error {
		_, err := r.c.ReplaceOne(ctx, bson.M{"_id": userID}, doc, options.Replace().SetUpsert(true))
		return wrap(err)
	}
	err := replace()
	if errors.Is(err, ErrDuplicate) {
		// Two first sign-ins at once both inserted: the document exists now.
		err = replace()
	}
	return err
}

// Of reads the last sign-ins of these users, by _id each (the one query the
// embedded store answers from an index), all at once: users who never
// signed in are absent.
func (r SignIns) Of(ctx context.Context, userIDs []string) (map[string]time.Time, error) {
	found, err := byIDs[signIn](ctx, r.c, userIDs)
	if err != nil {
		return nil, err
	}
	out := make(map[string]time.Time, len(found))
	for _, s := range found {
		if s != nil {
			out[s.ID] = s.At
		}
	}
	return out, nil
}

// Forget drops a user's last sign-in, with the user.
func (r SignIns) Forget(ctx context.Context, userID string) error {
	_, err := r.c.DeleteOne(ctx, bson.M{"_id": userID})
	return wrap(err)
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
// Servers starting together may both copy, harmlessly; a sign-in noted
// meanwhile is kept, being later than the one copied.
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
			err := wrap(r.c.FindOne(ctx, bson.M{"_id": id}).Err())
			if err == ErrNotFound {
				_, err = r.c.InsertOne(ctx, signIn{ID: id, AccountID: a.ID, At: m.LastLoginAt.UTC()})
				if err = wrap(err); errors.Is(err, ErrDuplicate) {
					err = nil
				}
			}
			if err != nil {
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
