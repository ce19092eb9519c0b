package roles

import (
	"context"
	"strings"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/edit"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// Create adds a role at the bottom of the ladder.
func (s *Service) Create(ctx context.Context, p *auth.Principal, in api.CreateRole) (Role, error) {
	if in.Color == "" {
		in.Color = "grey"
	}
	if no := rules.ValidateRole(in.Name, in.Description, in.Color); no != nil {
		return Role{}, no
	}
	domains, no := rules.ValidDomains(in.Domains)
	if no != nil {
		return Role{}, no
	}
	var id string
	a, _, err := s.edit(ctx, p, func(a *tenant.Account, actor rules.Actor, rec *edit.Record) error {
		grants := perm.Canonical(in.Permissions)
		if no := rules.KnownPermissions(a.Modules, grants, "permissions"); no != nil {
			return no
		}
		if no := rules.NameTaken(a.Roles, in.Name, ""); no != nil {
			return no
		}
		if no := rules.Create(actor, grants); no != nil {
			return no
		}
		rank := 0
		for _, r := range a.Roles {
			rank = max(rank, r.Rank+1)
		}
		r := role.Role{
			ID: newRoleID(a, in.Name), Name: strings.TrimSpace(in.Name), Description: in.Description,
			Color: in.Color, Rank: rank, Permissions: grants, Domains: domains,
		}
		a.Roles = append(a.Roles, r)
		id = r.ID
		rec.Action, rec.Summary, rec.Revertible = "role.create", "Created role "+r.Name, true
		rec.Target = tenant.AuditTarget{Type: "role", ID: r.ID, Name: r.Name}
		rec.After = r
		return nil
	})
	if err != nil {
		return Role{}, err
	}
	return View(a, p.Session.UserID, id)
}
