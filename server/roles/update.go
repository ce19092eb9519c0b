package roles

import (
	"context"
	"slices"
	"strings"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/edit"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// Patch changes a role's name, description, colour, grants or email domains.
func (s *Service) Patch(ctx context.Context, p *auth.Principal, id string, in api.PatchRole) (Role, error) {
	a, _, err := s.edit(ctx, p, func(a *tenant.Account, actor rules.Actor, rec *edit.Record) error {
		i := slices.IndexFunc(a.Roles, func(r role.Role) bool { return r.ID == id })
		if i < 0 {
			return store.ErrNotFound
		}
		before := a.Roles[i]
		next := before
		next.Permissions = slices.Clone(before.Permissions)
		if in.Name != nil {
			next.Name = strings.TrimSpace(*in.Name)
		}
		if in.Description != nil {
			next.Description = *in.Description
		}
		if in.Color != nil {
			next.Color = *in.Color
		}
		if no := rules.ValidateRole(next.Name, next.Description, next.Color); no != nil {
			return no
		}
		if no := rules.NameTaken(a.Roles, next.Name, id); no != nil {
			return no
		}
		if no := rules.Edit(actor, before); no != nil {
			return no
		}
		if in.Domains != nil {
			domains, no := rules.ValidDomains(*in.Domains)
			if no != nil {
				return no
			}
			// Holders outside the new domains keep the role: the
			// security suggestions name them for someone to decide.
			if next.Domains = domains; !slices.Equal(next.Domains, before.Domains) {
				if no := rules.SetDomains(actor, before); no != nil {
					return no
				}
			}
		}
		if in.Permissions != nil {
			if no := rules.KnownPermissions(a.Modules, *in.Permissions, "permissions"); no != nil {
				return no
			}
			// Grants of a module the account turned off are not shown, so
			// they are not sent: they stay for when it is turned on again.
			next.Permissions = perm.Canonical(append(slices.Clone(*in.Permissions), perm.Hidden(a.Modules, before.Permissions)...))
			if !slices.Equal(next.Permissions, perm.Canonical(before.Permissions)) {
				if no := rules.SetPermissions(actor, before, next.Permissions); no != nil {
					return no
				}
			}
		}
		a.Roles[i] = next
		rec.Action, rec.Summary, rec.Revertible = "role.update", "Changed role "+next.Name, true
		rec.Target = tenant.AuditTarget{Type: "role", ID: id, Name: next.Name}
		rec.Before, rec.After = before, next
		return nil
	})
	if err != nil {
		return Role{}, err
	}
	return View(a, p.Session.UserID, id)
}

// Toggle grants or revokes one permission of a role: one cell of the matrix.
func (s *Service) Toggle(ctx context.Context, p *auth.Principal, id, permission string, granted bool) (Role, error) {
	a, _, err := s.edit(ctx, p, func(a *tenant.Account, actor rules.Actor, rec *edit.Record) error {
		i := slices.IndexFunc(a.Roles, func(r role.Role) bool { return r.ID == id })
		if i < 0 {
			return store.ErrNotFound
		}
		if no := rules.KnownPermissions(a.Modules, []string{permission}, "permissions"); no != nil {
			return no
		}
		r := a.Roles[i]
		if no := rules.Toggle(actor, r, permission, granted); no != nil {
			return no
		}
		if slices.Contains(r.Permissions, permission) == granted {
			return nil // already so: nothing to change or record
		}
		before := r
		r.Permissions = slices.DeleteFunc(slices.Clone(r.Permissions), func(g string) bool { return g == permission })
		verb := "Revoked "
		if granted {
			r.Permissions = perm.Canonical(append(r.Permissions, permission))
			verb = "Granted "
		}
		a.Roles[i] = r
		rec.Action, rec.Summary, rec.Revertible = "role.permission", verb+permission+" for "+r.Name, true
		rec.Target = tenant.AuditTarget{Type: "role", ID: id, Name: r.Name}
		rec.Before, rec.After = before, r
		return nil
	})
	if err != nil {
		return Role{}, err
	}
	return View(a, p.Session.UserID, id)
}
