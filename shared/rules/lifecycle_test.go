package rules

import (
	"testing"

	"github.com/rolesconsole/console/shared/role"
)

func TestNext(t *testing.T) {
	cases := []struct {
		action, from, before, want string
		ok                         bool
	}{
		{ActDisable, StatusActive, "", StatusDisabled, true},
		{ActDisable, StatusInvited, "", "", false},
		{ActEnable, StatusDisabled, "", StatusActive, true},
		{ActEnable, StatusActive, "", "", false},
		{ActRevoke, StatusInvited, "", StatusRevoked, true},
		{ActRevoke, StatusDeleted, "", "", false},
		{ActInvite, StatusRevoked, "", StatusInvited, true},
		{ActInvite, StatusActive, "", "", false},
		{ActDelete, StatusDisabled, "", StatusDeleted, true},
		{ActDelete, StatusDeleted, "", "", false},
		{ActRestore, StatusDeleted, StatusDisabled, StatusDisabled, true},
		{ActRestore, StatusActive, "", "", false},
		{ActPurge, StatusDeleted, "", "", true},
		{ActPurge, StatusActive, "", "", false},
		{ActReset, StatusActive, "", StatusActive, true},
		{ActReset, StatusInvited, "", "", false},
		{"fly", StatusActive, "", "", false},
	}
	for _, c := range cases {
		got, ok := Next(c.action, c.from, c.before)
		if got != c.want || ok != c.ok {
			t.Errorf("Next(%s, %s) = %q, %v; want %q, %v", c.action, c.from, got, ok, c.want, c.ok)
		}
	}
}

// The last super admin is judged over the account's count of active super
// admins, which server and UI both have from the server.
func TestLastSuperAdmin(t *testing.T) {
	super, staff := role.Role{ID: "super_admin", SuperAdmin: true}, role.Role{ID: "staff"}
	cases := []struct {
		name   string
		status string
		role   role.Role
		active int
		want   bool
	}{
		{"the only one", StatusActive, super, 1, true},
		{"one of two", StatusActive, super, 2, false},
		{"disabled: not counted, not the last", StatusDisabled, super, 1, false},
		{"invited", StatusInvited, super, 1, false},
		{"not a super admin", StatusActive, staff, 1, false},
	}
	for _, c := range cases {
		if got := LastSuperAdmin(c.status, c.role, c.active); got != c.want {
			t.Errorf("%s: LastSuperAdmin = %v; want %v", c.name, got, c.want)
		}
	}
}

