package httpapi_test

import (
	"slices"
	"testing"

	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/plan"
)

// The SaaS admin console's help page, statement by statement.
func TestPresetSaaSAdmin(t *testing.T) {
	e, super := presetEnv(t, "saas-admin")
	admin, adminID := e.WithRole("admin", "admin@saas.example")
	staff, staffID := e.WithRole("staff", "staff@saas.example")

	t.Run("default roles: Super Admin, Admin, Staff, Read-Only", func(t *testing.T) {
		if got := roleNames(t, super); !slices.Equal(got, []string{"Super Admin", "Admin", "Staff", "Read-Only"}) {
			t.Errorf("roles %v", got)
		}
	})
	t.Run("admin users per plan: 2, 5, 15, 50", func(t *testing.T) {
		var plans struct {
			Items []plan.Tier `json:"items"`
		}
		super.Do("GET", "/api/v1/plans", nil).Want(200).JSON(&plans)
		if len(plans.Items) != 4 || plans.Items[0].Seats != 2 || plans.Items[1].Seats != 5 || plans.Items[2].Seats != 15 || plans.Items[3].Seats != 50 {
			t.Errorf("plans %+v", plans.Items)
		}
	})
	t.Run("create user with name, email and role; assign a role", func(t *testing.T) {
		u := createUser(t, admin, "Ro", "ro@saas.example", "read_only", "read-only-pass-1")
		admin.Do("PATCH", "/api/v1/users/"+u.ID, map[string]string{"role_id": "staff"}).Want(200)
	})
	t.Run("reset password: send a reset email or set a new one", func(t *testing.T) {
		admin.Do("POST", "/api/v1/users/"+staffID+"/reset-password", api.ResetPassword{Mode: "email"}).Want(202)
		admin.Do("POST", "/api/v1/users/"+staffID+"/reset-password", api.ResetPassword{Mode: "set", Password: "new-staff-pass-1"}).Want(204)
		staff = e.Client()
		staff.Login("staff@saas.example", "new-staff-pass-1")
	})
	t.Run("disable a user without deleting", func(t *testing.T) {
		u := createUser(t, admin, "Di", "di@saas.example", "read_only", "disable-me-pass-1")
		admin.Do("POST", "/api/v1/users/"+u.ID+"/disable", nil).Want(200)
		e.Client().Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: "di@saas.example", Password: "disable-me-pass-1"}).Want(401)
		admin.Do("GET", "/api/v1/users/"+u.ID, nil).Want(200)
	})
	t.Run("2FA status of each admin, and the security suggestions", func(t *testing.T) {
		var l api.UserList
		super.Do("GET", "/api/v1/users", nil).Want(200).JSON(&l)
		for _, u := range l.Items {
			if u.TOTPEnabled {
				t.Errorf("%s shows 2FA on", u.Email)
			}
		}
		_, f := findings(t, super)
		for _, kind := range []string{"without_2fa", "deactivated"} {
			if len(f[kind]) == 0 {
				t.Errorf("no %s finding: %v", kind, f)
			}
		}
	})
	t.Run("create a role with a name, a description and modules x actions", func(t *testing.T) {
		var r api.Role
		super.Do("POST", "/api/v1/roles", api.CreateRole{Name: "Event Manager", Description: "Runs events", Permissions: []string{"events.view", "events.create", "events.edit", "events.delete", "events.manage"}}).Want(201).JSON(&r)
		var cat api.Catalog
		super.Do("GET", "/api/v1/permissions", nil).Want(200).JSON(&cat)
		for _, m := range cat.Modules {
			if m.Key == "events" && len(m.Actions) != 5 {
				t.Errorf("events offers %d actions; the seed's five are View, Create, Edit, Delete, Manage", len(m.Actions))
			}
		}
	})
	t.Run("the matrix: all roles against all permissions, grouped by module", func(t *testing.T) {
		var m api.Matrix
		super.Do("GET", "/api/v1/matrix", nil).Want(200).JSON(&m)
		if len(m.Roles) != 5 || len(m.Modules) < 9 || len(m.Grants) != 5 {
			t.Errorf("matrix of %d roles, %d modules", len(m.Roles), len(m.Modules))
		}
	})
	t.Run("super admins always have full access", func(t *testing.T) {
		holds(t, super, "billing.manage", "users.manage", "events.manage")
		wantCode(t, super.Do("PUT", "/api/v1/roles/super_admin/permissions/events.view", granted(false)), 409, "invalid_state")
	})
	t.Run("at least one super admin must always exist", func(t *testing.T) {
		wantCode(t, super.Do("POST", "/api/v1/users/"+me(t, super).User.ID+"/disable", nil), 409, "last_super_admin")
	})
	t.Run("you cannot restrict your own role", func(t *testing.T) {
		wantCode(t, admin.Do("PUT", "/api/v1/roles/admin/permissions/events.view", granted(false)), 409, "self_restriction")
	})
	t.Run("changes to roles affect all assigned users immediately", func(t *testing.T) {
		super.Do("PUT", "/api/v1/roles/staff/permissions/events.delete", granted(true)).Want(200)
		holds(t, staff, "events.delete")
	})
	t.Run("deleted roles unassign their users, who then show as without role", func(t *testing.T) {
		var r api.Role
		super.Do("POST", "/api/v1/roles", api.CreateRole{Name: "Temp"}).Want(201).JSON(&r)
		super.Do("PATCH", "/api/v1/users/"+adminID, map[string]string{"role_id": r.ID}).Want(200)
		super.Do("DELETE", "/api/v1/roles/"+r.ID, nil).Want(204)
		if _, f := findings(t, super); !slices.Contains(f["without_role"], "admin@saas.example") {
			t.Errorf("without_role %v", f["without_role"])
		}
	})
	t.Run("seat limits by plan", func(t *testing.T) {
		super.Do("PATCH", "/api/v1/account", map[string]string{"plan": "starter"}).Want(409)
	})
}

// Drift from the preset shows against GET /preset, and a role resets to it.
func TestPresetDriftAndReset(t *testing.T) {
	_, super := presetEnv(t, "clinic-six")
	super.Do("PUT", "/api/v1/roles/staff/permissions/payouts.view", granted(true)).Want(200)
	super.Do("PATCH", "/api/v1/roles/staff", map[string]string{"color": "red"}).Want(200)
	var p api.Preset
	super.Do("GET", "/api/v1/preset", nil).Want(200).JSON(&p)
	if p.Key != "clinic-six" || len(p.Roles) != 6 {
		t.Fatalf("preset %+v", p)
	}
	var def api.Role
	for _, r := range p.Roles {
		if r.ID == "staff" {
			def.Role = r
		}
	}
	cur := getRole(t, super, "staff")
	if slices.Equal(cur.Permissions, def.Permissions) || cur.Color == def.Color {
		t.Fatal("no drift to see")
	}
	var back api.Role
	super.Do("POST", "/api/v1/roles/staff/reset", nil).Want(200).JSON(&back)
	got, want := slices.Clone(back.Permissions), slices.Clone(def.Permissions)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) || back.Color != "grey" {
		t.Errorf("after the reset %+v; defaults %+v", back.Role, def.Role)
	}
	var r api.Role
	super.Do("POST", "/api/v1/roles", api.CreateRole{Name: "Custom"}).Want(201).JSON(&r)
	wantCode(t, super.Do("POST", "/api/v1/roles/"+r.ID+"/reset", nil), 409, "invalid_state")
}
