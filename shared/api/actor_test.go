package api

import (
	"testing"

	"github.com/rolesconsole/console/shared/role"
)

// /me tells the UI who the rules judge: its role, whether that role is a
// super admin's, the account's modules and the permissions held.
func TestMeActor(t *testing.T) {
	super := role.Role{ID: "super_admin", SuperAdmin: true}
	for _, c := range []struct {
		name        string
		me          Me
		can, cannot string
	}{
		{"super admin", Me{User: User{RoleID: "super_admin"}, Role: &super, Account: Account{Modules: []string{"contacts"}}}, "contacts.delete", "invoices.view"},
		{"listed permissions", Me{User: User{RoleID: "staff"}, Role: &role.Role{ID: "staff"}, Account: Account{Modules: []string{"contacts"}}, Permissions: []string{"contacts.view"}}, "contacts.view", "contacts.edit"},
		{"no role", Me{Permissions: []string{"users.view"}}, "users.view", "users.edit"},
	} {
		a := c.me.Actor()
		if a.RoleID != c.me.User.RoleID || !a.Subject.Can(c.can) || a.Subject.Can(c.cannot) {
			t.Errorf("%s: role %q, can %s %v, can %s %v", c.name, a.RoleID, c.can, a.Subject.Can(c.can), c.cannot, a.Subject.Can(c.cannot))
		}
	}
}
