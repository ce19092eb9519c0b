package httpapi_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	policy "github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/api"
)

func policyOf(t *testing.T, c *servertest.Client) policy.Policy {
	t.Helper()
	var a api.Account
	c.Do("GET", "/api/v1/account", nil).Want(200).JSON(&a)
	return a.Policy
}

func setPolicy(c *servertest.Client, p policy.Policy) *servertest.Response {
	return c.Do("PATCH", "/api/v1/account", api.PatchAccount{Policy: &p})
}

// The ladder product's rule, that only the Super Admin relaxes it: an
// Admin holding account.manage can neither switch the ladder off and then
// demote, nor relax any other protection; tightening stays theirs.
func TestOnlySuperAdminsRelaxThePolicy(t *testing.T) {
	clock := newClock()
	e := servertest.Start(t, func(c *server.Config) { c.Preset = "ladder"; c.Auth.Now = clock.Now })
	owner := e.SignedIn()
	owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": "enterprise"}).Want(200)
	admin, _ := e.WithRole("admin", "admin@example.com")
	pm := createUser(t, owner, "Pat Manager", "pat@example.com", "project_manager", "pat-password-1234")
	enrol(t, owner, clock)
	enrol(t, admin, clock)

	// The super admin sets protections up.
	base := policyOf(t, owner)
	base.TwoFactor = policy.TwoFactor{Required: "roles", Roles: []string{"admin", "project_manager"}, GraceDays: 7}
	base.SessionIdleMinutes, base.SessionAbsoluteMinutes = 20, 240
	setPolicy(owner, base).Want(200)
	base = policyOf(t, owner)

	relax := []struct {
		name   string
		change func(p *policy.Policy)
	}{
		{"ladder off", func(p *policy.Policy) { p.Ladder = false }},
		{"overrides on", func(p *policy.Policy) { p.Overrides = true }},
		{"2FA for nobody", func(p *policy.Policy) { p.TwoFactor.Required, p.TwoFactor.Roles = "none", nil }},
		{"2FA for fewer roles", func(p *policy.Policy) { p.TwoFactor.Roles = []string{"admin"} }},
		{"longer grace", func(p *policy.Policy) { p.TwoFactor.GraceDays = 30 }},
		{"longer idle sessions", func(p *policy.Policy) { p.SessionIdleMinutes = 25 }},
		{"idle back to the server's limit", func(p *policy.Policy) { p.SessionIdleMinutes = 0 }},
		{"longer sessions", func(p *policy.Policy) { p.SessionAbsoluteMinutes = 300 }},
	}
	for _, r := range relax {
		next := base
		next.TwoFactor.Roles = append([]string(nil), base.TwoFactor.Roles...)
		r.change(&next)
		res := setPolicy(admin, next)
		if res.Status != 409 || res.ErrorCode() != api.CodeEscalation || !strings.Contains(string(res.Body), "Only a Super Admin can") {
			t.Errorf("admin, %s: %d %s; want 409 escalation", r.name, res.Status, res.Body)
		}
		if got := policyOf(t, owner); got.Ladder != base.Ladder || got.Overrides != base.Overrides || got.SessionIdleMinutes != base.SessionIdleMinutes ||
			got.TwoFactor.Required != base.TwoFactor.Required || len(got.TwoFactor.Roles) != len(base.TwoFactor.Roles) {
			t.Errorf("admin, %s: the policy changed: %+v", r.name, got)
		}
	}
	// The demotion the relaxed ladder would have allowed stays refused.
	wantCode(t, admin.Do("PATCH", "/api/v1/users/"+pm.ID, map[string]string{"role_id": "teammate"}), 409, api.CodeLadderDemotion)

	// Tightening is the admin's to do.
	tight := base
	tight.TwoFactor = policy.TwoFactor{Required: "all", GraceDays: 3}
	tight.SessionIdleMinutes, tight.SessionAbsoluteMinutes = 15, 120
	setPolicy(admin, tight).Want(200)
	// And the super admin relaxes what they like.
	for _, r := range relax {
		next := policyOf(t, owner)
		r.change(&next)
		setPolicy(owner, next).Want(200)
	}
	if got := policyOf(t, owner); got.Ladder || !got.Overrides {
		t.Errorf("the super admin's changes did not land: %+v", got)
	}
}

