package users_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/server/users"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/rules"
)

// Members of a private role do not exist for those who do not hold it:
// not listed, not counted, not found. The count of active super admins,
// which the rules keep the last of, counts them all the same.
func TestWhatAViewerSees(t *testing.T) {
	tn := servertest.NewTenant(t, nil, "admin")
	tn.Change(t, func(a *tenant.Account) {
		for i := range a.Roles {
			if a.Roles[i].ID == "super_admin" {
				a.Roles[i].Private = true
			}
		}
	})
	ghost := tn.Add(t, "late@users.example", "read_only", rules.StatusInvited)
	tn.Change(t, func(a *tenant.Account) {
		m := a.Members[ghost]
		past := time.Now().Add(-time.Hour).UTC()
		m.InviteExpiresAt = &past
		a.Members[ghost] = m
	})
	svc := service(t, tn)
	ctx := context.Background()
	a := tn.Account(t)
	owner, admin := tn.As["super_admin"].Session.UserID, tn.As["admin"].Session.UserID
	cases := []struct {
		name                 string
		viewer               string
		listed               int
		superHolders, supers int
		ownerFound           bool
	}{
		{"the super admin", owner, 3, 1, 1, true},
		{"an admin", admin, 2, 0, 1, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			page, err := svc.List(ctx, a, users.Filter{Limit: 10, Viewer: c.viewer})
			if err != nil {
				t.Fatal(err)
			}
			if len(page.Users) != c.listed || page.Next != "" {
				t.Errorf("listed %d (next %q); want %d", len(page.Users), page.Next, c.listed)
			}
			n := users.Stats(a, c.viewer)
			if n.ByRole["super_admin"] != c.superHolders || n.SuperAdmins != c.supers || n.PendingInvites != 1 {
				t.Errorf("stats %+v", n)
			}
			// Every role, the private one too (its count is 0 to others),
			// in the account's order.
			var order []string
			for _, r := range a.Roles {
				order = append(order, r.ID)
			}
			if !slices.Equal(n.RoleOrder, order) {
				t.Errorf("role order %v; want the account's %v", n.RoleOrder, order)
			}
			_, err = svc.Get(ctx, a, c.viewer, owner)
			if found := err == nil; found != c.ownerFound {
				t.Errorf("owner found: %v (%v)", found, err)
			} else if !found && servertest.CodeOf(t, err) != api.CodeNotFound {
				t.Errorf("hidden owner: %v", err)
			}
			u, err := svc.Get(ctx, a, c.viewer, ghost)
			if err != nil || !u.InviteExpired || u.LastLogin != nil {
				t.Errorf("an invitation past its expiry: %+v (%v)", u, err)
			}
		})
	}
}
