package httpapi_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// The ladder's Super Admin is private: nobody else learns who they are,
// not from the audit log (actor or target), not from adding their email,
// not from a holder count.
func TestThePrivateSuperAdminStaysPrivate(t *testing.T) {
	e := servertest.Start(t, func(c *server.Config) { c.Preset = "ladder" })
	owner := e.SignedIn()
	owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": "enterprise"}).Want(200)
	self := me(t, owner).User
	// The Super Admin acts (actor) and is acted on (target): they rename themselves.
	owner.Do("POST", "/api/v1/roles", api.CreateRole{Name: "Interns", Color: "grey"}).Want(201)
	owner.Do("PATCH", "/api/v1/users/"+self.ID, map[string]string{"name": "Sofia Secret"}).Want(200)
	admin, _ := e.WithRole("admin", "admin@example.com")
	visible := createUser(t, owner, "Val Visible", "val@example.com", "teammate", "val-password-1234")
	secrets := []string{self.ID, "Sofia Secret", self.Name, e.Email}

	page := admin.Do("GET", "/api/v1/audit?limit=200", nil).Want(200)
	for _, s := range secrets {
		if strings.Contains(string(page.Body), s) {
			t.Errorf("an admin's audit page names the Super Admin (%q): %s", s, page.Body)
		}
	}
	var entries api.AuditPage
	page.JSON(&entries)
	named := 0
	for _, it := range entries.Items {
		if it.Actor.Name == "the Super Admin" && it.Actor.ID == "" && it.Actor.Email == "" {
			named++
		}
		if it.Target.Type == "user" && it.Target.Name == "the Super Admin" && it.Target.ID != "" {
			t.Errorf("target id shown: %+v", it.Target)
		}
	}
	if named == 0 {
		t.Errorf("no entry names the actor as the Super Admin: %s", page.Body)
	}
	// The Super Admin reads their own log in full.
	if own := owner.Do("GET", "/api/v1/audit?limit=200", nil).Want(200); !strings.Contains(string(own.Body), self.ID) || !strings.Contains(string(own.Body), "Sofia Secret") {
		t.Errorf("the Super Admin's own log hides them: %s", own.Body)
	}

	// Adding their email answers as any taken email does, naming nobody.
	taken := func(email string) []byte {
		res := admin.Do("POST", "/api/v1/users", api.CreateUser{Name: "Probe", Email: email, RoleID: "teammate", Password: "probe-password-12"})
		wantCode(t, res, 409, api.CodeEmailTaken)
		return res.Body
	}
	if theirs, anyones := taken(e.Email), taken(visible.Email); string(theirs) != string(anyones) {
		t.Errorf("the Super Admin's email answers apart: %s against %s", theirs, anyones)
	} else if strings.Contains(string(theirs), "Sofia") || strings.Contains(string(theirs), self.ID) {
		t.Errorf("the answer names them: %s", theirs)
	}

	// Counts leave them out for the admin, and count them for themselves.
	holdersOf := func(c *servertest.Client, path string) int {
		var body struct {
			Items []api.Role `json:"items"`
			Roles []api.Role `json:"roles"`
		}
		c.Do("GET", path, nil).Want(200).JSON(&body)
		for _, r := range append(body.Items, body.Roles...) {
			if r.ID == "super_admin" {
				return r.Holders
			}
		}
		t.Fatalf("%s lists no Super Admin", path)
		return -1
	}
	stats := func(c *servertest.Client) int {
		var s api.UserStats
		c.Do("GET", "/api/v1/users/stats", nil).Want(200).JSON(&s)
		return s.ByRole["super_admin"]
	}
	for _, c := range []struct {
		who    string
		client *servertest.Client
		want   int
	}{{"admin", admin, 0}, {"super admin", owner, 1}, {"admin again (kept answers are per viewer)", admin, 0}} {
		if got := holdersOf(c.client, "/api/v1/roles"); got != c.want {
			t.Errorf("%s: /roles counts %d Super Admin holders, want %d", c.who, got, c.want)
		}
		if got := holdersOf(c.client, "/api/v1/matrix"); got != c.want {
			t.Errorf("%s: /matrix counts %d, want %d", c.who, got, c.want)
		}
		if got := getRole(t, c.client, "super_admin").Holders; got != c.want {
			t.Errorf("%s: /roles/super_admin counts %d, want %d", c.who, got, c.want)
		}
		if got := stats(c.client); got != c.want {
			t.Errorf("%s: /users/stats counts %d, want %d", c.who, got, c.want)
		}
	}
}

// The plan is the subscription: its tier and seat limit show only to
// those who may view billing; seats in use stay visible to whoever adds
// users.
func TestThePlanShowsOnlyWithBillingView(t *testing.T) {
	for _, c := range []struct {
		preset, role string
		sees         bool
	}{
		{"ladder", "admin", false},          // nobody but the Super Admin sees billing
		{"saas-admin", "admin", true},       // the Admin holds billing.view
		{"saas-admin", "read_only", false},  // no billing.view
		{"clinic-six", "manager", false},    // no billing permission at all
		{"ladder", "super_admin", true},     // the owner of the subscription
		{"saas-admin", "super_admin", true}, // super admins see everything
	} {
		t.Run(c.preset+" "+c.role, func(t *testing.T) {
			e := servertest.Start(t, func(cfg *server.Config) { cfg.Preset = c.preset })
			client := e.SignedIn()
			if c.role != "super_admin" {
				if r := roleNames(t, client); len(r) == 0 {
					t.Fatal("no roles")
				}
				client, _ = e.WithRole(c.role, c.role+"@example.com")
			}
			for _, path := range []string{"/api/v1/account", "/api/v1/me"} {
				res := client.Do("GET", path, nil)
				if res.Status == 403 {
					continue // the role may not read the account at all
				}
				res.Want(200)
				var raw map[string]json.RawMessage
				res.JSON(&raw)
				acct := raw
				if path == "/api/v1/me" {
					acct = nil
					_ = json.Unmarshal(raw["account"], &acct)
				}
				var seats map[string]int
				_ = json.Unmarshal(acct["seats"], &seats)
				_, plan := acct["plan"]
				_, limit := seats["limit"]
				if plan != c.sees || limit != c.sees {
					t.Errorf("%s: plan shown %v, seat limit shown %v; want %v: %s", path, plan, limit, c.sees, res.Body)
				}
				if _, used := seats["used"]; !used {
					t.Errorf("%s: seats in use hidden: %s", path, res.Body)
				}
			}
		})
	}
}
