package rules

import (
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/role"
)

// User statuses.
const (
	StatusInvited  = "invited"
	StatusActive   = "active"
	StatusDisabled = "disabled"
	StatusRevoked  = "revoked"
	StatusDeleted  = "deleted"
	// StatusNoLogin is a member with no sign-in at all (staff listed on
	// the account who do not use the product): no seat, no password, no
	// invitation until one is sent.
	StatusNoLogin = "no_login"
)

// HoldsSeat reports whether a user of this status counts against the plan:
// active, disabled and invited users do; revoked, deleted and no-login
// ones do not.
func HoldsSeat(status string) bool {
	switch status {
	case StatusActive, StatusDisabled, StatusInvited:
		return true
	}
	return false
}

// Lifecycle actions on a user.
const (
	ActDisable = "disable"
	ActEnable  = "enable"
	ActRevoke  = "revoke"
	ActInvite  = "invite"
	ActDelete  = "delete"
	ActRestore = "restore"
	ActPurge   = "purge"
	ActReset   = "reset-password"
)

// transitions lists, per action, the statuses it applies to and the status
// it leads to ("" for restore: back to the status before deletion; for purge:
// gone; for reset: unchanged).
var transitions = map[string]struct {
	from []string
	to   string
}{
	ActDisable: {[]string{StatusActive}, StatusDisabled},
	ActEnable:  {[]string{StatusDisabled}, StatusActive},
	ActRevoke:  {[]string{StatusActive, StatusDisabled, StatusInvited}, StatusRevoked},
	ActInvite:  {[]string{StatusInvited, StatusRevoked, StatusNoLogin}, StatusInvited},
	ActDelete:  {[]string{StatusInvited, StatusActive, StatusDisabled, StatusRevoked, StatusNoLogin}, StatusDeleted},
	ActRestore: {[]string{StatusDeleted}, ""},
	ActPurge:   {[]string{StatusDeleted}, ""},
	ActReset:   {[]string{StatusActive, StatusDisabled}, ""},
}

// actionPermission is what each action needs of the actor.
var actionPermission = map[string]string{
	ActDisable: "users.manage", ActEnable: "users.manage", ActRevoke: "users.manage", ActInvite: "users.manage",
	ActRestore: "users.manage", ActReset: "users.manage", ActDelete: "users.delete", ActPurge: "users.delete",
}

// Target is the user an action is about, as the rules see them.
type Target struct {
	ID     string
	Status string
	Role   role.Role
	// LastSuperAdmin: they are the only active super admin of the account.
	LastSuperAdmin bool
	// Subject is what they may do; nil where the caller does not know it
	// (then only the super admin check of ActOn applies).
	Subject *perm.Subject
}

// LastSuperAdmin reports whether a member of role r in this status is the
// last active super admin of an account that has active of them (the
// server's count, which members hidden from a viewer are in too): the one
// the account may not lose.
func LastSuperAdmin(status string, r role.Role, active int) bool {
	return status == StatusActive && r.SuperAdmin && active <= 1
}

// Next returns the status an action leads to from a status, and whether the
// action applies at all; restore needs the status before deletion.
func Next(action, status, beforeDeletion string) (string, bool) {
	t, ok := transitions[action]
	if !ok {
		return "", false
	}
	for _, f := range t.from {
		if f == status {
			switch action {
			case ActRestore:
				return beforeDeletion, true
			case ActReset:
				return status, true
			}
			return t.to, true
		}
	}
	return "", false
}

// Lifecycle decides whether the actor (whose user id is actorID) may apply
// the action to the target. Seats and caps are checked by the caller, which
// knows the account's counts.
func Lifecycle(a Actor, actorID, action string, t Target) *Refusal {
	p, ok := actionPermission[action]
	if !ok {
		return refuse(CodeInvalidInput, "Unknown action "+action+".")
	}
	if !a.Subject.Can(p) {
		return Needs("This", p)
	}
	if no := ActOn(a, t); no != nil {
		return no
	}
	if _, ok := Next(action, t.Status, StatusRevoked); !ok {
		return refuse(CodeInvalidState, "A user who is "+t.Status+" cannot be given this action ("+action+").")
	}
	// Before the self check: the last super admin locking themselves out is
	// refused for that reason, which says more.
	if t.LastSuperAdmin && (action == ActDisable || action == ActRevoke || action == ActDelete) {
		return refuse(CodeLastSuperAdmin, "This is the last active "+t.Role.Name+"; at least one must remain.")
	}
	if t.ID == actorID && action != ActReset {
		return refuse(CodeSelfRestriction, "You cannot "+action+" yourself.")
	}
	return nil
}

