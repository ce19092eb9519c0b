package rules

import (
	"testing"

	"github.com/rolesconsole/console/shared/account"
)

func TestPasswordMinimumRelaxes(t *testing.T) {
	limits := account.SessionLimits{IdleMinutes: 30, AbsoluteMinutes: 720}
	with := func(n int) account.Policy {
		return account.Policy{TwoFactor: account.TwoFactor{Required: "none"}, PasswordMinLength: n}
	}
	cases := []struct {
		before, next int
		relaxes      bool
	}{
		{0, 8, true},   // the default of 12 lowered
		{0, 11, true},  // by one
		{12, 8, true},  // set to 12, then lowered
		{16, 12, true}, // raised, then back
		{16, 0, true},  // back to the default is shorter too
		{0, 12, false},
		{12, 0, false},
		{0, 16, false},
		{8, 12, false},
		{8, 8, false},
	}
	for _, c := range cases {
		got := Relaxes(with(c.before), with(c.next), limits)
		if (got != "") != c.relaxes {
			t.Errorf("minimum %d -> %d: Relaxes = %q; want relaxing = %v", c.before, c.next, got, c.relaxes)
		}
	}
	for _, c := range []struct {
		n  int
		ok bool
	}{{0, true}, {8, true}, {12, true}, {64, true}, {7, false}, {1, false}, {65, false}, {-1, false}} {
		no := ValidatePolicy(with(c.n), limits, func(string) bool { return true })
		if (no == nil) != c.ok || (no != nil && no.Fields["password_min_length"] == "") {
			t.Errorf("password_min_length %d: %v; want ok = %v", c.n, no, c.ok)
		}
	}
}
