package store

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
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

// Users is the users collection, and logins: where sign-in finds the users
// of an email, one document per user under a key made of the email and a
// slot (see emailKey), so that it reads them by _id, from the index every
// store answers from, however many users the store holds.
type Users struct {
	c      *mongo.Collection
	logins *mongo.Collection
}

// login points from an email's slot to a user.
type login struct {
	ID        string `bson:"_id"`
	UserID    string `bson:"user_id"`
	AccountID string `bson:"account_id"`
}

// emailKey names slot n of an email: an email has maxLoginsPerEmail.
func emailKey(email string, n int) string {
	return email + "#" + strconv.Itoa(n)
}

// ErrTooManyLogins: the email has a user in as many accounts as it may.
var ErrTooManyLogins = errors.New("this email signs in to too many accounts")

// Insert stores a new user; ErrDuplicate when the email is taken in the
// account, ErrTooManyLogins when it is in maxLoginsPerEmail accounts. The
// user takes a free slot of their email first (taking it is an insert,
// atomic in every store); if the user cannot be stored, the slot goes.
func (r Users) Insert(ctx context.Context, u *User) error {
	slot, err := r.takeSlot(ctx, u)
	if err != nil {
		return err
	}
	if _, err := r.c.InsertOne(ctx, u); err != nil {
		_, derr := r.logins.DeleteOne(context.WithoutCancel(ctx), bson.M{"_id": slot})
		return errors.Join(wrap(err), wrap(derr))
	}
	return nil
}

// fillLogins gives every user a slot of their email, once: in a store
// written before logins existed, it is empty while users are not.
func (r Users) fillLogins(ctx context.Context) error {
	if err := r.logins.FindOne(ctx, bson.D{}).Err(); err == nil {
		return nil
	} else if err = wrap(err); err != ErrNotFound {
		return err
	}
	cur, err := r.c.Find(ctx, bson.D{})
	if err != nil {
		return wrap(err)
	}
	var all []User
	if err := cur.All(ctx, &all); err != nil {
		return wrap(err)
	}
	for i := range all {
		if _, err := r.takeSlot(ctx, &all[i]); err != nil {
			return err
		}
	}
	return nil
}

func (r Users) takeSlot(ctx context.Context, u *User) (string, error) {
	for n := range maxLoginsPerEmail {
		key := emailKey(u.Email, n)
		_, err := r.logins.InsertOne(ctx, login{ID: key, UserID: u.ID, AccountID: u.AccountID})
		if err = wrap(err); err == nil {
			return key, nil
		} else if !errors.Is(err, ErrDuplicate) {
			return "", err
		}
	}
	return "", ErrTooManyLogins
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

// maxLoginsPerEmail bounds the work of one sign-in: one password check
// per account the email has a user in.
const maxLoginsPerEmail = 10

// ByEmail lists the users with this (lower-cased) email, across accounts,
// oldest first.
func (r Users) ByEmail(ctx context.Context, email string) ([]User, error) {
	keys := make([]string, maxLoginsPerEmail)
	for n := range keys {
		keys[n] = emailKey(email, n)
	}
	slots, err := byIDs[login](ctx, r.logins, keys)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, l := range slots {
		// Two servers filling slots at once may give a user two.
		if l != nil && !slices.Contains(ids, l.UserID) {
			ids = append(ids, l.UserID)
		}
	}
	users, err := byIDs[User](ctx, r.c, ids)
	if err != nil {
		return nil, err
	}
	var out []User
	for _, u := range users {
		// A slot whose user is gone, or changed hands, points nowhere.
		if u != nil && u.Email == email {
			out = append(out, *u)
		}
	}
	slices.SortFunc(out, func(a, b User) int { return a.CreatedAt.Compare(b.CreatedAt) })
	return out, nil
}

// Delete removes a user document, and the slot of its email.
func (r Users) Delete(ctx context.Context, id string) error {
	var u User
	err := wrap(r.c.FindOne(ctx, bson.M{"_id": id}).Decode(&u))
	if err == ErrNotFound {
		return nil
	} else if err != nil {
		return err
	}
	for n := range maxLoginsPerEmail {
		var l login
		err := wrap(r.logins.FindOne(ctx, bson.M{"_id": emailKey(u.Email, n)}).Decode(&l))
		if err == nil && l.UserID == id {
			if _, err := r.logins.DeleteOne(ctx, bson.M{"_id": l.ID}); err != nil {
				return wrap(err)
			}
			break
		} else if err != nil && err != ErrNotFound {
			return err
		}
	}
	_, err = r.c.DeleteOne(ctx, bson.M{"_id": id})
	return wrap(err)
}

// SetPassword replaces a user's password hash.
func (r Users) SetPassword(ctx context.Context, id, hash string) error {
	return r.set(ctx, id, bson.M{"password_hash": hash})
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
