package httpapi_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// The login flow, with any body, against the real store: a documented
// answer every time, and a session only for the right credentials.
func FuzzLogin(f *testing.F) {
	for _, s := range []string{`{"email":"owner@demo.clinic","password":"test-password-1234"}`, `{"email":"owner@demo.clinic","password":"x"}`,
		`{"email":{"$gt":""},"password":{"$gt":""}}`, `{"email":"","password":""}`, `{"email":"a","password":"b","code":"123456"}`,
		`{"email":" OWNER@demo.clinic ","password":"test-password-1234"}`, `{`, ``} {
		f.Add(s)
	}
	e := servertest.Start(f, func(c *server.Config) {
		c.Auth.EmailFailures, c.Auth.UserFailures, c.Auth.IPFailures = 1<<30, 1<<30, 1<<30
	})
	f.Fuzz(func(t *testing.T, body string) {
		res, err := http.Post(e.URL+"/api/v1/auth/login", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		switch res.StatusCode {
		case 200:
			var in api.LoginRequest
			if json.Unmarshal([]byte(body), &in) != nil || strings.ToLower(strings.TrimSpace(in.Email)) != e.Email || in.Password != servertest.Password {
				t.Fatalf("signed in with %q", body)
			}
		case 400, 401, 413, 429:
		default:
			t.Fatalf("%d %s for %q", res.StatusCode, b, body)
		}
	})
}
