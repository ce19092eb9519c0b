package httpapi_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// The two-role product: "the permission toggles shown reflect the features
// enabled on your account". A super admin turns modules on and off; off
// hides its permissions everywhere and keeps its grants for when it is on
// again.
func TestModulesPerAccount(t *testing.T) {
	e, admin := presetEnv(t, "two-role")
	user, userID := e.WithRole("user", "frontdesk@aesthetix.example")
	start := accountOf(t, admin).Modules
	withInvoices := append(slices.Clone(start), "invoices")

	t.Run("turning a module on offers its permissions", func(t *testing.T) {
		var a api.Account
		admin.Do("PATCH", "/api/v1/account", map[string]any{"modules": withInvoices}).Want(200).JSON(&a)
		if !slices.Contains(a.Modules, "invoices") {
			t.Fatalf("modules after turning invoices on: %v", a.Modules)
		}
		if !slices.Contains(catalogKeys(t, admin), "invoices") {
			t.Fatal("invoices is on but not offered")
		}
		admin.Do("PUT", "/api/v1/roles/user/permissions/invoices.view", map[string]bool{"granted": true}).Want(200)
		admin.Do("PATCH", "/api/v1/users/"+userID, map[string]any{"overrides": map[string]any{"grant": []string{"invoices.create"}}}).Want(200)
		holds(t, user, "invoices.view", "invoices.create")
	})

	t.Run("turning it off hides its permissions from every answer", func(t *testing.T) {
		admin.Do("PATCH", "/api/v1/account", map[string]any{"modules": start}).Want(200)
		if slices.Contains(catalogKeys(t, admin), "invoices") {
			t.Error("invoices is off but still offered")
		}
		lacks(t, user, "invoices.view", "invoices.create")
		if c := can(t, user, "permission=invoices.view"); c.Allowed {
			t.Errorf("can invoices.view with the module off: %+v", c)
		}
		var m api.Matrix
		admin.Do("GET", "/api/v1/matrix", nil).Want(200).JSON(&m)
		for _, mod := range m.Modules {
			if mod.Key == "invoices" {
				t.Error("the matrix shows invoices")
			}
		}
		if slices.Contains(m.Grants["user"], "invoices.view") {
			t.Errorf("the matrix grants User invoices.view: %v", m.Grants["user"])
		}
		var r api.Role
		admin.Do("GET", "/api/v1/roles/user", nil).Want(200).JSON(&r)
		if slices.Contains(r.Permissions, "invoices.view") {
			t.Errorf("the role shows invoices.view: %v", r.Permissions)
		}
		var eff api.Effective
		admin.Do("GET", "/api/v1/users/"+userID+"/effective", nil).Want(200).JSON(&eff)
		for _, p := range eff.Permissions {
			if p.ID == "invoices.view" || p.ID == "invoices.create" {
				t.Errorf("effective permissions show %s", p.ID)
			}
		}
		wantCode(t, admin.Do("PUT", "/api/v1/roles/user/permissions/invoices.edit", map[string]bool{"granted": true}), 400, "invalid_input")
	})

	t.Run("edits made while it is off keep its grants", func(t *testing.T) {
		var r api.Role
		admin.Do("GET", "/api/v1/roles/user", nil).Want(200).JSON(&r)
		admin.Do("PATCH", "/api/v1/roles/user", map[string]any{"permissions": append(slices.Clone(r.Permissions), "reporting.view")}).Want(200)
		admin.Do("PATCH", "/api/v1/users/"+userID, map[string]any{"overrides": map[string]any{"grant": []string{"payments.view"}}}).Want(200)
	})

	t.Run("turning it on again restores its grants", func(t *testing.T) {
		admin.Do("PATCH", "/api/v1/account", map[string]any{"modules": withInvoices}).Want(200)
		holds(t, user, "invoices.view", "invoices.create", "reporting.view", "payments.view")
	})

	t.Run("the change is audited and undone from the log", func(t *testing.T) {
		var page api.AuditPage
		admin.Do("GET", "/api/v1/audit", nil).Want(200).JSON(&page)
		entry := page.Items[0]
		if entry.Action != "account.modules" || !entry.Revertible || entry.Summary != "Turned on Invoices" {
			t.Fatalf("newest entry: %+v", entry)
		}
		admin.Do("POST", "/api/v1/audit/"+entry.ID+"/revert", nil).Want(200)
		if got := accountOf(t, admin).Modules; slices.Contains(got, "invoices") {
			t.Errorf("modules after the undo: %v", got)
		}
		lacks(t, user, "invoices.view")
		wantCode(t, admin.Do("POST", "/api/v1/audit/"+entry.ID+"/revert", nil), 409, "invalid_state")
	})

	t.Run("bad modules are refused and change nothing", func(t *testing.T) {
		before := accountOf(t, admin)
		for _, mods := range [][]string{{"no_such_module"}, append(slices.Clone(start), "users")} {
			res := admin.Do("PATCH", "/api/v1/account", map[string]any{"modules": mods})
			wantCode(t, res, 400, "invalid_input")
		}
		if after := accountOf(t, admin); after.Revision != before.Revision || !slices.Equal(after.Modules, before.Modules) {
			t.Errorf("refused changes moved the account: revision %d -> %d, modules %v -> %v", before.Revision, after.Revision, before.Modules, after.Modules)
		}
	})
}

