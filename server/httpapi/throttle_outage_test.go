package httpapi_test

import (
	"context"
	"testing"
	"time"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/server/store"
)

// storeDiesAtTheCode is a second-factor check during which the store goes
// away: its answer is the store's own error on reading the user again.
type storeDiesAtTheCode struct{ e *servertest.Env }

func (s storeDiesAtTheCode) Verify(ctx context.Context, u *store.User, _, _ string) error {
	s.e.Server.Store.Embedded().Stop()
	_, err := s.e.Server.Store.Users.Get(ctx, u.AccountID, u.ID)
	return err
}

// An attempt the store fails on, after its password was checked, still
// counts against the throttles: an attacker who can make the store slow
// or absent (a burst, a failover) gets no free guesses. With a limit of two
// failures, two such attempts answer 503; the third is throttled before
// anything is checked.
func TestAttemptsEndingIn503AreCounted(t *testing.T) {
	clock := newClock()
	e := servertest.Start(t, func(c *server.Config) { c.Auth.Now, c.Auth.EmailFailures, c.Store.Timeout = clock.Now, 2, time.Second })
	enrol(t, e.SignedIn(), clock)
	e.Server.Auth.UseSecondFactor(storeDiesAtTheCode{e})
	c := e.Client()
	for i := range 2 {
		res := login2FA(c, e.Email, e.Password, "000000", "")
		if res.Status != 503 || res.ErrorCode() != "unavailable" {
			t.Fatalf("attempt %d while the store died: %d %s; want 503 unavailable", i+1, res.Status, res.Body)
		}
		if err := e.Server.Store.Embedded().Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(30 * time.Second)
		for c.Do("GET", "/readyz", nil).Status != 200 {
			if time.Now().After(deadline) {
				t.Fatal("the store did not come back")
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	res := login2FA(c, e.Email, e.Password, "000000", "").Want(429)
	if res.ErrorCode() != "too_many_attempts" || res.Header.Get("Retry-After") == "" {
		t.Fatalf("the third attempt: %s %s", res.ErrorCode(), res.Header.Get("Retry-After"))
	}
}
