package users

import (
	"context"
	"slices"
	"strings"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/edit"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/rules"
)

// Patch changes a user's name, role or per-user overrides. Anyone may
// rename themselves; other users exist only for those who may view users.
func (s *Service) Patch(ctx context.Context, p *auth.Principal, id string, in api.PatchUser) (tenant.Member, error) {
	if id != p.Session.UserID && !p.Can("users.view") {
		return tenant.Member{}, errNoUser
	}
	var name string
	if in.Name != nil {
		name = strings.TrimSpace(*in.Name)
		if why := rules.ValidName(name); why != "" {
			return tenant.Member{}, &rules.Refusal{Code: api.CodeInvalidInput, Message: "Check the highlighted fields.",
				Fields: map[string]string{"name": why}}
		}
	}
	var m tenant.Member
	_, _, err := s.edit(ctx, p, func(a *tenant.Account, actor rules.Actor, rec *edit.Record) error {
		var err error
		m, err = patchMember(a, actor, rec, id, in, name)
		if err != nil {
			return err
		}
		rec.Action, rec.Summary, rec.Revertible = "user.update", "Changed "+m.Name, true
		return nil
	})
	if err != nil {
		return tenant.Member{}, err
	}
	return m, nil
}

// patchMember changes member id of a as in asks (name the trimmed new
// name), under the rules of the actor (rec's), and fills rec's target,
// before and after.
func patchMember(a *tenant.Account, actor rules.Actor, rec *edit.Record, id string, in api.PatchUser, name string) (tenant.Member, error) {
	t, ok := Target(a, rec.ActorID(), id)
	if !ok {
		return tenant.Member{}, errNoUser
	}
	m := a.Members[id]
	before := patchView(m)
	if in.Name != nil && name != m.Name {
		if no := rules.Rename(actor, rec.ActorID(), t); no != nil {
			return m, no
		}
		m.Name = name
	}
	if in.RoleID != nil && *in.RoleID != m.RoleID {
		next, ok := a.Role(*in.RoleID)
		if !ok {
			return m, &rules.Refusal{Code: api.CodeInvalidInput, Message: "No such role.", Fields: map[string]string{"role_id": "Pick a role of this account."}}
		}
		if no := rules.ChangeRole(actor, rec.ActorID(), t, next, a.Policy.Ladder); no != nil {
			return m, no
		}
		if no := seats(a, actor).Move(m.Status, next); no != nil {
			return m, no
		}
		if no := rules.DomainAllows(next, m.Email); no != nil {
			return m, no
		}
		m.RoleID = next.ID
	}
	if in.Overrides != nil {
		o := perm.Overrides{Grant: perm.Canonical(in.Overrides.Grant), Deny: perm.Canonical(in.Overrides.Deny)}
		if no := rules.KnownPermissions(a.Modules, append(slices.Clone(o.Grant), o.Deny...), "overrides"); no != nil {
			return m, no
		}
		if no := rules.SetOverrides(actor, rec.ActorID(), t, o.Grant, a.Policy.Overrides); no != nil {
			return m, no
		}
		// Overrides of a module the account turned off are not shown, so
		// they are not sent: they stay for when it is turned on again.
		o.Grant = perm.Canonical(append(o.Grant, perm.Hidden(a.Modules, m.Overrides.Grant)...))
		o.Deny = perm.Canonical(append(o.Deny, perm.Hidden(a.Modules, m.Overrides.Deny)...))
		m.Overrides = o
	}
	a.Members[id] = m
	rec.Target = tenant.AuditTarget{Type: "user", ID: id, Name: m.Name}
	rec.Before, rec.After = before, patchView(m)
	return m, nil
}

// patchView is what a change of a user's name, role or overrides records
// of them, before and after.
func patchView(m tenant.Member) memberView {
	return memberView{Name: m.Name, RoleID: m.RoleID, Status: m.Status, Grant: m.Overrides.Grant, Deny: m.Overrides.Deny}
}
