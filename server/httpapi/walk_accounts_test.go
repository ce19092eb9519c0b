package httpapi_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rolesconsole/console/server/accounts"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// Every route, walked by a person who is a super admin of two accounts
// and acts in the first, with the ids of the second account's user, role,
// audit entry and session in the path: nothing of the second account is
// reached (no success for a route that names something) and no answer
// names it, but for the one list of the person's own accounts.
func TestEveryRouteWithAPersonOfTwoAccounts(t *testing.T) {
	e := servertest.Start(t)
	north := e.SignedIn()
	const southName, southOwner = "Southside Walk Clinic", "sol@southwalk.example"
	south, _, err := accounts.Create(t.Context(), e.Server.Store, accounts.New{Name: southName, OwnerName: "Sol", Email: southOwner, Password: "sol-password-1234"})
	if err != nil {
		t.Fatal(err)
	}
	sol := e.Client()
	sol.Login(southOwner, "sol-password-1234")
	const email, pw = "pat@both.example", "pat-shared-password-1"
	north.Do("POST", "/api/v1/users", api.CreateUser{Name: "Pat", Email: email, RoleID: "super_admin", Password: pw}).Want(201)
	joining := e.Client()
	joining.Login(email, pw)
	patSouth := joins(t, sol, joining, email, "Pat", "super_admin")
	var southRole api.Role
	sol.Do("POST", "/api/v1/roles", api.CreateRole{Name: "Southside only", Color: "teal", Permissions: []string{"contacts.view"}}).Want(201).JSON(&southRole)
	var audit api.AuditPage
	sol.Do("GET", "/api/v1/audit", nil).Want(200).JSON(&audit)
	var sessions api.SessionList
	sol.Do("GET", "/api/v1/me/sessions", nil).Want(200).JSON(&sessions)
	southIDs := map[string]string{
		"/users/": patSouth.ID, "/roles/": southRole.ID, "/audit/": audit.Items[0].ID,
		"/me/sessions/": sessions.Items[0].ID, "/me/accounts/": patSouth.ID,
	}
	secrets := []string{southName, south.ID, southOwner, patSouth.ID, southRole.ID}

	pat := func() *servertest.Client {
		c := e.Client()
		c.Login(email, pw)
		if me(t, c).Account.ID == south.ID {
			c.Switch(me(t, north).Account.ID, nil).Want(200)
		}
		return c
	}
	checked := 0
	for _, rt := range e.Server.API.Routes() {
		path := "/api/v1" + strings.ReplaceAll(rt.Path, ":permission", "contacts.view")
		names := strings.Contains(path, ":id")
		for prefix, id := range southIDs {
			if strings.HasPrefix(path, "/api/v1"+prefix+":id") {
				path = strings.Replace(path, ":id", id, 1)
			}
		}
		path = strings.ReplaceAll(path, ":id", south.ID)
		var body any
		if rt.Method != "GET" {
			body = "{}"
		}
		t.Run(rt.Method+" "+rt.Path, func(t *testing.T) {
			checked++
			// A fresh session per request: a walk of logout must not end the next one's.
			res := pat().Do(rt.Method, path, body)
			if names && res.Status < 300 {
				t.Errorf("reached the other account's %s: %d %s", path, res.Status, res.Body)
			}
			if res.Status >= 500 {
				t.Errorf("%s: %d %s", path, res.Status, res.Body)
			}
			if rt.Method == "GET" && rt.Path == "/me/accounts" {
				return
			}
			for _, s := range secrets {
				if bytes.Contains(res.Body, []byte(s)) {
					t.Errorf("%s answers with %q of the other account: %s", path, s, res.Body)
				}
			}
		})
	}
	t.Logf("%d routes walked acting in one account with the other's ids", checked)
}
