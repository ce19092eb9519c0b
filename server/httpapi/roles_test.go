package httpapi_test

import (
	"slices"
	"sync"
	"testing"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

func granted(b bool) api.Toggle { return api.Toggle{Granted: &b} }

func getRole(t *testing.T, c *servertest.Client, id string) api.Role {
	t.Helper()
	var r api.Role
	c.Do("GET", "/api/v1/roles/"+id, nil).Want(200).JSON(&r)
	return r
}

// Each rule of the roles API, refused with its code and changing nothing.
func TestRoleRules(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	admin, _ := e.WithRole("admin", "admin@example.com")
	staff, _ := e.WithRole("staff", "staff@example.com")
	var lead api.Role
	owner.Do("POST", "/api/v1/roles", api.CreateRole{Name: "Lead", Description: "Leads", Color: "teal",
		Permissions: []string{"roles.view", "roles.delete", "users.view"}}).Want(201).JSON(&lead)
	leadUser, _ := e.WithRole(lead.ID, "lead@example.com")

	for _, s := range []servertest.Scenario{
		{Name: "super admin grants", Client: owner, Method: "PUT", Path: "/api/v1/roles/staff/permissions/audit.view", Body: granted(true),
			WantStatus: 200, WantContains: []string{`"audit.view"`}},
		{Name: "the super admin column is locked", Client: owner, Method: "PUT", Path: "/api/v1/roles/super_admin/permissions/users.view", Body: granted(false),
			WantStatus: 409, WantCode: "invalid_state"},
		{Name: "own role", Client: admin, Method: "PUT", Path: "/api/v1/roles/admin/permissions/contacts.view", Body: granted(false),
			WantStatus: 409, WantCode: "self_restriction"},
		{Name: "granting what one lacks", Client: admin, Method: "PUT", Path: "/api/v1/roles/staff/permissions/billing.manage", Body: granted(true),
			WantStatus: 409, WantCode: "escalation"},
		{Name: "granting what one holds", Client: admin, Method: "PUT", Path: "/api/v1/roles/staff/permissions/contacts.delete", Body: granted(true),
			WantStatus: 200},
		{Name: "own scope grant", Client: admin, Method: "PUT", Path: "/api/v1/roles/read_only/permissions/contacts.edit:own", Body: granted(true),
			WantStatus: 200, WantContains: []string{`"contacts.edit:own"`}},
		{Name: "without roles.edit", Client: staff, Method: "PUT", Path: "/api/v1/roles/read_only/permissions/contacts.view", Body: granted(false),
			WantStatus: 403, WantCode: "forbidden", WantContains: []string{"permissions: Edit”"}},
		{Name: "malformed permission", Client: owner, Method: "PUT", Path: "/api/v1/roles/staff/permissions/contacts", Body: granted(true),
			WantStatus: 400, WantCode: "invalid_input"},
		{Name: "unknown permission", Client: owner, Method: "PUT", Path: "/api/v1/roles/staff/permissions/contacts.fly", Body: granted(true),
			WantStatus: 400, WantCode: "invalid_input"},
		{Name: "own scope of an action without it", Client: owner, Method: "PUT", Path: "/api/v1/roles/staff/permissions/users.view:own", Body: granted(true),
			WantStatus: 400, WantCode: "invalid_input"},
		{Name: "granted missing", Client: owner, Method: "PUT", Path: "/api/v1/roles/staff/permissions/users.view", Body: map[string]any{},
			WantStatus: 400, WantCode: "invalid_input"},
		{Name: "unknown role", Client: owner, Method: "PUT", Path: "/api/v1/roles/nope/permissions/users.view", Body: granted(true),
			WantStatus: 404, WantCode: "not_found"},
		{Name: "name taken", Client: owner, Method: "POST", Path: "/api/v1/roles", Body: api.CreateRole{Name: " STAFF "},
			WantStatus: 409, WantCode: "name_taken"},
		{Name: "create with a grant one lacks", Client: admin, Method: "POST", Path: "/api/v1/roles", Body: api.CreateRole{Name: "Biller", Permissions: []string{"billing.manage"}},
			WantStatus: 409, WantCode: "escalation"},
		{Name: "create with a bad colour", Client: owner, Method: "POST", Path: "/api/v1/roles", Body: api.CreateRole{Name: "Pink", Color: "pink"},
			WantStatus: 400, WantCode: "invalid_input", WantContains: []string{`"color"`}},
		{Name: "rename to a taken name", Client: owner, Method: "PATCH", Path: "/api/v1/roles/" + lead.ID, Body: map[string]string{"name": "Admin"},
			WantStatus: 409, WantCode: "name_taken"},
		{Name: "patch grants of own role", Client: admin, Method: "PATCH", Path: "/api/v1/roles/admin", Body: map[string][]string{"permissions": {}},
			WantStatus: 409, WantCode: "self_restriction"},
		{Name: "patch with an unknown field", Client: owner, Method: "PATCH", Path: "/api/v1/roles/staff", Body: map[string]any{"super_admin": true},
			WantStatus: 400, WantCode: "invalid_input"},
		{Name: "delete a system role", Client: owner, Method: "DELETE", Path: "/api/v1/roles/staff",
			WantStatus: 409, WantCode: "invalid_state"},
		{Name: "delete own role", Client: leadUser, Method: "DELETE", Path: "/api/v1/roles/" + lead.ID,
			WantStatus: 409, WantCode: "self_restriction"},
		{Name: "only a super admin makes a super admin", Client: admin, Method: "POST", Path: "/api/v1/users",
			Body: api.CreateUser{Name: "X", Email: "x@example.com", RoleID: "super_admin", Password: "long-enough-1"}, WantStatus: 409, WantCode: "escalation"},
		{Name: "email taken", Client: owner, Method: "POST", Path: "/api/v1/users",
			Body: api.CreateUser{Name: "X", Email: "STAFF@example.com", RoleID: "staff", Password: "long-enough-1"}, WantStatus: 409, WantCode: "email_taken"},
	} {
		t.Run(s.Name, func(t *testing.T) { s.Run(t, e) })
	}
	// The refused changes changed nothing.
	if r := getRole(t, owner, "admin"); !slices.Contains(r.Permissions, "contacts.view") {
		t.Error("a refused change to the admin role was applied")
	}
	if r := getRole(t, owner, "staff"); slices.Contains(r.Permissions, "billing.manage") {
		t.Error("an escalation was applied")
	}
}

// The seat limit (Professional: 5) holds at user creation.
func TestSeatLimitOnCreate(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	for i, email := range []string{"a@example.com", "b@example.com", "c@example.com", "d@example.com"} {
		_ = i
		owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "U", Email: email, RoleID: "staff", Password: "long-enough-1"}).Want(201)
	}
	res := owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "U", Email: "e@example.com", RoleID: "staff", Password: "long-enough-1"}).Want(409)
	if res.ErrorCode() != "seat_limit_reached" {
		t.Errorf("code %q", res.ErrorCode())
	}
	if n := e.Count("users"); n != 5 {
		t.Errorf("%d user documents; the refused one must not stay", n)
	}
}

