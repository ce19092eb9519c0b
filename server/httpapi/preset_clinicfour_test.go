package httpapi_test

import (
	"slices"
	"testing"

	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/preset"
)

// The four-role clinic product's help page, statement by statement.
func TestPresetClinicFour(t *testing.T) {
	e, admin := presetEnv(t, "clinic-four")
	md, _ := e.WithRole("medical_director", "md@clinic.example")
	provider, providerID := e.WithRole("provider", "provider@clinic.example")
	desk, _ := e.WithRole("front_desk", "desk@clinic.example")

	t.Run("four roles: Administrator, Medical Director, Provider, Front Desk", func(t *testing.T) {
		if got := roleNames(t, admin); !slices.Equal(got, []string{"Administrator", "Medical Director", "Provider", "Front Desk"}) {
			t.Errorf("roles %v", got)
		}
	})
	t.Run("privileges run from the Administrator down to the Front Desk", func(t *testing.T) {
		counts := []int{len(me(t, admin).Permissions), len(me(t, md).Permissions), len(me(t, provider).Permissions), len(me(t, desk).Permissions)}
		for i := 1; i < len(counts); i++ {
			if counts[i] >= counts[i-1] {
				t.Errorf("permission counts %v do not fall down the roles", counts)
			}
		}
	})
	t.Run("the Medical Director manages the providers", func(t *testing.T) {
		holds(t, md, "users.create", "users.edit", "appointments.settings", "medical_records.edit")
		md.Do("POST", "/api/v1/users", api.CreateUser{Name: "New Provider", Email: "p2@clinic.example", RoleID: "provider", Password: "harbour-lantern-22"}).Want(201)
	})
	t.Run("Providers: most medical records, no administrative privileges", func(t *testing.T) {
		holds(t, provider, "medical_records.view", "medical_records.edit", "patients.view")
		lacks(t, provider, "users.create", "users.manage", "roles.edit", "billing.view", "appointments.settings")
	})
	t.Run("Front Desk: check-ins and checkouts, the least privileges", func(t *testing.T) {
		holds(t, desk, "appointments.create", "patients.view", "payments.create")
		lacks(t, desk, "medical_records.view", "users.view")
	})
	t.Run("every role has its default privileges", func(t *testing.T) {
		var m api.Matrix
		admin.Do("GET", "/api/v1/matrix", nil).Want(200).JSON(&m)
		for _, r := range preset.ClinicFour.Roles[1:] {
			got := slices.Clone(m.Grants[r.ID])
			want := slices.Clone(r.Permissions)
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s: %v; want %v", r.ID, got, want)
			}
		}
	})
	t.Run("a role's privileges are edited per role: all Providers get Appointment Settings", func(t *testing.T) {
		admin.Do("PUT", "/api/v1/roles/provider/permissions/appointments.settings", granted(true)).Want(200)
		if c := can(t, provider, "permission=appointments.settings"); !c.Allowed || c.Reason != "role" {
			t.Errorf("after the tick: %+v", c)
		}
	})
	t.Run("Manage Privileges adjusts one user", func(t *testing.T) {
		admin.Do("PATCH", "/api/v1/users/"+providerID, map[string]any{"overrides": map[string]any{"deny": []string{"medical_records.edit"}}}).Want(200)
		if c := can(t, provider, "permission=medical_records.edit"); c.Allowed || c.Reason != "override_deny" {
			t.Errorf("after the per-user untick: %+v", c)
		}
	})
	t.Run("a new user is given a role, which can be changed later", func(t *testing.T) {
		u := createUser(t, admin, "Nurse", "nurse@clinic.example", "front_desk", "nurse-password-1")
		admin.Do("PATCH", "/api/v1/users/"+u.ID, map[string]string{"role_id": "provider"}).Want(200)
	})
	t.Run("changes apply at once: no need to sign out and in", func(t *testing.T) {
		admin.Do("PUT", "/api/v1/roles/front_desk/permissions/reports.view", granted(true)).Want(200)
		holds(t, desk, "reports.view")
	})
}
