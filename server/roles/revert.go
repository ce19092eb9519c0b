package roles

import (
	"encoding/json"
	"slices"

	"github.com/rolesconsole/console/server/edit"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

var (
	errAlreadyUndone = &rules.Refusal{Code: api.CodeInvalidState, Message: "This change has been undone already."}
	errNothingToUndo = &rules.Refusal{Code: api.CodeInvalidState, Message: "The role is already as it was before this change."}
)

// Undoers are the role changes that can be undone, each under the same
// rules as making it by hand.
func Undoers() map[string]edit.Undoer {
	return map[string]edit.Undoer{
		"role.permission": undoUpdate,
		"role.update":     undoUpdate,
		"role.create":     undoCreate,
		"role.delete":     undoDelete,
	}
}

func undoUpdate(a *tenant.Account, actor rules.Actor, rec *edit.Record, orig *tenant.AuditRecord) error {
	if no := rules.Revert(actor); no != nil {
		return no
	}
	var before role.Role
	if err := json.Unmarshal([]byte(orig.Before), &before); err != nil {
		return err
	}
	return restore(a, actor, rec, before)
}

func undoCreate(a *tenant.Account, actor rules.Actor, rec *edit.Record, orig *tenant.AuditRecord) error {
	if no := rules.Revert(actor); no != nil {
		return no
	}
	var created role.Role
	if err := json.Unmarshal([]byte(orig.After), &created); err != nil {
		return err
	}
	return unCreate(a, actor, rec, created.ID)
}

func undoDelete(a *tenant.Account, actor rules.Actor, rec *edit.Record, orig *tenant.AuditRecord) error {
	if no := rules.Revert(actor); no != nil {
		return no
	}
	var d deleted
	if err := json.Unmarshal([]byte(orig.Before), &d); err != nil {
		return err
	}
	return unDelete(a, actor, rec, d)
}

// restore puts a role's name, description, colour, grants and email
// domains back as they were.
func restore(a *tenant.Account, actor rules.Actor, rec *edit.Record, before role.Role) error {
	i := slices.IndexFunc(a.Roles, func(r role.Role) bool { return r.ID == before.ID })
	if i < 0 {
		return &rules.Refusal{Code: api.CodeInvalidState, Message: "The role no longer exists."}
	}
	cur := a.Roles[i]
	next := cur
	next.Name, next.Description, next.Color = before.Name, before.Description, before.Color
	if next.Name != cur.Name || next.Description != cur.Description || next.Color != cur.Color {
		if no := rules.Edit(actor, cur); no != nil {
			return no
		}
	}
	next.Permissions = perm.Canonical(before.Permissions)
	if no := rules.NameTaken(a.Roles, next.Name, cur.ID); no != nil {
		return no
	}
	if next.Domains = before.Domains; !slices.Equal(next.Domains, cur.Domains) {
		if no := rules.SetDomains(actor, cur); no != nil {
			return no
		}
	}
	if !slices.Equal(next.Permissions, perm.Canonical(cur.Permissions)) {
		if no := rules.SetPermissions(actor, cur, next.Permissions); no != nil {
			return no
		}
	}
	if next.Name == cur.Name && next.Description == cur.Description && next.Color == cur.Color &&
		slices.Equal(next.Permissions, perm.Canonical(cur.Permissions)) && slices.Equal(next.Domains, cur.Domains) {
		return errNothingToUndo
	}
	a.Roles[i] = next
	rec.Before, rec.After = cur, next
	return nil
}

// unCreate deletes a role that was created.
func unCreate(a *tenant.Account, actor rules.Actor, rec *edit.Record, id string) error {
	d, err := remove(a, actor, id, errAlreadyUndone)
	if err != nil {
		return err
	}
	rec.Before = d
	return nil
}

// unDelete brings a deleted role back, and gives it back to its former
// holders who have had no role since and whose email its domains allow;
// the record names those it was given back to.
func unDelete(a *tenant.Account, actor rules.Actor, rec *edit.Record, d deleted) error {
	if _, exists := a.Role(d.Role.ID); exists {
		return errAlreadyUndone
	}
	if no := rules.NameTaken(a.Roles, d.Role.Name, ""); no != nil {
		return no
	}
	if no := rules.Create(actor, d.Role.Permissions); no != nil {
		return no
	}
	a.Roles = append(a.Roles, d.Role)
	var back []string
	for _, uid := range d.Holders {
		// A former holder outside the role's domains (they kept it when
		// the domains changed) is not given it again: the undo brings the
		// role back, and giving a role obeys its domains wherever it
		// happens. They stay without a role, as the deletion left them.
		if m, ok := a.Members[uid]; ok && m.RoleID == "" && rules.InDomains(d.Role, m.Email) {
			m.RoleID = d.Role.ID
			a.Members[uid] = m
			back = append(back, uid)
		}
	}
	rec.After = deleted{Role: d.Role, Holders: back}
	return nil
}
