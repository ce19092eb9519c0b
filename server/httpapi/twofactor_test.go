package httpapi_test

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/rolesconsole/console/internal/testclock"
	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// enrol turns 2FA on for the client's user and returns the secret and the
// recovery codes.
func enrol(t *testing.T, c *servertest.Client, clock *testclock.Clock) (string, []string) {
	t.Helper()
	var en api.TOTPEnrollment
	c.Do("POST", "/api/v1/me/totp/enroll", nil).Want(200).JSON(&en)
	u, err := url.Parse(en.OTPAuthURL)
	if err != nil || u.Scheme != "otpauth" || u.Query().Get("secret") != en.Secret {
		t.Fatalf("otpauth URL %q", en.OTPAuthURL)
	}
	if png, err := base64.StdEncoding.DecodeString(en.QRPNG); err != nil || !strings.HasPrefix(string(png), "\x89PNG") {
		t.Fatalf("the QR code is not a PNG: %v", err)
	}
	code, _ := totp.GenerateCode(en.Secret, clock.Now())
	var rc api.RecoveryCodes
	c.Do("POST", "/api/v1/me/totp/confirm", api.TOTPCode{Code: code}).Want(200).JSON(&rc)
	if len(rc.RecoveryCodes) != 10 {
		t.Fatalf("%d recovery codes", len(rc.RecoveryCodes))
	}
	return en.Secret, rc.RecoveryCodes
}

func login2FA(c *servertest.Client, email, pw, code, recovery string) *servertest.Response {
	return c.Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: email, Password: pw, Code: code, RecoveryCode: recovery})
}

func TestTwoFactorSignIn(t *testing.T) {
	clock := newClock()
	e := servertest.Start(t, func(c *server.Config) { c.Auth.Now = clock.Now })
	owner := e.SignedIn()
	elsewhere := e.SignedIn()
	secret, recovery := enrol(t, owner, clock)
	// Turning 2FA on ends the user's other sessions, not this one.
	elsewhere.Do("GET", "/api/v1/me", nil).Want(401)
	owner.Do("GET", "/api/v1/me", nil).Want(200)

	// The secret is sealed at rest, recovery codes are hashed: on the
	// person, whose second factor it is.
	doc := e.DB().Collection("people")
	var stored struct {
		Secret   string   `bson:"totp_secret"`
		Recovery []string `bson:"recovery_hashes"`
	}
	if err := doc.FindOne(t.Context(), map[string]string{"_id": e.Email}).Decode(&stored); err != nil {
		t.Fatal(err)
	}
	if stored.Secret == "" || strings.Contains(stored.Secret, secret) || len(stored.Recovery) != 10 || stored.Recovery[0] == recovery[0] {
		t.Fatalf("stored 2FA state reveals secrets: %+v", stored)
	}

	clock.Advance(time.Minute)
	if res := login2FA(e.Client(), e.Email, e.Password, "", "").Want(401); res.ErrorCode() != "totp_required" {
		t.Fatalf("without a code: %s", res.Body)
	}
	code, _ := totp.GenerateCode(secret, clock.Now())
	login2FA(e.Client(), e.Email, e.Password, code, "").Want(200)
	// The same code again, still within its window: refused.
	if res := login2FA(e.Client(), e.Email, e.Password, code, "").Want(401); res.ErrorCode() != "totp_required" {
		t.Errorf("replayed code: %s", res.Body)
	}
	// A wrong password with a right code tells nothing about the code.
	clock.Advance(time.Minute)
	code, _ = totp.GenerateCode(secret, clock.Now())
	login2FA(e.Client(), e.Email, "wrong-password", code, "").Want(401)
	// One step of skew either way is accepted.
	clock.Advance(time.Minute)
	late, _ := totp.GenerateCode(secret, clock.Now().Add(-30*time.Second))
	login2FA(e.Client(), e.Email, e.Password, late, "").Want(200)
	clock.Advance(time.Minute)
	stale, _ := totp.GenerateCode(secret, clock.Now().Add(-90*time.Second))
	login2FA(e.Client(), e.Email, e.Password, stale, "").Want(401)
	// A recovery code works once, written with or without dashes or case.
	login2FA(e.Client(), e.Email, e.Password, "", strings.ToUpper(recovery[0])).Want(200)
	login2FA(e.Client(), e.Email, e.Password, "", recovery[0]).Want(401)
	login2FA(e.Client(), e.Email, e.Password, "", strings.ReplaceAll(recovery[1], "-", "")).Want(200)
	// /me says 2FA is on.
	var me api.Me
	owner.Do("GET", "/api/v1/me", nil).Want(200).JSON(&me)
	if !me.User.TOTPEnabled || !me.TwoFactor.Enabled {
		t.Errorf("me %+v", me.TwoFactor)
	}
	// Turning it off takes the password and a code.
	owner.Do("DELETE", "/api/v1/me/totp", api.DisableTOTP{Password: "wrong-password", RecoveryCode: recovery[2]}).Want(400)
	owner.Do("DELETE", "/api/v1/me/totp", api.DisableTOTP{Password: e.Password}).Want(400)
	owner.Do("DELETE", "/api/v1/me/totp", api.DisableTOTP{Password: e.Password, RecoveryCode: recovery[2]}).Want(204)
	e.Client().Login(e.Email, e.Password)
}

