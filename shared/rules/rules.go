// Package rules decides which changes to roles an actor may make. The
// server enforces these decisions and the UI greys out what they refuse,
// so both read them from here.
package rules

import (
	"slices"
	"strconv"
	"strings"

	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/role"
)

// Actor is who attempts a change: the role they hold and what they may do.
type Actor struct {
	RoleID  string
	Subject *perm.Subject
	// SuperAdminRole is the name of the account's super-admin role
	// ("Owner", "Super Admin"): sentences say it in the account's words.
	SuperAdminRole string
}

// superAdmin names the account's super-admin role.
func (a Actor) superAdmin() string {
	if a.SuperAdminRole == "" {
		return "super admin"
	}
	return a.SuperAdminRole
}

// OnlySuperAdmins refuses what only the account's super admins may do.
func OnlySuperAdmins(a Actor) *Refusal {
	return refuse(CodeForbidden, "Only "+an(a.superAdmin())+" may do this.")
}

// an puts "a" or "an" before a name, by how it is written.
func an(name string) string {
	if name != "" && strings.ContainsRune("AEIOUaeiou", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// Needs is the refusal of doing something without a permission, named as
// the matrix names it.
func Needs(doing, key string) *Refusal {
	return refuse(CodeForbidden, doing+" needs the permission “"+perm.Label(key)+"”.")
}

// ActorOf is the actor of a role (none: ""), a super admin or not, who
// holds permissions in an account with these modules: how the UI rebuilds
// the signed-in person from what the server told it.
func ActorOf(roleID string, superAdmin bool, modules, permissions []string, superAdminRole string) Actor {
	return Actor{RoleID: roleID, Subject: perm.Default.Compile(superAdmin, modules, permissions, nil), SuperAdminRole: superAdminRole}
}

// Refusal is a rule's "no": an API error code, a sentence for people and,
// for invalid input, a message per field.
type Refusal struct {
	Code    string
	Message string
	Fields  map[string]string
}

func (r *Refusal) Error() string { return r.Message }

func refuse(code, msg string) *Refusal { return &Refusal{Code: code, Message: msg} }

// holds reports whether the actor may grant id: they hold it themselves.
// Holding "m.a" covers granting "m.a:own".
func (a Actor) holds(id string) bool {
	return a.Subject.Check(id, false).Allowed || (strings.HasSuffix(id, ":own") && a.Subject.Check(id, true).Allowed)
}

// Toggle decides whether the actor may grant (or revoke) one permission of a role.
func Toggle(a Actor, r role.Role, id string, granted bool) *Refusal {
	if !a.Subject.Can("roles.edit") {
		return Needs("Changing role permissions", "roles.edit")
	}
	if r.Locked {
		return refuse(CodeInvalidState, r.Name+" always has every permission; its grants are locked.")
	}
	if r.ID == a.RoleID {
		return refuse(CodeSelfRestriction, "You cannot change the permissions of your own role.")
	}
	if why, never := r.Forbids(id); granted && never {
		return refuse(CodeInvalidState, why)
	}
	if granted && !a.holds(id) {
		return refuse(CodeEscalation, "You can only grant permissions you hold yourself (“"+perm.Label(id)+"”).")
	}
	return nil
}

// SetPermissions decides whether the actor may replace a role's grants:
// every permission added must pass Toggle.
func SetPermissions(a Actor, r role.Role, next []string) *Refusal {
	for _, id := range next {
		if !slices.Contains(r.Permissions, id) {
			if no := Toggle(a, r, id, true); no != nil {
				return no
			}
		}
	}
	for _, id := range r.Permissions {
		if !slices.Contains(next, id) {
			if no := Toggle(a, r, id, false); no != nil {
				return no
			}
		}
	}
	return nil
}

// Create decides whether the actor may create a role with these grants.
func Create(a Actor, permissions []string) *Refusal {
	if !a.Subject.Can("roles.create") {
		return Needs("Creating roles", "roles.create")
	}
	for _, id := range permissions {
		if !a.holds(id) {
			return refuse(CodeEscalation, "You can only grant permissions you hold yourself (“"+perm.Label(id)+"”).")
		}
	}
	return nil
}

// Delete decides whether the actor may delete a role.
func Delete(a Actor, r role.Role) *Refusal {
	if !a.Subject.Can("roles.delete") {
		return Needs("Deleting roles", "roles.delete")
	}
	if r.System {
		return refuse(CodeInvalidState, r.Name+" comes with the account and cannot be deleted.")
	}
	if r.ID == a.RoleID {
		return refuse(CodeSelfRestriction, "You cannot delete your own role.")
	}
	return nil
}

// Assign decides whether the actor may give someone a role: only a super
// admin makes another super admin, and nobody hands out, through a role, a
// permission they do not hold.
func Assign(a Actor, r role.Role) *Refusal {
	if r.SuperAdmin {
		if !a.Subject.SuperAdmin() {
			return refuse(CodeEscalation, "Only "+an(r.Name)+" can make someone "+r.Name+".")
		}
		return nil
	}
	for _, id := range r.Permissions {
		if !a.holds(id) {
			return refuse(CodeEscalation, "You cannot give the role "+r.Name+": it grants “"+perm.Label(id)+"”, which you do not hold.")
		}
	}
	return nil
}

// Edit decides whether the actor may change a role's name, description or
// colour (its grants go through Toggle and SetPermissions).
func Edit(a Actor, r role.Role) *Refusal {
	if !a.Subject.Can("roles.edit") {
		return Needs("Editing roles", "roles.edit")
	}
	// A super admin role and a locked role are what the account's owner is:
	// renaming or re-describing them is theirs alone.
	if (r.SuperAdmin || r.Locked) && !a.Subject.SuperAdmin() {
		return refuse(CodeEscalation, "Only "+an(a.superAdmin())+" can change the role "+r.Name+".")
	}
	return nil
}

// Revert decides whether the actor may undo changes from the audit log at
// all; each undo is then judged like the change it makes.
func Revert(a Actor) *Refusal {
	if !a.Subject.Can("roles.edit") {
		return Needs("Undoing a change", "roles.edit")
	}
	return nil
}

// ManageAccount decides whether the actor may change the account's name
// and policy.
func ManageAccount(a Actor) *Refusal {
	if !a.Subject.Can("account.manage") {
		return Needs("Changing the account", "account.manage")
	}
	return nil
}

// ChangeModules decides whether the actor may turn the account's modules
// on and off: which features the account has is part of what it pays
// for, kept to a super admin who manages billing.
func ChangeModules(a Actor) *Refusal {
	if no := ManageAccount(a); no != nil {
		return no
	}
	if !a.Subject.SuperAdmin() || !a.Subject.Can("billing.manage") {
		return refuse(CodeForbidden, "Turning modules on and off is for "+an(a.superAdmin())+" who holds “"+perm.Label("billing.manage")+"”.")
	}
	return nil
}

// ValidModules checks the modules an account is to have and returns them
// in catalog order, once each: every one must be a module of the catalog
// that an account may turn off (the console's own are always on).
func ValidModules(keys []string) ([]string, *Refusal) {
	want := map[string]bool{}
	for _, k := range keys {
		m, ok := perm.LookupModule(k)
		switch {
		case !ok:
			return nil, &Refusal{Code: CodeInvalidInput, Message: "Check the highlighted fields.", Fields: map[string]string{"modules": "There is no module " + strconv.Quote(k) + "."}}
		case m.Core:
			return nil, &Refusal{Code: CodeInvalidInput, Message: "Check the highlighted fields.", Fields: map[string]string{"modules": m.Name + " is always on."}}
		}
		want[k] = true
	}
	out := []string{}
	for _, m := range perm.Catalog {
		if want[m.Key] {
			out = append(out, m.Key)
		}
	}
	return out, nil
}

// ChangePlan decides whether the actor may change the plan: it is the
// subscription, which the ladder preset keeps to whoever manages billing.
func ChangePlan(a Actor) *Refusal {
	if no := ManageAccount(a); no != nil {
		return no
	}
	if !a.Subject.Can("billing.manage") {
		return Needs("Changing the plan", "billing.manage")
	}
	return nil
}
