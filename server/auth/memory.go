package auth

import (
	"sync"
	"time"

	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/perm"
)

// maxSessions bounds the sessions kept in memory; past it, about half go,
// the ones stored longest ago, to be read from the store again when used.
const maxSessions = 100_000

// sessions keeps session documents in memory. A session document changes
// only when it is touched (its idle deadline, which Authenticate rereads
// before trusting an expiry) or kept through a "sign out everywhere else"
// (its epoch, which Authenticate rereads before trusting a refusal). What
// ends a session is either recorded in its account, which is checked on
// every request, or the deletion of its document, which is confirmed on
// every request unless the store's count of sign-outs has not moved since
// (see Sessions.Ends). So a copy in memory is never trusted beyond what
// the store says.
type sessions struct {
	mu   sync.Mutex
	byID map[string]cachedSession
	seq  uint64
}

type cachedSession struct {
	s   *store.Session
	seq uint64
	// ends is the store's count of sign-outs before the session was last
	// found there, when counted.
	ends    uint64
	counted bool
}

func (c *sessions) get(id string) (cachedSession, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byID[id]
	return e, ok
}

// put stores a session found in the store after its count of sign-outs
// was ends; the value is shared from here on and never modified.
func (c *sessions) put(s *store.Session, ends uint64, counted bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byID == nil {
		c.byID = map[string]cachedSession{}
	}
	if len(c.byID) >= maxSessions {
		c.halve()
	}
	c.seq++
	c.byID[s.ID] = cachedSession{s: s, seq: c.seq, ends: ends, counted: counted}
}

// halve drops the older half of the sessions.
func (c *sessions) halve() {
	cut := c.seq - uint64(len(c.byID))/2
	for id, e := range c.byID {
		if e.seq <= cut {
			delete(c.byID, id)
		}
	}
}

func (c *sessions) drop(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.byID, id)
}

// sweep drops sessions past a deadline.
func (c *sessions) sweep(now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for id, e := range c.byID {
		if !now.Before(e.s.IdleUntil) || !now.Before(e.s.AbsoluteUntil) {
			delete(c.byID, id)
		}
	}
}

// subjects keeps the compiled permissions of members at their account's
// cached revision: an account at one revision never changes, so neither
// does what its members may do.
type subjects struct {
	mu        sync.Mutex
	byAccount map[string]*compiled
}

type compiled struct {
	acct   *tenant.Account
	byUser map[string]*perm.Subject
}

func (c *subjects) get(a *tenant.Account, userID string) *perm.Subject {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byAccount == nil {
		c.byAccount = map[string]*compiled{}
	}
	e := c.byAccount[a.ID]
	if e == nil || e.acct != a {
		// Another revision, or this account read afresh: compile again.
		e = &compiled{acct: a, byUser: map[string]*perm.Subject{}}
		c.byAccount[a.ID] = e
	}
	s := e.byUser[userID]
	if s == nil {
		s = a.Subject(a.Members[userID])
		e.byUser[userID] = s
	}
	return s
}

// reset forgets every compiled subject, so accounts no longer in use go.
func (c *subjects) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.byAccount = nil
}
