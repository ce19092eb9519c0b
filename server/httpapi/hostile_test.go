package httpapi_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// writeRoute is a write route with a valid body, as a map so that tests
// can add fields or replace values.
type writeRoute struct {
	method, path string
	body         map[string]any
}

// writeRoutes lists every route that reads a body, with a valid one.
func writeRoutes(userID string) []writeRoute {
	return []writeRoute{
		{"POST", "/api/v1/auth/login", map[string]any{"email": "x@example.com", "password": "not-the-password"}},
		{"POST", "/api/v1/auth/password/forgot", map[string]any{"email": "x@example.com"}},
		{"POST", "/api/v1/auth/password/reset", map[string]any{"token": "t", "password": "long-enough-pass-1"}},
		{"POST", "/api/v1/auth/invites/accept", map[string]any{"token": "t", "name": "N", "password": "long-enough-pass-1"}},
		{"POST", "/api/v1/auth/invites/check", map[string]any{"token": "t"}},
		{"POST", "/api/v1/me/totp/confirm", map[string]any{"code": "123456"}},
		{"DELETE", "/api/v1/me/totp", map[string]any{"password": "p"}},
		{"POST", "/api/v1/me/password", map[string]any{"current_password": "a", "new_password": "b"}},
		{"PATCH", "/api/v1/account", map[string]any{"name": "N"}},
		{"POST", "/api/v1/roles", map[string]any{"name": "N", "description": "D"}},
		{"PATCH", "/api/v1/roles/staff", map[string]any{"description": "D"}},
		{"PUT", "/api/v1/roles/staff/permissions/events.view", map[string]any{"granted": true}},
		{"POST", "/api/v1/users", map[string]any{"name": "N", "email": "new@example.com", "role_id": "staff", "password": "long-enough-pass-1"}},
		{"PATCH", "/api/v1/users/" + userID, map[string]any{"name": "N"}},
		{"POST", "/api/v1/users/" + userID + "/reset-password", map[string]any{"mode": "email"}},
	}
}

// state is what a refused request must not change.
func state(t *testing.T, e *servertest.Env) string {
	a := account(t, e)
	return fmt.Sprintf("revision %d, %d users, %d sessions, %d audit", a.Revision, e.Count("users"), e.Count("sessions"), e.Count("audit"))
}

// Mass assignment: a field the contract does not name (role, account_id,
// status, super_admin, revision...) is refused on every write route, and
// on the routes that take no body any body is; nothing changes.
func TestMassAssignment(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	u := createUser(t, owner, "Target", "target@example.com", "staff", "target-password-1")
	before := state(t, e)
	extras := map[string]any{"role": "super_admin", "account_id": "other", "status": "active", "super_admin": true, "revision": 1, "permissions_all": true}
	checked := 0
	for _, r := range writeRoutes(u.ID) {
		for k, v := range extras {
			if _, ok := r.body[k]; ok {
				continue
			}
			body := map[string]any{k: v}
			for bk, bv := range r.body {
				body[bk] = bv
			}
			res := owner.Do(r.method, r.path, body)
			checked++
			if res.Status != 400 || res.ErrorCode() != "invalid_input" {
				t.Errorf("%s %s with %q: %d %s", r.method, r.path, k, res.Status, res.Body)
			}
		}
	}
	for _, r := range e.Server.API.Routes() {
		if r.Method == "GET" {
			continue
		}
		path := "/api/v1" + strings.NewReplacer(":id", u.ID, ":permission", "events.view").Replace(r.Path)
		bodyless := true
		for _, w := range writeRoutes(u.ID) {
			if w.method == r.Method && w.path == path {
				bodyless = false
			}
		}
		if !bodyless || r.Path == "/auth/logout" {
			continue
		}
		res := owner.Do(r.Method, path, map[string]any{"status": "active"})
		checked++
		if res.Status != 400 {
			t.Errorf("%s %s took a body: %d %s", r.Method, path, res.Status, res.Body)
		}
	}
	if after := state(t, e); after != before {
		t.Errorf("refused requests changed the store: %s, then %s", before, after)
	}
	t.Logf("%d mass-assignment requests refused", checked)
}

