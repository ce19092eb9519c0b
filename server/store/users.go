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
// not a user at all. The credentials are the person's (People): read with
// the user, written to the person.
type User struct {
	ID        string `bson:"_id"`
	AccountID string `bson:"account_id"`
	// Email is stored lower-cased: the unique index is then case-insensitive.
	Email     string    `bson:"email"`
	CreatedAt time.Time `bson:"created_at"`
	// The person's credentials (see Person), never stored here.
	PasswordHash   string   `bson:"-"`
	TOTPSecret     string   `bson:"-"`
	TOTPPending    string   `bson:"-"`
	RecoveryHashes []string `bson:"-"`
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

// Get loads a user of an account, with their person's credentials. It
// asks by _id alone, the one filter the embedded store answers from an
// index, and checks the account here.
func (r Users) Get(ctx context.Context, accountID, id string) (*User, error) {
	u, err := r.login(ctx, accountID, id)
	if err != nil {
		return nil, err
	}
	p, err := r.people.newest(ctx, u.Email)
	if err != nil {
		return nil, err
	}
	u.credentials(p)
	return u, nil
}

// Of loads a login of a person already read (a sign-in has them): only
// the login's own document is read.
func (r Users) Of(ctx context.Context, p *Person, accountID, id string) (*User, error) {
	u, err := r.login(ctx, accountID, id)
	if err != nil {
		return nil, err
	}
	if u.Email != p.ID {
		return nil, ErrNotFound
	}
	u.credentials(p)
	return u, nil
}

func (r Users) login(ctx context.Context, accountID, id string) (*User, error) {
	var u User
	if err := r.c.FindOne(ctx, bson.M{"_id": id}).Decode(&u); err != nil {
		return nil, wrap(err)
	}
	if u.AccountID != accountID {
		return nil, ErrNotFound
	}
	return &u, nil
}

// credentials fills in the person's password and second factor.
func (u *User) credentials(p *Person) {
	u.PasswordHash, u.TOTPSecret, u.TOTPPending, u.RecoveryHashes = p.PasswordHash, p.TOTPSecret, p.TOTPPending, p.RecoveryHashes
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
