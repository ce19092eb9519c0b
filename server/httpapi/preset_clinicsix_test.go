package httpapi_test

import (
	"slices"
	"testing"

	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/preset"
)

// The clinic CRM's help page (Users & Roles apart from Staff), statement by statement.
func TestPresetClinicSix(t *testing.T) {
	e, owner := presetEnv(t, "clinic-six")
	manager, _ := e.WithRole("manager", "manager@clinic.example")
	rec1, rec1ID := e.WithRole("receptionist", "rec1@clinic.example")
	rec2, _ := e.WithRole("receptionist", "rec2@clinic.example")
	am, _ := e.WithRole("account_manager", "am@"+preset.VendorDomain)

	t.Run("six roles with the seed's badge colours", func(t *testing.T) {
		var l api.RoleList
		owner.Do("GET", "/api/v1/roles", nil).Want(200).JSON(&l)
		got := map[string]string{}
		for _, r := range l.Items {
			got[r.Name] = r.Color
		}
		want := map[string]string{"Owner": "purple", "Manager": "blue", "Practitioner": "green", "Receptionist": "orange", "Staff": "grey", "Glovora Account Manager": "yellow"}
		if len(got) != 6 {
			t.Fatalf("roles %v", got)
		}
		for n, c := range want {
			if got[n] != c {
				t.Errorf("%s is %q; want %s", n, got[n], c)
			}
		}
	})
	t.Run("the 13 permissions with the seed's default table", func(t *testing.T) {
		var m api.Matrix
		owner.Do("GET", "/api/v1/matrix", nil).Want(200).JSON(&m)
		table := map[string]string{ // "1" = On, in the seed's row order
			"manager":         "1110011111011",
			"practitioner":    "1100001001010",
			"receptionist":    "1010001001000",
			"staff":           "1000001001000",
			"account_manager": "0000000001010",
		}
		for roleID, row := range table {
			for i, p := range preset.ClinicSixPermissions {
				if on := slices.Contains(m.Grants[roleID], p); on != (row[i] == '1') {
					t.Errorf("%s %s: %v; the seed says %c", roleID, p, on, row[i])
				}
			}
		}
		var cat api.Catalog
		owner.Do("GET", "/api/v1/permissions", nil).Want(200).JSON(&cat)
		var configurable []string
		for _, mod := range cat.Modules {
			if !mod.Core {
				for _, a := range mod.Actions {
					configurable = append(configurable, perm.ID{Module: mod.Key, Action: a.Key}.String())
				}
			}
		}
		if len(configurable) != 13 {
			t.Errorf("%d configurable permissions: %v", len(configurable), configurable)
		}
	})
	t.Run("the Owner column is locked on", func(t *testing.T) {
		holds(t, owner, preset.ClinicSixPermissions...)
		wantCode(t, owner.Do("PUT", "/api/v1/roles/owner/permissions/payouts.view", granted(false)), 409, "invalid_state")
	})
	t.Run("at most 4 owners", func(t *testing.T) {
		for _, email := range []string{"o2@clinic.example", "o3@clinic.example", "o4@clinic.example"} {
			createUser(t, owner, "Owner", email, "owner", "owner-password-1")
		}
		wantCode(t, owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "O5", Email: "o5@clinic.example", RoleID: "owner", Password: "owner-password-1"}), 409, "role_cap_reached")
	})
	t.Run("only owners change roles, revoke access and edit the matrix; others see it", func(t *testing.T) {
		manager.Do("GET", "/api/v1/matrix", nil).Want(200)
		manager.Do("GET", "/api/v1/users", nil).Want(200)
		wantCode(t, manager.Do("PUT", "/api/v1/roles/staff/permissions/patients.edit", granted(true)), 403, "forbidden")
		wantCode(t, manager.Do("PATCH", "/api/v1/users/"+rec1ID, map[string]string{"role_id": "staff"}), 403, "forbidden")
		wantCode(t, manager.Do("POST", "/api/v1/users/"+rec1ID+"/revoke", nil), 403, "forbidden")
	})
	t.Run("matrix toggles save at once and apply to every holder", func(t *testing.T) {
		if can(t, rec1, "permission=patients.edit").Allowed {
			t.Fatal("receptionists edit client profiles by default")
		}
		owner.Do("PUT", "/api/v1/roles/receptionist/permissions/patients.edit", granted(true)).Want(200)
		for _, c := range []struct {
			name string
			a    api.Can
		}{{"rec1", can(t, rec1, "permission=patients.edit")}, {"rec2", can(t, rec2, "permission=patients.edit")}} {
			if !c.a.Allowed || c.a.Reason != "role" {
				t.Errorf("%s after the toggle: %+v", c.name, c.a)
			}
		}
	})
	t.Run("permissions apply per role: no per-person override", func(t *testing.T) {
		wantCode(t, owner.Do("PATCH", "/api/v1/users/"+rec1ID, map[string]any{"overrides": map[string]any{"grant": []string{"payouts.view"}}}), 409, "invalid_state")
	})
	t.Run("the vendor's account manager sees configuration, no patient or financial data", func(t *testing.T) {
		holds(t, am, "app_builder.access", "dashboard.view")
		lacks(t, am, "patients.view", "patients.edit", "orders.refund", "payouts.view", "wallet.adjust_balance", "memberships.cancel")
	})
	t.Run("pending invites are listed apart and not counted in the stats", func(t *testing.T) {
		var before api.UserStats
		owner.Do("GET", "/api/v1/users/stats", nil).Want(200).JSON(&before)
		createUser(t, owner, "New Staff", "new@clinic.example", "staff", "")
		var after api.UserStats
		owner.Do("GET", "/api/v1/users/stats", nil).Want(200).JSON(&after)
		if after.ByRole["staff"] != before.ByRole["staff"] || after.PendingInvites != before.PendingInvites+1 {
			t.Errorf("stats %+v then %+v", before, after)
		}
		var pending api.UserList
		owner.Do("GET", "/api/v1/users?status=invited", nil).Want(200).JSON(&pending)
		if len(pending.Items) != 1 || pending.Items[0].Email != "new@clinic.example" {
			t.Errorf("pending %+v", pending.Items)
		}
	})
	t.Run("revoke removes the login, keeps the profile; re-invite later", func(t *testing.T) {
		owner.Do("POST", "/api/v1/users/"+rec1ID+"/revoke", nil).Want(200)
		rec1.Do("GET", "/api/v1/me", nil).Want(401)
		var u api.User
		owner.Do("GET", "/api/v1/users/"+rec1ID, nil).Want(200).JSON(&u)
		if u.Status != "revoked" || u.Name == "" || u.Email != "rec1@clinic.example" {
			t.Errorf("profile after revoke %+v", u)
		}
		owner.Do("POST", "/api/v1/users/"+rec1ID+"/invite", nil).Want(202)
	})
	t.Run("the active list shows name, email and role", func(t *testing.T) {
		var l api.UserList
		owner.Do("GET", "/api/v1/users?status=active&role=manager", nil).Want(200).JSON(&l)
		if len(l.Items) != 1 || l.Items[0].Email != "manager@clinic.example" || l.Items[0].Name == "" || l.Items[0].RoleID != "manager" {
			t.Errorf("active managers %+v", l.Items)
		}
	})
	t.Run("changes can be undone, which the seed's product cannot do", func(t *testing.T) {
		entry := auditPage(t, owner, "?limit=200").Items
		for _, it := range entry {
			if it.Action == "role.permission" && it.Target.ID == "receptionist" {
				owner.Do("POST", "/api/v1/audit/"+it.ID+"/revert", nil).Want(200)
				break
			}
		}
		if can(t, rec2, "permission=patients.edit").Allowed {
			t.Error("the undo did not take the grant back")
		}
	})
}
