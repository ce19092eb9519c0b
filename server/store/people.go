package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Person is someone who signs in: one email and one password, whatever
// the number of accounts they belong to. Their memberships (role, status,
// name) are in each account's document; the person lists where those are,
// so that a sign-in reads one person by _id, from the index every store
// answers from, however many accounts the person belongs to.
type Person struct {
	// ID is the email, lower-cased.
	ID           string    `bson:"_id"`
	PasswordHash string    `bson:"password_hash"`
	CreatedAt    time.Time `bson:"created_at"`
	// TOTPSecret is the sealed (encrypted) secret of confirmed two-factor
	// sign-in; TOTPPending the one being enrolled.
	TOTPSecret  string `bson:"totp_secret"`
	TOTPPending string `bson:"totp_pending"`
	// RecoveryHashes are SHA-256 hashes of the unused recovery codes.
	RecoveryHashes []string `bson:"recovery_hashes"`
	// Memberships maps the id of each of the person's logins to its account.
	Memberships map[string]string `bson:"memberships"`
	// Rev counts the person's changes (see People).
	Rev uint64 `bson:"rev"`
	// LastAccount is the account the person signed in to or switched to
	// last: a sign-in opens it first. It is kept apart (see People.Used).
	LastAccount string `bson:"-"`
}

// Membership is one account a person belongs to, and their login there.
type Membership struct {
	AccountID string
	UserID    string
}

