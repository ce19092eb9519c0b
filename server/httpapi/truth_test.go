package httpapi_test

import (
	"strings"
	"testing"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	policy "github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
)

func finding(t *testing.T, c *servertest.Client, kind string) (api.Suggestion, bool) {
	t.Helper()
	s, _ := findings(t, c)
	for _, it := range s.Items {
		if it.Kind == kind {
			return it, true
		}
	}
	return api.Suggestion{}, false
}

// Security advice is true of the people it lists: a user without a role
// who still holds per-user grants is told apart, and "require it in the
// policy" is not advised once the policy requires it.
func TestSecurityAdviceIsTrue(t *testing.T) {
	clock := newClock()
	e := servertest.Start(t, func(c *server.Config) { c.Auth.Now = clock.Now })
	owner := e.SignedIn()
	owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": "enterprise"}).Want(200)
	var temp api.Role
	owner.Do("POST", "/api/v1/roles", api.CreateRole{Name: "Temps", Color: "grey", Permissions: []string{"users.view"}}).Want(201).JSON(&temp)
	granted := createUser(t, owner, "Gail Granted", "gail@example.com", temp.ID, "gail-password-123")
	createUser(t, owner, "Nora None", "nora@example.com", temp.ID, "nora-password-123")
	owner.Do("PATCH", "/api/v1/users/"+granted.ID, api.PatchUser{Overrides: &perm.Overrides{Grant: []string{"users.create"}, Deny: []string{}}}).Want(200)
	owner.Do("DELETE", "/api/v1/roles/"+temp.ID, nil).Want(204)

	s, ok := finding(t, owner, "without_role")
	if !ok || len(s.Users) != 2 {
		t.Fatalf("without_role: %+v", s)
	}
	if strings.Contains(s.Advice, "do nothing") {
		t.Errorf("the advice says they do nothing, though one holds users.create: %q", s.Advice)
	}
	for _, u := range s.Users {
		switch u.Email {
		case "gail@example.com":
			if !strings.Contains(u.Detail, "Users: Create") || strings.Contains(u.Detail, "users.create") {
				t.Errorf("Gail's detail does not say what she can still do: %q", u.Detail)
			}
		case "nora@example.com":
			if u.Detail != "" {
				t.Errorf("Nora holds nothing, yet: %q", u.Detail)
			}
		}
	}

	// Admins without 2FA: once the policy requires it of everyone, the
	// advice no longer says to require it.
	e.WithRole("admin", "admin@example.com")
	s, ok = finding(t, owner, "without_2fa")
	if !ok || !strings.Contains(s.Advice, "require it in the account's policy") {
		t.Fatalf("without_2fa before the policy: %+v", s)
	}
	enrol(t, owner, clock)
	p := policyOf(t, owner)
	p.TwoFactor = policy.TwoFactor{Required: "all", GraceDays: 14}
	setPolicy(owner, p).Want(200)
	s, ok = finding(t, owner, "without_2fa")
	if !ok || strings.Contains(s.Advice, "require it in the account's policy") || !strings.Contains(s.Advice, "policy requires it") {
		t.Errorf("without_2fa once required of all: %+v", s)
	}
	for _, u := range s.Users {
		if !strings.Contains(u.Detail, "required") {
			t.Errorf("%s: detail %q", u.Email, u.Detail)
		}
	}
}

// One definition of a holder, an active user, behind every count: the
// roles list, the matrix header, one role, and the stats card agree, and
// a pending invitation is counted apart.
func TestHolderCountsAgree(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": "enterprise"}).Want(200)
	createUser(t, owner, "Sam Staff", "sam@example.com", "staff", "sam-password-1234")
	d := createUser(t, owner, "Dan Disabled", "dan@example.com", "staff", "dan-password-1234")
	owner.Do("POST", "/api/v1/users/"+d.ID+"/disable", nil).Want(200)
	owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "Ivy Invited", Email: "ivy@example.com", RoleID: "staff"}).Want(201)

	var roles api.RoleList
	owner.Do("GET", "/api/v1/roles", nil).Want(200).JSON(&roles)
	var matrix api.Matrix
	owner.Do("GET", "/api/v1/matrix", nil).Want(200).JSON(&matrix)
	var stats api.UserStats
	owner.Do("GET", "/api/v1/users/stats", nil).Want(200).JSON(&stats)
	count := func(items []api.Role) int {
		for _, r := range items {
			if r.ID == "staff" {
				return r.Holders
			}
		}
		return -1
	}
	got := []int{count(roles.Items), count(matrix.Roles), getRole(t, owner, "staff").Holders, stats.ByRole["staff"]}
	for i, n := range got {
		if n != 1 {
			t.Errorf("count %d of [roles, matrix, role, stats] = %v; want 1 active holder each", i, got)
			break
		}
	}
	if stats.PendingInvites != 1 {
		t.Errorf("pending invites %d", stats.PendingInvites)
	}
}

