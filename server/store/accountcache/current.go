// Package accountcache keeps, for one server, each account at its newest
// known revision, and answers every request's "the account, as current as
// when I asked" with one cheap question to the store per round.
package accountcache

import (
	"context"
	"sync"
	"time"

	"github.com/rolesconsole/console/server/tenant"
)

// Every request needs its account at the current revision: who may do what
// changes at once, on every server sharing the store. Reading the account
// and walking its versions on each request costs two to four store round
// trips; instead each server keeps the newest account it has seen and asks
// the store one question per round: does the next revision exist? Callers
// that arrive while a round is running wait for the next one, which starts
// after they arrived and answers them all. So an answer is never older than
// the revision that was current when the call began (the store is read
// after it), and however many requests arrive at once, an account costs one
// _id lookup per round.
//
// Where this process runs the embedded store, it need not even ask: every
// other process reaches the store through a proxy that counts what passes,
// and this process counts its own writes of versions, before and after
// each (Source.Writes). While that count stays as it was when a round
// began, nobody can have written a version since, and the round's answer
// still holds.
//
// The store prunes a past version only once it is older than ReloadAfter:
// a newest known revision confirmed less than ReloadAfter ago cannot have
// lost its successor to pruning, so walking forward from it finds every
// change. Longer unconfirmed, the account is read afresh.
const (
	ReloadAfter = 10 * time.Minute
	// forgetAfter drops accounts nobody asked for in this long.
	forgetAfter = 10 * time.Minute
)

// Source is where the cache reads accounts: the store.
type Source interface {
	// Read loads an account afresh.
	Read(ctx context.Context, id string) (*tenant.Account, error)
	// Walk moves a known account forward to its newest revision, or
	// reports false when it is too far behind to walk.
	Walk(ctx context.Context, known *tenant.Account) (*tenant.Account, bool, error)
	// Writes counts the writes of versions that may have happened, when
	// they can be counted (ok): the embedded store's count of traffic.
	Writes() (n uint64, ok bool)
}

// Cache is the per-server cache of accounts at their newest revision.
// The accounts it hands out are shared: callers must not modify them.
type Cache struct {
	mu      sync.Mutex
	entries map[string]*head
	src     Source
	// timeout bounds one round, independently of any one caller.
	timeout time.Duration
	now     func() time.Time
}

// head is one account's newest known revision and its rounds.
type head struct {
	acct      *tenant.Account
	confirmed time.Time
	used      time.Time
	// writes is the count of writes when the round that confirmed acct
	// began, and whether it was counted.
	writes  uint64
	counted bool
	// running: a round is reading the store; next is the round that
	// starts after it, which new callers join.
	running bool
	next    *round
}

type round struct {
	done chan struct{}
	acct *tenant.Account
	err  error
}

// New makes a cache that reads from src, a round at most timeout long.
func New(src Source, timeout time.Duration) *Cache {
	return &Cache{entries: map[string]*head{}, src: src, timeout: timeout, now: time.Now}
}

// Get returns the account at a revision that was current at some moment
// after the call began.
func (c *Cache) Get(ctx context.Context, id string) (*tenant.Account, error) {
	n, counted := c.src.Writes()
	now := c.now()
	c.mu.Lock()
	h := c.entries[id]
	if h == nil {
		h = &head{}
		c.entries[id] = h
	}
	h.used = now
	if h.acct != nil && counted && h.counted && n == h.writes && now.Sub(h.confirmed) < ReloadAfter {
		a := h.acct
		c.mu.Unlock()
		return a, nil
	}
	r := h.next
	if r == nil {
		r = &round{done: make(chan struct{})}
		h.next = r
	}
	if !h.running {
		h.running, h.next = true, nil
		go c.run(id, h, r)
	}
	c.mu.Unlock()
	select {
	case <-r.done:
		return r.acct, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// run answers round r, then each round that callers queued meanwhile.
func (c *Cache) run(id string, h *head, r *round) {
	for r != nil {
		c.mu.Lock()
		known, confirmed := h.acct, h.confirmed
		c.mu.Unlock()
		started := c.now()
		n, counted := c.src.Writes()
		acct, err := c.refresh(id, known, confirmed, started)

		c.mu.Lock()
		switch {
		case err != nil:
		case h.acct != nil && h.acct.Revision > acct.Revision:
			// A write of this server was taken in meanwhile (see Wrote).
			r.acct = h.acct
		default:
			h.acct, h.confirmed, h.writes, h.counted = acct, started, n, counted
			r.acct = acct
		}
		r.err = err
		close(r.done)
		r, h.next = h.next, nil
		if r == nil {
			h.running = false
		}
		c.mu.Unlock()
	}
}

func (c *Cache) refresh(id string, known *tenant.Account, confirmed, now time.Time) (*tenant.Account, error) {
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	if known == nil || now.Sub(confirmed) >= ReloadAfter {
		return c.src.Read(ctx, id)
	}
	acct, ok, err := c.src.Walk(ctx, known)
	if err != nil {
		return nil, err
	}
	if !ok {
		return c.src.Read(ctx, id)
	}
	return acct, nil
}

// Known returns the newest account this server holds, if it was confirmed
// lately enough that its next version cannot have been pruned; it may be
// stale: a writer's claim on the next revision verifies it.
func (c *Cache) Known(id string) *tenant.Account {
	c.mu.Lock()
	defer c.mu.Unlock()
	if h := c.entries[id]; h != nil && h.acct != nil && c.now().Sub(h.confirmed) < ReloadAfter {
		return h.acct
	}
	return nil
}

// Wrote takes in a revision this server just claimed, with the count of
// writes before the claim (from Source.Writes): when the count moved by this
// process's own two counts only, nobody else wrote since the claim, and
// the account is confirmed as newest without asking the store.
func (c *Cache) Wrote(a *tenant.Account, before uint64) {
	n, counted := c.src.Writes()
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	h := c.entries[a.ID]
	if h == nil {
		h = &head{used: now}
		c.entries[a.ID] = h
	}
	if h.acct != nil && h.acct.Revision >= a.Revision {
		return
	}
	h.acct, h.confirmed, h.writes, h.counted = a, now, n, counted && n == before+2
}

// Fresh takes in an account just read afresh from the store, when this
// server holds it at no newer revision: for a server's own writes to go
// on from it (see Known). How lately it was confirmed stays as it was.
func (c *Cache) Fresh(a *tenant.Account) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if h := c.entries[a.ID]; h != nil && h.acct != nil && h.acct.Revision <= a.Revision {
		h.acct = a
	}
}

// Forget drops accounts not asked for lately.
func (c *Cache) Forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	cut := c.now().Add(-forgetAfter)
	for id, h := range c.entries {
		if !h.running && h.used.Before(cut) {
			delete(c.entries, id)
		}
	}
}
