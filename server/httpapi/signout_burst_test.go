package httpapi_test

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
	"go.mongodb.org/mongo-driver/v2/bson"
)

const burstOf = 50

// lenient lets one user sign in a burst of times at once: the throttles
// count a sign-in as a failure until its password is checked.
func lenient(c *server.Config) {
	c.Auth.EmailFailures, c.Auth.UserFailures, c.Auth.IPFailures = 10*burstOf, 10*burstOf, 10*burstOf
}

// signIn signs a new client in, retrying while the server is too busy to
// check the password, as the sign-in page does; status is the answer.
func signIn(e *servertest.Env, email, pw string) (*servertest.Client, int) {
	c := e.Client()
	for {
		res := c.Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: email, Password: pw})
		if res.Status == http.StatusServiceUnavailable {
			time.Sleep(5 * time.Millisecond)
			continue
		}
		if res.Status == http.StatusOK {
			var out api.LoginResponse
			res.JSON(&out)
			c.CSRF = out.CSRFToken
		}
		return c, res.Status
	}
}

// opened is one sign-in of a burst: when it was sent and answered.
type opened struct {
	c           *servertest.Client
	status      int
	began, done time.Time
}

// burstDuring signs email in burstOf times at once, and runs act once a
// few of those are answered, amid the others; it returns the sign-ins and
// when act began and ended.
func burstDuring(e *servertest.Env, email, pw string, act func()) (out []opened, actBegan, actDone time.Time) {
	out = make([]opened, burstOf)
	start := make(chan struct{})
	answered := make(chan struct{}, burstOf)
	var wg sync.WaitGroup
	for i := range out {
		wg.Go(func() {
			<-start
			began := time.Now()
			c, status := signIn(e, email, pw)
			out[i] = opened{c, status, began, time.Now()}
			answered <- struct{}{}
		})
	}
	wg.Go(func() {
		for range burstOf / 5 {
			<-answered
		}
		actBegan = time.Now()
		act()
		actDone = time.Now()
	})
	close(start)
	wg.Wait()
	return out, actBegan, actDone
}

// "Sign out everywhere" during a burst of 50 sign-ins of the user: every
// session opened before it began is refused, every one opened after it
// ended works, and the account moves as the sign-out everywhere alone
// moves it, however the sign-ins interleave with it.
func TestSignOutEverywhereDuringABurstOfSignIns(t *testing.T) {
	cheapHashes(t)
	e := servertest.Start(t, lenient)
	owner := e.SignedIn()
	_, staffID := e.WithRole("staff", "burst@example.com")
	first := revisionOf(t, e)
	owner.Do("DELETE", "/api/v1/users/"+staffID+"/sessions", nil).Want(204)
	rev := revisionOf(t, e)
	alone := rev - first
	burst, began, done := burstDuring(e, "burst@example.com", servertest.UserPassword, func() {
		owner.Do("DELETE", "/api/v1/users/"+staffID+"/sessions", nil).Want(204)
	})
	before, during, after := 0, 0, 0
	for _, o := range burst {
		if o.status != http.StatusOK {
			t.Fatalf("sign-in answered %d", o.status)
		}
		status := o.c.Do("GET", "/api/v1/me", nil).Status
		switch {
		case o.done.Before(began):
			before++
			if status != http.StatusUnauthorized {
				t.Errorf("signed in before the sign-out everywhere, the session still answers %d", status)
			}
		case o.began.After(done):
			after++
			if status != http.StatusOK {
				t.Errorf("signed in after the sign-out everywhere, the session answers %d", status)
			}
		default:
			during++
		}
	}
	t.Logf("sign-ins before the sign-out everywhere %d, during %d, after %d", before, during, after)
	if now := revisionOf(t, e); now != rev+alone {
		t.Errorf("revision %d, then %d, where a sign-out everywhere alone moves it by %d: the sign-ins wrote the account", rev, now, alone)
	}
}

