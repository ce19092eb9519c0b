package httpapi_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/rolesconsole/console/server/servertest"
)

// Every /api/v1 answer, success or refusal, signed in or not, tells every
// cache not to keep it: TOTP secrets, recovery codes and the outbox's
// reset links must not outlive the page that asked.
func TestEveryAPIAnswerIsNoStore(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	u := createUser(t, owner, "Target", "target@example.com", "staff", "target-password-1")
	routes := e.Server.API.Routes()
	// Signing out last keeps the session for the other routes.
	sort.SliceStable(routes, func(i, j int) bool { return routes[j].Path == "/auth/logout" && routes[i].Path != "/auth/logout" })
	checked := 0
	check := func(who, method, path string, res *servertest.Response) {
		t.Helper()
		checked++
		if got := res.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s %s %s: %d with Cache-Control %q", who, method, path, res.Status, got)
		}
	}
	for _, r := range routes {
		path := "/api/v1" + strings.NewReplacer(":id", u.ID, ":permission", "events.view").Replace(r.Path)
		check("anonymous", r.Method, path, e.Client().Do(r.Method, path, nil))
		check("owner", r.Method, path, owner.Do(r.Method, path, nil))
	}
	for _, path := range []string{"/api/v1/no-such-route", "/api/elsewhere"} {
		check("owner", "GET", path, owner.Do("GET", path, nil))
	}
	t.Logf("%d answers over %d routes checked", checked, len(routes))
}
