package httpapi_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/preset"
	"github.com/rolesconsole/console/shared/role"
)

// door is a route that acts on another person's sign-in, credentials or
// standing: a way to become them, or to lock them out.
type door struct {
	name, method, path string
	// needs is the permission the route itself asks of the caller.
	needs string
	body  func(roleID string) any
}

func none(string) any { return nil }

// takeoverDoors are every such route. roleID, for a role change, is a role
// the caller may give (their own).
var takeoverDoors = []door{
	{"reset password by email", "POST", "/users/%s/reset-password", "users.manage", func(string) any { return api.ResetPassword{Mode: "email"} }},
	{"set a password", "POST", "/users/%s/reset-password", "users.manage", func(string) any {
		return api.ResetPassword{Mode: "set", Password: "taken-over-password-1"}
	}},
	{"reset 2FA", "POST", "/users/%s/reset-2fa", "users.manage", none},
	{"end sessions", "DELETE", "/users/%s/sessions", "users.manage", none},
	{"clear lockout", "DELETE", "/users/%s/lockout", "users.manage", none},
	{"remind 2FA", "POST", "/users/%s/remind-2fa", "users.manage", none},
	{"disable", "POST", "/users/%s/disable", "users.manage", none},
	{"enable", "POST", "/users/%s/enable", "users.manage", none},
	{"revoke", "POST", "/users/%s/revoke", "users.manage", none},
	{"re-invite", "POST", "/users/%s/invite", "users.manage", none},
	{"restore", "POST", "/users/%s/restore", "users.manage", none},
	{"delete", "DELETE", "/users/%s", "users.delete", none},
	{"purge", "DELETE", "/users/%s?purge=true", "users.delete", none},
	{"rename", "PATCH", "/users/%s", "users.edit", func(string) any { return map[string]string{"name": "Taken Over"} }},
	{"change role", "PATCH", "/users/%s", "users.manage", func(roleID string) any { return map[string]string{"role_id": roleID} }},
	{"set overrides", "PATCH", "/users/%s", "users.manage", func(string) any {
		return api.PatchUser{Overrides: &perm.Overrides{Grant: []string{}, Deny: []string{"users.view"}}}
	}},
}

// The attack: an Admin without billing.manage resets the second
// factor and the password of a colleague who holds it, to sign in as them
// and change the plan. Each door is refused with one code and one
// sentence, and the colleague's sign-in is untouched.
func TestNoTakeoverOfAStrongerColleague(t *testing.T) {
	clock := newClock()
	e := servertest.Start(t, func(c *server.Config) { c.Auth.Now = clock.Now })
	owner := e.SignedIn()
	owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": "enterprise"}).Want(200)
	var billing api.Role
	owner.Do("POST", "/api/v1/roles", api.CreateRole{Name: "Billing", Color: "green",
		Permissions: []string{"users.view", "account.view", "account.manage", "billing.view", "billing.manage"}}).Want(201).JSON(&billing)
	victim := createUser(t, owner, "Vera Billing", "vera@example.com", billing.ID, "vera-password-123")
	vera := e.Client()
	vera.Login("vera@example.com", "vera-password-123")
	enrol(t, vera, clock)
	admin, _ := e.WithRole("admin", "admin@example.com")
	before := account(t, e).Revision

	sentences := map[string]bool{}
	for _, d := range takeoverDoors {
		res := admin.Do(d.method, "/api/v1"+fmt.Sprintf(d.path, victim.ID), d.body("admin"))
		if res.Status != 409 || res.ErrorCode() != api.CodeEscalation {
			t.Errorf("%s: %d %s; want 409 escalation", d.name, res.Status, res.Body)
			continue
		}
		var body api.Error
		res.JSON(&body)
		sentences[body.Error.Message] = true
	}
	if len(sentences) != 1 {
		t.Errorf("the doors say %d different things: %v", len(sentences), sentences)
	}
	if after := account(t, e).Revision; after != before {
		t.Errorf("refused takeovers changed the account: revision %d -> %d", before, after)
	}
	// Vera still signs in as before, with her password and second factor;
	// the password the admin tried does not work.
	login2FA(e.Client(), "vera@example.com", "taken-over-password-1", "", "").Want(401)
	if res := login2FA(e.Client(), "vera@example.com", "vera-password-123", "", ""); res.ErrorCode() != api.CodeTOTPRequired {
		t.Errorf("Vera's second factor is gone: %d %s", res.Status, res.Body)
	}
	vera.Do("GET", "/api/v1/me", nil).Want(200)

	// Someone who holds all she holds may act: the super admin resets her password.
	owner.Do("POST", "/api/v1/users/"+victim.ID+"/reset-password", api.ResetPassword{Mode: "set", Password: "reset-by-owner-123"}).Want(204)
	// And the admin still acts on someone whose permissions they all hold.
	staff := createUser(t, owner, "Sam Staff", "sam@example.com", "staff", "sam-password-1234")
	admin.Do("POST", "/api/v1/users/"+staff.ID+"/reset-password", api.ResetPassword{Mode: "set", Password: "reset-by-admin-123"}).Want(204)
}

