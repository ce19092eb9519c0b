package perm

import (
	"slices"
	"testing"
)

func TestEffective(t *testing.T) {
	mods := Modules([]string{"contacts"})
	cases := []struct {
		name       string
		superAdmin bool
		grants     []string
		want       []string
	}{
		{"role grants in enabled modules", false, []string{"users.view", "contacts.edit:own"}, []string{"contacts.edit:own", "users.view"}},
		{"disabled module dropped", false, []string{"invoices.view", "users.view"}, []string{"users.view"}},
		{"malformed grant dropped", false, []string{"nonsense", "roles.view"}, []string{"roles.view"}},
		{"duplicates folded", false, []string{"roles.view", "roles.view"}, []string{"roles.view"}},
		{"no grants", false, nil, []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Effective(c.superAdmin, c.grants, mods); !slices.Equal(got, c.want) {
				t.Errorf("got %v; want %v", got, c.want)
			}
		})
	}
	t.Run("super admin holds every permission of enabled modules", func(t *testing.T) {
		got := Effective(true, nil, mods)
		for _, want := range []string{"users.manage", "billing.manage", "contacts.delete"} {
			if !slices.Contains(got, want) {
				t.Errorf("super admin lacks %s", want)
			}
		}
		if slices.Contains(got, "invoices.view") {
			t.Errorf("super admin has a permission of a disabled module")
		}
	})
}
