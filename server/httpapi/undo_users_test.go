package httpapi_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
)

// A change of a user's role, name or overrides is undone from the audit
// log while the user is still as it left them; a later change of them is
// undone first. Of 50 undos of one change at once, exactly one lands.
func TestUndoAUsersChange(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	var nina api.User
	owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "Nina Nurse", Email: "nina@undo.example", RoleID: "staff", Password: "nina-undo-password-1"}).Want(201).JSON(&nina)
	admin := "admin"
	owner.Do("PATCH", "/api/v1/users/"+nina.ID, api.PatchUser{RoleID: &admin, Overrides: &perm.Overrides{Grant: []string{"audit.view"}}}).Want(200)
	roleChange := auditPage(t, owner, "").Items[0]
	if roleChange.Action != "user.update" || !roleChange.Revertible {
		t.Fatalf("the role change is recorded as %+v", roleChange)
	}
	renamed := "Nina Night"
	owner.Do("PATCH", "/api/v1/users/"+nina.ID, api.PatchUser{Name: &renamed}).Want(200)
	rename := auditPage(t, owner, "").Items[0]

	user := func() api.User {
		var u api.User
		owner.Do("GET", "/api/v1/users/"+nina.ID, nil).Want(200).JSON(&u)
		return u
	}
	t.Run("a later change goes first", func(t *testing.T) {
		wantCode(t, owner.Do("POST", "/api/v1/audit/"+roleChange.ID+"/revert", nil), 409, "invalid_state")
		if u := user(); u.RoleID != "admin" || u.Name != renamed {
			t.Errorf("a refused undo changed %+v", u)
		}
	})
	t.Run("undone in turn", func(t *testing.T) {
		owner.Do("POST", "/api/v1/audit/"+rename.ID+"/revert", nil).Want(200)
		if u := user(); u.Name != "Nina Nurse" || u.RoleID != "admin" {
			t.Fatalf("after undoing the rename: %+v", u)
		}
		var statuses sync.Map
		var wg sync.WaitGroup
		for i := range 50 {
			wg.Go(func() {
				statuses.Store(i, owner.Do("POST", "/api/v1/audit/"+roleChange.ID+"/revert", nil).Status)
			})
		}
		wg.Wait()
		landed := 0
		statuses.Range(func(_, v any) bool {
			if v == 200 {
				landed++
			} else if v != 409 {
				t.Errorf("an undo answered %v", v)
			}
			return true
		})
		if landed != 1 {
			t.Fatalf("%d of 50 undos of one change landed; want 1", landed)
		}
		if u := user(); u.RoleID != "staff" || len(u.Overrides.Grant) != 0 {
			t.Errorf("after undoing the role change: %+v", u)
		}
	})
	t.Run("an undo obeys the rules", func(t *testing.T) {
		// An admin may not undo a change that made someone a super admin.
		super := "super_admin"
		owner.Do("PATCH", "/api/v1/users/"+nina.ID, api.PatchUser{RoleID: &super}).Want(200)
		owner.Do("PATCH", "/api/v1/users/"+nina.ID, api.PatchUser{RoleID: &admin}).Want(200)
		demote := auditPage(t, owner, "").Items[0]
		other, _ := e.WithRole("admin", "other-admin@undo.example")
		if res := other.Do("POST", "/api/v1/audit/"+demote.ID+"/revert", nil); res.Status < 400 {
			t.Errorf("an admin made Nina a super admin again by an undo: %d %s", res.Status, res.Body)
		}
		if u := user(); u.RoleID != "admin" {
			t.Errorf("Nina is %s", u.RoleID)
		}
	})
}

// A change of the account's plan or policy is undone from the audit log
// while the account is still as it left it, and a plan that no longer
// holds the seats in use is refused by the undo as by hand.
func TestUndoAPlanOrPolicyChange(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	account := func() api.Account {
		var a api.Account
		owner.Do("GET", "/api/v1/account", nil).Want(200).JSON(&a)
		return a
	}
	undo := func() *servertest.Response {
		return owner.Do("POST", "/api/v1/audit/"+auditPage(t, owner, "").Items[0].ID+"/revert", nil)
	}
	start := account()

	t.Run("policy", func(t *testing.T) {
		next := start.Policy
		next.PasswordMinLength = 20
		owner.Do("PATCH", "/api/v1/account", api.PatchAccount{Policy: &next}).Want(200)
		undo().Want(200)
		if got := account().Policy.PasswordMinLength; got != start.Policy.PasswordMinLength {
			t.Errorf("after the undo the minimum length is %d; want %d", got, start.Policy.PasswordMinLength)
		}
	})
	t.Run("a later change goes first", func(t *testing.T) {
		starter, name := "starter", "Renamed Clinic"
		owner.Do("PATCH", "/api/v1/account", api.PatchAccount{Plan: &starter}).Want(200)
		first := auditPage(t, owner, "").Items[0]
		owner.Do("PATCH", "/api/v1/account", api.PatchAccount{Name: &name}).Want(200)
		wantCode(t, owner.Do("POST", "/api/v1/audit/"+first.ID+"/revert", nil), 409, "invalid_state")
		undo().Want(200)
		owner.Do("POST", "/api/v1/audit/"+first.ID+"/revert", nil).Want(200)
		if a := account(); a.Plan != start.Plan || a.Name != start.Name {
			t.Errorf("after both undos: plan %s, name %s", a.Plan, a.Name)
		}
	})
	t.Run("the plan must hold the seats", func(t *testing.T) {
		business := "business"
		owner.Do("PATCH", "/api/v1/account", api.PatchAccount{Plan: &business}).Want(200)
		change := auditPage(t, owner, "").Items[0]
		// One seat more than the plan before holds.
		for i := range start.Seats.Limit - start.Seats.Used + 1 {
			e.WithRole("staff", fmt.Sprintf("seat%d@undo.example", i))
		}
		wantCode(t, owner.Do("POST", "/api/v1/audit/"+change.ID+"/revert", nil), 409, "seat_limit_reached")
		if got := account().Plan; got != business {
			t.Errorf("a refused undo left the plan %s", got)
		}
	})
}