// The operator's session lifetimes are maxima: a policy may shorten them,
// never lengthen them; beyond them it answers 400 with the allowed range.
func TestPolicySessionsWithinTheServersLimits(t *testing.T) {
	e := servertest.Start(t, func(c *server.Config) {
		c.Auth.IdleTimeout, c.Auth.AbsoluteTimeout = 45*time.Minute, 8*time.Hour
	})
	owner := e.SignedIn()
	var a api.Account
	owner.Do("GET", "/api/v1/account", nil).Want(200).JSON(&a)
	if a.SessionLimits != (policy.SessionLimits{IdleMinutes: 45, AbsoluteMinutes: 480}) {
		t.Errorf("session limits %+v", a.SessionLimits)
	}
	for _, s := range []struct {
		idle, absolute int
		status         int
		field, says    string
	}{
		{24 * 60, 0, 400, "session_idle_minutes", "to 45 minutes"},
		{0, 30 * 24 * 60, 400, "session_absolute_minutes", "to 480 minutes"},
		{46, 0, 400, "session_idle_minutes", "to 45 minutes"},
		{0, 481, 400, "session_absolute_minutes", "to 480 minutes"},
		{-1, 0, 400, "session_idle_minutes", "0 (the server's limit)"},
		{45, 480, 200, "", ""},
		{10, 60, 200, "", ""},
	} {
		p := a.Policy
		p.SessionIdleMinutes, p.SessionAbsoluteMinutes = s.idle, s.absolute
		res := setPolicy(owner, p)
		if res.Status != s.status {
			t.Errorf("idle %d, absolute %d: %d %s", s.idle, s.absolute, res.Status, res.Body)
			continue
		}
		if s.status == 400 {
			var body api.Error
			res.JSON(&body)
			if body.Error.Code != api.CodeInvalidInput || !strings.Contains(body.Error.Fields[s.field], s.says) {
				t.Errorf("idle %d, absolute %d: %s", s.idle, s.absolute, res.Body)
			}
		}
	}
}

// The account says how long invitations work, as the operator set it
// (INVITE_TTL), so that pages say it truly.
func TestAccountSaysHowLongInvitationsWork(t *testing.T) {
	for _, c := range []struct {
		ttl  time.Duration
		want int
	}{{0, 7 * 24}, {48 * time.Hour, 48}} {
		e := servertest.Start(t, func(cfg *server.Config) { cfg.Users.InviteTTL = c.ttl })
		var a api.Account
		e.SignedIn().Do("GET", "/api/v1/account", nil).Want(200).JSON(&a)
		if a.InviteTTLHours != c.want {
			t.Errorf("INVITE_TTL %v: invite_ttl_hours %d; want %d", c.ttl, a.InviteTTLHours, c.want)
		}
	}
}

// Refusals speak the account's words: in a clinic whose super-admin role
// is "Owner", its owner is the last active Owner, an admin's missing
// permission has the matrix's name, and no answer says "super admin" or a
// permission's key.
func TestRefusalsSayTheAccountsRoleAndPermissionNames(t *testing.T) {
	e := servertest.Start(t, func(c *server.Config) { c.Preset = "clinic-six" })
	owner := e.SignedIn()
	ownerID := me(t, owner).User.ID
	staff, _ := e.WithRole("staff", "staff@words.example")
	for _, c := range []struct {
		name string
		res  *servertest.Response
		want string
	}{
		{"the last Owner", owner.Do("POST", "/api/v1/users/"+ownerID+"/disable", nil), "This is the last active Owner"},
		{"a route's permission", staff.Do("POST", "/api/v1/users", api.CreateUser{Name: "X", Email: "x@words.example", RoleID: "staff"}), "“Users: Create”"},
	} {
		t.Run(c.name, func(t *testing.T) {
			body := string(c.res.Body)
			if c.res.Status < 400 || !strings.Contains(body, c.want) {
				t.Errorf("%d %s; want it to say %q", c.res.Status, body, c.want)
			}
			for _, engine := range []string{"super admin", "users.create", "users.manage"} {
				if strings.Contains(strings.ToLower(body), engine) {
					t.Errorf("%s says %q", body, engine)
				}
			}
		})
	}
}
