package httpapi_test

import (
	"slices"
	"testing"

	"github.com/rolesconsole/console/shared/api"
)

// The two-role product's help page, statement by statement.
func TestPresetTwoRole(t *testing.T) {
	e, admin := presetEnv(t, "two-role")
	user, userID := e.WithRole("user", "frontdesk@aesthetix.example")
	_, otherID := e.WithRole("user", "provider@aesthetix.example")

	t.Run("every staff member is an Admin or a User", func(t *testing.T) {
		if got := roleNames(t, admin); !slices.Equal(got, []string{"Admin", "User"}) {
			t.Errorf("roles %v", got)
		}
	})
	t.Run("Admins have full access to every area", func(t *testing.T) {
		holds(t, admin, "billing.manage", "account.manage", "integrations.manage", "automations.manage", "reporting.view", "users.manage", "roles.edit", "payments.refund")
	})
	t.Run("Users work in contacts, conversations, calendars and opportunities", func(t *testing.T) {
		holds(t, user, "contacts.view", "contacts.edit", "conversations.create", "calendars.view", "opportunities.edit")
	})
	t.Run("billing, account settings, integrations and staff are reserved for Admins", func(t *testing.T) {
		lacks(t, user, "billing.view", "account.view", "integrations.view", "users.view", "payments.view", "reporting.view")
		user.Do("GET", "/api/v1/users", nil).Want(403)
	})
	t.Run("only an Admin adds staff or changes roles", func(t *testing.T) {
		wantCode(t, user.Do("POST", "/api/v1/users", api.CreateUser{Name: "X", Email: "x@aesthetix.example", RoleID: "user", Password: "long-enough-1"}), 403, "forbidden")
		user.Do("PATCH", "/api/v1/users/"+otherID, map[string]string{"role_id": "admin"}).Want(404)
		admin.Do("PATCH", "/api/v1/users/"+otherID, map[string]string{"role_id": "admin"}).Want(200)
	})
	t.Run("an Admin turns on one extra area for one User", func(t *testing.T) {
		admin.Do("PATCH", "/api/v1/users/"+userID, map[string]any{"overrides": map[string]any{"grant": []string{"payments.view", "reporting.view"}}}).Want(200)
		if c := can(t, user, "permission=payments.view"); !c.Allowed || c.Reason != "override" {
			t.Errorf("payments after the toggle: %+v", c)
		}
		holds(t, user, "reporting.view")
		var eff api.Effective
		admin.Do("GET", "/api/v1/users/"+userID+"/effective", nil).Want(200).JSON(&eff)
		sources := map[string]string{}
		for _, p := range eff.Permissions {
			sources[p.ID] = p.Source
		}
		if sources["payments.view"] != "override" || sources["contacts.view"] != "role" {
			t.Errorf("why: %v", sources)
		}
	})
	t.Run("the toggles offered follow the features enabled on the account", func(t *testing.T) {
		var cat api.Catalog
		admin.Do("GET", "/api/v1/permissions", nil).Want(200).JSON(&cat)
		for _, m := range cat.Modules {
			if m.Key == "invoices" || m.Key == "patients" {
				t.Errorf("module %s is offered but not enabled", m.Key)
			}
		}
		wantCode(t, admin.Do("PATCH", "/api/v1/users/"+userID, map[string]any{"overrides": map[string]any{"grant": []string{"invoices.view"}}}), 400, "invalid_input")
	})
	t.Run("changes apply at once, not at the next load", func(t *testing.T) {
		admin.Do("PATCH", "/api/v1/users/"+userID, map[string]any{"overrides": map[string]any{"grant": []string{}}}).Want(200)
		lacks(t, user, "payments.view")
	})
}
