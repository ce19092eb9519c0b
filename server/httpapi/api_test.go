package httpapi_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

func TestAPIEdges(t *testing.T) {
	e := servertest.Start(t, func(c *server.Config) { c.API.BodyLimit = 4096 })
	signedIn := e.SignedIn()
	for _, s := range []servertest.Scenario{
		{Name: "healthz", Method: "GET", Path: "/healthz", WantStatus: 200},
		{Name: "readyz", Method: "GET", Path: "/readyz", WantStatus: 200},
		{Name: "unknown API path is JSON 404", Method: "GET", Path: "/api/v1/nothing-here", WantStatus: 404, WantCode: "not_found"},
		{Name: "unknown API version is JSON 404", Method: "GET", Path: "/api/v2/me", WantStatus: 404, WantCode: "not_found"},
		{Name: "wrong method on a route", Method: "DELETE", Path: "/api/v1/me", Client: signedIn, WantStatus: 404, WantCode: "not_found"},
		{Name: "body over the limit", Method: "POST", Path: "/api/v1/auth/login",
			Body: `{"email":"` + strings.Repeat("a", 5000) + `","password":"x"}`, WantStatus: 413, WantCode: "too_large"},
		{Name: "me without a session", Method: "GET", Path: "/api/v1/me", WantStatus: 401, WantCode: "unauthenticated"},
		{Name: "logout without a session", Method: "POST", Path: "/api/v1/auth/logout", WantStatus: 401, WantCode: "unauthenticated"},
	} {
		t.Run(s.Name, func(t *testing.T) { s.Run(t, e) })
	}
}

// The store going away mid-life: 503 unavailable, bounded in time, and
// service resumes by itself once the store is back.
func TestStoreOutage(t *testing.T) {
	e := servertest.Start(t, func(c *server.Config) { c.Store.Timeout = time.Second })
	c := e.SignedIn()
	emb := e.Server.Store.Embedded()
	emb.Stop()
	for _, s := range []servertest.Scenario{
		{Name: "readyz", Method: "GET", Path: "/readyz", WantStatus: 503, WantCode: "unavailable"},
		{Name: "healthz still answers", Method: "GET", Path: "/healthz", WantStatus: 200},
		{Name: "me", Client: c, Method: "GET", Path: "/api/v1/me", WantStatus: 503, WantCode: "unavailable"},
		{Name: "login", Method: "POST", Path: "/api/v1/auth/login", Body: api.LoginRequest{Email: e.Email, Password: e.Password},
			WantStatus: 503, WantCode: "unavailable"},
	} {
		t.Run(s.Name, func(t *testing.T) {
			start := time.Now()
			s.Run(t, e)
			if d := time.Since(start); d > 15*time.Second {
				t.Errorf("answered after %v: a store outage must not hang requests", d)
			}
		})
	}
	if err := emb.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for c.Do("GET", "/readyz", nil).Status != 200 {
		if time.Now().After(deadline) {
			t.Fatal("not ready 30s after the store came back")
		}
		time.Sleep(100 * time.Millisecond)
	}
	c.Do("GET", "/api/v1/me", nil).Want(200)
	e.Client().Login(e.Email, e.Password)
}

// Request logs name the request, never its secrets.
func TestLogsHoldNoSecrets(t *testing.T) {
	e := servertest.Start(t)
	c := e.Client()
	login := c.Login(e.Email, e.Password)
	c.Do("GET", "/api/v1/me", nil).Want(200)
	c.Do("POST", "/api/v1/auth/logout", nil).Want(204)
	e.Client().Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: e.Email, Password: "wrong-password"}).Want(401)
	logs := e.Logs.String()
	if !strings.Contains(logs, `"path":"/api/v1/auth/login"`) {
		t.Fatalf("requests were not logged: %s", logs)
	}
	for _, secret := range []string{e.Password, "wrong-password", login.CSRFToken, "argon2id"} {
		if strings.Contains(logs, secret) {
			t.Errorf("the log holds a secret %q", secret)
		}
	}
}
