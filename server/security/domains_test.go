package security_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/rolesconsole/console/server/security"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// The review names the holders of a role limited to email domains whose
// email is elsewhere, the deleted left out, and the holders of a private
// role only to those who hold it too.
func TestHoldersOutsideTheirRolesDomains(t *testing.T) {
	vendor := role.Role{ID: "vendor", Name: "Vendor Manager", Color: "yellow", Rank: 5, Domains: []string{"vendor.example"}}
	vault := role.Role{ID: "vault", Name: "Vault", Color: "red", Rank: 6, Private: true, Domains: []string{"vendor.example"}}
	tn := servertest.NewTenant(t, []role.Role{vendor, vault}, "admin")
	tn.Add(t, "in@vendor.example", "vendor", rules.StatusActive)
	out := tn.Add(t, "out@clinic.example", "vendor", rules.StatusActive)
	asked := tn.Add(t, "asked@clinic.example", "vendor", rules.StatusInvited)
	tn.Add(t, "gone@clinic.example", "vendor", rules.StatusDeleted)
	hidden := tn.Add(t, "hidden@clinic.example", "vault", rules.StatusActive)
	peer := tn.Add(t, "peer@vendor.example", "vault", rules.StatusActive)
	svc := security.New(tn.Store, nil)

	review := func(viewer string) *security.Finding {
		t.Helper()
		a := tn.Account(t)
		r := security.Review(a, viewer, nil, time.Now())
		for i, f := range r.Findings {
			if f.Kind == "outside_domains" {
				return &r.Findings[i]
			}
		}
		return nil
	}
	ids := func(f *security.Finding) []string {
		var out []string
		for _, u := range f.Users {
			out = append(out, u.ID)
		}
		slices.Sort(out)
		return out
	}
	admin := tn.As["admin"].Session.UserID
	f := review(admin)
	want := []string{out, asked}
	slices.Sort(want)
	if f == nil || !slices.Equal(ids(f), want) {
		t.Fatalf("the admin sees %+v; want %v", f, want)
	}
	if f.Title != "Holders of Vendor Manager outside its email domains" || f.Severity != "high" || f.Fix != "open_user" {
		t.Errorf("finding %+v", f)
	}
	if d := f.Users[0].Detail; d != "Vendor Manager is for vendor.example" {
		t.Errorf("detail %q", d)
	}
	// A holder of the private role sees the other holders of it.
	want = append(want, hidden)
	slices.Sort(want)
	if f := review(peer); f == nil || !slices.Equal(ids(f), want) {
		t.Errorf("a holder of the private role sees %v; want %v", ids(f), want)
	} else if f.Title != "Role holders outside their role's email domains" {
		t.Errorf("two roles, titled %q", f.Title)
	}

	// Through the service too, and the check passes once nobody is outside.
	tn.Change(t, func(a *tenant.Account) {
		for id, m := range a.Members {
			if m.RoleID == "vendor" || m.RoleID == "vault" {
				m.Email = "x" + id + "@vendor.example"
				a.Members[id] = m
			}
		}
	})
	r, err := svc.Suggestions(context.Background(), tn.Fresh(t, "admin"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Findings {
		if f.Kind == "outside_domains" {
			t.Errorf("still found %v", f.Users)
		}
	}
}
