package security_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rolesconsole/console/server/security"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/rules"
)

// Suggestions reviews the account with its members' last sign-ins from
// the store: each check finds the members it is about, and a check that
// finds none passes.
func TestSuggestions(t *testing.T) {
	cases := []struct {
		name  string
		setUp func(t *testing.T, tn *servertest.Tenant)
		// later is how long after the sign-ins the review is run.
		later time.Duration
		kind  string
		found int
	}{
		{"admins without two-factor sign-in", nil, 0, "without_2fa", 2},
		{"three super admins", func(t *testing.T, tn *servertest.Tenant) {
			tn.Add(t, "second@security.example", "super_admin", rules.StatusActive)
			tn.Add(t, "third@security.example", "super_admin", rules.StatusActive)
		}, 0, "too_many_super_admins", 3},
		{"a member without a role", func(t *testing.T, tn *servertest.Tenant) {
			tn.Add(t, "loose@security.example", "", rules.StatusActive)
		}, 0, "without_role", 1},
		{"a disabled login", func(t *testing.T, tn *servertest.Tenant) {
			tn.Add(t, "off@security.example", "staff", rules.StatusDisabled)
		}, 0, "deactivated", 1},
		{"signed in today", nil, 0, "inactive_90_days", 0},
		{"no sign-in for 100 days", nil, 100 * 24 * time.Hour, "inactive_90_days", 3},
		{"an invitation pending for two weeks", func(t *testing.T, tn *servertest.Tenant) {
			id := tn.Add(t, "asked@security.example", "staff", rules.StatusInvited)
			tn.Change(t, func(a *tenant.Account) {
				m := a.Members[id]
				m.CreatedAt = time.Now().Add(-14 * 24 * time.Hour).UTC()
				a.Members[id] = m
			})
		}, 0, "stale_invites", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tn := servertest.NewTenant(t, nil, "admin", "staff")
			if c.setUp != nil {
				c.setUp(t, tn)
			}
			at := time.Now().Add(c.later)
			svc := security.New(tn.Store, func() time.Time { return at })
			r, err := svc.Suggestions(context.Background(), tn.Fresh(t, "super_admin"))
			if err != nil {
				t.Fatal(err)
			}
			found := map[string]int{}
			for _, f := range r.Findings {
				found[f.Kind] = len(f.Users)
			}
			if found[c.kind] != c.found {
				t.Errorf("%s found %d; want %d (findings %v)", c.kind, found[c.kind], c.found, found)
			}
			if r.Passed != r.Total-len(r.Findings) {
				t.Errorf("passed %d of %d with %d findings", r.Passed, r.Total, len(r.Findings))
			}
		})
	}
}

// Findings say it in the account's words: the super-admin role by its
// name and permissions as the matrix names them.
func TestFindingsSayTheAccountsWords(t *testing.T) {
	tn := servertest.NewTenant(t, nil, "admin", "staff")
	tn.Add(t, "second@security.example", "super_admin", rules.StatusActive)
	tn.Add(t, "third@security.example", "super_admin", rules.StatusActive)
	id := tn.Add(t, "loose@security.example", "", rules.StatusActive)
	tn.Change(t, func(a *tenant.Account) {
		m := a.Members[id]
		m.Overrides.Grant = []string{"users.create"}
		a.Members[id] = m
	})
	r, err := security.New(tn.Store, time.Now).Suggestions(context.Background(), tn.Fresh(t, "super_admin"))
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, f := range r.Findings {
		switch f.Kind {
		case "too_many_super_admins":
			seen++
			if f.Title != "Many hold the role Super Admin" || !strings.HasPrefix(f.Advice, "Super Admin holds every permission") {
				t.Errorf("%q: %q", f.Title, f.Advice)
			}
		case "without_role":
			seen++
			if d := f.Users[0].Detail; d != "no role, but per-user grants still let them: Users: Create" {
				t.Errorf("the member without a role: %q", d)
			}
		}
	}
	if seen != 2 {
		t.Fatalf("%d of the two findings: %+v", seen, r.Findings)
	}
}
