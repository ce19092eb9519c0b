package store

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// User is a login: a person's membership of one account. Who they are
// there, their role and status are in the account document
// (Account.Members); a user document that its account does not list is
// not a user at all. The password is the person's (People); the second
// factor is the login's, enrolled, required and reset by each account.
type User struct {
	ID        string `bson:"_id"`
	AccountID string `bson:"account_id"`
	// Email is stored lower-cased: the unique index is then case-insensitive.
	Email string `bson:"email"`
	// PasswordHash is the person's, read from and written to their
	// person document, never to this one.
	PasswordHash string    `bson:"-"`
	CreatedAt    time.Time `bson:"created_at"`
	// TOTPSecret is the sealed (encrypted) secret of confirmed two-factor
	// sign-in; TOTPPending the one being enrolled.
	TOTPSecret  string `bson:"totp_secret"`
	TOTPPending string `bson:"totp_pending"`
	// RecoveryHashes are SHA-256 hashes of the unused recovery codes.
	RecoveryHashes []string `bson:"recovery_hashes"`
}

// Users is the users collection, and the people the users are logins of.
type Users struct {
	c      *mongo.Collection
	people People
}

// Insert stores a new user, listed among their person's memberships first
// (the person is made if the email is new, with the user's password
// hash); ErrDuplicate when the email is taken in the account, and then the
// membership goes again.
func (r Users) Insert(ctx context.Context, u *User) error {
	if err := r.people.join(ctx, u.Email, u.ID, u.AccountID, u.PasswordHash, u.CreatedAt); err != nil {
		return err
	}
	if _, err := r.c.InsertOne(ctx, u); err != nil {
		return errors.Join(wrap(err), r.people.leave(context.WithoutCancel(ctx), u.Email, u.ID))
	}
	return nil
}

// Get loads a user of an account, with their person's password. It asks by
// _id alone, the one filter the embedded store answers from an index, and
// checks the account here.
func (r Users) Get(ctx context.Context, accountID, id string) (*User, error) {
	var u User
	if err := r.c.FindOne(ctx, bson.M{"_id": id}).Decode(&u); err != nil {
		return nil, wrap(err)
	}
	if u.AccountID != accountID {
		return nil, ErrNotFound
	}
	p, err := r.people.Get(ctx, u.Email)
	if err == nil {
		u.PasswordHash = p.PasswordHash
	} else if err != ErrNotFound {
		return nil, err
	}
	return &u, nil
}

// Delete removes a user document, and the membership of its person.
func (r Users) Delete(ctx context.Context, id string) error {
	var u User
	err := wrap(r.c.FindOne(ctx, bson.M{"_id": id}).Decode(&u))
	if err == ErrNotFound {
		return nil
	} else if err != nil {
		return err
	}
	if err := r.people.leave(ctx, u.Email, id); err != nil {
		return err
	}
	_, err = r.c.DeleteOne(ctx, bson.M{"_id": id})
	return wrap(err)
}

// StartTOTP keeps the sealed secret of a two-factor enrolment not yet
// confirmed; the confirmed secret, if any, stays in use until then.
func (r Users) StartTOTP(ctx context.Context, id, sealedPending string) error {
	return r.set(ctx, id, bson.M{"totp_pending": sealedPending})
}

// ConfirmTOTP makes the pending secret the one sign-in asks for, with a
// fresh set of recovery codes (their hashes).
func (r Users) ConfirmTOTP(ctx context.Context, id, sealedSecret string, recoveryHashes []string) error {
	return r.set(ctx, id, bson.M{"totp_secret": sealedSecret, "totp_pending": "", "recovery_hashes": recoveryHashes})
}

// ClearTOTP turns two-factor sign-in off: no secret, none pending, no
// recovery codes.
func (r Users) ClearTOTP(ctx context.Context, id string) error {
	return r.set(ctx, id, bson.M{"totp_secret": "", "totp_pending": "", "recovery_hashes": []string{}})
}

// SetRecoveryHashes keeps the hashes of the recovery codes still unused.
func (r Users) SetRecoveryHashes(ctx context.Context, id string, hashes []string) error {
	return r.set(ctx, id, bson.M{"recovery_hashes": hashes})
}

func (r Users) set(ctx context.Context, id string, fields bson.M) error {
	_, err := r.c.UpdateOne(ctx, bson.M{"_id": id}, bson.M{"$set": fields})
	return wrap(err)
}