// Of concurrent undos of one change, exactly one lands, even when the
// change is made again between them (so that a second undo would find
// something to undo).
func TestRaceRevertsOfOneRecord(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	for round := range 5 {
		owner.Do("PUT", "/api/v1/roles/staff/permissions/events.delete", granted(true)).Want(200)
		rec := auditPage(t, owner, "").Items[0]
		if rec.Action != "role.permission" {
			t.Fatalf("newest record is %s", rec.Action)
		}
		statuses := race(raceRequests, func(i int) int {
			if i%2 == 1 {
				// Grant it again: what an undo would find to undo.
				return owner.Do("PUT", "/api/v1/roles/staff/permissions/events.delete", granted(true)).Status
			}
			return owner.Do("POST", "/api/v1/audit/"+rec.ID+"/revert", nil).Status
		})
		undos := 0
		for _, it := range auditPage(t, owner, "?limit=200").Items {
			if it.RevertOf == rec.ID {
				undos++
			}
		}
		if undos != 1 || count(statuses, 500) > 0 {
			t.Errorf("round %d: %d undos of one record landed (statuses %v)", round, undos, statuses)
		}
		owner.Do("PUT", "/api/v1/roles/staff/permissions/events.delete", granted(false))
	}
}

// The ladder product: Teammates (and Freelancers) cannot be assigned as the
// Project Leader. Every door that could give them projects.lead refuses
// with that reason, and the matrix says the cell is locked.
func TestTeammatesNeverLeadAProject(t *testing.T) {
	e := servertest.Start(t, func(c *server.Config) { c.Preset = "ladder" })
	owner := e.SignedIn()
	owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": "enterprise"}).Want(200)
	p := policyOf(t, owner)
	p.Overrides = true
	setPolicy(owner, p).Want(200)
	mate := createUser(t, owner, "Tim Mate", "tim@example.com", "teammate", "tim-password-1234")
	seller := createUser(t, owner, "Sue Seller", "sue@example.com", "salesperson", "sue-password-1234")
	const reason = "Teammates cannot be assigned as the Project Leader."
	refused := func(name string, res *servertest.Response, says string) {
		t.Helper()
		if res.Status != 409 || res.ErrorCode() != api.CodeInvalidState || !strings.Contains(string(res.Body), says) {
			t.Errorf("%s: %d %s; want 409 saying %q", name, res.Status, res.Body, says)
		}
	}
	refused("toggle", owner.Do("PUT", "/api/v1/roles/teammate/permissions/projects.lead", granted(true)), reason)
	refused("freelancer toggle", owner.Do("PUT", "/api/v1/roles/freelancer/permissions/projects.lead", granted(true)), "Freelancers cannot be assigned as the Project Leader.")
	mateRole := getRole(t, owner, "teammate")
	refused("role edit", owner.Do("PATCH", "/api/v1/roles/teammate", api.PatchRole{Permissions: ptr(append(mateRole.Permissions, "projects.lead"))}), reason)
	refused("override", owner.Do("PATCH", "/api/v1/users/"+mate.ID, api.PatchUser{Overrides: &perm.Overrides{Grant: []string{"projects.lead"}, Deny: []string{}}}), reason)
	// A Salesperson may lead through a per-user grant; promoting them to
	// Teammate would carry it along, so that is refused too.
	owner.Do("PATCH", "/api/v1/users/"+seller.ID, api.PatchUser{Overrides: &perm.Overrides{Grant: []string{"projects.lead"}, Deny: []string{}}}).Want(200)
	refused("role change", owner.Do("PATCH", "/api/v1/users/"+seller.ID, map[string]string{"role_id": "teammate"}), reason)
	if can(t, owner, "permission=projects.lead").Allowed != true {
		t.Error("the Super Admin cannot lead")
	}
	// The matrix carries the reason for the locked cell; roles that may
	// lead do.
	var m api.Matrix
	owner.Do("GET", "/api/v1/matrix", nil).Want(200).JSON(&m)
	for _, r := range m.Roles {
		switch r.ID {
		case "teammate", "freelancer":
			if why, never := r.Forbids("projects.lead"); !never || why == "" {
				t.Errorf("%s: the matrix does not say it may never lead", r.ID)
			}
		case "project_manager", "admin":
			if !strings.Contains(strings.Join(m.Grants[r.ID], " "), "projects.lead") {
				t.Errorf("%s does not lead projects: %v", r.ID, m.Grants[r.ID])
			}
		}
	}
	// Nothing changed for the teammate.
	lacksUser(t, e, mate.ID, "projects.lead")
}

func lacksUser(t *testing.T, e *servertest.Env, id, permission string) {
	t.Helper()
	var eff api.Effective
	e.SignedIn().Do("GET", "/api/v1/users/"+id+"/effective", nil).Want(200).JSON(&eff)
	for _, p := range eff.Permissions {
		if p.ID == permission {
			t.Errorf("user %s holds %s", id, permission)
		}
	}
}