// Super admins and locked roles are changed only by super admins: an Admin
// can neither rename the super admin nor rename or re-describe the Super
// Admin role, by hand or by undoing a change.
func TestOnlySuperAdminsChangeSuperAdmins(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	admin, _ := e.WithRole("admin", "admin@example.com")
	ownerID := me(t, owner).User.ID
	for _, s := range []servertest.Scenario{
		{Name: "rename the super admin", Method: "PATCH", Path: "/api/v1/users/" + ownerID, Body: map[string]string{"name": "Mallory"}, Client: admin, WantStatus: 409, WantCode: api.CodeEscalation},
		{Name: "rename the role", Method: "PATCH", Path: "/api/v1/roles/super_admin", Body: map[string]string{"name": "Nobody"}, Client: admin, WantStatus: 409, WantCode: api.CodeEscalation},
		{Name: "re-describe the role", Method: "PATCH", Path: "/api/v1/roles/super_admin", Body: map[string]string{"description": "x"}, Client: admin, WantStatus: 409, WantCode: api.CodeEscalation},
		{Name: "recolour the role", Method: "PATCH", Path: "/api/v1/roles/super_admin", Body: map[string]string{"color": "red"}, Client: admin, WantStatus: 409, WantCode: api.CodeEscalation},
		{Name: "reset the role", Method: "POST", Path: "/api/v1/roles/super_admin/reset", Client: admin, WantStatus: 409, WantCode: api.CodeEscalation},
	} {
		s.Run(t, e)
	}
	if r := getRole(t, owner, "super_admin"); r.Name != "Super Admin" {
		t.Errorf("the role became %q", r.Name)
	}
	// The super admin may; an admin may not undo it either.
	owner.Do("PATCH", "/api/v1/roles/super_admin", map[string]string{"description": "The owners."}).Want(200)
	rec := auditPage(t, owner, "").Items[0]
	wantCode(t, admin.Do("POST", "/api/v1/audit/"+rec.ID+"/revert", nil), 409, api.CodeEscalation)
	owner.Do("PATCH", "/api/v1/users/"+ownerID, map[string]string{"name": "Olivia Owner"}).Want(200)
}

