package httpapi_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
)

// emailAt is an email the role's domains allow: at its first domain when
// it is limited, else at def.
func emailAt(r role.Role, local, def string) string {
	if len(r.Domains) > 0 {
		return local + "@" + r.Domains[0]
	}
	return local + "@" + def
}

// refusedFor checks an answer refusing the vendor role to an email
// elsewhere: 400 invalid_input, the sentence on the role's field.
func refusedFor(t *testing.T, res *servertest.Response) {
	t.Helper()
	const want = "Glovora Account Manager is for people with an email at glovora.com."
	var e api.Error
	res.Want(400).JSON(&e)
	if e.Error.Code != api.CodeInvalidInput || e.Error.Message != want || e.Error.Fields["role_id"] != want {
		t.Errorf("refused with %+v", e.Error)
	}
}

// clinic-six's Glovora Account Manager is for Glovora's people: the role
// is given to them alone, on creation and on a change of role; the owner
// changes its domains, which the log undoes, and the review names a holder
// the new domains leave outside.
func TestVendorRoleIsForTheVendorsDomain(t *testing.T) {
	e, owner := presetEnv(t, "clinic-six")
	manager, _ := e.WithRole("manager", "manager@clinic.example")
	if got := getRole(t, owner, "account_manager").Domains; !slices.Equal(got, []string{"glovora.com"}) {
		t.Fatalf("account_manager is limited to %v", got)
	}

	t.Run("on creation", func(t *testing.T) {
		refusedFor(t, owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "Cleo", Email: "cleo@clinic.example", RoleID: "account_manager", Password: "vendor-password-123"}))
		createUser(t, owner, "Gina", "gina@Glovora.com", "account_manager", "vendor-password-123")
		// The refused email is free for another role.
		createUser(t, owner, "Cleo", "cleo@clinic.example", "staff", "clinic-password-123")
	})
	t.Run("on a change of role", func(t *testing.T) {
		rec := createUser(t, owner, "Rita", "rita@clinic.example", "receptionist", "clinic-password-123")
		refusedFor(t, owner.Do("PATCH", "/api/v1/users/"+rec.ID, api.PatchUser{RoleID: ptr("account_manager")}))
		vendor := createUser(t, owner, "Vic", "vic@glovora.com", "staff", "vendor-password-123")
		var u api.User
		owner.Do("PATCH", "/api/v1/users/"+vendor.ID, api.PatchUser{RoleID: ptr("account_manager")}).Want(200).JSON(&u)
		if u.RoleID != "account_manager" {
			t.Errorf("Vic holds %q", u.RoleID)
		}
	})
	t.Run("the owner sets the domains; others may not; bad ones are refused", func(t *testing.T) {
		wantCode(t, manager.Do("PATCH", "/api/v1/roles/account_manager", api.PatchRole{Domains: &[]string{"clinic.example"}}), 403, "forbidden")
		var e api.Error
		owner.Do("PATCH", "/api/v1/roles/account_manager", api.PatchRole{Domains: &[]string{"gina@glovora.com"}}).Want(400).JSON(&e)
		if e.Error.Code != api.CodeInvalidInput || e.Error.Fields["domains"] == "" {
			t.Errorf("an email as a domain: %+v", e.Error)
		}
		var r api.Role
		owner.Do("PATCH", "/api/v1/roles/account_manager", api.PatchRole{Domains: &[]string{"Glovora.de"}}).Want(200).JSON(&r)
		if !slices.Equal(r.Domains, []string{"glovora.de"}) || r.Holders != 2 {
			t.Errorf("after the change %v, %d holders", r.Domains, r.Holders)
		}
	})
	t.Run("the review names the holders the domains leave outside", func(t *testing.T) {
		var s api.Suggestions
		owner.Do("GET", "/api/v1/security/suggestions", nil).Want(200).JSON(&s)
		var found []string
		for _, it := range s.Items {
			if it.Kind == "outside_domains" {
				for _, u := range it.Users {
					found = append(found, u.Email)
				}
				if it.Title != "Holders of Glovora Account Manager outside its email domains" {
					t.Errorf("titled %q", it.Title)
				}
			}
		}
		slices.Sort(found)
		if !slices.Equal(found, []string{"gina@glovora.com", "vic@glovora.com"}) {
			t.Errorf("outside: %v", found)
		}
	})
	t.Run("undoing the change puts the domains back", func(t *testing.T) {
		entry := auditPage(t, owner, "").Items[0]
		if entry.Action != "role.update" || entry.Target.ID != "account_manager" || !entry.Revertible {
			t.Fatalf("last entry %+v", entry)
		}
		owner.Do("POST", "/api/v1/audit/"+entry.ID+"/revert", nil).Want(200)
		if got := getRole(t, owner, "account_manager").Domains; !slices.Equal(got, []string{"glovora.com"}) {
			t.Errorf("after the undo %v", got)
		}
		refusedFor(t, owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "Otto", Email: "otto@glovora.de", RoleID: "account_manager", Password: "vendor-password-123"}))
	})
}

// 50 changes of role to the vendor role at once, half of them of people
// with a clinic email: exactly the vendor's people get it, each judged in
// the account's one atomic update.
func TestVendorRoleBurst(t *testing.T) {
	e := servertest.Start(t, func(c *server.Config) { c.Preset = "clinic-six"; c.API.RequestTimeout = time.Minute })
	owner := e.SignedIn()
	owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": "enterprise"}).Want(200)
	const n = 50
	ids := make([]string, n)
	for i := range n {
		domain := "clinic.example"
		if i%2 == 0 {
			domain = "glovora.com"
		}
		var u api.User
		owner.Do("POST", "/api/v1/users", api.CreateUser{Name: fmt.Sprintf("P%02d", i), Email: fmt.Sprintf("p%02d@%s", i, domain), RoleID: "staff", NoLogin: true}).Want(201).JSON(&u)
		ids[i] = u.ID
	}
	status := race(n, func(i int) int {
		return owner.Do("PATCH", "/api/v1/users/"+ids[i], api.PatchUser{RoleID: ptr("account_manager")}).Status
	})
	a := account(t, e)
	roleOf := map[string]string{}
	for id, m := range a.Members {
		roleOf[id] = m.RoleID
	}
	landed := 0
	for i, id := range ids {
		inside := i%2 == 0
		want, wantRole := 400, "staff"
		if inside {
			want, wantRole = 200, "account_manager"
		}
		if status[i] != want || roleOf[id] != wantRole {
			t.Errorf("p%02d (inside %v): %d, holds %q; want %d, %s", i, inside, status[i], roleOf[id], want, wantRole)
		}
		if roleOf[id] == "account_manager" {
			landed++
		}
	}
	t.Logf("%d of %d changes landed", landed, n)
}
