package httpapi_test

import (
	"strings"
	"testing"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/accounts"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/preset"
)

// Every route that needs a session, read from the router, x every default
// role of every preset x {ids of the caller's own account, ids of another
// account} where the route takes an id. Allowed or refused exactly as the
// route declares; another account's ids answer 404.
func TestEveryRouteEveryPresetTwoTenants(t *testing.T) {
	checked, mismatches, privateCases := 0, 0, 0
	for _, key := range preset.Keys {
		t.Run(key, func(t *testing.T) {
			p, _ := preset.Lookup(key)
			e := servertest.Start(t, func(c *server.Config) { c.Preset = key })
			owner := e.SignedIn()
			owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": "enterprise"}).Want(200)
			// Another tenant, with a user and an audit entry of its own.
			_, otherUser, err := accounts.Create(t.Context(), e.Server.Store, accounts.New{Name: "Other", Preset: key, OwnerName: "Other Owner", Email: "owner@other.example", Password: "other-password-1"})
			if err != nil {
				t.Fatal(err)
			}
			other := e.Client()
			other.Login("owner@other.example", "other-password-1")
			other.Do("POST", "/api/v1/roles", api.CreateRole{Name: "Theirs"}).Want(201)
			otherAudit := auditPage(t, other, "").Items[0].ID

			private, ownerID := "", me(t, owner).User.ID
			for _, r := range p.Roles {
				if r.Private {
					private = r.ID
				}
			}
			last := p.Roles[len(p.Roles)-1]
			mine := createUser(t, owner, "Mine", emailAt(last, "mine", key+".example"), last.ID, "mine-password-12")
			owner.Do("POST", "/api/v1/roles", api.CreateRole{Name: "Ours"}).Want(201)
			myAudit := auditPage(t, owner, "").Items[0].ID

			type who struct {
				roleID          string
				subject         *perm.Subject
				client          *servertest.Client
				email, password string
			}
			var people []who
			for _, r := range p.Roles {
				s := perm.Default.Compile(r.SuperAdmin, p.Modules, r.Permissions, nil)
				if r.ID == p.Top().ID {
					people = append(people, who{r.ID, s, e.SignedIn(), e.Email, e.Password})
					continue
				}
				email := emailAt(r, r.ID, "walk.example")
				createUser(t, owner, "Walker", email, r.ID, "walker-password-1")
				c := e.Client()
				c.Login(email, "walker-password-1")
				people = append(people, who{r.ID, s, c, email, "walker-password-1"})
			}
			for _, rt := range e.Server.API.Routes() {
				if rt.Access.IsPublic() {
					continue // no session, no role: TestEveryRouteWithEveryRole walks them
				}
				tenants := []string{"own"}
				if strings.Contains(rt.Path, ":id") {
					tenants = append(tenants, "other")
				}
				// The holder of a private role (the ladder's Super Admin)
				// is not found by anyone else, whatever they ask.
				if private != "" && strings.HasPrefix(rt.Path, "/users/:id") {
					tenants = append(tenants, "private")
				}
				for _, tenant := range tenants {
					user, audit := mine.ID, myAudit
					switch tenant {
					case "other":
						user, audit = otherUser.ID, otherAudit
					case "private":
						user = ownerID
					}
					id := user
					if strings.HasPrefix(rt.Path, "/audit/") {
						id = audit
					} else if strings.HasPrefix(rt.Path, "/roles/") {
						id = "theirs"
						if tenant == "own" {
							id = "ours"
						}
					}
					path := "/api/v1" + strings.NewReplacer(":id", id, ":permission", "users.view").Replace(rt.Path)
					var body any
					switch rt.Method {
					case "PUT":
						body = granted(false)
					case "POST":
						if strings.HasSuffix(rt.Path, "reset-password") {
							body = api.ResetPassword{Mode: "email"}
						} else if !strings.Contains(rt.Path, ":id") {
							body = "{}"
						}
					case "DELETE":
						if !strings.Contains(rt.Path, ":id") {
							body = "{}"
						}
					}
					if rt.Method == "PATCH" && !strings.Contains(rt.Path, ":id") {
						body = "{}"
					}
					for _, w := range people {
						if tenant == "private" && w.roleID == private {
							continue // themselves: their own doors are walked elsewhere
						}
						checked++
						c := w.client
						if rt.Path == "/auth/logout" {
							c = e.Client() // a session of its own, so the walk keeps w's
							c.Login(w.email, w.password)
						}
						allowed := rt.Access.IsPublic() || rt.Access.Allows(w.subject.Can, w.subject.SuperAdmin())
						// Each caller asks for a value of their own: once a
						// first caller set it, the same value would change
						// nothing and so prove nothing.
						value, body := "Walk "+w.roleID, body
						if rt.Method == "PATCH" && strings.Contains(rt.Path, ":id") {
							body = map[string]string{"description": value}
							if rt.Path == "/users/:id" {
								body = map[string]string{"name": value}
								// The route is open to every signed-in user
								// (for their own name); another's needs users.edit.
								allowed = w.subject.Can("users.edit")
							}
						}
						res := c.Do(rt.Method, path, body)
						if rt.Path == "/users/:id" && rt.Method == "PATCH" && tenant == "own" {
							var u api.User
							owner.Do("GET", "/api/v1/users/"+mine.ID, nil).Want(200).JSON(&u)
							if renamed := u.Name == value; renamed != (res.Status == 200) {
								mismatches++
								t.Errorf("rename as %s: %d %s, and the name is now %q", w.roleID, res.Status, res.Body, u.Name)
							}
						}
						forbidden := res.Status == 403 && res.ErrorCode() == "forbidden"
						var bad string
						switch {
						case res.Status >= 500 || res.Status == 401:
							bad = "error"
						case !allowed && !forbidden && !(res.Status == 404 && rt.Access.Permission == ""):
							bad = "not refused"
						case allowed && forbidden:
							bad = "refused"
						case tenant == "other" && res.Status != 404 && !forbidden:
							bad = "another tenant's id did not answer 404"
						case tenant == "private" && res.Status != 404 && !forbidden:
							bad = "the private Super Admin was found"
						}
						if tenant == "private" {
							privateCases++
						}
						if bad != "" {
							mismatches++
							t.Errorf("%s %s as %s (%s tenant): %s: %d %s", rt.Method, rt.Path, w.roleID, tenant, bad, res.Status, res.Body)
						}
					}
				}
			}
		})
	}
	t.Logf("%d cases (%d on a private role's holder), %d mismatches", checked, privateCases, mismatches)
}
