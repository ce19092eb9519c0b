package httpapi_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/mailtest"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
)

func createUser(t *testing.T, c *servertest.Client, name, email, roleID, password string) api.User {
	t.Helper()
	var u api.User
	c.Do("POST", "/api/v1/users", api.CreateUser{Name: name, Email: email, RoleID: roleID, Password: password}).Want(201).JSON(&u)
	return u
}

func seatsUsed(t *testing.T, c *servertest.Client) int {
	t.Helper()
	var a api.Account
	c.Do("GET", "/api/v1/account", nil).Want(200).JSON(&a)
	return a.Seats.Used
}

// Each lifecycle transition, allowed or refused as the rules say, and the
// seats it takes or frees.
func TestLifecycleTransitions(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	u := createUser(t, owner, "Pat", "pat@example.com", "staff", "pat-password-1")
	path := "/api/v1/users/" + u.ID
	steps := []struct {
		method, suffix string
		status         int
		code, want     string
		seats          int
	}{
		{"POST", "/enable", 409, "invalid_state", "", 2},
		{"POST", "/disable", 200, "", "disabled", 2},
		{"POST", "/disable", 409, "invalid_state", "", 2},
		{"POST", "/enable", 200, "", "active", 2},
		{"POST", "/restore", 409, "invalid_state", "", 2},
		{"POST", "/invite", 409, "invalid_state", "", 2},
		{"POST", "/revoke", 200, "", "revoked", 1},
		{"POST", "/revoke", 409, "invalid_state", "", 1},
		{"POST", "/enable", 409, "invalid_state", "", 1},
		{"POST", "/invite", 202, "", "invited", 2},
		{"DELETE", "", 204, "", "deleted", 1},
		{"POST", "/disable", 409, "invalid_state", "", 1},
		{"POST", "/restore", 200, "", "invited", 2},
		{"DELETE", "", 204, "", "deleted", 1},
		{"DELETE", "?purge=true", 204, "", "", 1},
	}
	for i, s := range steps {
		res := owner.Do(s.method, path+s.suffix, nil)
		if res.Status != s.status || res.ErrorCode() != s.code {
			t.Fatalf("step %d %s %s: %d %s; want %d %s", i, s.method, s.suffix, res.Status, res.Body, s.status, s.code)
		}
		if s.want != "" {
			var got api.User
			owner.Do("GET", path, nil).Want(200).JSON(&got)
			if got.Status != s.want {
				t.Fatalf("step %d: status %s; want %s", i, got.Status, s.want)
			}
		}
		if n := seatsUsed(t, owner); n != s.seats {
			t.Fatalf("step %d %s %s: %d seats used; want %d", i, s.method, s.suffix, n, s.seats)
		}
	}
	owner.Do("GET", path, nil).Want(404)
	if n := e.Count("users"); n != 1 {
		t.Errorf("%d user documents after the purge; want 1", n)
	}
}

// Disabling, revoking and deleting a user end their open sessions at once.
func TestLosingTheLoginEndsSessionsAtOnce(t *testing.T) {
	for _, action := range []string{"disable", "revoke", "delete"} {
		t.Run(action, func(t *testing.T) {
			e := servertest.Start(t)
			owner := e.SignedIn()
			staff, id := e.WithRole("staff", "staff@example.com")
			staff.Do("GET", "/api/v1/me", nil).Want(200)
			before := e.Count("sessions")
			if action == "delete" {
				owner.Do("DELETE", "/api/v1/users/"+id, nil).Want(204)
			} else {
				owner.Do("POST", "/api/v1/users/"+id+"/"+action, nil).Want(200)
			}
			staff.Do("GET", "/api/v1/me", nil).Want(401)
			if n := e.Count("sessions"); n != before-1 {
				t.Errorf("%d sessions stored, %d before: the user's session is not gone", n, before)
			}
			again := e.Client()
			again.Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: "staff@example.com", Password: servertest.UserPassword}).Want(401)
		})
	}
}

