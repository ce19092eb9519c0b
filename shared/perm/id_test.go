package perm

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		in   string
		want ID
		ok   bool
	}{
		{"users.view", ID{Module: "users", Action: "view"}, true},
		{"contacts.edit:own", ID{Module: "contacts", Action: "edit", Own: true}, true},
		{"patients.adjust_balance", ID{Module: "patients", Action: "adjust_balance"}, true},
		{"a1.b2", ID{Module: "a1", Action: "b2"}, true},
		// The edges of the alphabet: a to z first, then digits and _.
		{"z0.a9z_", ID{Module: "z0", Action: "a9z_"}, true},
		{strings.Repeat("m", 40) + ".view", ID{Module: strings.Repeat("m", 40), Action: "view"}, true},
		{strings.Repeat("m", 41) + ".view", ID{}, false},
		{"{a.view", ID{}, false},
		{"`a.view", ID{}, false},
		{"a{.view", ID{}, false},
		{"a/.view", ID{}, false},
		{"a;.view", ID{}, false},
		{"_a.view", ID{}, false},
		{"", ID{}, false},
		{"users", ID{}, false},
		{"users.", ID{}, false},
		{".view", ID{}, false},
		{"users.view.extra", ID{}, false},
		{"Users.view", ID{}, false},
		{"users.view:all", ID{}, false},
		{"users.view:own:own", ID{}, false},
		{"1users.view", ID{}, false},
		{"users.vi ew", ID{}, false},
		{"users.$ne", ID{}, false},
		{"users.view\x00", ID{}, false},
	}
	for _, c := range cases {
		got, err := Parse(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("Parse(%q) = %+v, %v; want %+v, ok=%v", c.in, got, err, c.want, c.ok)
		}
		if c.ok && got.String() != c.in {
			t.Errorf("Parse(%q).String() = %q", c.in, got.String())
		}
	}
}