// Disabling, enabling and deleting a user are undone from the audit log by
// their reverse, under its rules: an undo that would take a seat the plan
// no longer has is refused, and one of a disable ends no session twice.
func TestUndoALifecycleChange(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	staff, id := e.WithRole("staff", "sam@undo.example")
	status := func() string {
		var u api.User
		owner.Do("GET", "/api/v1/users/"+id, nil).Want(200).JSON(&u)
		return u.Status
	}
	last := func() api.AuditEntry { return auditPage(t, owner, "").Items[0] }

	owner.Do("POST", "/api/v1/users/"+id+"/disable", nil).Want(200)
	disable := last()
	if !disable.Revertible {
		t.Fatalf("disabling is recorded as %+v", disable)
	}
	staff.Do("GET", "/api/v1/me", nil).Want(401)
	var undo api.AuditEntry
	owner.Do("POST", "/api/v1/audit/"+disable.ID+"/revert", nil).Want(200).JSON(&undo)
	if undo.Action != "audit.revert" || undo.RevertOf != disable.ID || status() != "active" {
		t.Fatalf("after undoing the disable: %s, entry %+v", status(), undo)
	}
	e.Client().Login("sam@undo.example", servertest.UserPassword)

	owner.Do("DELETE", "/api/v1/users/"+id, nil).Want(204)
	del := last()
	owner.Do("POST", "/api/v1/audit/"+del.ID+"/revert", nil).Want(200)
	if got := status(); got != "active" {
		t.Fatalf("after undoing the delete: %s", got)
	}

	// Deleted, then every seat taken: the undo would need one more.
	owner.Do("DELETE", "/api/v1/users/"+id, nil).Want(204)
	del = last()
	var a api.Account
	owner.Do("GET", "/api/v1/account", nil).Want(200).JSON(&a)
	for i := range a.Seats.Limit - a.Seats.Used {
		e.WithRole("staff", fmt.Sprintf("seat%d@undo.example", i))
	}
	wantCode(t, owner.Do("POST", "/api/v1/audit/"+del.ID+"/revert", nil), 409, "seat_limit_reached")
	if got := status(); got != "deleted" {
		t.Errorf("a refused undo left %s", got)
	}
	// Purging cannot be undone: what it removed is gone.
	owner.Do("DELETE", "/api/v1/users/"+id+"?purge=true", nil).Want(204)
	if last().Revertible {
		t.Error("a purge is offered for undo")
	}
}

// The answer to a change names the audit record it wrote, so that the
// person who made it can undo it from where they are; a change that
// changed nothing, a refusal and a read name none.
func TestAChangeNamesTheRecordItWrote(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	res := owner.Do("PUT", "/api/v1/roles/staff/permissions/audit.view", granted(true)).Want(200)
	newest := auditPage(t, owner, "").Items[0]
	if got := res.Header.Get("Audit-Entry"); got == "" || got != newest.ID {
		t.Fatalf("the toggle's answer names %q, the newest record is %q", got, newest.ID)
	}
	if got := owner.Do("PUT", "/api/v1/roles/staff/permissions/audit.view", granted(true)).Want(200).Header.Get("Audit-Entry"); got != "" {
		t.Errorf("a toggle that changed nothing names %q", got)
	}
	if got := owner.Do("PUT", "/api/v1/roles/staff/permissions/no.such", granted(true)).Header.Get("Audit-Entry"); got != "" {
		t.Errorf("a refused toggle names %q", got)
	}
	undo := owner.Do("POST", "/api/v1/audit/"+newest.ID+"/revert", nil).Want(200)
	var rec api.AuditEntry
	undo.JSON(&rec)
	if got := undo.Header.Get("Audit-Entry"); got != rec.ID {
		t.Errorf("the undo's answer names %q, it wrote %q", got, rec.ID)
	}
	if got := owner.Do("GET", "/api/v1/audit", nil).Want(200).Header.Get("Audit-Entry"); got != "" {
		t.Errorf("a read names %q", got)
	}
}
