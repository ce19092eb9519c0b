package perm

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestModulesKeepsCoreAndEnabledOnly(t *testing.T) {
	cases := []struct {
		enabled []string
		want    []string
	}{
		{nil, []string{"users", "roles", "account", "billing", "audit", "security"}},
		{[]string{"contacts"}, []string{"users", "roles", "account", "billing", "audit", "security", "contacts"}},
		{[]string{"invoices", "nonexistent", "events"}, []string{"users", "roles", "account", "billing", "audit", "security", "events", "invoices"}},
	}
	for _, c := range cases {
		var got []string
		for _, m := range Modules(c.enabled) {
			got = append(got, m.Key)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("Modules(%v) = %v; want %v", c.enabled, got, c.want)
		}
	}
}

func TestCatalogIsWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, m := range Catalog {
		if seen[m.Key] {
			t.Errorf("module %q listed twice", m.Key)
		}
		seen[m.Key] = true
		for _, a := range m.Actions {
			id := ID{Module: m.Key, Action: a.Key}
			if got, err := Parse(id.String()); err != nil || got != id {
				t.Errorf("%s does not round-trip: %v", id, err)
			}
		}
	}
}

func TestModuleOfAPermission(t *testing.T) {
	cases := []struct {
		id, want string
		ok       bool
	}{
		{"users.view", "users", true},
		{"contacts.edit:own", "contacts", true},
		{"invoices.manage", "invoices", true},
		{"contacts.fly", "", false},
		{"users.view:own", "", false},
		{"", "", false},
	}
	for _, c := range cases {
		m, ok := Default.Module(c.id)
		if m.Key != c.want || ok != c.ok {
			t.Errorf("Module(%q) = %q, %v; want %q, %v", c.id, m.Key, ok, c.want, c.ok)
		}
	}
}

// A catalog fills at most MaxPermissions bits: one more is refused when it
// is indexed, not found later as a bit past the end.
func TestIndexRefusesMoreThanMaxPermissions(t *testing.T) {
	catalog := func(n int) []Module {
		var mods []Module
		for i := 0; i < n; i += 8 {
			m := Module{Key: fmt.Sprintf("m%03d", i/8), Core: true}
			for j := i; j < min(n, i+8); j++ {
				m.Actions = append(m.Actions, Action{Key: fmt.Sprintf("a%d", j-i)})
			}
			mods = append(mods, m)
		}
		return mods
	}
	full := NewIndex(catalog(MaxPermissions))
	if !full.Compile(true, nil, nil, nil).Can(fmt.Sprintf("m%03d.a7", MaxPermissions/8-1)) {
		t.Error("the last permission of a full catalog is not held by a super admin")
	}
	defer func() {
		if msg, _ := recover().(string); !strings.Contains(msg, "more than 512 permissions") {
			t.Errorf("one permission too many: panic %q", msg)
		}
	}()
	NewIndex(catalog(MaxPermissions + 1))
}
