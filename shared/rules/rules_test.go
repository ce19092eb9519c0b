package rules

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/preset"
	"github.com/rolesconsole/console/shared/role"
)

func roleOf(id string) role.Role {
	for _, r := range preset.SaaSAdmin.Roles {
		if r.ID == id {
			return r
		}
	}
	panic(id)
}

func actor(roleID string) Actor {
	r := roleOf(roleID)
	return Actor{RoleID: r.ID, Subject: perm.Default.Compile(r.SuperAdmin, preset.SaaSAdmin.Modules, r.Permissions, nil)}
}

// holding is the actor of a custom role with these permissions.
func holding(permissions ...string) Actor {
	return Actor{RoleID: "custom_actor", Subject: perm.Default.Compile(false, preset.SaaSAdmin.Modules, permissions, nil)}
}

func code(r *Refusal) string {
	if r == nil {
		return ""
	}
	return r.Code
}

func TestToggle(t *testing.T) {
	custom := role.Role{ID: "custom", Name: "Custom", Permissions: []string{"contacts.view"}}
	cases := []struct {
		name    string
		actor   Actor
		role    role.Role
		id      string
		granted bool
		want    string
	}{
		{"super admin grants anything", actor("super_admin"), roleOf("admin"), "billing.manage", true, ""},
		{"locked column", actor("super_admin"), roleOf("super_admin"), "users.view", false, "invalid_state"},
		{"own role", actor("admin"), roleOf("admin"), "contacts.view", false, "self_restriction"},
		{"grant held", actor("admin"), custom, "contacts.edit", true, ""},
		{"grant held, own form", actor("admin"), custom, "contacts.edit:own", true, ""},
		{"grant not held", actor("admin"), custom, "billing.manage", true, "escalation"},
		{"revoke not held is no escalation", actor("admin"), custom, "billing.manage", false, ""},
		{"no roles.edit", actor("staff"), custom, "contacts.view", false, "forbidden"},
		{"own form held, full form not", holding("roles.edit", "contacts.edit:own"), custom, "contacts.edit", true, "escalation"},
		{"own form held, own form granted", holding("roles.edit", "contacts.edit:own"), custom, "contacts.edit:own", true, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := code(Toggle(c.actor, c.role, c.id, c.granted)); got != c.want {
				t.Errorf("Toggle = %q; want %q", got, c.want)
			}
		})
	}
}

func TestSetPermissionsCreateDelete(t *testing.T) {
	custom := role.Role{ID: "custom", Name: "Custom", Permissions: []string{"contacts.view", "billing.manage"}}
	cases := []struct {
		name string
		got  *Refusal
		want string
	}{
		{"keep an unheld grant, add a held one", SetPermissions(actor("admin"), custom, []string{"contacts.view", "billing.manage", "events.view"}), ""},
		{"add an unheld grant", SetPermissions(actor("admin"), custom, []string{"contacts.view", "billing.manage", "account.manage"}), "escalation"},
		{"remove grants", SetPermissions(actor("admin"), custom, nil), ""},
		{"own role", SetPermissions(actor("admin"), roleOf("admin"), nil), "self_restriction"},
		{"create with held grants", Create(actor("admin"), []string{"contacts.view", "events.edit:own"}), ""},
		{"create with an unheld grant", Create(actor("admin"), []string{"billing.manage"}), "escalation"},
		{"create without roles.create", Create(actor("staff"), nil), "forbidden"},
		{"delete a custom role", Delete(actor("admin"), custom), ""},
		{"delete a system role", Delete(actor("super_admin"), roleOf("staff")), "invalid_state"},
		{"delete own role", Delete(actor("admin"), role.Role{ID: "admin"}), "self_restriction"},
		{"delete without roles.delete", Delete(actor("read_only"), custom), "forbidden"},
	}
	for _, c := range cases {
		if code(c.got) != c.want {
			t.Errorf("%s: %q; want %q", c.name, code(c.got), c.want)
		}
	}
}

func TestValidateRole(t *testing.T) {
	long := func(n int) string { return strings.Repeat("m", n) }
	cases := []struct {
		name, role, description, color string
		refused                        string // the field refused, "" when fine
	}{
		{"fine", "Front desk", "Checks people in.", "orange", ""},
		{"empty name", "  ", "", "grey", "name"},
		{"longest name", long(MaxRoleName), "", "grey", ""},
		{"name too long", long(MaxRoleName + 1), "", "grey", "name"},
		{"name with a control character", "Front\tdesk", "", "grey", "name"},
		{"longest description", "X", long(MaxRoleDescription), "grey", ""},
		{"description too long", "X", long(MaxRoleDescription + 1), "grey", "description"},
		{"unknown colour", "X", "", "magenta", "color"},
	}
	for _, c := range cases {
		got := ValidateRole(c.role, c.description, c.color)
		var fields []string
		if got != nil {
			fields = slices.Sorted(maps.Keys(got.Fields))
		}
		if want := []string{c.refused}; (c.refused == "") != (got == nil) || (got != nil && (got.Code != "invalid_input" || !slices.Equal(fields, want))) {
			t.Errorf("%s: %+v; want %q refused", c.name, got, c.refused)
		}
	}
}

func TestNameTaken(t *testing.T) {
	roles := preset.SaaSAdmin.Roles
	cases := []struct {
		name string
		got  *Refusal
		want string
	}{
		{"name taken, other case", NameTaken(roles, " staff ", ""), "name_taken"},
		{"own name kept", NameTaken(roles, "Staff", "staff"), ""},
		{"new name", NameTaken(roles, "Billing clerk", ""), ""},
	}
	for _, c := range cases {
		if code(c.got) != c.want {
			t.Errorf("%s: %q; want %q", c.name, code(c.got), c.want)
		}
	}
}

// The UI rebuilds the signed-in person's actor from what /me says: a super
// admin holds everything of the enabled modules, anyone else what is listed.
func TestActorOf(t *testing.T) {
	cases := []struct {
		name        string
		roleID      string
		superAdmin  bool
		permissions []string
		can, cannot string
	}{
		{"super admin", "super_admin", true, nil, "billing.manage", "invoices.view"},
		{"staff", "staff", false, []string{"contacts.view"}, "contacts.view", "users.view"},
		{"no role", "", false, []string{"users.view"}, "users.view", "users.edit"},
	}
	for _, c := range cases {
		a := ActorOf(c.roleID, c.superAdmin, []string{"contacts"}, c.permissions, "Owner")
		if a.RoleID != c.roleID || a.Subject.SuperAdmin() != c.superAdmin || !a.Subject.Can(c.can) || a.Subject.Can(c.cannot) {
			t.Errorf("%s: actor %q, super admin %v, can %s %v, can %s %v", c.name, a.RoleID, a.Subject.SuperAdmin(), c.can, a.Subject.Can(c.can), c.cannot, a.Subject.Can(c.cannot))
		}
	}
}

func TestEditAndRevert(t *testing.T) {
	if code(Edit(actor("admin"), roleOf("staff"))) != "" || code(Edit(actor("staff"), roleOf("staff"))) != "forbidden" {
		t.Error("Edit")
	}
	if code(Revert(actor("admin"))) != "" || code(Revert(actor("read_only"))) != "forbidden" {
		t.Error("Revert")
	}
}
