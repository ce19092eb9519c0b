package perm

import (
	"fmt"
	"slices"
	"testing"
)

func TestCheck(t *testing.T) {
	x := Default
	enabled := []string{"contacts", "events"}
	role := []string{"users.view", "contacts.view", "contacts.edit:own", "contacts.delete:own", "invoices.view"}
	cases := []struct {
		name       string
		superAdmin bool
		overrides  *Overrides
		id         string
		isOwner    bool
		want       Decision
	}{
		{"role grant", false, nil, "users.view", false, Decision{true, ReasonRole}},
		{"not granted", false, nil, "users.create", false, Decision{false, ReasonNotGranted}},
		{"own scope, own record", false, nil, "contacts.edit", true, Decision{true, ReasonRoleOwn}},
		{"own scope, someone else's record", false, nil, "contacts.edit", false, Decision{false, ReasonNotOwner}},
		{"asking for the own form", false, nil, "contacts.edit:own", false, Decision{true, ReasonRoleOwn}},
		{"full grant covers own records", false, nil, "contacts.view", true, Decision{true, ReasonRole}},
		{"disabled module grants nothing", false, nil, "invoices.view", false, Decision{false, ReasonModuleOff}},
		{"unknown permission", false, nil, "contacts.fly", false, Decision{false, ReasonUnknown}},
		{"own form of an action without own scope", false, nil, "users.view:own", false, Decision{false, ReasonUnknown}},
		{"malformed id", false, nil, "contacts", false, Decision{false, ReasonUnknown}},
		{"super admin", true, nil, "users.manage", false, Decision{true, ReasonSuperAdmin}},
		{"super admin, disabled module", true, nil, "invoices.view", false, Decision{false, ReasonModuleOff}},
		{"super admin ignores denies", true, &Overrides{Deny: []string{"users.view"}}, "users.view", false, Decision{true, ReasonSuperAdmin}},
		{"override grant", false, &Overrides{Grant: []string{"billing.view"}}, "billing.view", false, Decision{true, ReasonOverride}},
		{"override own grant", false, &Overrides{Grant: []string{"events.edit:own"}}, "events.edit", true, Decision{true, ReasonOverrideOwn}},
		{"override deny beats role", false, &Overrides{Deny: []string{"users.view"}}, "users.view", false, Decision{false, ReasonDenied}},
		{"deny of the own form denies both", false, &Overrides{Deny: []string{"contacts.edit:own"}}, "contacts.edit", true, Decision{false, ReasonDenied}},
		{"deny beats override grant", false, &Overrides{Grant: []string{"billing.view"}, Deny: []string{"billing.view"}}, "billing.view", false, Decision{false, ReasonDenied}},
		{"override of a disabled module grants nothing", false, &Overrides{Grant: []string{"invoices.edit"}}, "invoices.edit", false, Decision{false, ReasonModuleOff}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := x.Compile(c.superAdmin, enabled, role, c.overrides)
			if got := s.Check(c.id, c.isOwner); got != c.want {
				t.Errorf("Check(%q, owner=%v) = %+v (%s); want %+v (%s)", c.id, c.isOwner, got, got.Reason, c.want, c.want.Reason)
			}
		})
	}
}

func TestGranted(t *testing.T) {
	s := Default.Compile(false, []string{"contacts"},
		[]string{"users.view", "contacts.edit:own", "invoices.view", "bogus", "roles.view"},
		&Overrides{Grant: []string{"billing.view"}, Deny: []string{"roles.view"}})
	want := []EffectivePermission{
		{"users.view", "role"},
		{"billing.view", "override"},
		{"contacts.edit:own", "role"},
	}
	if got := s.Granted(); !slices.Equal(got, want) {
		t.Errorf("Granted() = %v; want %v", got, want)
	}
	all := Default.Compile(true, nil, nil, nil).IDs()
	if !slices.Contains(all, "billing.manage") || slices.Contains(all, "contacts.view") {
		t.Errorf("super admin without enabled modules holds %v", all)
	}
}

func TestReasonNames(t *testing.T) {
	for r := ReasonSuperAdmin; r <= ReasonUnknown; r++ {
		if r.String() == "unknown" {
			t.Errorf("reason %d has no name", r)
		}
	}
	// The zero Reason and values past the last are no reason at all.
	cases := []struct {
		r    Reason
		want string
	}{
		{0, "unknown"},
		{ReasonSuperAdmin, "super_admin"},
		{ReasonUnknown, "unknown_permission"},
		{ReasonUnknown + 1, "unknown"},
		{255, "unknown"},
	}
	for _, c := range cases {
		if got := c.r.String(); got != c.want {
			t.Errorf("Reason(%d).String() = %q; want %q", c.r, got, c.want)
		}
	}
}

// benchIndex is a catalog of 30 modules x 5 actions (150 permissions).
func benchIndex() (*Index, []string) {
	var mods []Module
	var keys []string
	for i := range 30 {
		key := fmt.Sprintf("m%02d", i)
		mods = append(mods, Module{Key: key, Actions: crud()})
		keys = append(keys, key)
	}
	return NewIndex(mods), keys
}

// BenchmarkCheck: a role of 100 grants and a user of 10 overrides, against
// the floor of a map[string]bool lookup of the same id.
func BenchmarkCheck(b *testing.B) {
	x, keys := benchIndex()
	var grants []string
	for i := 0; len(grants) < 100; i++ {
		m := keys[i/4]
		grants = append(grants, m+"."+[]string{"view", "create", "edit:own", "delete:own"}[i%4])
	}
	o := &Overrides{}
	for i := range 5 {
		o.Grant = append(o.Grant, keys[25+i]+".view")
		o.Deny = append(o.Deny, keys[i]+".create")
	}
	user := x.Compile(false, keys, grants, o)
	admin := x.Compile(true, keys, nil, nil)
	floor := map[string]bool{}
	for _, g := range grants {
		floor[g] = true
	}
	cases := []struct {
		name    string
		s       *Subject
		id      string
		isOwner bool
		allowed bool
	}{
		{"allowed", user, "m10.view", false, true},
		{"denied", user, "m10.manage", false, false},
		{"own", user, "m10.edit", true, true},
		{"override-deny", user, "m01.create", false, false},
		{"super-admin", admin, "m10.manage", false, true},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if c.s.Check(c.id, c.isOwner).Allowed != c.allowed {
					b.Fatal("wrong decision")
				}
			}
		})
	}
	b.Run("floor-map-lookup", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if !floor["m10.view"] {
				b.Fatal("missing")
			}
		}
	})
}

func TestReasonOverride(t *testing.T) {
	for r := ReasonSuperAdmin; r <= ReasonUnknown; r++ {
		if got, want := r.Override(), r == ReasonOverride || r == ReasonOverrideOwn; got != want {
			t.Errorf("%s.Override() = %v", r, got)
		}
	}
}
