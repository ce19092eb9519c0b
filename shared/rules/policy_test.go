package rules

import (
	"strings"
	"testing"

	"github.com/rolesconsole/console/shared/account"
)

var limits = account.SessionLimits{IdleMinutes: 30, AbsoluteMinutes: 720}

func TestRelaxes(t *testing.T) {
	base := account.Policy{Ladder: true, Overrides: false,
		TwoFactor:          account.TwoFactor{Required: "roles", Roles: []string{"admin", "staff"}, GraceDays: 7},
		SessionIdleMinutes: 20, SessionAbsoluteMinutes: 600}
	cases := []struct {
		name   string
		change func(p *account.Policy)
		want   string
	}{
		{"nothing", func(p *account.Policy) {}, ""},
		{"ladder off", func(p *account.Policy) { p.Ladder = false }, "switch off the promotion-only ladder"},
		{"overrides on", func(p *account.Policy) { p.Overrides = true }, "switch per-user overrides on or off"},
		{"2FA of nobody", func(p *account.Policy) { p.TwoFactor.Required = "none" }, "require two-factor sign-in of fewer people"},
		{"2FA of fewer roles", func(p *account.Policy) { p.TwoFactor.Roles = []string{"admin"} }, "require two-factor sign-in of fewer people"},
		{"2FA of other roles", func(p *account.Policy) { p.TwoFactor.Roles = []string{"admin", "read_only"} }, "require two-factor sign-in of fewer people"},
		{"2FA of more roles", func(p *account.Policy) { p.TwoFactor.Roles = []string{"admin", "staff", "read_only"} }, ""},
		{"2FA of all", func(p *account.Policy) { p.TwoFactor.Required = "all" }, ""},
		{"longer grace", func(p *account.Policy) { p.TwoFactor.GraceDays = 8 }, "give more time to turn on two-factor sign-in"},
		{"shorter grace", func(p *account.Policy) { p.TwoFactor.GraceDays = 6 }, ""},
		{"idle longer", func(p *account.Policy) { p.SessionIdleMinutes = 21 }, "let sessions stay idle longer"},
		{"idle to the limit", func(p *account.Policy) { p.SessionIdleMinutes = 0 }, "let sessions stay idle longer"},
		{"idle shorter", func(p *account.Policy) { p.SessionIdleMinutes = 19 }, ""},
		{"absolute longer", func(p *account.Policy) { p.SessionAbsoluteMinutes = 601 }, "let sessions last longer"},
		{"absolute shorter", func(p *account.Policy) { p.SessionAbsoluteMinutes = 599 }, ""},
		{"ladder on", func(p *account.Policy) { p.Ladder = true }, ""},
	}
	for _, c := range cases {
		next := base
		next.TwoFactor.Roles = append([]string(nil), base.TwoFactor.Roles...)
		c.change(&next)
		if got := Relaxes(base, next, limits); got != c.want {
			t.Errorf("%s: %q; want %q", c.name, got, c.want)
		}
	}
	all := account.Policy{TwoFactor: account.TwoFactor{Required: "all"}}
	for _, next := range []account.TwoFactor{{Required: "roles", Roles: []string{"admin"}}, {Required: "none"}} {
		if got := Relaxes(all, account.Policy{TwoFactor: next}, limits); got != "require two-factor sign-in of fewer people" {
			t.Errorf("from all to %s: %q", next.Required, got)
		}
	}
	// With no 2FA required, a grace period means nothing.
	if got := Relaxes(account.Policy{TwoFactor: account.TwoFactor{Required: "none"}}, account.Policy{TwoFactor: account.TwoFactor{Required: "none", GraceDays: 30}}, limits); got != "" {
		t.Errorf("grace without a requirement: %q", got)
	}
}