// NoSQL operator injection, in every string field of every write route:
// refused as a type error before it could reach a query.
func TestOperatorInjection(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	u := createUser(t, owner, "Target", "target@example.com", "staff", "target-password-1")
	before := state(t, e)
	operators := []any{map[string]any{"$ne": nil}, map[string]any{"$gt": ""}, map[string]any{"$regex": ".*"}, []any{"a"}}
	checked := 0
	for _, r := range writeRoutes(u.ID) {
		for field, v := range r.body {
			if _, isString := v.(string); !isString {
				continue
			}
			for _, op := range operators {
				body := map[string]any{}
				for k, v := range r.body {
					body[k] = v
				}
				body[field] = op
				c := owner
				if strings.HasPrefix(r.path, "/api/v1/auth/") {
					c = e.Client()
				}
				res := c.Do(r.method, r.path, body)
				checked++
				if res.Status != 400 || res.ErrorCode() != "invalid_input" {
					t.Errorf("%s %s %s=%v: %d %s", r.method, r.path, field, op, res.Status, res.Body)
				}
			}
		}
	}
	// In query strings, operators are just text.
	var l api.UserList
	owner.Do("GET", `/api/v1/users?q={"$ne":null}&role[$ne]=x`, nil).Want(200).JSON(&l)
	if len(l.Items) != 0 {
		t.Errorf("an operator in the query matched %d users", len(l.Items))
	}
	if after := state(t, e); after != before {
		t.Errorf("refused requests changed the store: %s, then %s", before, after)
	}
	t.Logf("%d injection requests refused", checked)
}

func TestHostileBodies(t *testing.T) {
	// A small body limit, so that an oversized body is refused while the
	// client can still finish writing it (else the refusal races the write).
	e := servertest.Start(t, func(c *server.Config) { c.API.BodyLimit = 64 << 10 })
	owner := e.SignedIn()
	before := state(t, e)
	deep := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	cases := []struct {
		name   string
		body   string
		status int
	}{
		{"deeply nested JSON", `{"name":` + deep + `}`, 400},
		{"huge string", `{"name":"` + strings.Repeat("a", 100<<10) + `","description":""}`, 413},
		{"invalid UTF-8", "{\"name\":\"\xc3\x28\",\"description\":\"\"}", 400},
		{"raw NUL in a name", "{\"name\":\"a\x00b\",\"description\":\"\"}", 400},
		{"escaped control character in a name", `{"name":"a\u0007b","description":""}`, 400},
		{"number for a string", `{"name":1,"description":""}`, 400},
		{"null body", `null`, 400},
		{"array body", `[]`, 400},
		{"trailing garbage", `{"name":"R","description":""}x`, 400},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body := refusedBody(t, e, owner, c.body)
			if status != c.status {
				t.Errorf("%d %s; want %d", status, body, c.status)
			}
			var shape api.Error
			if json.Unmarshal(body, &shape) != nil || shape.Error.Code == "" {
				t.Errorf("not the error shape: %s", body)
			}
		})
	}
	for _, p := range []string{"/web/../go.mod", "/web/..%2f..%2fgo.mod", "/web/%2e%2e/server/server.go", "/../../etc/passwd"} {
		if res := owner.Do("GET", p, nil); res.Status == 200 && (strings.Contains(string(res.Body), "module ") || strings.Contains(string(res.Body), "root:")) {
			t.Errorf("%s served a file outside web/", p)
		}
	}
	if after := state(t, e); after != before {
		t.Errorf("hostile requests changed the store: %s, then %s", before, after)
	}
}

// refusedBody posts body as a new role and returns the answer's status
// and body. The server refuses an oversized body from its length alone and
// closes the connection without reading it; when the client is still
// writing the body then, the reset can reach it before the answer, which
// its system then drops. That race is the web server's way of refusing
// (fasthttp's), not the console's rule under test, so such an attempt is
// tried again.
func refusedBody(t *testing.T, e *servertest.Env, c *servertest.Client, body string) (int, []byte) {
	t.Helper()
	for attempt := 1; ; attempt++ {
		req, _ := http.NewRequest("POST", e.URL+"/api/v1/roles", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-CSRF-Token", c.CSRF)
		res, err := c.HTTP.Do(req)
		if err != nil {
			if attempt < 5 && strings.Contains(err.Error(), "connection reset") {
				continue
			}
			t.Fatal(err)
		}
		b, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		return res.StatusCode, b
	}
}
