package users

import (
	"context"
	"time"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/edit"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/rules"
)

var errNoUser = &rules.Refusal{Code: api.CodeNotFound, Message: "No such user."}

// Target describes a member for the rules; not found when there is none,
// or when their details are hidden from the viewer.
func Target(a *tenant.Account, viewerID, id string) (rules.Target, bool) {
	m, ok := a.Members[id]
	if !ok || a.Hidden(viewerID, id) {
		return rules.Target{}, false
	}
	r, _ := a.Role(m.RoleID)
	last := rules.LastSuperAdmin(m.Status, r, ActiveSuperAdmins(a))
	return rules.Target{ID: id, Status: m.Status, Role: r, LastSuperAdmin: last, Subject: a.Subject(m)}, true
}

// ActiveSuperAdmins counts the account's active super admins, those hidden
// from any viewer included: the rules keep the last one.
func ActiveSuperAdmins(a *tenant.Account) int {
	n := 0
	for _, m := range a.Members {
		if r, _ := a.Role(m.RoleID); r.SuperAdmin && m.Status == rules.StatusActive {
			n++
		}
	}
	return n
}

// Act applies a lifecycle action (disable, enable, revoke, invite, delete,
// restore, purge) to a user, atomically with every rule that guards it, and
// then its effects: sessions end at once when a login goes away.
func (s *Service) Act(ctx context.Context, p *auth.Principal, id, action string) (tenant.Member, error) {
	var m tenant.Member
	now := s.cfg.Now().UTC()
	a, _, err := s.edit(ctx, p, func(a *tenant.Account, actor rules.Actor, rec *edit.Record) error {
		var err error
		if m, err = actOn(a, actor, rec, id, action, now.Add(s.cfg.InviteTTL)); err != nil {
			return err
		}
		_, revertible := undoneBy[action]
		rec.Action, rec.Summary, rec.Revertible = "user."+action, summaries[action]+m.Name, revertible
		return nil
	})
	if err != nil {
		return tenant.Member{}, err
	}
	return m, s.afterAct(ctx, a, id, action, m.SessionEpoch)
}

// actOn applies a lifecycle action to member id of a under the rules of
// the actor (rec's), and fills rec's target, before and after; an invitation it makes works until
// inviteExpires.
func actOn(a *tenant.Account, actor rules.Actor, rec *edit.Record, id, action string, inviteExpires time.Time) (tenant.Member, error) {
	t, ok := Target(a, rec.ActorID(), id)
	if !ok {
		return tenant.Member{}, errNoUser
	}
	if no := rules.Lifecycle(actor, rec.ActorID(), action, t); no != nil {
		return tenant.Member{}, no
	}
	m := a.Members[id]
	before := memberView{RoleID: m.RoleID, Status: m.Status}
	next, _ := rules.Next(action, m.Status, m.BeforeDeletion)
	if next == "" && action == rules.ActRestore {
		next = rules.StatusRevoked
	}
	r, _ := a.Role(m.RoleID)
	if no := seats(a, actor).Readmit(r, m.Status, next); no != nil {
		return m, no
	}
	if loses := action == rules.ActDisable || action == rules.ActRevoke || action == rules.ActDelete || action == rules.ActPurge; loses {
		// Ends every session, one being opened meanwhile too (it
		// carries the epoch it read), should the login come back.
		m.SessionEpoch++
	}
	switch action {
	case rules.ActPurge:
		delete(a.Members, id)
	case rules.ActDelete:
		m.BeforeDeletion, m.Status = m.Status, next
	case rules.ActInvite:
		m.Status, m.InviteExpiresAt = next, &inviteExpires
	default:
		m.Status = next
	}
	if action != rules.ActPurge {
		a.Members[id] = m
	}
	rec.Target = tenant.AuditTarget{Type: "user", ID: id, Name: m.Name}
	rec.Before, rec.After = before, memberView{RoleID: m.RoleID, Status: m.Status}
	return m, nil
}

// undoneBy are the lifecycle actions an undo takes back, each by the
// action that reverses it (purging and revoking a login cannot be undone:
// what they removed is gone).
var undoneBy = map[string]string{rules.ActDisable: rules.ActEnable, rules.ActEnable: rules.ActDisable, rules.ActDelete: rules.ActRestore}

var summaries = map[string]string{
	rules.ActDisable: "Disabled ", rules.ActEnable: "Enabled ", rules.ActRevoke: "Revoked the login of ",
	rules.ActInvite: "Invited ", rules.ActDelete: "Deleted ", rules.ActRestore: "Restored ", rules.ActPurge: "Purged ",
}

// afterAct carries out what a status change means outside the account
// document. Should it fail, the account already says what counts: a
// session of a user who is not active is refused on its next request.
func (s *Service) afterAct(ctx context.Context, a *tenant.Account, id, action string, epoch int64) error {
	switch action {
	case rules.ActDisable, rules.ActRevoke, rules.ActDelete:
		if err := s.st.Tokens.DeleteForUser(ctx, id, ""); err != nil {
			return err
		}
		return s.auth.DeleteEnded(ctx, id, epoch)
	case rules.ActPurge:
		if err := s.auth.DeleteEnded(ctx, id, epoch); err != nil {
			return err
		}
		if err := s.st.Tokens.DeleteForUser(ctx, id, ""); err != nil {
			return err
		}
		if err := s.st.SignIns.Forget(ctx, a.ID, id); err != nil {
			return err
		}
		return s.st.Users.Delete(ctx, id)
	case rules.ActInvite:
		return s.sendInvite(ctx, a, id)
	}
	return nil
}
