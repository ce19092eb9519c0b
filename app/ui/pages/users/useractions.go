package users

import (
	"slices"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/plan"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// Row actions of the Users page: the part of a test id after "user-action-".
const (
	actRole      = "role"
	actOverrides = "overrides"
	actReset2FA  = "reset-2fa"
	actSessions  = "sessions"
	actLockout   = "lockout"
)

// userAction is one thing the signed-in person may try on a user's row.
// The rules decide: an action they refuse with forbidden or invalid_state
// is left out (it makes no sense here); any other refusal leaves the
// control on the page, disabled, with the rule's sentence.
type userAction struct {
	key   string
	label string
	no    *rules.Refusal
}

// userRules holds what the rules need to judge actions on the users shown.
type userRules struct {
	actor   rules.Actor
	actorID string
	roles   []role.Role // the account's roles; empty when they cannot be read
	// supers counts the active super admins of the whole account, as the
	// server does (those hidden from the viewer included).
	supers    int
	ladder    bool
	overrides bool
	modules   []string
	// subjects are what each listed user may do, compiled once for the
	// rules of every action on their row.
	subjects map[string]*perm.Subject
	// seats are the counts the server's seat and cap rules read: the
	// seats in use, the seats of each role with a cap from the stats (all
	// of them, those hidden from the viewer included).
	seats rules.Seats
}

// newUserRules judges against the account as loaded; seatsUsed is the
// count the page shows (Page.seatsUsed), so that what it greys out and
// what its seat line says agree.
func newUserRules(me api.Me, roles []api.Role, all []api.User, stats api.UserStats, seatsUsed int) userRules {
	tier, _ := plan.Lookup(me.Account.Plan)
	r := userRules{
		actor: me.Actor(), actorID: me.User.ID, supers: stats.SuperAdmins,
		ladder: me.Account.Policy.Ladder, overrides: me.Account.Policy.Overrides, modules: me.Account.Modules,
		seats: rules.Seats{Plan: tier, Used: seatsUsed, Seated: map[string]int{}},
	}
	for _, ro := range roles {
		r.roles = append(r.roles, ro.Role)
	}
	if me.Role != nil && !slices.ContainsFunc(r.roles, func(x role.Role) bool { return x.ID == me.Role.ID }) {
		r.roles = append(r.roles, *me.Role)
	}
	for id, n := range stats.CappedSeats {
		r.seats.Seated[id] = n
	}
	r.subjects = make(map[string]*perm.Subject, len(all))
	for _, u := range all {
		r.subjects[u.ID] = r.compile(u)
	}
	return r
}

// role is the role with the id; an unknown id gets a role of that id and
// a readable name, "" none at all.
func (r userRules) role(id string) role.Role {
	if i := slices.IndexFunc(r.roles, func(x role.Role) bool { return x.ID == id }); i >= 0 {
		return r.roles[i]
	}
	if id == "" {
		return role.Role{}
	}
	return role.Role{ID: id, Name: kit.ReadableID(id), Color: "grey"}
}

// target is u as the rules see them, with what they may do compiled as
// the server compiles it: acting on their login needs all of it.
func (r userRules) target(u api.User) rules.Target {
	ro := r.role(u.RoleID)
	s, ok := r.subjects[u.ID]
	if !ok {
		s = r.compile(u)
	}
	return rules.Target{ID: u.ID, Status: u.Status, Role: ro,
		LastSuperAdmin: rules.LastSuperAdmin(u.Status, ro, r.supers),
		Subject:        s}
}

// compile is what u may do, compiled as the server compiles it.
func (r userRules) compile(u api.User) *perm.Subject {
	ro := r.role(u.RoleID)
	var o *perm.Overrides
	if r.overrides {
		o = &u.Overrides
	}
	return perm.Default.Compile(ro.SuperAdmin, r.modules, ro.Permissions, o)
}

// shown reports whether a refusal leaves its control on the page.
func shown(no *rules.Refusal) bool {
	return no == nil || (no.Code != api.CodeForbidden && no.Code != api.CodeInvalidState)
}

// changeRole judges moving u to next, in the server's order: the role
// rules, next's cap, then whether next's email domains allow u's email.
func (r userRules) changeRole(u api.User, next role.Role) *rules.Refusal {
	if no := rules.ChangeRole(r.actor, r.actorID, r.target(u), next, r.ladder); no != nil {
		return no
	}
	if no := r.seats.Move(u.Status, next); no != nil {
		return no
	}
	return rules.DomainAllows(next, u.Email)
}

// create judges adding a user of this email with role ro, in the server's
// order: adding at all, a free seat and ro's cap, whether ro is the
// person's to give, then whether ro's email domains allow the email, once
// one is typed.
func (r userRules) create(ro role.Role, email string) *rules.Refusal {
	if no := rules.CreateUser(r.actor); no != nil {
		return no
	}
	if no := r.seats.Admit(ro); no != nil {
		return no
	}
	if no := rules.Assign(r.actor, ro); no != nil || !kit.LooksLikeEmail(email) {
		return no
	}
	return rules.DomainAllows(ro, email)
}

// roleChoices are the roles u could be moved to, each with the rules'
// verdict; nil when roles cannot be read.
func (r userRules) roleChoices(u api.User) []roleChoice {
	var out []roleChoice
	for _, ro := range r.roles {
		c := roleChoice{role: ro, current: ro.ID == u.RoleID}
		if !c.current {
			c.no = r.changeRole(u, ro)
		}
		out = append(out, c)
	}
	return out
}

// createChoices are the roles a new user of this email could be given,
// each with the rules' verdict.
func (r userRules) createChoices(email string) []roleChoice {
	out := make([]roleChoice, len(r.roles))
	for i, ro := range r.roles {
		out[i] = roleChoice{role: ro, no: r.create(ro, email)}
	}
	return out
}

type roleChoice struct {
	role    role.Role
	current bool
	no      *rules.Refusal
}

// roleAction: allowed when some other role may be given; else the rule in
// the way. The rules check permission, super admins, the last super admin
// and oneself before the role chosen, so a refusal for those reasons is
// the same for every role.
func (r userRules) roleAction(u api.User) userAction {
	a := userAction{key: actRole, label: "Change role"}
	if len(r.roles) == 0 {
		a.no = &rules.Refusal{Code: api.CodeForbidden}
		return a
	}
	var first *rules.Refusal
	for _, c := range r.roleChoices(u) {
		if c.current {
			continue
		}
		if c.no == nil {
			return a
		}
		if first == nil {
			first = c.no
		}
	}
	if a.no = first; a.no == nil {
		// No other role: the role's own checks still say whether the
		// person may change roles at all.
		if a.no = r.changeRole(u, r.role(u.RoleID)); a.no == nil {
			a.no = &rules.Refusal{Code: api.CodeInvalidState}
		}
	}
	return a
}

func (r userRules) overridesAction(u api.User) userAction {
	return userAction{key: actOverrides, label: "Permissions", no: rules.SetOverrides(r.actor, r.actorID, r.target(u), nil, r.overrides)}
}

// lifecycle judges an action on u's sign-in, then, when it gives them a
// seat again (a revoked login invited anew), the seats and their role's
// cap. Restore is left to the server there: it goes back to the status
// before deletion, which the list does not say.
func (r userRules) lifecycle(u api.User, action, label string) userAction {
	a := userAction{key: action, label: label, no: rules.Lifecycle(r.actor, r.actorID, action, r.target(u))}
	if a.no == nil && action != rules.ActRestore {
		next, _ := rules.Next(action, u.Status, "")
		a.no = r.seats.Readmit(r.role(u.RoleID), u.Status, next)
	}
	return a
}

// adminAction is an action on another person's sign-in (reset their 2FA,
// end their sessions), as rules.AdminSignIn allows. On one's own row it is
// left out: My account is for that.
func (r userRules) adminAction(u api.User, key, label string) userAction {
	a := userAction{key: key, label: label, no: rules.AdminSignIn(r.actor, r.actorID, r.target(u))}
	if u.ID == r.actorID {
		a.no = &rules.Refusal{Code: api.CodeInvalidState}
	}
	return a
}

// rowActions are the actions on u's row: the primary ones, shown as
// buttons, and the rest, in the row's menu. Actions left out by the rules
// are not in either.
func (r userRules) rowActions(u api.User) (primary, more []userAction) {
	role := r.roleAction(u)
	overrides := r.overridesAction(u)
	disable := r.lifecycle(u, rules.ActDisable, "Disable")
	enable := r.lifecycle(u, rules.ActEnable, "Enable")
	revoke := r.lifecycle(u, rules.ActRevoke, "Revoke access")
	invite := r.lifecycle(u, rules.ActInvite, "Re-invite")
	del := r.lifecycle(u, rules.ActDelete, "Delete")
	reset := r.lifecycle(u, rules.ActReset, "Reset password")
	sessions := r.adminAction(u, actSessions, "Sign out everywhere")
	lockout := r.adminAction(u, actLockout, "Sign-in lockout")
	twoFactor := r.adminAction(u, actReset2FA, "Reset two-factor")
	if !u.TOTPEnabled {
		twoFactor.no = &rules.Refusal{Code: api.CodeInvalidState}
	}

	var p, m []userAction
	switch u.Status {
	case rules.StatusActive:
		p = []userAction{role, revoke}
		m = []userAction{overrides, disable, reset, twoFactor, sessions, lockout, del}
	case rules.StatusInvited:
		invite.label, revoke.label = "Resend invite", "Cancel invite"
		p = []userAction{invite, revoke}
		m = []userAction{role, del}
	case rules.StatusDisabled:
		p = []userAction{enable, revoke}
		m = []userAction{role, overrides, reset, twoFactor, sessions, lockout, del}
	case rules.StatusRevoked:
		p = []userAction{invite}
		m = []userAction{role, del}
	case rules.StatusNoLogin:
		invite.label = "Invite to sign in"
		p = []userAction{invite}
		m = []userAction{role, del}
	case rules.StatusDeleted:
		p = []userAction{r.lifecycle(u, rules.ActRestore, "Restore"), r.lifecycle(u, rules.ActPurge, "Delete for good")}
	}
	keep := func(as []userAction) []userAction {
		return slices.DeleteFunc(as, func(a userAction) bool { return !shown(a.no) })
	}
	return keep(p), keep(m)
}
