package httpapi_test

import (
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
