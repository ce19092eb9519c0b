package httpapi_test

import (
	"testing"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

func findings(t *testing.T, c *servertest.Client) (api.Suggestions, map[string][]string) {
	t.Helper()
	var s api.Suggestions
	c.Do("GET", "/api/v1/security/suggestions", nil).Want(200).JSON(&s)
	out := map[string][]string{}
	for _, it := range s.Items {
		for _, u := range it.Users {
			out[it.Kind] = append(out[it.Kind], u.Email)
		}
	}
	return s, out
}

// The seed's three kinds appear and disappear as the state changes.
func TestSecuritySuggestions(t *testing.T) {
	clock := newClock()
	e := servertest.Start(t)
	owner := e.SignedIn()
	s, f := findings(t, owner)
	if s.Total < 7 || len(f["without_2fa"]) != 1 || f["without_2fa"][0] != e.Email {
		t.Fatalf("a fresh account: %+v", s)
	}
	// Without 2FA: gone once the owner enrols.
	enrol(t, owner, clock)
	if _, f = findings(t, owner); len(f["without_2fa"]) != 0 {
		t.Errorf("without_2fa after enrolling: %v", f["without_2fa"])
	}
	// Without role: a user whose role is deleted; gone once one is assigned.
	var r api.Role
	owner.Do("POST", "/api/v1/roles", api.CreateRole{Name: "Temp", Permissions: []string{"users.view"}}).Want(201).JSON(&r)
	u := createUser(t, owner, "Rolf", "rolf@example.com", r.ID, "rolf-password-1")
	owner.Do("DELETE", "/api/v1/roles/"+r.ID, nil).Want(204)
	if _, f = findings(t, owner); len(f["without_role"]) != 1 {
		t.Errorf("without_role after deleting the role: %v", f)
	}
	owner.Do("PATCH", "/api/v1/users/"+u.ID, map[string]string{"role_id": "read_only"}).Want(200)
	if _, f = findings(t, owner); len(f["without_role"]) != 0 {
		t.Errorf("without_role after assigning one: %v", f["without_role"])
	}
	// Deactivated: a disabled admin; gone once enabled.
	admin := createUser(t, owner, "Ada", "ada@example.com", "admin", "ada-password-12")
	if _, f = findings(t, owner); len(f["without_2fa"]) != 1 || f["without_2fa"][0] != "ada@example.com" {
		t.Errorf("the new admin without 2FA: %v", f["without_2fa"])
	}
	owner.Do("POST", "/api/v1/users/"+admin.ID+"/disable", nil).Want(200)
	if _, f = findings(t, owner); len(f["deactivated"]) != 1 {
		t.Errorf("deactivated after disabling: %v", f)
	}
	owner.Do("POST", "/api/v1/users/"+admin.ID+"/enable", nil).Want(200)
	if _, f = findings(t, owner); len(f["deactivated"]) != 0 {
		t.Errorf("deactivated after enabling: %v", f["deactivated"])
	}
	// Risky overrides: a per-user billing grant.
	owner.Do("PATCH", "/api/v1/users/"+u.ID, map[string]any{"overrides": map[string]any{"grant": []string{"billing.view"}}}).Want(200)
	s, f = findings(t, owner)
	if len(f["risky_overrides"]) != 1 || s.Passed+len(s.Items) != s.Total {
		t.Errorf("risky overrides: %+v", s)
	}
	// The fix for users without 2FA: a reminder by email.
	owner.Do("POST", "/api/v1/users/"+admin.ID+"/remind-2fa", nil).Want(202)
	var box api.MailList
	owner.Do("GET", "/api/v1/mail", nil).Want(200).JSON(&box)
	if len(box.Items) == 0 || box.Items[0].To != "ada@example.com" {
		t.Errorf("outbox %+v", box.Items)
	}
}
