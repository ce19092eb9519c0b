package httpapi_test

import (
	"bufio"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// events reads the security events from the captured log.
func events(t *testing.T, logs string) map[string]int {
	t.Helper()
	out := map[string]int{}
	sc := bufio.NewScanner(strings.NewReader(logs))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var rec map[string]any
		if json.Unmarshal(sc.Bytes(), &rec) != nil {
			continue
		}
		msg, _ := rec["msg"].(string)
		if msg != "auth.login" && msg != "authz.refused" {
			continue
		}
		for _, k := range []string{"ip", "at", "actor", "outcome"} {
			if _, ok := rec[k]; !ok {
				t.Errorf("%s lacks %s: %v", msg, k, rec)
			}
		}
		if at, _ := rec["at"].(string); !strings.HasSuffix(at, "Z") {
			t.Errorf("time %q is not UTC", at)
		} else if _, err := time.Parse(time.RFC3339Nano, at); err != nil {
			t.Errorf("time %q: %v", at, err)
		}
		out[msg+" "+rec["outcome"].(string)]++
	}
	return out
}

// Every authentication decision and every refused request is in the log,
// as many as were made, with actor, IP and UTC time; every change is in
// the audit log with before and after.
func TestSecurityEventsAreComplete(t *testing.T) {
	e := servertest.Start(t)
	staff, _ := e.WithRole("staff", "staff@example.com") // two sign-ins: the owner's and staff's
	for i := 0; i < 3; i++ {
		e.Client().Login(e.Email, e.Password)
	}
	for i := 0; i < 5; i++ {
		e.Client().Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: e.Email, Password: "wrong-password"}).Want(401)
	}
	for i := 0; i < 2; i++ {
		e.Client().Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: e.Email, Password: e.Password}).Want(429)
	}
	for i := 0; i < 4; i++ {
		staff.Do("GET", "/api/v1/audit", nil).Want(403)
	}
	staff.Do("POST", "/api/v1/auth/logout", nil, "X-CSRF-Token", "forged")
	e.Client().Do("GET", "/api/v1/me", nil).Want(401)

	got := events(t, e.Logs.String())
	want := map[string]int{
		"auth.login success":            5,
		"auth.login failure":            5,
		"auth.login throttled":          2,
		"authz.refused forbidden":       4,
		"authz.refused unauthenticated": 1,
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s: %d logged; %d happened", k, got[k], n)
		}
	}
	if got["authz.refused csrf"] != 1 {
		t.Errorf("csrf refusals logged: %d", got["authz.refused csrf"])
	}
	if strings.Contains(e.Logs.String(), "wrong-password") || strings.Contains(e.Logs.String(), e.Password) {
		t.Error("a password is in the log")
	}
}

// Every change of users, roles, permissions, plan and policy is in the
// audit log with before and after.
func TestEveryChangeIsAudited(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	var r api.Role
	owner.Do("POST", "/api/v1/roles", api.CreateRole{Name: "Audited"}).Want(201).JSON(&r)
	owner.Do("PATCH", "/api/v1/roles/"+r.ID, map[string]string{"description": "x"}).Want(200)
	owner.Do("PUT", "/api/v1/roles/"+r.ID+"/permissions/events.view", granted(true)).Want(200)
	u := createUser(t, owner, "Aud", "aud@example.com", "staff", "audited-password-1")
	owner.Do("PATCH", "/api/v1/users/"+u.ID, map[string]string{"role_id": r.ID}).Want(200)
	owner.Do("POST", "/api/v1/users/"+u.ID+"/disable", nil).Want(200)
	owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": "business"}).Want(200)
	owner.Do("PATCH", "/api/v1/account", map[string]any{"policy": map[string]any{"two_factor": map[string]any{"required": "none"}, "ladder": true}}).Want(200)
	owner.Do("DELETE", "/api/v1/roles/"+r.ID, nil).Want(204)
	want := []string{"role.create", "role.update", "role.permission", "user.create", "user.update", "user.disable", "account.update", "account.update", "role.delete"}
	items := auditPage(t, owner, "?limit=200").Items
	if len(items) != len(want) {
		t.Fatalf("%d audit entries for %d changes", len(items), len(want))
	}
	for i, w := range want {
		it := items[len(items)-1-i]
		if it.Action != w || it.Actor.Email != e.Email || it.At.IsZero() {
			t.Errorf("entry %d: %+v; want %s", i, it, w)
		}
		if string(it.Before) == "null" && string(it.After) == "null" {
			t.Errorf("%s keeps neither before nor after", it.Action)
		}
	}
}
