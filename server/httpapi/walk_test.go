package httpapi_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/preset"
	"github.com/rolesconsole/console/shared/role"
)

// Every route, read from the router's own table, with a user of every
// default role and with no session: allowed or refused exactly as the
// route's declared access says. Path parameters name things that do not
// exist, so an allowed request answers 4xx other than 401/403 and changes
// nothing; a refused one must answer 401 or 403 before looking.
func TestEveryRouteWithEveryRole(t *testing.T) {
	e := servertest.Start(t)
	routes := e.Server.API.Routes()
	type who struct {
		r      role.Role
		client func() *servertest.Client
	}
	var users []who
	for _, r := range preset.SaaSAdmin.Roles {
		email := r.ID + "@walk.example"
		if r.SuperAdmin {
			users = append(users, who{r, func() *servertest.Client { return e.SignedIn() }})
			continue
		}
		e.WithRole(r.ID, email)
		users = append(users, who{r, func() *servertest.Client {
			c := e.Client()
			c.Login(email, servertest.UserPassword)
			return c
		}})
	}
	checked, mismatches := 0, 0
	for _, rt := range routes {
		path := "/api/v1" + strings.NewReplacer(":permission", "contacts.view", ":id", "does-not-exist").Replace(rt.Path)
		var body any
		if rt.Method != "GET" {
			body = "{}"
		}
		t.Run(rt.Method+" "+rt.Path+" anonymous", func(t *testing.T) {
			checked++
			res := e.Client().Do(rt.Method, path, body)
			if rt.Access.IsPublic() == (res.Status == 401) {
				mismatches++
				t.Errorf("anonymous: %d %s (access %s)", res.Status, res.Body, rt.Access)
			}
		})
		for _, u := range users {
			t.Run(fmt.Sprintf("%s %s as %s", rt.Method, rt.Path, u.r.ID), func(t *testing.T) {
				checked++
				r := u.r
				subject := perm.Default.Compile(r.SuperAdmin, preset.SaaSAdmin.Modules, r.Permissions, nil)
				allowed := rt.Access.IsPublic() || rt.Access.Allows(subject.Can, subject.SuperAdmin())
				// A fresh session per request: a walk of logout must not end the next one's.
				res := u.client().Do(rt.Method, path, body)
				refused := res.Status == 403 && res.ErrorCode() == "forbidden"
				if allowed == refused || res.Status == 401 || res.Status >= 500 {
					mismatches++
					t.Errorf("%s: %d %s (access %s, allowed %v)", u.r.ID, res.Status, res.Body, rt.Access, allowed)
				}
			})
		}
	}
	t.Logf("%d routes x %d roles + anonymous: %d cases, %d mismatches", len(routes), len(users), checked, mismatches)
}
