package rules

import (
	"strings"
	"testing"

	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/role"
)

// Refusals say things in the account's words: its own name for the
// super-admin role ("Owner") and the matrix's names of permissions, never
// the engine's keys.
func TestRefusalsSpeakTheAccountsWords(t *testing.T) {
	owner := role.Role{ID: "owner", Name: "Owner", SuperAdmin: true}
	staff := Actor{RoleID: "staff", Subject: perm.Default.Compile(false, nil, []string{"users.view"}, nil), SuperAdminRole: "Owner"}
	admin := Actor{RoleID: "admin", Subject: perm.Default.Compile(false, nil, []string{"users.view", "users.manage", "roles.edit", "account.manage"}, nil), SuperAdminRole: "Owner"}
	lastOwner := Target{ID: "o", Status: StatusActive, Role: owner, LastSuperAdmin: true}
	cases := []struct {
		name string
		got  *Refusal
		want string
	}{
		{"a missing permission", CreateUser(staff), "Adding users needs the permission “Users: Create”."},
		{"the last Owner", Lifecycle(Actor{Subject: perm.Default.Compile(true, nil, nil, nil), SuperAdminRole: "Owner"}, "me", ActDisable, lastOwner), "This is the last active Owner; at least one must remain."},
		{"an Owner acted on by an admin", ActOn(admin, Target{ID: "o", Status: StatusActive, Role: owner}), "Only an Owner can change an Owner."},
		{"a super-admin-only route", OnlySuperAdmins(admin), "Only an Owner may do this."},
		{"a policy only Owners relax", ChangePolicy(admin, account.Policy{Ladder: true}, account.Policy{}, limits), "Only an Owner can switch off the promotion-only ladder."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got == nil || c.got.Message != c.want {
				t.Fatalf("%v; want %q", c.got, c.want)
			}
			for _, key := range []string{"users.create", "users.manage", "super admin"} {
				if strings.Contains(c.got.Message, key) {
					t.Errorf("%q says %q", c.got.Message, key)
				}
			}
		})
	}
}
