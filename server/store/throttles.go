package store

import (
	"context"
	"errors"
	"strconv"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Throttles counts attempts per key (an email, an IP, a route) in fixed
// windows, in the store so that every server process shares them. An
// attempt claims a numbered slot before its secret is checked: slot n of a
// window is the document with _id key/window/n, and only one insert of an
// _id succeeds in every store, so concurrent attempts can never take more
// slots than the rule allows. A success returns its slot as a credit
// (key/window/c/m), so that only failures count. Everything is read by _id:
// the embedded store looks up nothing else from an index.
type Throttles struct {
	c *mongo.Collection
}

// Rule is how many failures a key may have in a window, and what comes
// after: the first Free attempts go through at once; after them, each one
// waits Wait after the one before, doubling up to MaxWait (Keycloak's wait
// increments); with no Wait, the key is refused until the window closes.
type Rule struct {
	Window  time.Duration
	Free    int
	Wait    time.Duration
	MaxWait time.Duration
}

// wait is how long the attempt after failures failures waits after the
// previous one; ok is false when the key is refused until the window closes.
func (r Rule) wait(failures int) (d time.Duration, ok bool) {
	if failures < r.Free {
		return 0, true
	}
	if r.Wait <= 0 {
		return 0, false
	}
	d = r.Wait
	for i := r.Free; i < failures && d < r.MaxWait; i++ {
		d *= 2
	}
	return min(d, r.MaxWait), true
}

type slot struct {
	ID    string    `bson:"_id"`
	At    time.Time `bson:"at"`
	Until time.Time `bson:"until"`
}

// window names the window now falls in, and when it closes.
func (r Rule) window(key string, now time.Time) (prefix string, end time.Time) {
	w := now.UnixNano() / int64(r.Window)
	return key + "/" + strconv.FormatInt(w, 10) + "/", time.Unix(0, (w+1)*int64(r.Window))
}

// Claim takes a slot for one attempt on key. It answers 0 when the attempt
// may go on, else how long until the key takes one again; a refused
// attempt takes no slot.
func (r Throttles) Claim(ctx context.Context, key string, rule Rule, now time.Time) (time.Duration, error) {
	prefix, end := rule.window(key, now)
	n, err := r.count(ctx, prefix)
	if err != nil {
		return 0, err
	}
	credits, err := r.count(ctx, prefix+"c/")
	if err != nil {
		return 0, err
	}
	for {
		retry, err := r.due(ctx, prefix, rule, n, n-credits, now, end)
		if err != nil || retry > 0 {
			return retry, err
		}
		_, err = r.c.InsertOne(ctx, slot{ID: prefix + strconv.Itoa(n), At: now, Until: end})
		if err = wrap(err); err == nil {
			return 0, nil
		} else if !errors.Is(err, ErrDuplicate) {
			return 0, err
		}
		n++ // a concurrent attempt took slot n: this one is one more failure
	}
}

// due is how long the attempt after failures failures (slot n) must wait.
func (r Throttles) due(ctx context.Context, prefix string, rule Rule, n, failures int, now, end time.Time) (time.Duration, error) {
	wait, ok := rule.wait(failures)
	if !ok {
		return end.Sub(now), nil
	}
	if wait == 0 || n == 0 {
		return 0, nil
	}
	var prev slot
	err := wrap(r.c.FindOne(ctx, bson.M{"_id": prefix + strconv.Itoa(n-1)}).Decode(&prev))
	if err == ErrNotFound {
		return 0, nil // the window was swept meanwhile
	} else if err != nil {
		return 0, err
	}
	if at := prev.At.Add(wait); at.After(now) {
		return min(at.Sub(now), end.Sub(now)), nil
	}
	return 0, nil
}

// Release returns one attempt's slot: it succeeded, and only failures count.
func (r Throttles) Release(ctx context.Context, key string, rule Rule, now time.Time) error {
	return r.credit(ctx, key, rule, now, 1)
}

// Reset forgets the failures of key in the current window.
func (r Throttles) Reset(ctx context.Context, key string, rule Rule, now time.Time) error {
	return r.credit(ctx, key, rule, now, -1)
}

// credit adds up to max credits (every missing one when max < 0), never
// more than the slots taken.
func (r Throttles) credit(ctx context.Context, key string, rule Rule, now time.Time, max int) error {
	prefix, end := rule.window(key, now)
	n, err := r.count(ctx, prefix)
	if err != nil {
		return err
	}
	m, err := r.count(ctx, prefix+"c/")
	if err != nil {
		return err
	}
	for ; m < n && max != 0; m++ {
		_, err := r.c.InsertOne(ctx, slot{ID: prefix + "c/" + strconv.Itoa(m), At: now, Until: end})
		if err = wrap(err); err == nil {
			max--
		} else if !errors.Is(err, ErrDuplicate) {
			return err
		}
	}
	return nil
}

// RefusedUntil is when key takes an attempt again, or the zero time when
// it takes one now.
func (r Throttles) RefusedUntil(ctx context.Context, key string, rule Rule, now time.Time) (time.Time, error) {
	prefix, end := rule.window(key, now)
	n, err := r.count(ctx, prefix)
	if err != nil {
		return time.Time{}, err
	}
	credits, err := r.count(ctx, prefix+"c/")
	if err != nil {
		return time.Time{}, err
	}
	retry, err := r.due(ctx, prefix, rule, n, n-credits, now, end)
	if err != nil || retry == 0 {
		return time.Time{}, err
	}
	return now.Add(retry), nil
}

// count is how many documents prefix0, prefix1, ... exist: they are always
// inserted in order, so it gallops then bisects, in few lookups by _id.
func (r Throttles) count(ctx context.Context, prefix string) (int, error) {
	has := func(i int) (bool, error) {
		err := wrap(r.c.FindOne(ctx, bson.M{"_id": prefix + strconv.Itoa(i)}, options.FindOne().SetProjection(bson.M{"_id": 1})).Err())
		if err == ErrNotFound {
			return false, nil
		}
		return err == nil, err
	}
	lo, hi := -1, 0 // slot lo exists (or lo is -1), slot hi may not
	for {
		ok, err := has(hi)
		if err != nil {
			return 0, err
		}
		if !ok {
			break
		}
		lo, hi = hi, 2*hi+1
	}
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		ok, err := has(mid)
		if err != nil {
			return 0, err
		}
		if ok {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi, nil
}

// DeleteExpired removes the slots of windows that have closed.
func (r Throttles) DeleteExpired(ctx context.Context, now time.Time) error {
	_, err := r.c.DeleteMany(ctx, bson.M{"until": bson.M{"$lte": now}})
	return wrap(err)
}