// The takeover doors, walked for every preset: each caller holding the
// door's permission, on a user of every role. Refused as escalation
// exactly when the target holds a permission the caller lacks (computed
// here from the preset, apart from the server), with the one sentence; a
// private role's holder is not found at all. What an allowed door changes
// is put back, so every case starts from the same account.
func TestTakeoverDoorsEveryPresetEveryRole(t *testing.T) {
	checked, mismatches := 0, 0
	for _, key := range preset.Keys {
		t.Run(key, func(t *testing.T) {
			p, _ := preset.Lookup(key)
			e, owner := presetEnv(t, key)
			subject := func(roleID string, o *perm.Overrides) *perm.Subject {
				r, _ := p.Role(roleID)
				if roleID == "everything" {
					r.Permissions = perm.All(perm.Modules(p.Modules))
				}
				return perm.Default.Compile(r.SuperAdmin, p.Modules, r.Permissions, o)
			}
			// A user of every role, one of a role holding every permission
			// but no super admin's, and, where the account allows
			// overrides, one of the lowest role granted billing.manage.
			type target struct {
				role      role.Role
				id        string
				overrides *perm.Overrides
			}
			var targets []target
			for _, r := range p.Roles {
				if r.MaxHolders == 1 {
					targets = append(targets, target{r, me(t, owner).User.ID, nil}) // the one holder there may be
					continue
				}
				targets = append(targets, target{r, createUser(t, owner, "Target "+r.Name, emailAt(r, "target-"+r.ID, "walk.example"), r.ID, "target-password-1").ID, nil})
			}
			everything := role.Role{ID: "everything", Name: "Everything", Color: "red", Permissions: perm.All(perm.Modules(p.Modules))}
			owner.Do("POST", "/api/v1/roles", api.CreateRole{Name: everything.Name, Color: everything.Color, Permissions: everything.Permissions}).Want(201)
			targets = append(targets, target{everything, createUser(t, owner, "Target Everything", "target-everything@walk.example", "everything", "target-password-1").ID, nil})
			if p.Policy.Overrides {
				low := p.Roles[len(p.Roles)-1]
				o := &perm.Overrides{Grant: []string{"billing.manage"}, Deny: []string{}}
				id := createUser(t, owner, "Target Granted", emailAt(low, "target-granted", "walk.example"), low.ID, "target-password-1").ID
				owner.Do("PATCH", "/api/v1/users/"+id, api.PatchUser{Overrides: o}).Want(200)
				targets = append(targets, target{low, id, o})
			}
			for _, actorRole := range p.Roles {
				as := subject(actorRole.ID, nil)
				if actorRole.SuperAdmin || !(as.Can("users.manage") || as.Can("users.delete") || as.Can("users.edit")) {
					continue // super admins may all; the others get no further than 403
				}
				email := emailAt(actorRole, "actor-"+actorRole.ID, "walk.example")
				createUser(t, owner, "Actor "+actorRole.Name, email, actorRole.ID, "actor-password-12")
				actor := e.Client()
				actor.Login(email, "actor-password-12")
				for _, tg := range targets {
					id, targetRole := tg.id, tg.role
					saved := account(t, e).Members[id]
					ts := subject(targetRole.ID, tg.overrides)
					var missing []string
					for _, g := range ts.Granted() {
						if !as.Check(g.ID, strings.HasSuffix(g.ID, ":own")).Allowed {
							missing = append(missing, g.ID)
						}
					}
					hidden := targetRole.Private && targetRole.ID != actorRole.ID
					for _, d := range takeoverDoors {
						if d.name == "change role" && targetRole.ID == actorRole.ID && tg.overrides == nil {
							continue // to their own role: no change at all
						}
						checked++
						res := actor.Do(d.method, "/api/v1"+fmt.Sprintf(d.path, id), d.body(actorRole.ID))
						escalation := res.Status == 409 && res.ErrorCode() == api.CodeEscalation
						var bad string
						switch {
						case !as.Can(d.needs):
							if res.Status != 403 {
								bad = "not refused for lack of " + d.needs
							}
						case hidden:
							if res.Status != 404 {
								bad = "a private role's holder was found"
							}
						case len(missing) > 0 && !escalation:
							bad = "not refused: the target holds " + strings.Join(missing, ", ")
						case len(missing) > 0 && !strings.Contains(string(res.Body), "You cannot act on the login of someone who holds a permission you do not hold") && !targetRole.SuperAdmin:
							bad = "refused with another sentence"
						case len(missing) == 0 && escalation:
							bad = "refused though the caller holds all the target holds"
						case res.Status >= 500 || res.Status == 401:
							bad = "error"
						}
						if bad != "" {
							mismatches++
							t.Errorf("%s as %s on %s: %s: %d %s", d.name, actorRole.ID, targetRole.ID, bad, res.Status, res.Body)
						}
						if res.Status < 300 {
							putBack(t, e, id, saved)
						}
					}
				}
			}
		})
	}
	t.Logf("takeover doors: %d cases, %d mismatches", checked, mismatches)
}

// putBack restores a member as they were (a purged one comes back too).
func putBack(t *testing.T, e *servertest.Env, id string, m tenant.Member) {
	t.Helper()
	_, err := e.Server.Store.Accounts.Update(t.Context(), accountID(t, e), func(a *tenant.Account) error {
		m.SessionEpoch = max(m.SessionEpoch, a.Members[id].SessionEpoch)
		a.Members[id] = m
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains([]string{"active", "invited"}, m.Status) {
		t.Fatalf("target was %s", m.Status)
	}
}