// Disabling a user during a burst of 50 of their sign-ins, then enabling
// them again: no session of the burst works, the ones opened as the
// disable committed included, since each carries the epoch it read.
func TestDisableDuringABurstOfSignIns(t *testing.T) {
	cheapHashes(t)
	e := servertest.Start(t, lenient)
	owner := e.SignedIn()
	_, staffID := e.WithRole("staff", "burst@example.com")
	burst, _, _ := burstDuring(e, "burst@example.com", servertest.UserPassword, func() {
		owner.Do("POST", "/api/v1/users/"+staffID+"/disable", nil).Want(200)
	})
	owner.Do("POST", "/api/v1/users/"+staffID+"/enable", nil).Want(200)
	in, refused := 0, 0
	for _, o := range burst {
		if o.status != http.StatusOK {
			refused++
			continue
		}
		in++
		if status := o.c.Do("GET", "/api/v1/me", nil).Status; status != http.StatusUnauthorized {
			t.Errorf("a session of the burst answers %d after the disable", status)
		}
	}
	t.Logf("sign-ins let in %d, refused %d", in, refused)
	if left := sessionsOf(t, e, staffID); left != 0 {
		t.Errorf("%d sessions of the disabled user left in the store", left)
	}
}

// sessionsOf counts a user's sessions in the store, those still being
// deleted after their end included (the sweep would delete them).
func sessionsOf(t *testing.T, e *servertest.Env, userID string) int64 {
	t.Helper()
	n, err := e.DB().Collection("sessions").CountDocuments(t.Context(), map[string]string{"user_id": userID})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// 50 sessions, each used on two servers sharing the store, signed out one
// by one, all at once, half on each server: each is refused at once on
// both, and the account was not written.
func TestABurstOfSingleSignOutsOnTwoServers(t *testing.T) {
	cheapHashes(t)
	a := servertest.Start(t, lenient)
	b := servertest.Start(t, func(c *server.Config) {
		lenient(c)
		c.Store.URI = a.Server.Store.Embedded().OutsideURI()
	})
	type pair struct{ onA, onB *servertest.Client }
	pairs := make([]pair, burstOf)
	for i := range pairs {
		onA, status := signIn(a, a.Email, a.Password)
		if status != http.StatusOK {
			t.Fatalf("sign-in: %d", status)
		}
		pairs[i] = pair{onA, sameSession(onA, a, b)}
	}
	for _, p := range pairs {
		p.onA.Do("GET", "/api/v1/me", nil).Want(200)
		p.onB.Do("GET", "/api/v1/me", nil).Want(200)
	}
	size, rev := accountBytes(t, a)
	var wg sync.WaitGroup
	for i, p := range pairs {
		wg.Go(func() {
			on := p.onA
			if i%2 == 1 {
				on = p.onB
			}
			on.Do("POST", "/api/v1/auth/logout", nil).Want(204)
		})
	}
	wg.Wait()
	for i, p := range pairs {
		for server, c := range map[string]*servertest.Client{"A": p.onA, "B": p.onB} {
			if status := c.Do("GET", "/api/v1/me", nil).Status; status != http.StatusUnauthorized {
				t.Errorf("session %d, signed out, answers %d on %s", i, status, server)
			}
		}
	}
	if afterSize, afterRev := accountBytes(t, a); afterSize != size || afterRev != rev {
		t.Errorf("account %d bytes at revision %d, then %d at %d", size, rev, afterSize, afterRev)
	}
}

// revisionOf is the account's revision as the store has it, read afresh:
// the claimed versions, not the account document, which is rewritten only
// now and then (and by whichever reader finishes a writer's work).
func revisionOf(t *testing.T, e *servertest.Env) int64 {
	t.Helper()
	var id string
	if err := e.DB().Collection("accounts").FindOne(t.Context(), bson.D{}).Decode(&struct {
		ID *string `bson:"_id"`
	}{&id}); err != nil {
		t.Fatal(err)
	}
	a, err := e.Server.Store.Accounts.Get(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	return a.Revision
}

// sameSession is a client of to holding c's session, made on from.
func sameSession(c *servertest.Client, from, to *servertest.Env) *servertest.Client {
	out := to.Client()
	out.CSRF = c.CSRF
	reqFrom, _ := http.NewRequest("GET", from.URL, nil)
	reqTo, _ := http.NewRequest("GET", to.URL, nil)
	out.HTTP.Jar.SetCookies(reqTo.URL, c.HTTP.Jar.Cookies(reqFrom.URL))
	return out
}