// Who may turn modules on and off: a super admin holding billing.manage,
// not an admin who manages the account's settings.
func TestModulesAreASuperAdminsWithBilling(t *testing.T) {
	e, owner := presetEnv(t, "ladder")
	admin, _ := e.WithRole("admin", "admin@agency.example")
	mods := accountOf(t, owner).Modules
	wantCode(t, admin.Do("PATCH", "/api/v1/account", map[string]any{"modules": mods[:1]}), 403, "forbidden")
	if got := accountOf(t, owner).Modules; !slices.Equal(got, mods) {
		t.Errorf("a refused change moved the modules: %v -> %v", mods, got)
	}
	owner.Do("PATCH", "/api/v1/account", map[string]any{"modules": mods[:1]}).Want(200)
}

// Fifty writers at once, three times: the module turned off and on while
// the same role's other cells are toggled and its name edited. No grant of
// the module is lost, and every writer is answered.
func TestModuleSwitchesRacingRoleEditsLoseNoGrant(t *testing.T) {
	e, admin := presetEnv(t, "two-role")
	user, _ := e.WithRole("user", "frontdesk@aesthetix.example")
	start := accountOf(t, admin).Modules
	withInvoices := append(slices.Clone(start), "invoices")
	admin.Do("PATCH", "/api/v1/account", map[string]any{"modules": withInvoices}).Want(200)
	admin.Do("PUT", "/api/v1/roles/user/permissions/invoices.view", map[string]bool{"granted": true}).Want(200)
	for round := range 3 {
		var wg sync.WaitGroup
		statuses := make([]int, 50)
		for i := range 50 {
			wg.Go(func() {
				var res *servertest.Response
				switch i % 4 {
				case 0:
					res = admin.Do("PATCH", "/api/v1/account", map[string]any{"modules": start})
				case 1:
					res = admin.Do("PATCH", "/api/v1/account", map[string]any{"modules": withInvoices})
				case 2:
					res = admin.Do("PUT", "/api/v1/roles/user/permissions/reporting.view", map[string]bool{"granted": i%8 == 2})
				default:
					res = admin.Do("PATCH", "/api/v1/roles/user", map[string]any{"description": fmt.Sprint("Front desk, edit ", round, i)})
				}
				statuses[i] = res.Status
			})
		}
		wg.Wait()
		for i, s := range statuses {
			if s != 200 {
				t.Fatalf("round %d: writer %d answered %d", round, i, s)
			}
		}
		admin.Do("PATCH", "/api/v1/account", map[string]any{"modules": withInvoices}).Want(200)
		holds(t, user, "invoices.view")
	}
}

func accountOf(t *testing.T, c *servertest.Client) api.Account {
	t.Helper()
	var a api.Account
	c.Do("GET", "/api/v1/account", nil).Want(200).JSON(&a)
	return a
}

func catalogKeys(t *testing.T, c *servertest.Client) []string {
	t.Helper()
	var cat api.Catalog
	c.Do("GET", "/api/v1/permissions", nil).Want(200).JSON(&cat)
	var out []string
	for _, m := range cat.Modules {
		out = append(out, m.Key)
	}
	return out
}
