package httpapi_test

import (
	"testing"
	"time"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
)

// A session used more often than its idle timeout stays signed in, however
// short the timeout (its deadline is moved on at a fraction of it, not once
// a minute), and still ends that timeout after its last use.
func TestShortIdleTimeoutKeepsSessionsInUse(t *testing.T) {
	clock := newClock()
	e := servertest.Start(t, func(c *server.Config) { c.Auth.Now, c.Auth.IdleTimeout = clock.Now, 5*time.Second })
	c := e.SignedIn()
	for range 15 {
		clock.Advance(time.Second)
		c.Do("GET", "/api/v1/me", nil).Want(200)
	}
	clock.Advance(5 * time.Second)
	c.Do("GET", "/api/v1/me", nil).Want(401)
}
