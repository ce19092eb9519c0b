package httpapi

import (
	"encoding/base64"
	"time"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/roles"
	"github.com/rolesconsole/console/server/security"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/server/totp"
	"github.com/rolesconsole/console/server/users"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/plan"
	"github.com/rolesconsole/console/shared/rules"
)

// Mappers from the services' domain values to the wire format.

// accountView is the account as the viewer may see it: the plan and its
// seat limit are the subscription, shown only to those who may view
// billing (in the ladder preset, only the Super Admin); seats in use stay
// visible to whoever adds users.
func (a *API) accountView(acct *tenant.Account, viewer *perm.Subject) api.Account {
	out := api.Account{
		ID:             acct.ID,
		Name:           acct.Name,
		Preset:         acct.Preset,
		Seats:          api.Seats{Used: acct.SeatsUsed()},
		Policy:         acct.Policy,
		Modules:        acct.Modules,
		SuperAdminRole: acct.SuperAdminRole(),
		Revision:       acct.Revision,
		SessionLimits:  a.auth.SessionLimits(),
		InviteTTLHours: int(a.users.InviteTTL() / time.Hour),
	}
	if viewer.Can("billing.view") || viewer.Can("billing.manage") {
		tier, _ := plan.Lookup(acct.Plan)
		out.Plan, out.Seats.Limit = acct.Plan, tier.Seats
	}
	return out
}

// userView is a user as the API shows them; an invitation's expiry is told
// only while it is pending.
func userView(u users.User) api.User {
	v := api.User{
		ID: u.ID, Name: u.Name, Email: u.Email, RoleID: u.RoleID, Status: u.Status,
		LastLoginAt: u.LastLogin, CreatedAt: u.CreatedAt, TOTPEnabled: u.TOTP,
		Overrides: perm.Overrides{Grant: nonNil(u.Overrides.Grant), Deny: nonNil(u.Overrides.Deny)},
	}
	if u.Status == rules.StatusInvited && u.InviteExpiresAt != nil {
		v.InviteExpiresAt, v.InviteExpired = u.InviteExpiresAt, u.InviteExpired
	}
	if u.CreatedBy != "" {
		v.CreatedBy = &api.Person{ID: u.CreatedBy, Name: u.CreatedByName}
	}
	return v
}

func userListView(p users.Page) api.UserList {
	out := api.UserList{Items: make([]api.User, 0, len(p.Users)), NextCursor: p.Next}
	for _, u := range p.Users {
		out.Items = append(out.Items, userView(u))
	}
	return out
}

func statsView(n users.Counts) api.UserStats {
	return api.UserStats{ByRole: n.ByRole, PendingInvites: n.PendingInvites, SuperAdmins: n.SuperAdmins, CappedSeats: n.CappedSeats, RoleOrder: n.RoleOrder, SeatsUsed: n.SeatsUsed}
}

func effectiveView(ps []perm.EffectivePermission) api.Effective {
	out := api.Effective{Permissions: make([]api.EffectivePermission, 0, len(ps))}
	for _, p := range ps {
		out.Permissions = append(out.Permissions, api.EffectivePermission{ID: p.ID, Source: p.Source})
	}
	return out
}

func roleView(r roles.Role) api.Role {
	return api.Role{Role: r.Role, Holders: r.Holders}
}

func roleViews(rs []roles.Role) []api.Role {
	out := make([]api.Role, len(rs))
	for i, r := range rs {
		out[i] = roleView(r)
	}
	return out
}

func matrixView(g roles.Grid) api.Matrix {
	return api.Matrix{Modules: g.Modules, Roles: roleViews(g.Roles), Grants: g.Grants}
}

func enrollmentView(e totp.Enrollment) api.TOTPEnrollment {
	return api.TOTPEnrollment{Secret: e.Secret, OTPAuthURL: e.URL, QRPNG: base64.StdEncoding.EncodeToString(e.QRPNG)}
}

func suggestionsView(r security.Report) api.Suggestions {
	out := api.Suggestions{Passed: r.Passed, Total: r.Total, Items: make([]api.Suggestion, 0, len(r.Findings))}
	for _, f := range r.Findings {
		us := make([]api.SuggestionUser, len(f.Users))
		for i, u := range f.Users {
			us[i] = api.SuggestionUser{ID: u.ID, Name: u.Name, Email: u.Email, Detail: u.Detail}
		}
		out.Items = append(out.Items, api.Suggestion{Kind: f.Kind, Severity: f.Severity, Title: f.Title, Advice: f.Advice, Users: us, Fix: f.Fix})
	}
	return out
}

func twoFactorView(f auth.TwoFactor) api.TwoFactorStatus {
	return api.TwoFactorStatus{Enabled: f.Enabled, Required: f.Required, EnrollBy: f.EnrollBy, MustEnroll: f.MustEnroll}
}

// nonNil writes an empty list as [], not null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
