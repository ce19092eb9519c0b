package rules

import (
	"testing"

	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/preset"
	"github.com/rolesconsole/console/shared/role"
)

// targetHolding is a member of a custom role with these permissions and
// per-user overrides.
func targetHolding(o *perm.Overrides, permissions ...string) Target {
	r := role.Role{ID: "custom_target", Name: "Custom", Permissions: permissions}
	return Target{ID: "u-target", Status: StatusActive, Role: r,
		Subject: perm.Default.Compile(false, preset.SaaSAdmin.Modules, permissions, o)}
}

func TestActOn(t *testing.T) {
	const why = "You cannot act on the login of someone who holds a permission you do not hold (“Billing & subscription: Manage”)."
	superTarget := Target{ID: "u-super", Status: StatusActive, Role: roleOf("super_admin"),
		Subject: perm.Default.Compile(true, preset.SaaSAdmin.Modules, nil, nil)}
	cases := []struct {
		name   string
		actor  Actor
		target Target
		code   string
		msg    string
	}{
		{"holds all they hold", actor("admin"), targetHolding(nil, "users.view", "events.view"), "", ""},
		{"holds the same", holding("users.manage", "billing.manage"), targetHolding(nil, "users.manage", "billing.manage"), "", ""},
		{"lacks one", actor("admin"), targetHolding(nil, "users.view", "billing.manage"), "escalation", why},
		{"lacks one granted per user", actor("admin"), targetHolding(&perm.Overrides{Grant: []string{"billing.manage"}}, "users.view"), "escalation", why},
		{"a denied grant is not held", actor("admin"), targetHolding(&perm.Overrides{Deny: []string{"billing.manage"}}, "billing.manage"), "", ""},
		{"own-scope held by a full grant", holding("contacts.edit"), targetHolding(nil, "contacts.edit:own"), "", ""},
		{"full not held by own-scope", holding("contacts.edit:own"), targetHolding(nil, "contacts.edit"), "escalation",
			"You cannot act on the login of someone who holds a permission you do not hold (“Contacts: Edit”)."},
		{"a super admin by an admin", actor("admin"), superTarget, "escalation", "Only a Super Admin can change a Super Admin."},
		{"a super admin by a super admin", actor("super_admin"), superTarget, "", ""},
		{"anyone by a super admin", actor("super_admin"), targetHolding(nil, "billing.manage"), "", ""},
		{"unknown powers: only the super admin rule", actor("staff"), Target{ID: "u", Role: roleOf("admin")}, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ActOn(c.actor, c.target)
			if code(got) != c.code || (got != nil && got.Message != c.msg) {
				t.Errorf("ActOn = %v; want %q %q", got, c.code, c.msg)
			}
		})
	}
}

// Every door on someone's login refuses a stronger target with ActOn's
// one code and sentence, whatever else the door checks.
func TestEveryDoorOnALoginAsksActOn(t *testing.T) {
	a := actor("admin")
	strong := targetHolding(nil, "billing.manage")
	want := ActOn(a, strong)
	doors := map[string]*Refusal{
		"disable":   Lifecycle(a, "u-admin", ActDisable, strong),
		"enable":    Lifecycle(a, "u-admin", ActEnable, strong), // not disabled: the takeover is said first
		"reset":     Lifecycle(a, "u-admin", ActReset, strong),
		"purge":     Lifecycle(a, "u-admin", ActPurge, strong),
		"role":      ChangeRole(a, "u-admin", strong, roleOf("staff"), false),
		"overrides": SetOverrides(a, "u-admin", strong, nil, false), // overrides off: still the takeover first
		"sign-in":   AdminSignIn(a, "u-admin", strong),
	}
	for door, got := range doors {
		if got == nil || got.Code != want.Code || got.Message != want.Message {
			t.Errorf("%s: %v; want %v", door, got, want)
		}
	}
}

func TestEditOfLockedAndSuperAdminRoles(t *testing.T) {
	for _, c := range []struct {
		name  string
		actor Actor
		role  role.Role
		code  string
	}{
		{"admin edits Staff", actor("admin"), roleOf("staff"), ""},
		{"admin edits the Super Admin role", actor("admin"), roleOf("super_admin"), "escalation"},
		{"admin edits a locked role", actor("admin"), role.Role{ID: "owner", Name: "Owner", Locked: true}, "escalation"},
		{"super admin edits the Super Admin role", actor("super_admin"), roleOf("super_admin"), ""},
		{"without roles.edit", actor("staff"), roleOf("super_admin"), "forbidden"},
	} {
		if got := Edit(c.actor, c.role); code(got) != c.code {
			t.Errorf("%s: %v; want %q", c.name, got, c.code)
		}
	}
}

func TestNeverHeld(t *testing.T) {
	mate := role.Role{ID: "teammate", Name: "Teammate", Permissions: []string{"projects.view:own"},
		Never: []role.Never{{Permission: "projects.lead", Reason: "Teammates cannot be assigned as the Project Leader."}}}
	super := Actor{RoleID: "super_admin", Subject: perm.Default.Compile(true, preset.Ladder.Modules, nil, nil)}
	if no := Toggle(super, mate, "projects.lead", true); code(no) != "invalid_state" || no.Message != mate.Never[0].Reason {
		t.Errorf("toggle on: %v", no)
	}
	if no := Toggle(super, mate, "projects.lead", false); no != nil {
		t.Errorf("toggle off: %v", no)
	}
	if no := SetPermissions(super, mate, []string{"projects.view:own", "projects.lead"}); code(no) != "invalid_state" {
		t.Errorf("set permissions: %v", no)
	}
	t0 := Target{ID: "u", Status: StatusActive, Role: mate, Subject: perm.Default.Compile(false, preset.Ladder.Modules, mate.Permissions, nil)}
	if no := SetOverrides(super, "me", t0, []string{"projects.lead"}, true); code(no) != "invalid_state" {
		t.Errorf("override: %v", no)
	}
	seller := Target{ID: "u", Status: StatusActive, Role: role.Role{ID: "salesperson", Rank: 5},
		Subject: perm.Default.Compile(false, preset.Ladder.Modules, nil, &perm.Overrides{Grant: []string{"projects.lead"}})}
	if no := ChangeRole(super, "me", seller, mate, true); code(no) != "invalid_state" {
		t.Errorf("role change carrying a grant: %v", no)
	}
	seller.Subject = perm.Default.Compile(false, preset.Ladder.Modules, nil, nil)
	if no := ChangeRole(super, "me", seller, mate, true); no != nil {
		t.Errorf("role change without the grant: %v", no)
	}
	if why, never := mate.Forbids("projects.lead:own"); !never || why == "" {
		t.Error("the own form is not forbidden")
	}
	if _, never := mate.Forbids("projects.view"); never {
		t.Error("projects.view forbidden")
	}
}