func TestBadCodesAreThrottled(t *testing.T) {
	clock := newClock()
	e := servertest.Start(t, func(c *server.Config) { c.Auth.Now = clock.Now })
	secret, _ := enrol(t, e.SignedIn(), clock)
	for i := 0; i < 5; i++ {
		login2FA(e.Client(), e.Email, e.Password, "000000", "").Want(401)
	}
	clock.Advance(time.Minute)
	code, _ := totp.GenerateCode(secret, clock.Now())
	login2FA(e.Client(), e.Email, e.Password, code, "").Want(429)
}

func TestPolicyForcesEnrolment(t *testing.T) {
	clock := newClock()
	e := servertest.Start(t, func(c *server.Config) { c.Auth.Now = clock.Now })
	owner := e.SignedIn()
	staff, staffID := e.WithRole("staff", "staff@example.com")
	policy := func(required string, grace int) map[string]any {
		return map[string]any{"policy": map[string]any{"two_factor": map[string]any{"required": required, "grace_days": grace}, "overrides": true}}
	}
	// Nobody requires 2FA of others before enrolling themselves.
	if res := owner.Do("PATCH", "/api/v1/account", policy("all", 0)).Want(409); res.ErrorCode() != "invalid_state" {
		t.Fatalf("requiring without enrolling: %s", res.Body)
	}
	ownerSecret, _ := enrol(t, owner, clock)
	owner.Do("PATCH", "/api/v1/account", policy("all", 3)).Want(200)
	// Within the grace period: reminded, not held.
	var me api.Me
	staff.Do("GET", "/api/v1/me", nil).Want(200).JSON(&me)
	if !me.TwoFactor.Required || me.TwoFactor.MustEnroll || me.TwoFactor.EnrollBy == nil {
		t.Fatalf("in the grace period: %+v", me.TwoFactor)
	}
	staff.Do("GET", "/api/v1/users", nil).Want(200)
	// After it: only enrolment.
	clock.Advance(4 * 24 * time.Hour)
	staff = e.Client()
	staff.Login("staff@example.com", servertest.UserPassword)
	staff.Do("GET", "/api/v1/me", nil).Want(200).JSON(&me)
	if !me.TwoFactor.MustEnroll {
		t.Fatalf("after the grace period: %+v", me.TwoFactor)
	}
	if res := staff.Do("GET", "/api/v1/users", nil).Want(403); res.ErrorCode() != "totp_enrollment_required" {
		t.Fatalf("held at enrolment: %s", res.Body)
	}
	_, staffRecovery := enrol(t, staff, clock)
	staff.Do("GET", "/api/v1/users", nil).Want(200)
	// Turning it off is refused where the policy requires it.
	staff.Do("DELETE", "/api/v1/me/totp", api.DisableTOTP{Password: servertest.UserPassword, RecoveryCode: staffRecovery[0]}).Want(409)
	// An admin resets it (lost phone); audited; not one's own this way.
	clock.Advance(time.Minute)
	code, _ := totp.GenerateCode(ownerSecret, clock.Now())
	var signedIn api.LoginResponse
	owner = e.Client()
	login2FA(owner, e.Email, e.Password, code, "").Want(200).JSON(&signedIn)
	owner.CSRF = signedIn.CSRFToken
	owner.Do("POST", "/api/v1/users/"+staffID+"/reset-2fa", nil).Want(204)
	owner.Do("POST", "/api/v1/users/"+staffID+"/reset-2fa", nil).Want(409)
	var ownMe api.Me
	owner.Do("GET", "/api/v1/me", nil).Want(200).JSON(&ownMe)
	if res := owner.Do("POST", "/api/v1/users/"+ownMe.User.ID+"/reset-2fa", nil).Want(409); res.ErrorCode() != "self_restriction" {
		t.Errorf("own reset: %s", res.Body)
	}
	if items := auditPage(t, owner, "").Items; items[0].Action != "user.reset_2fa" {
		t.Errorf("latest audit entry %+v", items[0])
	}
}