func TestChangePolicy(t *testing.T) {
	before := account.Policy{Ladder: true, TwoFactor: account.TwoFactor{Required: "none"}}
	after := account.Policy{Ladder: false, TwoFactor: account.TwoFactor{Required: "none"}}
	manager := holding("account.manage")
	if no := ChangePolicy(manager, before, after, limits); code(no) != "escalation" || no.Message != "Only a super admin can switch off the promotion-only ladder." {
		t.Errorf("admin relaxing: %v", no)
	}
	if no := ChangePolicy(manager, after, before, limits); no != nil {
		t.Errorf("admin tightening: %v", no)
	}
	if no := ChangePolicy(actor("super_admin"), before, after, limits); no != nil {
		t.Errorf("super admin relaxing: %v", no)
	}
	if no := ChangePolicy(actor("staff"), after, before, limits); code(no) != "forbidden" {
		t.Errorf("without account.manage: %v", no)
	}
}

func TestValidatePolicy(t *testing.T) {
	known := func(id string) bool { return id == "admin" }
	ok := account.Policy{TwoFactor: account.TwoFactor{Required: "roles", Roles: []string{"admin"}, GraceDays: 90}, SessionIdleMinutes: 30, SessionAbsoluteMinutes: 720}
	if no := ValidatePolicy(ok, limits, known); no != nil {
		t.Errorf("valid policy refused: %v", no)
	}
	// Zero is a value of each range: no grace, the server's lifetimes.
	if no := ValidatePolicy(account.Policy{TwoFactor: account.TwoFactor{Required: "all"}}, limits, known); no != nil {
		t.Errorf("zeros refused: %v", no)
	}
	for _, c := range []struct {
		name   string
		change func(p *account.Policy)
		field  string
		says   string
	}{
		{"unknown role", func(p *account.Policy) { p.TwoFactor.Roles = []string{"ghost"} }, "two_factor.roles", "Unknown role ghost."},
		{"unknown mode", func(p *account.Policy) { p.TwoFactor.Required = "some" }, "two_factor.required", `Use "none", "all" or "roles".`},
		{"grace too long", func(p *account.Policy) { p.TwoFactor.GraceDays = 91 }, "two_factor.grace_days", "0 to 90 days."},
		{"negative grace", func(p *account.Policy) { p.TwoFactor.GraceDays = -1 }, "two_factor.grace_days", "0 to 90 days."},
		{"idle over the limit", func(p *account.Policy) { p.SessionIdleMinutes = 31 }, "session_idle_minutes", "0 (the server's limit) to 30 minutes."},
		{"negative idle", func(p *account.Policy) { p.SessionIdleMinutes = -1 }, "session_idle_minutes", "to 30 minutes."},
		{"absolute over the limit", func(p *account.Policy) { p.SessionAbsoluteMinutes = 721 }, "session_absolute_minutes", "0 (the server's limit) to 720 minutes."},
		{"negative absolute", func(p *account.Policy) { p.SessionAbsoluteMinutes = -1 }, "session_absolute_minutes", "to 720 minutes."},
	} {
		p := ok
		c.change(&p)
		no := ValidatePolicy(p, limits, known)
		if code(no) != "invalid_input" || !strings.Contains(no.Fields[c.field], c.says) || len(no.Fields) != 1 {
			t.Errorf("%s: %+v", c.name, no)
		}
	}
}

func TestSessionLimits(t *testing.T) {
	for _, c := range []struct{ idle, absolute, wantIdle, wantAbsolute int }{
		{0, 0, 30, 720}, {-5, -5, 30, 720}, {10, 60, 10, 60}, {30, 720, 30, 720}, {31, 721, 30, 720},
	} {
		p := account.Policy{SessionIdleMinutes: c.idle, SessionAbsoluteMinutes: c.absolute}
		if got := limits.Idle(p); got != c.wantIdle {
			t.Errorf("Idle(%d) = %d; want %d", c.idle, got, c.wantIdle)
		}
		if got := limits.Absolute(p); got != c.wantAbsolute {
			t.Errorf("Absolute(%d) = %d; want %d", c.absolute, got, c.wantAbsolute)
		}
	}
}

func TestPasswordMinimumRelaxes(t *testing.T) {

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
