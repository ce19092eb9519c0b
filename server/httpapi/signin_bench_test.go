package httpapi_test

import (
	"testing"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// The two failures must cost about the same, so that timing does not tell
// whether an email has an account: compare their ns/op.
func BenchmarkLoginFailure(b *testing.B) {
	e := servertest.Start(b, func(c *server.Config) {
		c.Auth.EmailFailures, c.Auth.UserFailures, c.Auth.IPFailures = 1<<30, 1<<30, 1<<30
	})
	c := e.Client()
	for _, bc := range []struct {
		name  string
		email string
	}{
		{"wrong-password", e.Email},
		{"unknown-email", "nobody@example.com"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if res := c.Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: bc.email, Password: "not-the-password"}); res.Status != 401 {
					b.Fatalf("status %d", res.Status)
				}
			}
		})
	}
}