// ChangeRole decides whether the actor may move the target from their
// current role to next. ladder is the account's promotion-only policy.
func ChangeRole(a Actor, actorID string, t Target, next role.Role, ladder bool) *Refusal {
	if !a.Subject.Can("users.manage") {
		return Needs("Changing roles", "users.manage")
	}
	if no := ActOn(a, t); no != nil {
		return no
	}
	if t.LastSuperAdmin && !next.SuperAdmin {
		return refuse(CodeLastSuperAdmin, "This is the last active "+t.Role.Name+"; at least one must remain.")
	}
	if t.ID == actorID {
		return refuse(CodeSelfRestriction, "You cannot change your own role.")
	}
	// A per-user grant the next role may never hold would come with them.
	for _, n := range next.Never {
		if t.Subject != nil && t.Subject.Check(n.Permission, true).Reason.Override() {
			return refuse(CodeInvalidState, n.Reason+" Remove their per-user grant of “"+perm.Label(n.Permission)+"” first.")
		}
	}
	if ladder && t.Role.ID != "" && next.Rank > t.Role.Rank {
		return refuse(CodeLadderDemotion, "Roles only move up the ladder here; to move "+t.Role.Name+" down to "+next.Name+", delete the user and add them again.")
	}
	return Assign(a, next)
}

// SetOverrides decides whether the actor may give the target these
// per-user grants; denies never raise anyone's power.
func SetOverrides(a Actor, actorID string, t Target, grant []string, allowed bool) *Refusal {
	if !a.Subject.Can("users.manage") {
		return refuse(CodeForbidden, "Per-user permissions need the permission “"+perm.Label("users.manage")+"”.")
	}
	if no := ActOn(a, t); no != nil {
		return no
	}
	if !allowed {
		return refuse(CodeInvalidState, "This account does not use per-user overrides; change the role instead.")
	}
	if t.ID == actorID {
		return refuse(CodeSelfRestriction, "You cannot change your own permissions.")
	}
	if t.Role.SuperAdmin {
		return refuse(CodeInvalidState, "The "+t.Role.Name+" role holds every permission; overrides do not apply.")
	}
	for _, id := range grant {
		if why, never := t.Role.Forbids(id); never {
			return refuse(CodeInvalidState, why)
		}
	}
	for _, id := range grant {
		if !a.holds(id) {
			return refuse(CodeEscalation, "You can only grant permissions you hold yourself (“"+perm.Label(id)+"”).")
		}
	}
	return nil
}

// AdminSignIn decides whether the actor may act on another user's sign-in
// (reset their two-factor, sign them out everywhere, remind them by email):
// users.manage, never oneself (My account is for that), and only a super
// admin on a super admin.
func AdminSignIn(a Actor, actorID string, t Target) *Refusal {
	if !a.Subject.Can("users.manage") {
		return Needs("This", "users.manage")
	}
	if no := ActOn(a, t); no != nil {
		return no
	}
	if t.ID == actorID {
		return refuse(CodeSelfRestriction, "Use My account for your own sign-in.")
	}
	return nil
}

// Rename decides whether the actor may rename t: anyone renames
// themselves; renaming someone else needs users.edit and acting on them.
func Rename(a Actor, actorID string, t Target) *Refusal {
	if t.ID == actorID {
		return nil
	}
	if !a.Subject.Can("users.edit") {
		return Needs("Renaming users", "users.edit")
	}
	return ActOn(a, t)
}

// ActOn decides whether the actor may act on another person's sign-in,
// credentials or standing (reset their password or second factor, end
// their sessions, disable, revoke, delete or restore them, rename them,
// change their role or overrides). Doing so is a way to become them, so it
// needs every permission they hold: otherwise an admin could take over a
// colleague who manages billing and act as them. Only a super admin acts
// on a super admin.
func ActOn(a Actor, t Target) *Refusal {
	if a.Subject.SuperAdmin() {
		return nil
	}
	if t.Role.SuperAdmin || (t.Subject != nil && t.Subject.SuperAdmin()) {
		return refuse(CodeEscalation, "Only "+an(t.Role.Name)+" can change "+an(t.Role.Name)+".")
	}
	if t.Subject == nil {
		return nil
	}
	for _, p := range t.Subject.Granted() {
		if !a.holds(p.ID) {
			return refuse(CodeEscalation, "You cannot act on the login of someone who holds a permission you do not hold (“"+perm.Label(p.ID)+"”).")
		}
	}
	return nil
}

// CreateUser decides whether the actor may add users at all; the role
// they give is judged by Assign, the seats by the account.
func CreateUser(a Actor) *Refusal {
	if !a.Subject.Can("users.create") {
		return Needs("Adding users", "users.create")
	}
	return nil
}
