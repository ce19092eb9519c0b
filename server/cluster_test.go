package server_test

import (
	"net/http"
	"testing"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// Two server processes' worth of state on one store behave as one: the
// API keeps nothing in a process that another needs. The second server
// reaches the first one's embedded store through MONGODB_URI, as a second
// process would.
func TestTwoServersOnOneStore(t *testing.T) {
	a := servertest.Start(t, func(c *server.Config) { c.TOTPKey = sharedKey })
	b := servertest.Start(t, func(c *server.Config) {
		c.Store.URI = a.Server.Store.Embedded().OutsideURI()
		c.TOTPKey = sharedKey
	})
	if b.Server.Demo != nil {
		t.Fatal("the second server made its own demo account")
	}
	b.Email = a.Email

	// A session made on one works on the other.
	onA := a.Client()
	login := onA.Login(a.Email, a.Password)
	onB := b.Client()
	onB.CSRF = login.CSRFToken
	req, _ := http.NewRequest("GET", a.URL, nil)
	reqB, _ := http.NewRequest("GET", b.URL, nil)
	onB.HTTP.Jar.SetCookies(reqB.URL, onA.HTTP.Jar.Cookies(req.URL))
	onB.Do("GET", "/api/v1/me", nil).Want(200)

	// A permission change made on one is enforced by the other at once.
	staffA, _ := a.WithRole("staff", "staff@example.com")
	staffB := b.Client()
	staffB.Login("staff@example.com", servertest.UserPassword)
	staffB.Do("GET", "/api/v1/audit", nil).Want(403)
	onA.Do("PUT", "/api/v1/roles/staff/permissions/audit.view", api.Toggle{Granted: ptr(true)}).Want(200)
	staffB.Do("GET", "/api/v1/audit", nil).Want(200)
	staffA.Do("GET", "/api/v1/audit", nil).Want(200)

	// What an open page polls (the account's revision) moves on both.
	var meA, meB api.Me
	onA.Do("GET", "/api/v1/me", nil).Want(200).JSON(&meA)
	onB.Do("GET", "/api/v1/me", nil).Want(200).JSON(&meB)
	if meA.Account.Revision != meB.Account.Revision {
		t.Errorf("revisions %d and %d", meA.Account.Revision, meB.Account.Revision)
	}

	// Failed sign-ins are counted across both.
	for i := 0; i < 3; i++ {
		a.Client().Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: "staff@example.com", Password: "wrong-password"}).Want(401)
	}
	for i := 0; i < 2; i++ {
		b.Client().Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: "staff@example.com", Password: "wrong-password"}).Want(401)
	}
	a.Client().Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: "staff@example.com", Password: servertest.UserPassword}).Want(429)

	// Logging out on one ends the session on the other.
	onA.Do("POST", "/api/v1/auth/logout", nil).Want(204)
	onB.Do("GET", "/api/v1/me", nil).Want(401)
}

const sharedKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="

func ptr[T any](v T) *T { return &v }

// Whatever ends sessions on one server ends them on the other at once,
// though each keeps sessions in memory: signing one out, "sign out
// everywhere", and a password change, which keeps the session that made it
// (on both servers) and ends the others.
func TestSessionsEndAcrossServers(t *testing.T) {
	a := servertest.Start(t, func(c *server.Config) { c.TOTPKey = sharedKey })
	b := servertest.Start(t, func(c *server.Config) {
		c.Store.URI = a.Server.Store.Embedded().OutsideURI()
		c.TOTPKey = sharedKey
	})
	// same returns a client of to that holds from's session.
	same := func(from *servertest.Client, to *servertest.Env, fromEnv *servertest.Env) *servertest.Client {
		c := to.Client()
		c.CSRF = from.CSRF
		reqFrom, _ := http.NewRequest("GET", fromEnv.URL, nil)
		reqTo, _ := http.NewRequest("GET", to.URL, nil)
		c.HTTP.Jar.SetCookies(reqTo.URL, from.HTTP.Jar.Cookies(reqFrom.URL))
		return c
	}
	kept := a.Client()
	kept.Login(a.Email, a.Password)
	keptOnB := same(kept, b, a)
	other := b.Client()
	other.Login(a.Email, a.Password)
	otherOnA := same(other, a, b)
	for _, c := range []*servertest.Client{kept, keptOnB, other, otherOnA} {
		c.Do("GET", "/api/v1/me", nil).Want(200)
	}
	// An admin signs a user out everywhere on one; the other refuses them.
	staffA, staffID := a.WithRole("staff", "staff@example.com")
	staffOnB := same(staffA, b, a)
	staffOnB.Do("GET", "/api/v1/me", nil).Want(200)
	kept.Do("DELETE", "/api/v1/users/"+staffID+"/sessions", nil).Want(204)
	staffOnB.Do("GET", "/api/v1/me", nil).Want(401)

	const next = "another-long-password-42"
	kept.Do("POST", "/api/v1/me/password", api.ChangePassword{CurrentPassword: a.Password, NewPassword: next}).Want(204)
	kept.Do("GET", "/api/v1/me", nil).Want(200)
	keptOnB.Do("GET", "/api/v1/me", nil).Want(200)
	other.Do("GET", "/api/v1/me", nil).Want(401)
	otherOnA.Do("GET", "/api/v1/me", nil).Want(401)

	// One session signed out from the list of sessions, on the other server.
	var list api.SessionList
	keptOnB.Do("GET", "/api/v1/me/sessions", nil).Want(200).JSON(&list)
	if len(list.Items) != 1 || !list.Items[0].Current {
		t.Fatalf("sessions after the password change: %+v", list.Items)
	}
	keptOnB.Do("DELETE", "/api/v1/me/sessions/"+list.Items[0].ID, nil).Want(204)
	kept.Do("GET", "/api/v1/me", nil).Want(401)
}
