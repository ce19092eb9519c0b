package roles

import (
	"context"
	"slices"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/edit"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/preset"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// Reset puts a role's name, description, colour and grants back to its
// preset's defaults: the fix for drift the matrix shows. Audited, and
// undoable like any role change.
func (s *Service) Reset(ctx context.Context, p *auth.Principal, id string) (Role, error) {
	a, _, err := s.edit(ctx, p, func(a *tenant.Account, actor rules.Actor, rec *edit.Record) error {
		i := slices.IndexFunc(a.Roles, func(r role.Role) bool { return r.ID == id })
		if i < 0 {
			return store.ErrNotFound
		}
		pre, _ := preset.Lookup(a.Preset)
		def, ok := pre.Role(id)
		if !ok {
			return &rules.Refusal{Code: api.CodeInvalidState, Message: "This role is not one of the preset's; it has no defaults."}
		}
		cur := a.Roles[i]
		if no := rules.Edit(actor, cur); no != nil {
			return no
		}
		next := cur
		next.Name, next.Description, next.Color = def.Name, def.Description, def.Color
		next.Permissions = perm.Canonical(def.Permissions)
		next.Never = def.Never
		if no := rules.NameTaken(a.Roles, next.Name, id); no != nil {
			return no
		}
		if !slices.Equal(next.Permissions, perm.Canonical(cur.Permissions)) {
			if no := rules.SetPermissions(actor, cur, next.Permissions); no != nil {
				return no
			}
		}
		a.Roles[i] = next
		rec.Action, rec.Summary, rec.Revertible = "role.update", "Reset role "+next.Name+" to the preset's defaults", true
		rec.Target = tenant.AuditTarget{Type: "role", ID: id, Name: next.Name}
		rec.Before, rec.After = cur, next
		return nil
	})
	if err != nil {
		return Role{}, err
	}
	return View(a, p.Session.UserID, id)
}
