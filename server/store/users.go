package store

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// User is a login: how a person proves who they are. Who they are, their
// role and status are in the account document (Account.Members); a user
// document that its account does not list is not a user at all.
type User struct {
	ID        string `bson:"_id"`
	AccountID string `bson:"account_id"`
	// Email is stored lower-cased: the unique index is then case-insensitive.
	Email        string    `bson:"email"`
	PasswordHash string    `bson:"password_hash"`
	CreatedAt    time.Time `bson:"created_at"`
	// TOTPSecret is the sealed (encrypted) secret of confirmed two-factor
	// sign-in; TOTPPending the one being enrolled.
	TOTPSecret  string `bson:"totp_secret"`
	TOTPPending string `bson:"totp_pending"`
	// RecoveryHashes are SHA-256 hashes of the unused recovery codes.
	RecoveryHashes []string `bson:"recovery_hashes"`
}

// Users is the users collection.
type Users struct {
	c *mongo.Collection
}

// Insert stores a new user; ErrDuplicate when the email is taken in the account.
func (r Users) Insert(ctx context.Context, u *User) error {
	_, err := r.c.InsertOne(ctx, u)
	return wrap(err)
}

// Get loads a user of an account. It asks by _id alone, the one filter the
// embedded store answers from an index, and checks the account here.
func (r Users) Get(ctx context.Context, accountID, id string) (*User, error) {
	var u User
	if err := r.c.FindOne(ctx, bson.M{"_id": id}).Decode(&u); err != nil {
		return nil, wrap(err)
	}
	if u.AccountID != accountID {
		return nil, ErrNotFound
	}
	return &u, nil
}

// maxLoginsPerEmail bounds the work of one sign-in: one password check each.
const maxLoginsPerEmail = 10

// ByEmail lists the users with this (lower-cased) email, across accounts.
func (r Users) ByEmail(ctx context.Context, email string) ([]User, error) {
	cur, err := r.c.Find(ctx, bson.M{"email": email},
		options.Find().SetLimit(maxLoginsPerEmail).SetSort(bson.D{{Key: "created_at", Value: 1}}))
	if err != nil {
		return nil, wrap(err)
	}
	var out []User
	if err := cur.All(ctx, &out); err != nil {
		return nil, wrap(err)
	}
	return out, nil
}

// Delete removes a user document.
func (r Users) Delete(ctx context.Context, id string) error {
	_, err := r.c.DeleteOne(ctx, bson.M{"_id": id})
	return wrap(err)
}

// Set changes fields of a user document.
func (r Users) Set(ctx context.Context, id string, fields bson.M) error {
	_, err := r.c.UpdateOne(ctx, bson.M{"_id": id}, bson.M{"$set": fields})
	return wrap(err)
}
