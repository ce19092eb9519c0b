package httpapi_test

import (
	"testing"
	"time"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
)

func TestSessionTimeouts(t *testing.T) {
	t.Run("idle", func(t *testing.T) {
		clock := newClock()
		e := servertest.Start(t, func(c *server.Config) { c.Auth.Now = clock.Now })
		c := e.SignedIn()
		clock.Advance(29 * time.Minute)
		c.Do("GET", "/api/v1/me", nil).Want(200)
		// Use moved the idle deadline on: 29 more minutes are fine.
		clock.Advance(29 * time.Minute)
		c.Do("GET", "/api/v1/me", nil).Want(200)
		clock.Advance(31 * time.Minute)
		c.Do("GET", "/api/v1/me", nil).Want(401)
		if n := e.Count("sessions"); n != 0 {
			t.Errorf("the expired session is still stored (%d)", n)
		}
	})
	t.Run("absolute", func(t *testing.T) {
		clock := newClock()
		e := servertest.Start(t, func(c *server.Config) { c.Auth.Now = clock.Now })
		c := e.SignedIn()
		for elapsed := time.Duration(0); elapsed < 12*time.Hour-20*time.Minute; elapsed += 20 * time.Minute {
			clock.Advance(20 * time.Minute)
			c.Do("GET", "/api/v1/me", nil).Want(200)
		}
		clock.Advance(30 * time.Minute)
		c.Do("GET", "/api/v1/me", nil).Want(401)
	})
	t.Run("configured", func(t *testing.T) {
		clock := newClock()
		e := servertest.Start(t, func(c *server.Config) { c.Auth.Now, c.Auth.IdleTimeout = clock.Now, 5*time.Minute })
		c := e.SignedIn()
		clock.Advance(6 * time.Minute)
		c.Do("GET", "/api/v1/me", nil).Want(401)
	})
	t.Run("swept", func(t *testing.T) {
		clock := newClock()
		e := servertest.Start(t, func(c *server.Config) { c.Auth.Now = clock.Now })
		e.SignedIn()
		e.SignedIn()
		clock.Advance(31 * time.Minute)
		if err := e.Server.Auth.Sweep(t.Context()); err != nil {
			t.Fatal(err)
		}
		if n := e.Count("sessions"); n != 0 {
			t.Errorf("%d expired sessions survived the sweep", n)
		}
	})
}
