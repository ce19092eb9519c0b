package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// Fifty admins writing one account at once, two writes each, on the
// server's own settings (its request deadline included): none is refused
// or fails, and every write is applied exactly once, with one revision and
// one audit record each. Each renames a user of its own twice, so every
// write is a change. Repeated a few times.
func TestFiftyConcurrentWritersAreEachAppliedOnce(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": "enterprise"}).Want(200)
	ids := addMembers(t, e, fiftyWriters, "staff", "writer")
	fiftyWrite(t, e, ids, []*servertest.Client{owner})
}

// The same across two servers sharing one store: the writes of each
// server queue there, and the two servers' compare-and-set retries stay
// within their bound.
func TestFiftyConcurrentWritersOnTwoServers(t *testing.T) {
	a := servertest.Start(t, func(c *server.Config) { c.TOTPKey = twoServersKey })
	b := servertest.Start(t, func(c *server.Config) {
		c.Store.URI = a.Server.Store.Embedded().OutsideURI()
		c.TOTPKey = twoServersKey
	})
	onA := a.Client()
	login := onA.Login(a.Email, a.Password)
	onA.Do("PATCH", "/api/v1/account", map[string]string{"plan": "enterprise"}).Want(200)
	onB := b.Client()
	onB.CSRF = login.CSRFToken
	reqA, _ := http.NewRequest("GET", a.URL, nil)
	reqB, _ := http.NewRequest("GET", b.URL, nil)
	onB.HTTP.Jar.SetCookies(reqB.URL, onA.HTTP.Jar.Cookies(reqA.URL))
	ids := addMembers(t, a, fiftyWriters, "staff", "writer")
	fiftyWrite(t, a, ids, []*servertest.Client{onA, onB})
}

const (
	fiftyWriters  = 50
	fiftyRounds   = 3
	twoServersKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
)

// fiftyWrite has writer i rename user ids[i] twice, through the clients in
// turn, fiftyRounds times, and checks what the store holds after each round.
func fiftyWrite(t *testing.T, e *servertest.Env, ids []string, clients []*servertest.Client) {
	t.Helper()
	for round := range fiftyRounds {
		before, audited := account(t, e).Revision, e.Count("audit")
		statuses := race(fiftyWriters, func(i int) int {
			c := clients[i%len(clients)]
			first := c.Do("PATCH", "/api/v1/users/"+ids[i], api.PatchUser{Name: ptr(fmt.Sprintf("W%d r%d a", i, round))}).Status
			second := c.Do("PATCH", "/api/v1/users/"+ids[i], api.PatchUser{Name: ptr(fmt.Sprintf("W%d r%d b", i, round))}).Status
			if first != 200 {
				return first
			}
			return second
		})
		acct := account(t, e)
		wrote, recorded := acct.Revision-before, e.Count("audit")-audited
		t.Logf("round %d: answers other than 200: %d; revisions %d, audit records %d", round, fiftyWriters-count(statuses, 200), wrote, recorded)
		if count(statuses, 200) != fiftyWriters || wrote != 2*fiftyWriters || recorded != 2*fiftyWriters {
			t.Fatalf("round %d: %d writers of %d got 200 twice (%v); %d revisions and %d audit records for %d writes",
				round, count(statuses, 200), fiftyWriters, statuses, wrote, recorded, 2*fiftyWriters)
		}
		for i, id := range ids {
			if name, want := acct.Members[id].Name, fmt.Sprintf("W%d r%d b", i, round); name != want {
				t.Fatalf("round %d: user %s named %q, want %q", round, id, name, want)
			}
		}
	}
}
