// Package security reviews an account the way a security reviewer would
// and lists what to fix: the seed's three checks and more.
package security

import (
	"slices"
	"strings"
	"time"

	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/rules"
)

// check is one review: which members fail it, and what to say about them.
// advise and entitle, when set, word the advice and the title for the
// members found, so that they are true of them.
type check struct {
	kind, severity, title, advice, fix string
	fails                              func(id string, m tenant.Member) (bool, string)
	advise                             func(found []tenant.Member) string
	// entitle, when set, words the title for the members found.
	entitle func(found []tenant.Member) string
}

// Thresholds of the checks.
const (
	maxSuperAdmins = 2
	idleDays       = 90
	staleInvite    = 7 * 24 * time.Hour
)

// Finding is a check that fails: what it is about, what to do, the
// members it found, and the one-click fix the console offers ("" for none).
type Finding struct {
	Kind, Severity, Title, Advice, Fix string
	Users                              []Flagged
}

// Flagged is a member a finding is about, and what it says of them.
type Flagged struct {
	ID, Name, Email, Detail string
}

// Report is the checks' findings, and how many of them passed.
type Report struct {
	Passed, Total int
	Findings      []Finding
}

// Review runs every check on the account, as the viewer may see it:
// members hidden from them are left out. last holds the members' last
// sign-ins (absent: never).
func Review(a *tenant.Account, viewerID string, last map[string]time.Time, now time.Time) Report {
	role := func(m tenant.Member) (r struct{ super, admin, ok bool }) {
		ro, ok := a.Role(m.RoleID)
		r.ok, r.super = ok, ro.SuperAdmin
		s := a.Subject(m)
		r.admin = r.super || s.Can("users.manage") || s.Can("roles.edit") || s.Can("account.manage") || s.Can("security.manage")
		return r
	}
	required := func(m tenant.Member) bool { return a.Policy.TwoFactor.Requires(m.RoleID) }
	supers := 0
	for _, m := range a.Members {
		if m.Status == rules.StatusActive && role(m).super {
			supers++
		}
	}
	checks := []check{
		{"without_2fa", "high", "Admins without two-factor sign-in", "Ask them to turn on two-factor sign-in, or require it in the account's policy.", "remind",
			func(id string, m tenant.Member) (bool, string) {
				if m.Status != rules.StatusActive || !role(m).admin || m.TOTP {
					return false, ""
				}
				if required(m) {
					return true, "required by the account's policy"
				}
				return true, ""
			},
			func(found []tenant.Member) string {
				n := 0
				for _, m := range found {
					if required(m) {
						n++
					}
				}
				switch n {
				case 0:
					return ""
				case len(found):
					return "The account's policy requires it of them: they are asked to set it up when they sign in. Remind them to do it now."
				}
				return "Ask them to turn on two-factor sign-in; the account's policy requires it of those marked, and could require it of the others."
			}, nil},
		{"without_role", "medium", "Users without a role", "They can sign in but do nothing; assign them a role or revoke their login.", "assign_role",
			func(id string, m tenant.Member) (bool, string) {
				if !rules.HoldsSeat(m.Status) || role(m).ok {
					return false, ""
				}
				// What they can still do is what the server lets them do.
				if held := a.Subject(m).IDs(); len(held) > 0 {
					return true, "no role, but per-user grants still let them: " + labels(held)
				}
				return true, ""
			},
			func(found []tenant.Member) string {
				for _, m := range found {
					if len(a.Subject(m).IDs()) > 0 {
						return "Assign them a role or revoke their login; those marked still hold per-user grants."
					}
				}
				return ""
			}, nil},
		{"deactivated", "low", "Deactivated (hidden) admins", "Disabled logins still hold a seat; enable them or revoke their login.", "enable",
			func(id string, m tenant.Member) (bool, string) {
				return m.Status == rules.StatusDisabled, ""
			}, nil, nil},
		{"too_many_super_admins", "medium", "Many hold the role " + a.SuperAdminRole(), a.SuperAdminRole() + " holds every permission; keep two holders at most and give others a narrower role.", "open_user",
			func(id string, m tenant.Member) (bool, string) {
				return supers > maxSuperAdmins && m.Status == rules.StatusActive && role(m).super, ""
			}, nil, nil},
		{"inactive_90_days", "medium", "No sign-in for 90 days", "Unused logins are a way in; disable or revoke them.", "open_user",
			func(id string, m tenant.Member) (bool, string) {
				if m.Status != rules.StatusActive {
					return false, ""
				}
				since := m.CreatedAt
				detail := "never signed in"
				if at, ok := last[id]; ok {
					since, detail = at, "last sign-in "+at.Format("2 Jan 2006")
				}
				return now.Sub(since) > idleDays*24*time.Hour, detail
			}, nil, nil},
		{"stale_invites", "low", "Invitations expired or pending for over a week", "Resend them or cancel them, so no old link lies around.", "resend_invite",
			func(id string, m tenant.Member) (bool, string) {
				if m.Status != rules.StatusInvited {
					return false, ""
				}
				if m.InviteExpiresAt != nil && !now.Before(*m.InviteExpiresAt) {
					return true, "expired"
				}
				return now.Sub(m.CreatedAt) > staleInvite, "pending since " + m.CreatedAt.Format("2 Jan 2006")
			}, nil, nil},
		{"risky_overrides", "high", "Per-user grants of account or billing permissions", "Account and billing rights belong to roles that are reviewed; move them there.", "open_user",
			func(id string, m tenant.Member) (bool, string) {
				// Only grants in force count, by the server's own
				// evaluation: one of a disabled module, or one a deny
				// cancels, gives nothing.
				var risky []string
				for _, g := range a.Subject(m).Granted() {
					if g.Source == "override" && (strings.HasPrefix(g.ID, "account.") || strings.HasPrefix(g.ID, "billing.")) {
						risky = append(risky, g.ID)
					}
				}
				return rules.HoldsSeat(m.Status) && len(risky) > 0, labels(risky)
			}, nil, nil},
		outsideDomains(a),
	}
	out := Report{Total: len(checks)}
	for _, c := range checks {
		var found []Flagged
		var members []tenant.Member
		for id, m := range a.Members {
			if a.Hidden(viewerID, id) {
				continue
			}
			if bad, detail := c.fails(id, m); bad {
				found = append(found, Flagged{ID: id, Name: m.Name, Email: m.Email, Detail: detail})
				members = append(members, m)
			}
		}
		if len(found) == 0 {
			out.Passed++
			continue
		}
		slices.SortFunc(found, func(x, y Flagged) int {
			return strings.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name))
		})
		advice := c.advice
		if c.advise != nil {
			if said := c.advise(members); said != "" {
				advice = said
			}
		}
		title := c.title
		if c.entitle != nil {
			if said := c.entitle(members); said != "" {
				title = said
			}
		}
		out.Findings = append(out.Findings, Finding{Kind: c.kind, Severity: c.severity, Title: title, Advice: advice, Users: found, Fix: c.fix})
	}
	return out
}

// labels names permissions as the matrix does, in the order given.
func labels(keys []string) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = perm.Label(k)
	}
	return strings.Join(out, ", ")
}
