package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/plan"
)

func TestValidName(t *testing.T) {
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"Sam Rivera", true},
		{"  Sam  ", true},
		{"", false},
		{"   ", false},
		{strings.Repeat("é", 200), true},
		{strings.Repeat("é", 201), false},
		{"Sam\nRivera", false},
		{"Sam\x00", false},
	} {
		if got := ValidName(c.name) == ""; got != c.ok {
			t.Errorf("ValidName(%q) ok = %v; want %v", c.name, got, c.ok)
		}
	}
}

func TestKnownPermissions(t *testing.T) {
	for _, c := range []struct {
		name    string
		modules []string
		ids     []string
		want    string
	}{
		{"core and enabled", []string{"contacts"}, []string{"users.view", "contacts.edit:own"}, ""},
		{"none", nil, nil, ""},
		{"a module turned off", []string{"events"}, []string{"contacts.view"}, "contacts.view is not a permission of this account."},
		{"unknown", []string{"contacts"}, []string{"contacts.fly"}, "contacts.fly is not a permission of this account."},
	} {
		t.Run(c.name, func(t *testing.T) {
			no := KnownPermissions(c.modules, c.ids, "overrides")
			if got := message(no); got != c.want {
				t.Fatalf("refusal %q; want %q", got, c.want)
			}
			if no != nil && (no.Code != "invalid_input" || no.Fields["overrides"] == "") {
				t.Errorf("refusal %+v names no field", no)
			}
		})
	}
}

func TestRename(t *testing.T) {
	for _, c := range []struct {
		name   string
		actor  Actor
		target Target
		want   string
	}{
		{"oneself without users.edit", holding("contacts.view"), Target{ID: "u-me", Role: roleOf("staff")}, ""},
		{"another without users.edit", holding("users.view"), targetHolding(nil, "contacts.view"), "forbidden"},
		{"another, covered", holding("users.edit", "contacts.view"), targetHolding(nil, "contacts.view"), ""},
		{"another holding more", holding("users.edit"), targetHolding(nil, "billing.manage"), "escalation"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := code(Rename(c.actor, "u-me", c.target)); got != c.want {
				t.Errorf("code %q; want %q", got, c.want)
			}
		})
	}
}

func TestFitsPlan(t *testing.T) {
	starter, _ := plan.Lookup("starter")
	for _, c := range []struct {
		used int
		want string
	}{
		{0, ""},
		{starter.Seats, ""},
		{starter.Seats + 1, "seat_limit_reached"},
	} {
		if got := code(FitsPlan(starter, c.used)); got != c.want {
			t.Errorf("%d seats in use on %s: %q; want %q", c.used, starter.Name, got, c.want)
		}
	}
}

func TestCanonical(t *testing.T) {
	if got := perm.Canonical([]string{"users.view", "contacts.edit", "users.view"}); !slices.Equal(got, []string{"contacts.edit", "users.view"}) {
		t.Errorf("Canonical = %v", got)
	}
}
