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
		t, ok := Target(a, p.Session.UserID, id)
		if !ok {
			return errNoUser
		}
		m = a.Members[id]
		before := memberView{Name: m.Name, RoleID: m.RoleID, Status: m.Status, Grant: m.Overrides.Grant, Deny: m.Overrides.Deny}
		if in.Name != nil && name != m.Name {
			if no := rules.Rename(actor, p.Session.UserID, t); no != nil {
				return no
			}
			m.Name = name
		}
		if in.RoleID != nil && *in.RoleID != m.RoleID {
			next, ok := a.Role(*in.RoleID)
			if !ok {
				return &rules.Refusal{Code: api.CodeInvalidInput, Message: "No such role.", Fields: map[string]string{"role_id": "Pick a role of this account."}}
			}
			if no := rules.ChangeRole(actor, p.Session.UserID, t, next, a.Policy.Ladder); no != nil {
				return no
			}
			if no := seats(a, actor).Move(m.Status, next); no != nil {
				return no
			}
			if no := rules.DomainAllows(next, m.Email); no != nil {
				return no
			}
			m.RoleID = next.ID
		}
		if in.Overrides != nil {
			o := perm.Overrides{Grant: perm.Canonical(in.Overrides.Grant), Deny: perm.Canonical(in.Overrides.Deny)}
			if no := rules.KnownPermissions(a.Modules, append(slices.Clone(o.Grant), o.Deny...), "overrides"); no != nil {
				return no
			}
			if no := rules.SetOverrides(actor, p.Session.UserID, t, o.Grant, a.Policy.Overrides); no != nil {
				return no
			}
			// Overrides of a module the account turned off are not shown, so
			// they are not sent: they stay for when it is turned on again.
			o.Grant = perm.Canonical(append(o.Grant, perm.Hidden(a.Modules, m.Overrides.Grant)...))
			o.Deny = perm.Canonical(append(o.Deny, perm.Hidden(a.Modules, m.Overrides.Deny)...))
			m.Overrides = o
		}
		a.Members[id] = m
		rec.Action, rec.Summary = "user.update", "Changed "+m.Name
		rec.Target = tenant.AuditTarget{Type: "user", ID: id, Name: m.Name}
		rec.Before = before
		rec.After = memberView{Name: m.Name, RoleID: m.RoleID, Status: m.Status, Grant: m.Overrides.Grant, Deny: m.Overrides.Deny}
		return nil
	})
	if err != nil {
		return tenant.Member{}, err
	}
	return m, nil
}
