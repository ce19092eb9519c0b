package httpapi_test

import (
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
)

// An admin's reset of someone's 2FA (a lost or stolen phone) signs them out
// everywhere, as a password change does; the admin stays signed in.
func TestResetTwoFactorEndsTheirSessions(t *testing.T) {
	clock := newClock()
	e := servertest.Start(t, func(c *server.Config) { c.Auth.Now = clock.Now })
	owner := e.SignedIn()
	staff, staffID := e.WithRole("staff", "staff@example.com")
	secret, _ := enrol(t, staff, clock)
	// Another device that signed in with the second factor.
	clock.Advance(time.Minute)
	code, _ := totp.GenerateCode(secret, clock.Now())
	phone := e.Client()
	login2FA(phone, "staff@example.com", servertest.UserPassword, code, "").Want(200)
	staff.Do("GET", "/api/v1/me", nil).Want(200)
	phone.Do("GET", "/api/v1/me", nil).Want(200)

	owner.Do("POST", "/api/v1/users/"+staffID+"/reset-2fa", nil).Want(204)
	staff.Do("GET", "/api/v1/me", nil).Want(401)
	phone.Do("GET", "/api/v1/me", nil).Want(401)
	owner.Do("GET", "/api/v1/me", nil).Want(200)
	// They sign in again with the password alone, and may enrol anew.
	again := e.Client()
	again.Login("staff@example.com", servertest.UserPassword)
	again.Do("GET", "/api/v1/me", nil).Want(200)
}
