package totp_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp"
	otptotp "github.com/pquerna/otp/totp"

	"github.com/rolesconsole/console/internal/testclock"
	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/seal"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/server/totp"
	"github.com/rolesconsole/console/shared/api"
)

// setUp is a tenant whose sign-ins ask for a second factor, and the
// service of it, on the test's clock.
func setUp(t *testing.T, roleIDs ...string) (*servertest.Tenant, *totp.Service, *testclock.Clock) {
	t.Helper()
	clk := testclock.New(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	tn := servertest.NewTenantWith(t, auth.Config{Now: clk.Now}, nil, roleIDs...)
	box, err := seal.New(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	svc := totp.New(tn.Store, tn.Auth, box, clk.Now)
	tn.Auth.UseSecondFactor(svc)
	return tn, svc, clk
}

// code is the authenticator app's code for the secret at now.
func code(t *testing.T, secret string, now time.Time) string {
	t.Helper()
	c, err := otptotp.GenerateCodeCustom(secret, now, otptotp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Two-factor sign-in from enrolment to its end: a code confirms it once,
// each code and each recovery code signs in once, and turning it off
// takes the password and a second factor.
func TestTwoFactor(t *testing.T) {
	tn, svc, clk := setUp(t, "staff")
	ctx := context.Background()
	const email = "staff@tenant.example"
	login := func(code, recovery string) error {
		_, err := tn.Auth.Login(ctx, auth.Attempt{Email: email, Password: servertest.Password, Code: code, RecoveryCode: recovery, IP: "192.0.2.1"})
		return err
	}
	var secret string
	var recovery []string
	var confirmed string
	steps := []struct {
		name string
		do   func() error
		code string // the refusal's code
		want error  // or the sign-in's error
	}{
		{"confirmed before enrolling", func() error { _, err := svc.Confirm(ctx, tn.Fresh(t, "staff"), "123456"); return err }, api.CodeInvalidState, nil},
		{"enrolled", func() error {
			e, err := svc.Enroll(ctx, tn.Fresh(t, "staff"))
			secret = e.Secret
			if err == nil && (e.URL == "" || len(e.QRPNG) == 0) {
				t.Errorf("enrolment without a URL or QR code: %+v", e)
			}
			return err
		}, "", nil},
		{"a code of another time", func() error {
			_, err := svc.Confirm(ctx, tn.Fresh(t, "staff"), code(t, secret, clk.Now().Add(time.Hour)))
			return err
		}, api.CodeInvalidInput, nil},
		{"the current code confirms", func() error {
			confirmed = code(t, secret, clk.Now())
			var err error
			recovery, err = svc.Confirm(ctx, tn.Fresh(t, "staff"), confirmed)
			if err == nil && len(recovery) != 10 {
				t.Errorf("%d recovery codes", len(recovery))
			}
			return err
		}, "", nil},
		{"enrolled again while on", func() error { _, err := svc.Enroll(ctx, tn.Fresh(t, "staff")); return err }, api.CodeInvalidState, nil},
		{"the password alone", func() error { return login("", "") }, "", auth.ErrTOTPRequired},
		{"the confirming code again", func() error { return login(confirmed, "") }, "", auth.ErrSecondFactor},
		{"the next step's code", func() error { clk.Advance(30 * time.Second); return login(code(t, secret, clk.Now()), "") }, "", nil},
		{"a recovery code", func() error { return login("", recovery[0]) }, "", nil},
		{"the recovery code again", func() error { return login("", recovery[0]) }, "", auth.ErrSecondFactor},
		{"turned off with a wrong password", func() error {
			return svc.Disable(ctx, tn.Fresh(t, "staff"), api.DisableTOTP{Password: "wrong", RecoveryCode: recovery[1]})
		}, api.CodeInvalidInput, nil},
		{"turned off without a code", func() error {
			return svc.Disable(ctx, tn.Fresh(t, "staff"), api.DisableTOTP{Password: servertest.Password})
		}, api.CodeInvalidInput, nil},
		{"turned off with a spent recovery code", func() error {
			return svc.Disable(ctx, tn.Fresh(t, "staff"), api.DisableTOTP{Password: servertest.Password, RecoveryCode: recovery[0]})
		}, api.CodeInvalidInput, nil},
		{"turned off while the policy requires it", func() error {
			tn.Change(t, func(a *tenant.Account) { a.Policy.TwoFactor.Required = "all" })
			defer tn.Change(t, func(a *tenant.Account) { a.Policy.TwoFactor.Required = "none" })
			return svc.Disable(ctx, tn.Fresh(t, "staff"), api.DisableTOTP{Password: servertest.Password, RecoveryCode: recovery[1]})
		}, api.CodeInvalidState, nil},
		{"turned off with the recovery code the refusal left unused", func() error {
			return svc.Disable(ctx, tn.Fresh(t, "staff"), api.DisableTOTP{Password: servertest.Password, RecoveryCode: recovery[1]})
		}, "", nil},
		{"the password alone, once off", func() error { return login("", "") }, "", nil},
		{"turned off again", func() error {
			return svc.Disable(ctx, tn.Fresh(t, "staff"), api.DisableTOTP{Password: servertest.Password, RecoveryCode: recovery[3]})
		}, api.CodeInvalidState, nil},
	}
	for _, s := range steps {
		err := s.do()
		if s.want != nil {
			if !errors.Is(err, s.want) {
				t.Fatalf("%s: %v; want %v", s.name, err, s.want)
			}
			continue
		}
		if got := servertest.CodeOf(t, err); got != s.code {
			t.Fatalf("%s: code %q (%v); want %q", s.name, got, err, s.code)
		}
	}
	if tn.Account(t).Members[tn.As["staff"].Session.UserID].TOTP {
		t.Error("the member still shows two-factor sign-in on")
	}
}

// An admin resets another user's second factor, under the takeover rule,
// and that user's sessions end: whoever holds one may hold the device.
func TestReset(t *testing.T) {
	tn, svc, clk := setUp(t, "admin", "staff")
	ctx := context.Background()
	e, err := svc.Enroll(ctx, tn.Fresh(t, "staff"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Confirm(ctx, tn.Fresh(t, "staff"), code(t, e.Secret, clk.Now())); err != nil {
		t.Fatal(err)
	}
	owner, admin, staff := tn.As["super_admin"].Session.UserID, tn.As["admin"].Session.UserID, tn.As["staff"].Session.UserID
	cases := []struct {
		name, who, id, code string
	}{
		{"staff resets an admin", "staff", admin, api.CodeForbidden},
		{"an admin resets the super admin", "admin", owner, api.CodeEscalation},
		{"no such user", "admin", "u-nobody", api.CodeNotFound},
		{"an admin resets staff", "admin", staff, ""},
		{"reset again", "admin", staff, api.CodeInvalidState},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := servertest.CodeOf(t, svc.Reset(ctx, tn.Fresh(t, c.who), c.id)); got != c.code {
				t.Fatalf("code %q; want %q", got, c.code)
			}
		})
	}
	if _, err := tn.Auth.Authenticate(ctx, tn.Tokens["staff"]); !errors.Is(err, auth.ErrUnauthenticated) {
		t.Errorf("staff's session outlived the reset: %v", err)
	}
	if _, err := tn.Auth.Login(ctx, auth.Attempt{Email: "staff@tenant.example", Password: servertest.Password}); err != nil {
		t.Errorf("the password alone after the reset: %v", err)
	}
}

// A code, or a recovery code, offered by 50 sign-ins at once signs in one
// of them: the step or the code is claimed by an insert only one wins.
func TestSecondFactorOnceUnderABurst(t *testing.T) {
	tn, svc, clk := setUp(t, "staff")
	ctx := context.Background()
	e, err := svc.Enroll(ctx, tn.Fresh(t, "staff"))
	if err != nil {
		t.Fatal(err)
	}
	recovery, err := svc.Confirm(ctx, tn.Fresh(t, "staff"), code(t, e.Secret, clk.Now()))
	if err != nil {
		t.Fatal(err)
	}
	clk.Advance(30 * time.Second)
	u, err := tn.Store.Users.Get(ctx, tn.ID, tn.As["staff"].Session.UserID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, code, recovery string }{
		{"a code", code(t, e.Secret, clk.Now()), ""},
		{"a recovery code", "", recovery[0]},
	} {
		const n = 50
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { errs[i] = svc.Verify(ctx, u, c.code, c.recovery) })
		}
		wg.Wait()
		passed := 0
		for i, err := range errs {
			switch {
			case err == nil:
				passed++
			case !errors.Is(err, totp.ErrWrongCode):
				t.Errorf("%s, attempt %d: %v", c.name, i, err)
			}
		}
		if passed != 1 {
			t.Errorf("%s signed in %d of %d times at once", c.name, passed, n)
		}
	}
}