func TestUserRules(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	var me api.Me
	owner.Do("GET", "/api/v1/me", nil).Want(200).JSON(&me)
	ownerID := me.User.ID
	admin, adminID := e.WithRole("admin", "admin@example.com")
	staff := createUser(t, owner, "Sam", "sam@example.com", "staff", "sam-password-1")
	var capped api.Role
	owner.Do("POST", "/api/v1/roles", api.CreateRole{Name: "Lead"}).Want(201).JSON(&capped)
	// A cap of one holder on Lead, set in the store as a preset would.
	setRoleCap(t, e, capped.ID, 1)
	createUser(t, owner, "First lead", "lead1@example.com", capped.ID, "lead-password-1")

	for _, s := range []servertest.Scenario{
		{Name: "last super admin disables themselves", Client: owner, Method: "POST", Path: "/api/v1/users/" + ownerID + "/disable", WantStatus: 409, WantCode: "last_super_admin"},
		{Name: "last super admin deletes themselves", Client: owner, Method: "DELETE", Path: "/api/v1/users/" + ownerID, WantStatus: 409, WantCode: "last_super_admin"},
		{Name: "last super admin revoked", Client: owner, Method: "POST", Path: "/api/v1/users/" + ownerID + "/revoke", WantStatus: 409, WantCode: "last_super_admin"},
		{Name: "last super admin moved", Client: owner, Method: "PATCH", Path: "/api/v1/users/" + ownerID, Body: map[string]string{"role_id": "admin"}, WantStatus: 409, WantCode: "last_super_admin"},
		{Name: "admin on the super admin", Client: admin, Method: "POST", Path: "/api/v1/users/" + ownerID + "/disable", WantStatus: 409, WantCode: "escalation"},
		{Name: "own role", Client: admin, Method: "PATCH", Path: "/api/v1/users/" + adminID, Body: map[string]string{"role_id": "staff"}, WantStatus: 409, WantCode: "self_restriction"},
		{Name: "disable oneself", Client: admin, Method: "POST", Path: "/api/v1/users/" + adminID + "/disable", WantStatus: 409, WantCode: "self_restriction"},
		{Name: "role cap", Client: owner, Method: "PATCH", Path: "/api/v1/users/" + staff.ID, Body: map[string]string{"role_id": capped.ID}, WantStatus: 409, WantCode: "role_cap_reached"},
		{Name: "role cap at creation", Client: owner, Method: "POST", Path: "/api/v1/users", Body: api.CreateUser{Name: "L", Email: "lead2@example.com", RoleID: capped.ID, Password: "lead-password-2"}, WantStatus: 409, WantCode: "role_cap_reached"},
		{Name: "breached password", Client: owner, Method: "POST", Path: "/api/v1/users", Body: api.CreateUser{Name: "B", Email: "b@example.com", RoleID: "staff", Password: "Password123"}, WantStatus: 400, WantCode: "invalid_input", WantContains: []string{`"password"`}},
		{Name: "short password", Client: owner, Method: "POST", Path: "/api/v1/users", Body: api.CreateUser{Name: "B", Email: "b@example.com", RoleID: "staff", Password: "short"}, WantStatus: 400, WantCode: "invalid_input"},
		{Name: "bad email", Client: owner, Method: "POST", Path: "/api/v1/users", Body: api.CreateUser{Name: "B", Email: "not-an-email", RoleID: "staff", Password: "long-enough-1"}, WantStatus: 400, WantCode: "invalid_input"},
		{Name: "status in the body", Client: owner, Method: "PATCH", Path: "/api/v1/users/" + staff.ID, Body: map[string]string{"status": "active"}, WantStatus: 400, WantCode: "invalid_input"},
		{Name: "unknown user", Client: owner, Method: "POST", Path: "/api/v1/users/nope/disable", WantStatus: 404, WantCode: "not_found"},
		{Name: "overrides: grant one lacks", Client: admin, Method: "PATCH", Path: "/api/v1/users/" + staff.ID, Body: api.PatchUser{Overrides: &perm.Overrides{Grant: []string{"billing.manage"}}}, WantStatus: 409, WantCode: "escalation"},
		{Name: "overrides: unknown permission", Client: owner, Method: "PATCH", Path: "/api/v1/users/" + staff.ID, Body: api.PatchUser{Overrides: &perm.Overrides{Grant: []string{"rockets.launch"}}}, WantStatus: 400, WantCode: "invalid_input"},
		{Name: "promote", Client: owner, Method: "PATCH", Path: "/api/v1/users/" + staff.ID, Body: map[string]string{"role_id": "admin"}, WantStatus: 200, WantContains: []string{`"role_id":"admin"`}},
	} {
		t.Run(s.Name, func(t *testing.T) { s.Run(t, e) })
	}
	// With the ladder policy on, roles only move up.
	owner.Do("PATCH", "/api/v1/account", map[string]any{"policy": map[string]any{"two_factor": map[string]any{"required": "none"}, "ladder": true, "overrides": true}}).Want(200)
	res := owner.Do("PATCH", "/api/v1/users/"+staff.ID, map[string]string{"role_id": "read_only"}).Want(409)
	if res.ErrorCode() != "ladder_demotion" {
		t.Errorf("demotion with the ladder on: %s", res.ErrorCode())
	}
	// With a second super admin present, changing one's own role is refused
	// for being one's own, not for being the last.
	createUser(t, owner, "Second", "second@example.com", "super_admin", "second-password-1")
	owner.Do("PATCH", "/api/v1/account", map[string]any{"policy": map[string]any{"two_factor": map[string]any{"required": "none"}, "overrides": true}}).Want(200)
	setOwnerRole := owner.Do("PATCH", "/api/v1/users/"+ownerID, map[string]string{"role_id": "admin"})
	if setOwnerRole.Status != 409 || setOwnerRole.ErrorCode() != "self_restriction" {
		t.Errorf("changing one's own role with another super admin present: %d %s", setOwnerRole.Status, setOwnerRole.Body)
	}
}