// A change to a role applies to its holders' very next request.
func TestRoleChangesApplyAtOnce(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	staff, _ := e.WithRole("staff", "staff@example.com")
	staff.Do("GET", "/api/v1/audit", nil).Want(403)
	owner.Do("PUT", "/api/v1/roles/staff/permissions/audit.view", granted(true)).Want(200)
	staff.Do("GET", "/api/v1/audit", nil).Want(200)
	owner.Do("PUT", "/api/v1/roles/staff/permissions/audit.view", granted(false)).Want(200)
	staff.Do("GET", "/api/v1/audit", nil).Want(403)
}

func TestDeletingARoleLeavesItsUsersWithoutRole(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	var r api.Role
	owner.Do("POST", "/api/v1/roles", api.CreateRole{Name: "Temp", Permissions: []string{"users.view"}}).Want(201).JSON(&r)
	u, _ := e.WithRole(r.ID, "temp@example.com")
	if got := getRole(t, owner, r.ID); got.Holders != 1 {
		t.Fatalf("holders %d", got.Holders)
	}
	owner.Do("DELETE", "/api/v1/roles/"+r.ID, nil).Want(204)
	owner.Do("GET", "/api/v1/roles/"+r.ID, nil).Want(404)
	var me api.Me
	u.Do("GET", "/api/v1/me", nil).Want(200).JSON(&me)
	if me.Role != nil || me.User.RoleID != "" || len(me.Permissions) != 0 {
		t.Errorf("after its role was deleted the user has role %+v, %q, permissions %v", me.Role, me.User.RoleID, me.Permissions)
	}
}