// Order lists the person's memberships, the account used last first, then
// by account id: the same order on every server.
func (p *Person) Order() []Membership {
	out := make([]Membership, 0, len(p.Memberships))
	for _, uid := range slices.Sorted(maps.Keys(p.Memberships)) {
		out = append(out, Membership{AccountID: p.Memberships[uid], UserID: uid})
	}
	slices.SortStableFunc(out, func(a, b Membership) int {
		if (a.AccountID == p.LastAccount) != (b.AccountID == p.LastAccount) {
			if a.AccountID == p.LastAccount {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.AccountID, b.AccountID)
	})
	return out
}

// Elsewhere reports whether the person has a login in another account
// than this one, whatever its status there.
func (p *Person) Elsewhere(accountID string) bool {
	for _, a := range p.Memberships {
		if a != accountID {
			return true
		}
	}
	return false
}

// People are the people. Each change of a person is the insert of their
// next revision, whole, under an _id made of the email and the revision
// number: only one insert of an _id succeeds in every store, so of two
// concurrent changes one wins and the other starts again from it, where a
// filtered update of the embedded store would drop one of them. The
// person's own document is a copy of a recent revision, from which a
// reader walks forward to the newest.
type People struct {
	c        *mongo.Collection
	versions *mongo.Collection
	// last holds the account each person used last: written on every
	// sign-in, where the last write winning is what is meant.
	last *mongo.Collection
}

type personVersion struct {
	ID     string `bson:"_id"`
	Person Person `bson:"person"`
}

type lastAccount struct {
	ID        string `bson:"_id"`
	AccountID string `bson:"account_id"`
}

func personRev(email string, rev uint64) string { return email + "#" + strconv.FormatUint(rev, 10) }

// Get loads the person with this (lower-cased) email, at their newest
// revision.
func (r People) Get(ctx context.Context, email string) (*Person, error) {
	p, err := r.newest(ctx, email)
	if err != nil {
		return nil, err
	}
	if p.Rev == 0 {
		return nil, ErrNotFound
	}
	var l lastAccount
	if err := wrap(r.last.FindOne(ctx, bson.M{"_id": email}).Decode(&l)); err == nil {
		p.LastAccount = l.AccountID
	} else if err != ErrNotFound {
		return nil, err
	}
	return p, nil
}

// newest reads the person's document and walks forward through the
// revisions written after it; revision 0 is a person not made yet.
func (r People) newest(ctx context.Context, email string) (*Person, error) {
	p := Person{ID: email}
	if err := wrap(r.c.FindOne(ctx, bson.M{"_id": email}).Decode(&p)); err != nil && err != ErrNotFound {
		return nil, err
	}
	moved := false
	for {
		var v personVersion
		err := wrap(r.versions.FindOne(ctx, bson.M{"_id": personRev(email, p.Rev+1)}).Decode(&v))
		if err == ErrNotFound {
			break
		} else if err != nil {
			return nil, err
		}
		p, moved = v.Person, true
	}
	if moved {
		if err := r.copy(ctx, &p); err != nil {
			return nil, err
		}
	}
	return &p, nil
}

// copy writes the person's document from a revision. Two servers copying
// at once may leave an older one: readers walk forward from it.
func (r People) copy(ctx context.Context, p *Person) error {
	_, err := r.c.ReplaceOne(ctx, bson.M{"_id": p.ID}, p, options.Replace().SetUpsert(true))
	if err = wrap(err); errors.Is(err, ErrDuplicate) {
		return nil
	}
	return err
}

// errNoChange: a change that finds nothing to do writes no revision.
var errNoChange = errors.New("no change")

// maxPersonTries bounds the retries of a change that keeps losing to
// concurrent ones: 50 memberships of one person added at once settle well
// within it.
const maxPersonTries = 200

// change applies f to the newest revision of the person (a new person,
// revision 0, when there is none) and writes the result as the next one,
// starting again whenever a concurrent change took that revision first.
func (r People) change(ctx context.Context, email string, now time.Time, f func(p *Person) error) error {
	for range maxPersonTries {
		p, err := r.newest(ctx, email)
		if err != nil {
			return err
		}
		if p.Rev == 0 {
			p.CreatedAt = now
		}
		if p.Memberships == nil {
			p.Memberships = map[string]string{}
		}
		if err := f(p); err == errNoChange {
			return nil
		} else if err != nil {
			return err
		}
		p.Rev++
		_, err = r.versions.InsertOne(ctx, personVersion{ID: personRev(email, p.Rev), Person: *p})
		if err = wrap(err); errors.Is(err, ErrDuplicate) {
			continue
		} else if err != nil {
			return err
		}
		return r.copy(ctx, p)
	}
	return fmt.Errorf("%w: too many concurrent changes of one person", ErrUnavailable)
}

// join lists a login among the person's memberships, making the person
// when the email is new. The hash becomes theirs when they have no
// password yet or belong nowhere else: a person's password is never
// replaced by whoever adds them to another account.
func (r People) join(ctx context.Context, email, userID, accountID, hash string, now time.Time) error {
	return r.change(ctx, email, now, func(p *Person) error {
		if hash != "" && (p.PasswordHash == "" || !p.Elsewhere(accountID)) {
			p.PasswordHash = hash
		} else if p.Memberships[userID] == accountID {
			return errNoChange
		}
		p.Memberships[userID] = accountID
		return nil
	})
}

// joinAsBefore is join for a user of a store from before people, who
// brings their second factor: the first one of the person's that has one
// gives it to the person.
func (r People) joinAsBefore(ctx context.Context, u legacyUser) error {
	if err := r.join(ctx, u.Email, u.ID, u.AccountID, u.PasswordHash, u.CreatedAt); err != nil {
		return err
	}
	if u.TOTPSecret == "" {
		return nil
	}
	return r.change(ctx, u.Email, u.CreatedAt, func(p *Person) error {
		if p.TOTPSecret != "" {
			return errNoChange
		}
		p.TOTPSecret, p.RecoveryHashes = u.TOTPSecret, u.RecoveryHashes
		return nil
	})
}

// leave takes a login off the person's memberships. The person stays,
// password included: they may be added to an account again.
func (r People) leave(ctx context.Context, email, userID string) error {
	return r.change(ctx, email, time.Now().UTC(), func(p *Person) error {
		if _, ok := p.Memberships[userID]; !ok || p.Rev == 0 {
			return errNoChange
		}
		delete(p.Memberships, userID)
		return nil
	})
}

// SetPassword replaces the person's password hash.
func (r People) SetPassword(ctx context.Context, email, hash string) error {
	return r.edit(ctx, email, func(p *Person) { p.PasswordHash = hash })
}

// StartTOTP keeps the sealed secret of a two-factor enrolment not yet
// confirmed; the confirmed secret, if any, stays in use until then.
func (r People) StartTOTP(ctx context.Context, email, sealedPending string) error {
	return r.edit(ctx, email, func(p *Person) { p.TOTPPending = sealedPending })
}

// ConfirmTOTP makes the pending secret the one sign-in asks for, with a
// fresh set of recovery codes (their hashes); ErrNotFound when another
// enrolment replaced that pending secret meanwhile.
func (r People) ConfirmTOTP(ctx context.Context, email, sealedPending string, recoveryHashes []string) error {
	return r.change(ctx, email, time.Now().UTC(), func(p *Person) error {
		if p.Rev == 0 || p.TOTPPending != sealedPending {
			return ErrNotFound
		}
		p.TOTPSecret, p.TOTPPending, p.RecoveryHashes = sealedPending, "", recoveryHashes
		return nil
	})
}

// ClearTOTP turns two-factor sign-in off: no secret, none pending, no
// recovery codes.
func (r People) ClearTOTP(ctx context.Context, email string) error {
	return r.edit(ctx, email, func(p *Person) { p.TOTPSecret, p.TOTPPending, p.RecoveryHashes = "", "", nil })
}

// UseRecovery takes one recovery code (its hash) off the unused ones.
func (r People) UseRecovery(ctx context.Context, email, hash string) error {
	return r.edit(ctx, email, func(p *Person) {
		p.RecoveryHashes = slices.DeleteFunc(p.RecoveryHashes, func(h string) bool { return h == hash })
	})
}

// edit changes a person who exists.
func (r People) edit(ctx context.Context, email string, f func(p *Person)) error {
	return r.change(ctx, email, time.Now().UTC(), func(p *Person) error {
		if p.Rev == 0 {
			return ErrNotFound
		}
		f(p)
		return nil
	})
}

// Used notes the account the person signed in or switched to.
func (r People) Used(ctx context.Context, email, accountID string) error {
	_, err := r.last.ReplaceOne(ctx, bson.M{"_id": email}, lastAccount{ID: email, AccountID: accountID}, options.Replace().SetUpsert(true))
	if err = wrap(err); errors.Is(err, ErrDuplicate) {
		return nil // another sign-in of the person at the same moment
	}
	return err
}

// movePeople makes people of the users of a store written before people
// existed, once: each user's password hash sat on the user, and the logins
// collection (an email's slots) found them by email. The oldest user of an
// email gives the person their password (users of one email shared it when
// they joined each other's accounts), the oldest with a second factor
// theirs (each account then shows it on at the person's next sign-in
// there, see auth.Service.Open).
// Every step may run again after an interruption, or on two servers at
// once: the logins go last, so a store that still has them is moved again.
func (r Users) movePeople(ctx context.Context, logins *mongo.Collection) error {
	if err := logins.FindOne(ctx, bson.D{}).Err(); wrap(err) == ErrNotFound {
		return nil
	} else if err != nil {
		return wrap(err)
	}
	cur, err := r.c.Find(ctx, bson.D{})
	if err != nil {
		return wrap(err)
	}
	var old []legacyUser
	if err := cur.All(ctx, &old); err != nil {
		return wrap(err)
	}
	slices.SortStableFunc(old, func(a, b legacyUser) int { return a.CreatedAt.Compare(b.CreatedAt) })
	for _, u := range old {
		if err := r.people.joinAsBefore(ctx, u); err != nil {
			return err
		}
	}
	unset := bson.M{"password_hash": "", "totp_secret": "", "totp_pending": "", "recovery_hashes": ""}
	if _, err := r.c.UpdateMany(ctx, bson.D{}, bson.M{"$unset": unset}); err != nil {
		return wrap(err)
	}
	_, err = logins.DeleteMany(ctx, bson.D{})
	return wrap(err)
}

// legacyUser is a user document as stores before people kept it.
type legacyUser struct {
	User           `bson:",inline"`
	PasswordHash   string   `bson:"password_hash"`
	TOTPSecret     string   `bson:"totp_secret"`
	RecoveryHashes []string `bson:"recovery_hashes"`
}
