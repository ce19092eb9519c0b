// Package testclock is a test's time: it stands still until the test moves
// it on, so that expiries, lockouts and rotations are tested without
// waiting and without timing.
package testclock

import (
	"sync"
	"time"
)

// Clock is safe for the concurrent requests of a test.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// New starts a clock at start.
func New(start time.Time) *Clock { return &Clock{now: start} }

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