func TestLifecycleAndRoleChanges(t *testing.T) {
	super := roleOf("super_admin")
	staffTarget := Target{ID: "u2", Status: StatusActive, Role: roleOf("staff")}
	lastSuper := Target{ID: "u1", Status: StatusActive, Role: super, LastSuperAdmin: true}
	otherSuper := Target{ID: "u3", Status: StatusActive, Role: super}
	ladderTarget := Target{ID: "u4", Status: StatusActive, Role: roleOf("staff")}
	cases := []struct {
		name string
		got  *Refusal
		want string
	}{
		{"admin disables staff", Lifecycle(actor("admin"), "u9", ActDisable, staffTarget), ""},
		{"staff lacks users.manage", Lifecycle(actor("staff"), "u9", ActDisable, staffTarget), "forbidden"},
		{"read-only lacks users.delete", Lifecycle(actor("read_only"), "u9", ActDelete, staffTarget), "forbidden"},
		{"enable an active user", Lifecycle(actor("admin"), "u9", ActEnable, staffTarget), "invalid_state"},
		{"self", Lifecycle(actor("admin"), "u2", ActDisable, staffTarget), "self_restriction"},
		{"admin on a super admin", Lifecycle(actor("admin"), "u9", ActDisable, otherSuper), "escalation"},
		{"last super admin disables self", Lifecycle(actor("super_admin"), "u1", ActDisable, lastSuper), "last_super_admin"},
		{"last super admin deleted", Lifecycle(actor("super_admin"), "u3", ActDelete, lastSuper), "last_super_admin"},
		{"super admin disables another super admin", Lifecycle(actor("super_admin"), "u1", ActDisable, otherSuper), ""},
		{"reset own password", Lifecycle(actor("admin"), "u2", ActReset, staffTarget), ""},
		{"unknown action", Lifecycle(actor("super_admin"), "u9", "fly", staffTarget), "invalid_input"},
		{"last super admin revoked", Lifecycle(actor("super_admin"), "u3", ActRevoke, lastSuper), "last_super_admin"},
		{"last super admin resets own password", Lifecycle(actor("super_admin"), "u1", ActReset, lastSuper), ""},
		{"last super admin's password reset", Lifecycle(actor("super_admin"), "u3", ActReset, lastSuper), ""},
		{"promote", ChangeRole(actor("super_admin"), "u1", ladderTarget, roleOf("admin"), true), ""},
		{"demote on the ladder", ChangeRole(actor("super_admin"), "u1", Target{ID: "u4", Status: StatusActive, Role: roleOf("admin")}, roleOf("staff"), true), "ladder_demotion"},
		{"sideways on the ladder", ChangeRole(actor("super_admin"), "u1", ladderTarget, role.Role{ID: "peer", Name: "Peer", Rank: roleOf("staff").Rank}, true), ""},
		{"demote without the ladder", ChangeRole(actor("super_admin"), "u1", Target{ID: "u4", Status: StatusActive, Role: roleOf("admin")}, roleOf("staff"), false), ""},
		{"own role", ChangeRole(actor("admin"), "u4", ladderTarget, roleOf("read_only"), false), "self_restriction"},
		{"last super admin moved", ChangeRole(actor("super_admin"), "u1", lastSuper, roleOf("admin"), false), "last_super_admin"},
		{"admin makes a super admin", ChangeRole(actor("admin"), "u9", ladderTarget, super, false), "escalation"},
		{"role granting what one lacks", ChangeRole(actor("admin"), "u9", ladderTarget, role.Role{ID: "x", Name: "X", Permissions: []string{"billing.manage"}}, false), "escalation"},
		{"overrides off", SetOverrides(actor("admin"), "u9", staffTarget, nil, false), "invalid_state"},
		{"override grant held", SetOverrides(actor("admin"), "u9", staffTarget, []string{"audit.view"}, true), ""},
		{"override grant not held", SetOverrides(actor("admin"), "u9", staffTarget, []string{"billing.manage"}, true), "escalation"},
		{"own overrides", SetOverrides(actor("admin"), "u2", staffTarget, nil, true), "self_restriction"},
	}
	for _, c := range cases {
		if code(c.got) != c.want {
			t.Errorf("%s: %q; want %q", c.name, code(c.got), c.want)
		}
	}
}

func TestAccountAndSignInRules(t *testing.T) {
	staff := Target{ID: "u2", Status: StatusActive, Role: roleOf("staff")}
	super := Target{ID: "u3", Status: StatusActive, Role: roleOf("super_admin")}
	cases := []struct {
		name string
		got  *Refusal
		want string
	}{
		{"admin resets staff's sign-in", AdminSignIn(actor("admin"), "u9", staff), ""},
		{"own sign-in", AdminSignIn(actor("admin"), "u2", staff), "self_restriction"},
		{"admin on a super admin", AdminSignIn(actor("admin"), "u9", super), "escalation"},
		{"staff lacks users.manage", AdminSignIn(actor("staff"), "u9", staff), "forbidden"},
		{"admin adds users", CreateUser(actor("admin")), ""},
		{"read-only does not", CreateUser(actor("read_only")), "forbidden"},
		{"super admin manages the account", ManageAccount(actor("super_admin")), ""},
		{"admin does not (the SaaS preset's defaults)", ManageAccount(actor("admin")), "forbidden"},
		{"super admin changes the plan", ChangePlan(actor("super_admin")), ""},
		{"admin does not", ChangePlan(actor("admin")), "forbidden"},
		{"managing the account without billing.manage", ManageAccount(holding("account.manage")), ""},
		{"is not changing the plan", ChangePlan(holding("account.manage")), "forbidden"},
		{"billing.manage without account.manage", ChangePlan(holding("billing.manage")), "forbidden"},
		{"both", ChangePlan(holding("account.manage", "billing.manage")), ""},
	}
	for _, c := range cases {
		if code(c.got) != c.want {
			t.Errorf("%s: %q; want %q", c.name, code(c.got), c.want)
		}
	}
}