func TestSessionsSeenAndEnded(t *testing.T) {
	e := servertest.Start(t)
	a := e.SignedIn()
	b := e.SignedIn()
	var list api.SessionList
	a.Do("GET", "/api/v1/me/sessions", nil, "User-Agent", "Mozilla/5.0 (iPad; CPU OS 17_0) Safari/605").Want(200).JSON(&list)
	if len(list.Items) != 2 {
		t.Fatalf("%d sessions", len(list.Items))
	}
	var other api.Session
	for _, s := range list.Items {
		if !s.Current {
			other = s
		}
	}
	if other.ID == "" || other.IP != "127.0.0.1" || other.Device == "" {
		t.Fatalf("sessions %+v", list.Items)
	}
	a.Do("DELETE", "/api/v1/me/sessions/"+other.ID, nil).Want(204)
	b.Do("GET", "/api/v1/me", nil).Want(401)
	a.Do("DELETE", "/api/v1/me/sessions/nope", nil).Want(404)
	// An admin signs a user out everywhere.
	staff, id := e.WithRole("staff", "staff@example.com")
	a.Do("DELETE", "/api/v1/users/"+id+"/sessions", nil).Want(204)
	staff.Do("GET", "/api/v1/me", nil).Want(401)
}

func TestSecurityHeaders(t *testing.T) {
	e := servertest.Start(t)
	for _, path := range []string{"/", "/api/v1/me"} {
		res := e.Client().Do("GET", path, nil)
		csp := res.Header.Get("Content-Security-Policy")
		for _, want := range []string{"'wasm-unsafe-eval'", "frame-ancestors 'none'", "script-src 'self' 'wasm-unsafe-eval';"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %s", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP allows inline code", path)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: headers %v", path, res.Header)
		}
		if res.Header.Get("Strict-Transport-Security") != "" {
			t.Errorf("%s: HSTS over plain HTTP", path)
		}
	}
}

func TestRateLimitedRoutes(t *testing.T) {
	e := servertest.Start(t)
	c := e.Client()
	for i := 0; i < 5; i++ {
		c.Do("POST", "/api/v1/auth/password/forgot", api.ForgotPassword{Email: "x@example.com"}).Want(202)
	}
	c.Do("POST", "/api/v1/auth/password/forgot", api.ForgotPassword{Email: "x@example.com"}).Want(429)
	for i := 0; i < 20; i++ {
		c.Do("POST", "/api/v1/auth/invites/accept", api.AcceptInvite{Token: "guess", Name: "X", Password: "long-enough-1"}).Want(400)
	}
	c.Do("POST", "/api/v1/auth/invites/accept", api.AcceptInvite{Token: "guess", Name: "X", Password: "long-enough-1"}).Want(429)
}

func TestChangeOwnPassword(t *testing.T) {
	e := servertest.Start(t)
	a, b := e.SignedIn(), e.SignedIn()
	a.Do("POST", "/api/v1/me/password", api.ChangePassword{CurrentPassword: "wrong-password", NewPassword: "brand-new-password-1"}).Want(400)
	a.Do("POST", "/api/v1/me/password", api.ChangePassword{CurrentPassword: e.Password, NewPassword: "password1"}).Want(400)
	a.Do("POST", "/api/v1/me/password", api.ChangePassword{CurrentPassword: e.Password, NewPassword: "brand-new-password-1"}).Want(204)
	a.Do("GET", "/api/v1/me", nil).Want(200)
	b.Do("GET", "/api/v1/me", nil).Want(401)
	e.Client().Login(e.Email, "brand-new-password-1")
}
