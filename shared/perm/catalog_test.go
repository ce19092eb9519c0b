package perm

import (
	"slices"
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
