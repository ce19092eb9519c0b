package users_test

import (
	"context"
	"testing"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

func ptr[T any](v T) *T { return &v }

// Patch judges renames, role changes and overrides by the rules, in the
// one atomic change: only a super admin changes a super admin, nobody
// takes over a login holding more than they do, the last super admin
// keeps the role, caps hold; a refused patch writes nothing.
func TestPatch(t *testing.T) {
	desk := role.Role{ID: "desk", Name: "Front desk", Color: "teal", Rank: 5, MaxHolders: 1, Permissions: []string{"contacts.view"}}
	tn := servertest.NewTenant(t, []role.Role{desk}, "admin", "staff", "desk")
	svc := service(t, tn)
	ctx := context.Background()
	owner, admin, staff := tn.As["super_admin"].Session.UserID, tn.As["admin"].Session.UserID, tn.As["staff"].Session.UserID
	// A clerk granted a permission the admin lacks: their login is not
	// the admin's to change.
	clerk := tn.Add(t, "clerk@users.example", "read_only", rules.StatusActive)
	tn.Change(t, func(a *tenant.Account) {
		m := a.Members[clerk]
		m.Overrides = perm.Overrides{Grant: []string{"billing.manage"}}
		a.Members[clerk] = m
	})
	cases := []struct {
		name, who, id string
		in            api.PatchUser
		code          string
	}{
		{"staff renames themselves", "staff", staff, api.PatchUser{Name: ptr("Stella")}, ""},
		{"an empty name", "staff", staff, api.PatchUser{Name: ptr("  ")}, api.CodeInvalidInput},
		{"staff renames another", "staff", admin, api.PatchUser{Name: ptr("Adam")}, api.CodeForbidden},
		{"staff changes a role", "staff", clerk, api.PatchUser{RoleID: ptr("staff")}, api.CodeForbidden},
		{"an admin changes the super admin", "admin", owner, api.PatchUser{RoleID: ptr("staff")}, api.CodeEscalation},
		{"an admin takes over a stronger login", "admin", clerk, api.PatchUser{RoleID: ptr("staff")}, api.CodeEscalation},
		{"the last super admin steps down", "super_admin", owner, api.PatchUser{RoleID: ptr("admin")}, api.CodeLastSuperAdmin},
		{"an admin changes their own role", "admin", admin, api.PatchUser{RoleID: ptr("staff")}, api.CodeSelfRestriction},
		{"into a full role", "admin", staff, api.PatchUser{RoleID: ptr("desk")}, api.CodeRoleCapReached},
		{"no such role", "admin", staff, api.PatchUser{RoleID: ptr("pilot")}, api.CodeInvalidInput},
		{"an unknown override", "admin", staff, api.PatchUser{Overrides: &perm.Overrides{Grant: []string{"contacts.fly"}}}, api.CodeInvalidInput},
		{"an override the admin lacks", "admin", staff, api.PatchUser{Overrides: &perm.Overrides{Grant: []string{"billing.manage"}}}, api.CodeEscalation},
		{"an override the admin holds", "admin", staff, api.PatchUser{Overrides: &perm.Overrides{Grant: []string{"contacts.delete"}}}, ""},
		{"the super admin moves the clerk", "super_admin", clerk, api.PatchUser{RoleID: ptr("staff")}, ""},
		{"no such user", "admin", "u-nobody", api.PatchUser{Name: ptr("Nobody")}, api.CodeNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := tn.Account(t).Revision
			m, err := svc.Patch(ctx, tn.Fresh(t, c.who), c.id, c.in)
			if got := servertest.CodeOf(t, err); got != c.code {
				t.Fatalf("code %q (%v); want %q", got, err, c.code)
			}
			if c.code != "" {
				unchanged(t, tn, before)
				return
			}
			stored := tn.Account(t).Members[c.id]
			switch {
			case c.in.Name != nil && stored.Name != *c.in.Name,
				c.in.RoleID != nil && stored.RoleID != *c.in.RoleID,
				c.in.Overrides != nil && len(stored.Overrides.Grant) != len(c.in.Overrides.Grant):
				t.Errorf("stored %+v after %+v", stored, c.in)
			}
			if m.Name != stored.Name || m.RoleID != stored.RoleID {
				t.Errorf("answered %+v, stored %+v", m, stored)
			}
		})
	}
}
