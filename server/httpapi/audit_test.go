package httpapi_test

import (
	"slices"
	"sync"
	"testing"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

func auditPage(t *testing.T, c *servertest.Client, query string) api.AuditPage {
	t.Helper()
	var p api.AuditPage
	c.Do("GET", "/api/v1/audit"+query, nil).Want(200).JSON(&p)
	return p
}

func TestAuditRecordsAndReverts(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	owner.Do("PUT", "/api/v1/roles/staff/permissions/audit.view", granted(true)).Want(200)

	entry := auditPage(t, owner, "").Items[0]
	if entry.Action != "role.permission" || entry.Target.ID != "staff" || entry.Actor.Email != e.Email ||
		entry.Summary != "Granted audit.view for Staff" || !entry.Revertible || len(entry.Before) < 10 || len(entry.After) < 10 {
		t.Fatalf("entry %+v", entry)
	}

	var undo api.AuditEntry
	owner.Do("POST", "/api/v1/audit/"+entry.ID+"/revert", nil).Want(200).JSON(&undo)
	if undo.Action != "audit.revert" || undo.RevertOf != entry.ID || undo.Revertible {
		t.Errorf("undo entry %+v", undo)
	}
	if slices.Contains(getRole(t, owner, "staff").Permissions, "audit.view") {
		t.Error("the revert did not take the grant back")
	}
	items := auditPage(t, owner, "").Items
	if items[0].ID != undo.ID || items[1].RevertedBy != undo.ID || items[1].Revertible {
		t.Errorf("after the undo the log reads %+v", items[:2])
	}
	for _, s := range []servertest.Scenario{
		{Name: "again", Client: owner, Method: "POST", Path: "/api/v1/audit/" + entry.ID + "/revert", WantStatus: 409, WantCode: "invalid_state"},
		{Name: "an undo is not undone", Client: owner, Method: "POST", Path: "/api/v1/audit/" + undo.ID + "/revert", WantStatus: 409, WantCode: "invalid_state"},
		{Name: "unknown entry", Client: owner, Method: "POST", Path: "/api/v1/audit/nope/revert", WantStatus: 404, WantCode: "not_found"},
	} {
		t.Run(s.Name, func(t *testing.T) { s.Run(t, e) })
	}
}

// Reverting obeys the rules of the change it makes.
func TestRevertObeysTheRules(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	admin, _ := e.WithRole("admin", "admin@example.com")
	// The super admin changes the admin role; an admin may not undo a
	// change to their own role.
	owner.Do("PUT", "/api/v1/roles/admin/permissions/billing.manage", granted(true)).Want(200)
	entry := auditPage(t, owner, "").Items[0]
	res := admin.Do("POST", "/api/v1/audit/"+entry.ID+"/revert", nil).Want(409)
	if res.ErrorCode() != "self_restriction" {
		t.Errorf("code %q", res.ErrorCode())
	}
	// A user who may not edit roles may not revert.
	staff, _ := e.WithRole("staff", "staff@example.com")
	staff.Do("POST", "/api/v1/audit/"+entry.ID+"/revert", nil).Want(403)
}

func TestRevertCreateAndDelete(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	var r api.Role
	owner.Do("POST", "/api/v1/roles", api.CreateRole{Name: "Night shift", Color: "teal", Permissions: []string{"events.view"}}).Want(201).JSON(&r)
	u, _ := e.WithRole(r.ID, "night@example.com")
	owner.Do("DELETE", "/api/v1/roles/"+r.ID, nil).Want(204)
	del := auditPage(t, owner, "").Items[0]
	if del.Action != "role.delete" {
		t.Fatalf("latest entry %+v", del)
	}
	owner.Do("POST", "/api/v1/audit/"+del.ID+"/revert", nil).Want(200)
	back := getRole(t, owner, r.ID)
	if back.Name != "Night shift" || back.Holders != 1 {
		t.Fatalf("restored role %+v", back)
	}
	var me api.Me
	u.Do("GET", "/api/v1/me", nil).Want(200).JSON(&me)
	if me.User.RoleID != r.ID {
		t.Errorf("the former holder did not get the role back: %q", me.User.RoleID)
	}
	// Undo the creation: the role goes again.
	var created api.AuditEntry
	for _, it := range auditPage(t, owner, "?limit=200").Items {
		if it.Action == "role.create" && it.Target.ID == r.ID {
			created = it
		}
	}
	owner.Do("POST", "/api/v1/audit/"+created.ID+"/revert", nil).Want(200)
	owner.Do("GET", "/api/v1/roles/"+r.ID, nil).Want(404)
}

func TestAuditPaging(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	perms := []string{"events.create", "events.edit", "events.delete", "events.manage", "contacts.create"}
	for _, p := range perms {
		owner.Do("PUT", "/api/v1/roles/read_only/permissions/"+p, granted(true)).Want(200)
	}
	first := auditPage(t, owner, "?limit=2")
	second := auditPage(t, owner, "?limit=2&cursor="+first.NextCursor)
	third := auditPage(t, owner, "?limit=2&cursor="+second.NextCursor)
	var got []string
	for _, p := range [][]api.AuditEntry{first.Items, second.Items, third.Items} {
		for _, it := range p {
			got = append(got, it.Summary)
		}
	}
	if len(got) != 5 || got[0] != "Granted contacts.create for Read-Only" || got[4] != "Granted events.create for Read-Only" || third.NextCursor != "" {
		t.Errorf("pages %v, last cursor %q", got, third.NextCursor)
	}
	owner.Do("GET", "/api/v1/audit?limit=0", nil).Want(400)
	owner.Do("GET", "/api/v1/audit?limit=201", nil).Want(400)
}

// 20 concurrent creates at one seat left: exactly one succeeds.
func TestSeatRace(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	for _, email := range []string{"a@example.com", "b@example.com", "c@example.com"} {
		owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "U", Email: email, RoleID: "staff", Password: "long-enough-1"}).Want(201)
	}
	var wg sync.WaitGroup
	statuses := make(chan int, 20)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "R", Email: "race" + string(rune('a'+i)) + "@example.com", RoleID: "staff", Password: "long-enough-1"})
			if res.Status == 409 && res.ErrorCode() != "seat_limit_reached" {
				t.Errorf("refused with %s", res.ErrorCode())
			}
			statuses <- res.Status
		}()
	}
	wg.Wait()
	close(statuses)
	created := 0
	for s := range statuses {
		if s == 201 {
			created++
		}
	}
	if created != 1 {
		t.Fatalf("%d of 20 racing creates succeeded at one seat left; want exactly 1", created)
	}
	if n := e.Count("users"); n != 5 {
		t.Errorf("%d user documents; want 5", n)
	}
}