// setRoleCap sets a role's cap on holders straight in the store.
func setRoleCap(t *testing.T, e *servertest.Env, roleID string, n int) {
	t.Helper()
	_, err := e.Server.Store.Accounts.Update(t.Context(), accountID(t, e), func(a *storeAccount) error {
		for i := range a.Roles {
			if a.Roles[i].ID == roleID {
				a.Roles[i].MaxHolders = n
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The seat limit holds at every door: create, invite, restore, re-invite
// and a plan change.
func TestSeatLimitAtEveryDoor(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": "starter"}).Want(200)
	spare := createUser(t, owner, "Spare", "spare@example.com", "staff", "spare-password-1")
	if n := seatsUsed(t, owner); n != 2 {
		t.Fatalf("%d seats used", n)
	}
	full := func(res *servertest.Response, door string) {
		t.Helper()
		if res.Status != 409 || res.ErrorCode() != "seat_limit_reached" {
			t.Errorf("%s on a full plan: %d %s", door, res.Status, res.Body)
		}
	}
	full(owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "X", Email: "x@example.com", RoleID: "staff", Password: "long-enough-1"}), "create")
	full(owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "X", Email: "x@example.com", RoleID: "staff"}), "invite")
	// Free the seat by revoking, fill it again, then try to re-invite.
	owner.Do("POST", "/api/v1/users/"+spare.ID+"/revoke", nil).Want(200)
	other := createUser(t, owner, "Other", "other@example.com", "staff", "other-password-1")
	full(owner.Do("POST", "/api/v1/users/"+spare.ID+"/invite", nil), "re-invite")
	// Delete and try to restore into a full plan.
	owner.Do("DELETE", "/api/v1/users/"+other.ID, nil).Want(204)
	createUser(t, owner, "Third", "third@example.com", "staff", "third-password-1")
	full(owner.Do("POST", "/api/v1/users/"+other.ID+"/restore", nil), "restore")
	// Two seats in use: Starter (2) holds; nothing smaller exists, so grow and
	// shrink back below the seats in use.
	owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": "professional"}).Want(200)
	createUser(t, owner, "Fourth", "fourth@example.com", "staff", "fourth-password-1")
	full(owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": "starter"}), "plan change")
	if n := e.Count("users"); n != 5 {
		t.Errorf("%d user documents; refused creates must leave none", n)
	}
}

func TestListStatsAndEffective(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	a := createUser(t, owner, "Alice Archer", "alice@example.com", "staff", "alice-password-1")
	createUser(t, owner, "Bob Baker", "bob@example.com", "read_only", "bob-password-1")
	inv := createUser(t, owner, "Carol Invited", "carol@example.com", "staff", "")
	if inv.Status != "invited" || inv.InviteExpiresAt == nil {
		t.Fatalf("invited user %+v", inv)
	}
	var list api.UserList
	owner.Do("GET", "/api/v1/users?limit=2", nil).Want(200).JSON(&list)
	if len(list.Items) != 2 || list.Items[0].Name != "Alice Archer" || list.NextCursor == "" {
		t.Fatalf("first page %+v", list)
	}
	var rest api.UserList
	owner.Do("GET", "/api/v1/users?limit=2&cursor="+list.NextCursor, nil).Want(200).JSON(&rest)
	if len(rest.Items) != 2 || rest.NextCursor != "" {
		t.Fatalf("second page %+v", rest)
	}
	for q, want := range map[string]int{"?q=BAKER": 1, "?q=example.com": 3, "?status=invited": 1, "?role=staff": 2, "?role=staff&status=active": 1, "?q=nobody": 0} {
		var l api.UserList
		owner.Do("GET", "/api/v1/users"+q, nil).Want(200).JSON(&l)
		if len(l.Items) != want {
			t.Errorf("%s: %d users; want %d", q, len(l.Items), want)
		}
	}
	owner.Do("GET", "/api/v1/users?status=sleeping", nil).Want(400)
	var stats api.UserStats
	owner.Do("GET", "/api/v1/users/stats", nil).Want(200).JSON(&stats)
	if stats.ByRole["staff"] != 1 || stats.ByRole["read_only"] != 1 || stats.ByRole["super_admin"] != 1 || stats.ByRole["admin"] != 0 || stats.PendingInvites != 1 {
		t.Errorf("stats %+v", stats)
	}
	// Overrides: a grant and a deny, with their sources.
	owner.Do("PATCH", "/api/v1/users/"+a.ID, api.PatchUser{Overrides: &perm.Overrides{Grant: []string{"audit.view"}, Deny: []string{"invoices.edit"}}}).Want(200)
	var eff api.Effective
	owner.Do("GET", "/api/v1/users/"+a.ID+"/effective", nil).Want(200).JSON(&eff)
	src := map[string]string{}
	for _, p := range eff.Permissions {
		src[p.ID] = p.Source
	}
	if src["audit.view"] != "override" || src["contacts.view"] != "role" || src["invoices.edit"] != "" {
		t.Errorf("effective %v", src)
	}
	// With overrides off in the policy, they stop counting at once.
	owner.Do("PATCH", "/api/v1/account", map[string]any{"policy": map[string]any{"two_factor": map[string]any{"required": "none"}, "overrides": false}}).Want(200)
	owner.Do("GET", "/api/v1/users/"+a.ID+"/effective", nil).Want(200).JSON(&eff)
	for _, p := range eff.Permissions {
		if p.Source == "override" {
			t.Errorf("override %s counts with overrides off", p.ID)
		}
	}
	owner.Do("PATCH", "/api/v1/users/"+a.ID, api.PatchUser{Overrides: &perm.Overrides{Grant: []string{"audit.view"}}}).Want(409)
}

// Invitations and resets travel by real SMTP: the tests read the messages
// from an SMTP server in this process.
func TestInvitationByEmail(t *testing.T) {
	smtpd := mailtest.Start(t)
	e := servertest.Start(t, func(c *server.Config) { c.SMTPURL = smtpd.URL(); c.Users.PublicURL = "http://console.test/" })
	owner := e.SignedIn()
	createUser(t, owner, "Ines", "ines@example.com", "staff", "")
	msg := smtpd.Await(t, "ines@example.com")
	url, token := msg.Link()
	if !strings.HasPrefix(url, "http://console.test/invite?token=") || token == "" || !strings.Contains(msg.Data, "Subject: You are invited to Demo Clinic") {
		t.Fatalf("invitation %q", msg.Data)
	}
	invitee := e.Client()
	invitee.Do("POST", "/api/v1/auth/invites/accept", api.AcceptInvite{Token: token, Name: "Ines Ito", Password: "password"}).Want(400)
	var res api.LoginResponse
	invitee.Do("POST", "/api/v1/auth/invites/accept", api.AcceptInvite{Token: token, Name: "Ines Ito", Password: "ines-password-1"}).Want(200).JSON(&res)
	if res.User.Status != "active" || res.User.Name != "Ines Ito" || res.CSRFToken == "" {
		t.Fatalf("accepted %+v", res)
	}
	invitee.CSRF = res.CSRFToken
	invitee.Do("GET", "/api/v1/me", nil).Want(200)
	// The link works once.
	e.Client().Do("POST", "/api/v1/auth/invites/accept", api.AcceptInvite{Token: token, Name: "X", Password: "another-password-1"}).Want(400)
	e.Client().Login("ines@example.com", "ines-password-1")
	if strings.Contains(e.Logs.String(), token) {
		t.Error("the invitation token is in the log")
	}
}

func TestExpiredInvitation(t *testing.T) {
	smtpd := mailtest.Start(t)
	clock := newClock()
	e := servertest.Start(t, func(c *server.Config) { c.SMTPURL = smtpd.URL(); c.Users.Now = clock.Now; c.Auth.Now = clock.Now })
	owner := e.SignedIn()
	u := createUser(t, owner, "Late", "late@example.com", "staff", "")
	_, token := smtpd.Await(t, "late@example.com").Link()
	clock.Advance(8 * 24 * time.Hour)
	owner = e.SignedIn()
	var got api.User
	owner.Do("GET", "/api/v1/users/"+u.ID, nil).Want(200).JSON(&got)
	if !got.InviteExpired {
		t.Errorf("an invitation 8 days old is not shown as expired: %+v", got)
	}
	e.Client().Do("POST", "/api/v1/auth/invites/accept", api.AcceptInvite{Token: token, Name: "Late", Password: "late-password-1"}).Want(400)
}

func TestPasswordResets(t *testing.T) {
	smtpd := mailtest.Start(t)
	e := servertest.Start(t, func(c *server.Config) { c.SMTPURL = smtpd.URL() })
	owner := e.SignedIn()
	staff, id := e.WithRole("staff", "staff@example.com")

	// By email: forgot answers alike for unknown emails.
	e.Client().Do("POST", "/api/v1/auth/password/forgot", api.ForgotPassword{Email: "nobody@example.com"}).Want(202)
	e.Client().Do("POST", "/api/v1/auth/password/forgot", api.ForgotPassword{Email: "STAFF@example.com"}).Want(202)
	_, token := smtpd.Await(t, "staff@example.com").Link()
	e.Client().Do("POST", "/api/v1/auth/password/reset", api.NewPassword{Token: token, Password: "new-staff-password-1"}).Want(204)
	staff.Do("GET", "/api/v1/me", nil).Want(401) // every session ended
	e.Client().Do("POST", "/api/v1/auth/password/reset", api.NewPassword{Token: token, Password: "other-password-1"}).Want(400)
	e.Client().Login("staff@example.com", "new-staff-password-1")

	// Set by an admin.
	again := e.Client()
	again.Login("staff@example.com", "new-staff-password-1")
	owner.Do("POST", "/api/v1/users/"+id+"/reset-password", api.ResetPassword{Mode: "set", Password: "admin-set-password-1"}).Want(204)
	again.Do("GET", "/api/v1/me", nil).Want(401)
	e.Client().Login("staff@example.com", "admin-set-password-1")
	owner.Do("POST", "/api/v1/users/"+id+"/reset-password", api.ResetPassword{Mode: "set", Password: "qwerty123"}).Want(400)
	owner.Do("POST", "/api/v1/users/"+id+"/reset-password", api.ResetPassword{Mode: "sms"}).Want(400)
	owner.Do("POST", "/api/v1/users/"+id+"/reset-password", api.ResetPassword{Mode: "email"}).Want(202)
}

// Without SMTP, mail goes to the outbox, which only super admins read.
func TestOutbox(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	createUser(t, owner, "Olga", "olga@example.com", "staff", "")
	var box api.MailList
	owner.Do("GET", "/api/v1/mail", nil).Want(200).JSON(&box)
	if len(box.Items) != 1 || box.Items[0].To != "olga@example.com" || !strings.Contains(box.Items[0].Text, "/invite?token=") {
		t.Fatalf("outbox %+v", box)
	}
	admin, _ := e.WithRole("admin", "admin@example.com")
	admin.Do("GET", "/api/v1/mail", nil).Want(403)
	if strings.Contains(e.Logs.String(), "/invite?token=") {
		t.Error("the log holds an invitation link")
	}
}

// Seeing users (users.view) is not editing them: a Staff member may rename
// themselves but not another user, whose name and audit log stay as they
// were; an Admin (users.edit) may.
func TestRenamingAnotherUserNeedsUsersEdit(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	other := createUser(t, owner, "Olga", "olga@example.com", "read_only", "olga-password-12")
	staff, staffID := e.WithRole("staff", "staff@example.com")
	admin, _ := e.WithRole("admin", "admin@example.com")
	if !can(t, staff, "permission=users.view").Allowed || can(t, staff, "permission=users.edit").Allowed {
		t.Fatal("this test needs Staff to hold users.view and not users.edit")
	}
	name := func(id string) string {
		var u api.User
		owner.Do("GET", "/api/v1/users/"+id, nil).Want(200).JSON(&u)
		return u.Name
	}
	entries := len(auditPage(t, owner, "").Items)

	res := staff.Do("PATCH", "/api/v1/users/"+other.ID, map[string]string{"name": "Renamed by staff"}).Want(403)
	if res.ErrorCode() != api.CodeForbidden || !strings.Contains(string(res.Body), "“Users: Edit”") {
		t.Errorf("refusal %s", res.Body)
	}
	if got := name(other.ID); got != "Olga" {
		t.Errorf("name %q after a refused rename", got)
	}
	if n := len(auditPage(t, owner, "").Items); n != entries {
		t.Errorf("%d audit entries after a refused rename, %d before", n, entries)
	}

	staff.Do("PATCH", "/api/v1/users/"+staffID, map[string]string{"name": "Stan"}).Want(200)
	admin.Do("PATCH", "/api/v1/users/"+other.ID, map[string]string{"name": "Renamed by admin"}).Want(200)
	if got := name(staffID) + ", " + name(other.ID); got != "Stan, Renamed by admin" {
		t.Errorf("names %q", got)
	}
}

// /users/stats counts the seats in use as the account does, so that the
// Users page reads its seat line from the answer that brings its list: an
// invitation and an active user take one, staff without a login none, a
// revoked login gives its seat back.
func TestStatsCountTheSeatsInUse(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	stats := func() int {
		var s api.UserStats
		owner.Do("GET", "/api/v1/users/stats", nil).Want(200).JSON(&s)
		return s.SeatsUsed
	}
	start := stats()
	var invited api.User
	for _, step := range []struct {
		what string
		do   func()
		want int
	}{
		{"nothing yet", func() {}, start},
		{"an invitation", func() { invited = createUser(t, owner, "Ines", "ines@example.com", "staff", "") }, start + 1},
		{"an active user", func() { createUser(t, owner, "Pat", "pat@example.com", "staff", "pat-password-1234") }, start + 2},
		{"staff without a login", func() {
			owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "Nils", Email: "nils@example.com", RoleID: "staff", NoLogin: true}).Want(201)
		}, start + 2},
		{"the invitation revoked", func() { owner.Do("POST", "/api/v1/users/"+invited.ID+"/revoke", nil).Want(200) }, start + 1},
	} {
		step.do()
		if got, account := stats(), seatsUsed(t, owner); got != step.want || got != account {
			t.Errorf("after %s: stats count %d seats, the account %d; want %d", step.what, got, account, step.want)
		}
	}
}
