package roles_test

import (
	"context"
	"slices"
	"testing"

	"github.com/rolesconsole/console/server/roles"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
)

var clerk = role.Role{ID: "clerk", Name: "Clerk", Color: "teal", Permissions: []string{"contacts.view"}}

// Toggle judges each grant by the rules, in the one atomic change; a
// refused one writes nothing.
func TestToggle(t *testing.T) {
	tn := servertest.NewTenant(t, []role.Role{clerk}, "admin", "staff")
	svc := roles.New(tn.Store)
	cases := []struct {
		name, who, role, permission string
		granted                     bool
		code                        string
	}{
		{"an admin grants what they hold", "admin", "clerk", "contacts.edit", true, ""},
		{"an admin grants what they do not hold", "admin", "clerk", "billing.manage", true, api.CodeEscalation},
		{"an admin changes their own role", "admin", "admin", "contacts.view", false, api.CodeSelfRestriction},
		{"the super admin's column is locked", "super_admin", "super_admin", "users.view", false, api.CodeInvalidState},
		{"staff may not edit roles", "staff", "clerk", "contacts.edit", true, api.CodeForbidden},
		{"an unknown permission", "super_admin", "clerk", "contacts.fly", true, api.CodeInvalidInput},
		{"an unknown role", "super_admin", "nobody", "contacts.view", true, api.CodeNotFound},
		{"the super admin grants anything", "super_admin", "clerk", "billing.manage", true, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before, err := tn.Store.Accounts.Get(context.Background(), tn.ID)
			if err != nil {
				t.Fatal(err)
			}
			r, err := svc.Toggle(context.Background(), tn.As[c.who], c.role, c.permission, c.granted)
			if got := servertest.CodeOf(t, err); got != c.code {
				t.Fatalf("code %q (%v); want %q", got, err, c.code)
			}
			after, err := tn.Store.Accounts.Get(context.Background(), tn.ID)
			if err != nil {
				t.Fatal(err)
			}
			if c.code != "" && after.Revision != before.Revision {
				t.Errorf("a refused toggle moved the revision %d -> %d", before.Revision, after.Revision)
			}
			if c.code == "" && slices.Contains(r.Permissions, c.permission) != c.granted {
				t.Errorf("%s of %s: %v", c.permission, c.role, r.Permissions)
			}
		})
	}
}

// Create refuses a taken name, a colour that is no badge's and a grant the
// creator does not hold; what it makes, the matrix shows.
func TestCreate(t *testing.T) {
	tn := servertest.NewTenant(t, nil, "admin")
	svc := roles.New(tn.Store)
	cases := []struct {
		name string
		in   api.CreateRole
		code string
	}{
		{"a taken name, in another case", api.CreateRole{Name: "staff", Color: "teal"}, api.CodeNameTaken},
		{"no badge colour", api.CreateRole{Name: "Front desk", Color: "mauve"}, api.CodeInvalidInput},
		{"a grant not held", api.CreateRole{Name: "Front desk", Color: "teal", Permissions: []string{"billing.manage"}}, api.CodeEscalation},
		{"a grant held", api.CreateRole{Name: "Front desk", Color: "teal", Permissions: []string{"contacts.view", "contacts.view"}}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := svc.Create(context.Background(), tn.As["admin"], c.in)
			if got := servertest.CodeOf(t, err); got != c.code {
				t.Fatalf("code %q (%v); want %q", got, err, c.code)
			}
			if c.code != "" {
				return
			}
			a, err := tn.Store.Accounts.Get(context.Background(), tn.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got := roles.Matrix(a, tn.As["admin"].Session.UserID).Grants[r.ID]; !slices.Equal(got, []string{"contacts.view"}) {
				t.Errorf("the matrix shows %v for the new role", got)
			}
		})
	}
}