func TestMatrixAndCatalog(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	var m api.Matrix
	owner.Do("GET", "/api/v1/matrix", nil).Want(200).JSON(&m)
	if len(m.Roles) != 4 || m.Roles[0].ID != "super_admin" || !m.Roles[0].Locked {
		t.Fatalf("roles %+v", m.Roles)
	}
	if !slices.Contains(m.Grants["super_admin"], "billing.manage") || slices.Contains(m.Grants["staff"], "billing.manage") {
		t.Errorf("grants %v", m.Grants)
	}
	// Encoded once per revision (see answers): a change shows at once, on
	// the matrix and on the roles, however often they were read before.
	owner.Do("PUT", "/api/v1/roles/staff/permissions/billing.view", granted(true)).Want(200)
	owner.Do("GET", "/api/v1/matrix", nil).Want(200).JSON(&m)
	var roles api.RoleList
	owner.Do("GET", "/api/v1/roles", nil).Want(200).JSON(&roles)
	staff := roles.Items[slices.IndexFunc(roles.Items, func(r api.Role) bool { return r.ID == "staff" })]
	if !slices.Contains(m.Grants["staff"], "billing.view") || !slices.Contains(staff.Permissions, "billing.view") {
		t.Errorf("after a grant: matrix %v, role %v", m.Grants["staff"], staff.Permissions)
	}
	var cat api.Catalog
	owner.Do("GET", "/api/v1/permissions", nil).Want(200).JSON(&cat)
	var keys []string
	for _, mod := range cat.Modules {
		keys = append(keys, mod.Key)
	}
	if !slices.Equal(keys, []string{"users", "roles", "account", "billing", "audit", "security", "events", "contacts", "invoices"}) {
		t.Errorf("modules %v", keys)
	}
}

// "Why can this person do X": ownership scope through /me/can.
func TestMeCanExplains(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	var r api.Role
	owner.Do("POST", "/api/v1/roles", api.CreateRole{Name: "Sales", Permissions: []string{"contacts.view", "contacts.edit:own"}}).Want(201).JSON(&r)
	sales, id := e.WithRole(r.ID, "sales@example.com")
	cases := []struct {
		query  string
		want   api.Can
		status int
	}{
		{"permission=contacts.edit&owner=" + id, api.Can{Allowed: true, Reason: "role_own_scope"}, 200},
		{"permission=contacts.edit&owner=someone-else", api.Can{Allowed: false, Reason: "not_owner"}, 200},
		{"permission=contacts.view", api.Can{Allowed: true, Reason: "role"}, 200},
		{"permission=billing.view", api.Can{Allowed: false, Reason: "not_granted"}, 200},
		{"permission=invoices.view", api.Can{Allowed: false, Reason: "not_granted"}, 200},
		{"permission=nonsense", api.Can{Allowed: false, Reason: "unknown_permission"}, 200},
		{"", api.Can{}, 400},
	}
	for _, c := range cases {
		res := sales.Do("GET", "/api/v1/me/can?"+c.query, nil).Want(c.status)
		if c.status != 200 {
			continue
		}
		var got api.Can
		res.JSON(&got)
		if got != c.want {
			t.Errorf("%s: %+v; want %+v", c.query, got, c.want)
		}
	}
}

// Concurrent toggles of one role all land: compare-and-set on the account's
// revision, retried, loses no update.
func TestConcurrentTogglesAllLand(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	perms := []string{"events.manage", "events.delete", "contacts.delete", "contacts.manage", "invoices.delete", "invoices.manage",
		"audit.view", "security.view", "account.view", "billing.view", "events.create", "roles.create", "users.create", "users.edit"}
	var wg sync.WaitGroup
	for _, p := range perms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			owner.Do("PUT", "/api/v1/roles/read_only/permissions/"+p, granted(true)).Want(200)
		}()
	}
	wg.Wait()
	r := getRole(t, owner, "read_only")
	for _, p := range perms {
		if !slices.Contains(r.Permissions, p) {
			t.Errorf("lost update: %s missing from %v", p, r.Permissions)
		}
	}
	var page api.AuditPage
	owner.Do("GET", "/api/v1/audit?limit=200", nil).Want(200).JSON(&page)
	n := 0
	for _, it := range page.Items {
		if it.Action == "role.permission" {
			n++
		}
	}
	if n != len(perms) {
		t.Errorf("%d audit entries for %d changes", n, len(perms))
	}
}
