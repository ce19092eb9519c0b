package httpapi_test

import (
	"testing"

	"github.com/rolesconsole/console/shared/api"
)

// The agency platform's help page (the role ladder), statement by statement.
func TestPresetLadder(t *testing.T) {
	e, super := presetEnv(t, "ladder")
	superID := me(t, super).User.ID
	admin, _ := e.WithRole("admin", "admin@agency.example")
	pm, pmID := e.WithRole("project_manager", "pm@agency.example")
	om, _ := e.WithRole("office_manager", "om@agency.example")
	mate, mateID := e.WithRole("teammate", "mate@agency.example")
	sales, salesID := e.WithRole("salesperson", "sales@agency.example")
	free, _ := e.WithRole("freelancer", "free@agency.example")

	t.Run("seven roles, in ladder order", func(t *testing.T) {
		got := roleNames(t, super)
		want := []string{"Super Admin", "Admin", "Project Manager", "Office Manager", "Teammate", "Salesperson", "Freelancer"}
		if len(got) != len(want) {
			t.Fatalf("roles %v", got)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("rung %d is %s; want %s", i, got[i], want[i])
			}
		}
	})
	t.Run("there is only one Super Admin", func(t *testing.T) {
		wantCode(t, super.Do("POST", "/api/v1/users", api.CreateUser{Name: "Two", Email: "two@agency.example", RoleID: "super_admin", Password: "second-super-1"}), 409, "role_cap_reached")
		wantCode(t, super.Do("PATCH", "/api/v1/users/"+pmID, map[string]string{"role_id": "super_admin"}), 409, "role_cap_reached")
	})
	t.Run("the Super Admin cannot be changed", func(t *testing.T) {
		wantCode(t, super.Do("PATCH", "/api/v1/users/"+superID, map[string]string{"role_id": "admin"}), 409, "last_super_admin")
		wantCode(t, super.Do("POST", "/api/v1/users/"+superID+"/disable", nil), 409, "last_super_admin")
	})
	t.Run("nobody else can see or edit the Super Admin's details", func(t *testing.T) {
		var l api.UserList
		admin.Do("GET", "/api/v1/users", nil).Want(200).JSON(&l)
		for _, u := range l.Items {
			if u.ID == superID {
				t.Error("the admin sees the Super Admin in the list")
			}
		}
		admin.Do("GET", "/api/v1/users/"+superID, nil).Want(404)
		admin.Do("GET", "/api/v1/users/"+superID+"/effective", nil).Want(404)
		admin.Do("PATCH", "/api/v1/users/"+superID, map[string]string{"name": "Renamed"}).Want(404)
		admin.Do("POST", "/api/v1/users/"+superID+"/disable", nil).Want(404)
		super.Do("GET", "/api/v1/users/"+superID, nil).Want(200)
	})
	t.Run("only the Super Admin manages the subscription", func(t *testing.T) {
		lacks(t, admin, "billing.view", "billing.manage")
		wantCode(t, admin.Do("PATCH", "/api/v1/account", map[string]string{"plan": "business"}), 403, "forbidden")
		super.Do("PATCH", "/api/v1/account", map[string]string{"plan": "enterprise"}).Want(200)
	})
	t.Run("Admin has access to the entire platform", func(t *testing.T) {
		holds(t, admin, "projects.manage", "invoices.manage", "contacts.manage", "client_pages.manage", "users.manage", "roles.edit", "account.manage")
	})
	t.Run("Project Manager: admin-level in Projects and CRM; no Billing, Client Pages or Admin Settings", func(t *testing.T) {
		holds(t, pm, "projects.manage", "client_talk.view", "companies.manage", "contacts.manage")
		lacks(t, pm, "invoices.view", "client_pages.view", "account.manage")
	})
	t.Run("Office Manager: admin-level in Billing and CRM; no Projects, Client Pages or Admin Settings", func(t *testing.T) {
		holds(t, om, "invoices.manage", "contacts.manage", "companies.manage")
		lacks(t, om, "projects.view", "projects.view:own", "client_pages.view", "account.manage")
	})
	t.Run("Teammate: only assigned projects, no Client Talk", func(t *testing.T) {
		if c := can(t, mate, "permission=projects.view&owner="+mateID); !c.Allowed || c.Reason != "role_own_scope" {
			t.Errorf("own project: %+v", c)
		}
		if c := can(t, mate, "permission=projects.view&owner="+pmID); c.Allowed || c.Reason != "not_owner" {
			t.Errorf("someone else's project: %+v", c)
		}
		lacks(t, mate, "client_talk.view")
		holds(t, mate, "team_talk.view")
	})
	t.Run("Salesperson: sees all companies and contacts, edits and deletes only their own", func(t *testing.T) {
		for _, q := range []string{"permission=contacts.view", "permission=companies.view", "permission=companies.create", "permission=contacts.create", "permission=events.create", "permission=goals.create"} {
			if !can(t, sales, q).Allowed {
				t.Errorf("%s refused", q)
			}
		}
		for _, p := range []string{"contacts.edit", "contacts.delete", "companies.edit", "companies.delete"} {
			if c := can(t, sales, "permission="+p+"&owner="+salesID); !c.Allowed || c.Reason != "role_own_scope" {
				t.Errorf("%s on their own: %+v", p, c)
			}
			if c := can(t, sales, "permission="+p+"&owner="+pmID); c.Allowed {
				t.Errorf("%s on someone else's: %+v", p, c)
			}
		}
	})
	t.Run("Freelancer: like a Teammate without Team Talk", func(t *testing.T) {
		holds(t, free, "projects.view:own")
		lacks(t, free, "team_talk.view", "client_talk.view")
	})
	t.Run("role changes only go up the ladder", func(t *testing.T) {
		super.Do("PATCH", "/api/v1/users/"+mateID, map[string]string{"role_id": "project_manager"}).Want(200)
		wantCode(t, super.Do("PATCH", "/api/v1/users/"+pmID, map[string]string{"role_id": "teammate"}), 409, "ladder_demotion")
		wantCode(t, admin.Do("PATCH", "/api/v1/users/"+mateID, map[string]string{"role_id": "salesperson"}), 409, "ladder_demotion")
	})
	t.Run("to go down: delete, then re-add at the lower rung", func(t *testing.T) {
		super.Do("DELETE", "/api/v1/users/"+pmID, nil).Want(204)
		super.Do("DELETE", "/api/v1/users/"+pmID+"?purge=true", nil).Want(204)
		createUser(t, super, "PM again", "pm@agency.example", "teammate", "pm-password-12")
	})
	t.Run("deleting moves to Restore Staff; deleting there purges", func(t *testing.T) {
		super.Do("DELETE", "/api/v1/users/"+salesID, nil).Want(204)
		var deleted api.UserList
		super.Do("GET", "/api/v1/users?status=deleted", nil).Want(200).JSON(&deleted)
		if len(deleted.Items) != 1 || deleted.Items[0].ID != salesID {
			t.Fatalf("deleted %+v", deleted.Items)
		}
		super.Do("POST", "/api/v1/users/"+salesID+"/restore", nil).Want(200)
		super.Do("DELETE", "/api/v1/users/"+salesID, nil).Want(204)
		super.Do("DELETE", "/api/v1/users/"+salesID+"?purge=true", nil).Want(204)
		super.Do("GET", "/api/v1/users/"+salesID, nil).Want(404)
	})
}
