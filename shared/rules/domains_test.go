package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/rolesconsole/console/shared/preset"
	"github.com/rolesconsole/console/shared/role"
)

func TestDomainAllows(t *testing.T) {
	vendor := role.Role{ID: "am", Name: "Glovora Account Manager", Domains: []string{"glovora.com"}}
	two := role.Role{ID: "x", Name: "Agency", Domains: []string{"a.example", "b.example", "c.example"}}
	cases := []struct {
		r     role.Role
		email string
		ok    bool
	}{
		{vendor, "am@glovora.com", true},
		{vendor, "AM@Glovora.COM", true},     // case does not matter
		{vendor, "am@glovora.com.", true},    // nor a root dot
		{vendor, "am@eu.glovora.com", false}, // a subdomain may be a customer's
		{vendor, "am@glovora.com.evil.example", false},
		{vendor, "am@notglovora.com", false},
		{vendor, "glovora.com@clinic.example", false}, // the domain is after the last @
		{vendor, "am@glоvora.com", false},             // a Cyrillic o: a look-alike
		{vendor, "", false},
		{two, "x@c.example", true},
		{two, "x@d.example", false},
		{role.Role{Name: "Staff"}, "anyone@anywhere.example", true},
	}
	for _, c := range cases {
		no := DomainAllows(c.r, c.email)
		if (no == nil) != c.ok {
			t.Errorf("%s for %q: %v; want allowed %v", c.r.Name, c.email, no, c.ok)
			continue
		}
		if no != nil && (no.Code != CodeInvalidInput || no.Fields["role_id"] != no.Message) {
			t.Errorf("%s for %q: %+v; want invalid_input on role_id", c.r.Name, c.email, no)
		}
	}
	if got := DomainAllows(vendor, "x@clinic.example").Message; got != "Glovora Account Manager is for people with an email at glovora.com." {
		t.Errorf("one domain: %q", got)
	}
	if got := DomainAllows(two, "x@clinic.example").Message; got != "Agency is for people with an email at a.example, b.example or c.example." {
		t.Errorf("three domains: %q", got)
	}
}

func TestValidDomains(t *testing.T) {
	cases := []struct {
		in   []string
		want []string // nil: refused
	}{
		{[]string{" Glovora.COM ", "glovora.com", "", "eu.glovora.com"}, []string{"glovora.com", "eu.glovora.com"}},
		{[]string{"xn--bcher-kva.example"}, []string{"xn--bcher-kva.example"}},
		{[]string{}, []string{}},
		{[]string{"am@glovora.com"}, nil},
		{[]string{"localhost"}, nil},
		{[]string{"bücher.example"}, nil},
		{[]string{"-bad.example"}, nil},
		{[]string{"bad-.example"}, nil},
		{[]string{"a..example"}, nil},
		{[]string{"10.0.0.1"}, nil},
		{[]string{"under_score.example"}, nil},
		{[]string{strings.Repeat("a", 64) + ".example"}, nil},
	}
	for _, c := range cases {
		got, no := ValidDomains(c.in)
		switch {
		case c.want == nil && (no == nil || no.Code != CodeInvalidInput || no.Fields["domains"] == ""):
			t.Errorf("%q: %v %v; want refused on domains", c.in, got, no)
		case c.want != nil && (no != nil || !slices.Equal(got, c.want)):
			t.Errorf("%q: %v %v; want %v", c.in, got, no, c.want)
		}
	}
	many := make([]string, MaxRoleDomains+1)
	for i := range many {
		many[i] = "d" + strings.Repeat("x", i) + ".example"
	}
	if _, no := ValidDomains(many); no == nil {
		t.Errorf("%d domains accepted", len(many))
	}
	if _, no := ValidDomains(many[:MaxRoleDomains]); no != nil {
		t.Errorf("%d domains refused: %v", MaxRoleDomains, no)
	}
}

func TestSetDomains(t *testing.T) {
	cases := []struct {
		who  Actor
		r    string
		want string
	}{
		{actor("super_admin"), "admin", ""},
		{actor("super_admin"), "super_admin", ""}, // nobody is above them
		{actor("admin"), "staff", ""},
		{actor("admin"), "admin", CodeSelfRestriction},
		{actor("admin"), "super_admin", CodeEscalation},
		{actor("staff"), "staff", CodeForbidden},
	}
	for _, c := range cases {
		if got := code(SetDomains(c.who, roleOf(c.r))); got != c.want {
			t.Errorf("%s limiting %s: %q; want %q", c.who.RoleID, c.r, got, c.want)
		}
	}
}

// The clinic CRM's vendor role is for the vendor's staff from the start.
func TestClinicSixVendorRoleHasTheVendorsDomain(t *testing.T) {
	r, ok := preset.ClinicSix.Role("account_manager")
	if !ok || !slices.Equal(r.Domains, []string{preset.VendorDomain}) {
		t.Fatalf("account_manager domains %v", r.Domains)
	}
	if _, no := ValidDomains(r.Domains); no != nil {
		t.Errorf("the preset's domain is refused: %v", no)
	}
}
