package roles

import (
	"context"
	"slices"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/edit"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// deleted is what an audit record keeps of a deleted role: the role and who
// held it, so that undoing the deletion gives it back to them.
type deleted struct {
	Role    role.Role `json:"role"`
	Holders []string  `json:"holders"`
}

// Delete removes a role; its holders are left without a role.
func (s *Service) Delete(ctx context.Context, p *auth.Principal, id string) error {
	_, _, err := s.edit(ctx, p, func(a *tenant.Account, actor rules.Actor, rec *edit.Record) error {
		d, err := remove(a, actor, id, store.ErrNotFound)
		if err != nil {
			return err
		}
		rec.Action, rec.Summary, rec.Revertible = "role.delete", "Deleted role "+d.Role.Name, true
		rec.Target = tenant.AuditTarget{Type: "role", ID: id, Name: d.Role.Name}
		rec.Before = d
		return nil
	})
	return err
}

// remove deletes a role, if the rules let the actor, and leaves its
// holders without a role; missing is the error when there is no such role.
func remove(a *tenant.Account, actor rules.Actor, id string, missing error) (deleted, error) {
	i := slices.IndexFunc(a.Roles, func(r role.Role) bool { return r.ID == id })
	if i < 0 {
		return deleted{}, missing
	}
	r := a.Roles[i]
	if no := rules.Delete(actor, r); no != nil {
		return deleted{}, no
	}
	var holders []string
	for uid, m := range a.Members {
		if m.RoleID == id {
			m.RoleID = ""
			a.Members[uid] = m
			holders = append(holders, uid)
		}
	}
	slices.Sort(holders)
	a.Roles = slices.Delete(a.Roles, i, i+1)
	return deleted{Role: r, Holders: holders}, nil
}
