package auth_test

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/rolesconsole/console/internal/testclock"
	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/password"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/rules"
)

// Every failed sign-in says the same, whatever its cause: a wrong
// password, an unknown email, or a member who may not sign in.
func TestLogin(t *testing.T) {
	tn := servertest.NewTenant(t, nil, "staff")
	tn.Add(t, "off@auth.example", "staff", rules.StatusDisabled)
	tn.Add(t, "asked@auth.example", "staff", rules.StatusInvited)
	tn.Add(t, "gone@auth.example", "staff", rules.StatusDeleted)
	ctx := context.Background()
	cases := []struct {
		name, email, password string
		want                  error
	}{
		{"a wrong password", "staff@tenant.example", "not the password", auth.ErrInvalidCredentials},
		{"an unknown email", "nobody@auth.example", servertest.Password, auth.ErrInvalidCredentials},
		{"a disabled member", "off@auth.example", servertest.Password, auth.ErrInvalidCredentials},
		{"an invited member", "asked@auth.example", servertest.Password, auth.ErrInvalidCredentials},
		{"a deleted member", "gone@auth.example", servertest.Password, auth.ErrInvalidCredentials},
		{"the email in another case", " Staff@Tenant.EXAMPLE ", servertest.Password, nil},
		{"the right password", "staff@tenant.example", servertest.Password, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in, err := tn.Auth.Login(ctx, auth.Attempt{Email: c.email, Password: c.password, IP: "192.0.2.1"})
			if !errors.Is(err, c.want) {
				t.Fatalf("Login: %v; want %v", err, c.want)
			}
			if c.want != nil {
				return
			}
			p, err := tn.Auth.Authenticate(ctx, in.Token)
			if err != nil || p.Member.Email != "staff@tenant.example" {
				t.Errorf("the session opened: %+v, %v", p, err)
			}
		})
	}
}

// A session carries the member's epoch: "sign out everywhere else" moves
// it on and keeps only the session named; a login that goes away ends all.
func TestEpochEndsSessions(t *testing.T) {
	tn := servertest.NewTenant(t, nil, "staff")
	ctx := context.Background()
	staff := tn.As["staff"].Session.UserID
	signIn := func() string {
		t.Helper()
		in, err := tn.Auth.Login(ctx, auth.Attempt{Email: "staff@tenant.example", Password: servertest.Password})
		if err != nil {
			t.Fatal(err)
		}
		return in.Token
	}
	cases := []struct {
		name string
		// end ends sessions, given the one to keep, if it may.
		end       func(keep *auth.Principal)
		keptLives bool
	}{
		{"sign out everywhere else", func(keep *auth.Principal) {
			if err := tn.Auth.EndUserSessions(ctx, tn.ID, staff, keep.Session.ID); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"the epoch moved on by another server", func(*auth.Principal) {
			tn.Change(t, func(a *tenant.Account) { m := a.Members[staff]; m.SessionEpoch++; a.Members[staff] = m })
		}, false},
		{"the login disabled", func(*auth.Principal) {
			tn.Change(t, func(a *tenant.Account) { m := a.Members[staff]; m.Status = rules.StatusDisabled; a.Members[staff] = m })
		}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tn.Change(t, func(a *tenant.Account) { m := a.Members[staff]; m.Status = rules.StatusActive; a.Members[staff] = m })
			kept, other := signIn(), signIn()
			keep, err := tn.Auth.Authenticate(ctx, kept)
			if err != nil {
				t.Fatal(err)
			}
			c.end(keep)
			if _, err := tn.Auth.Authenticate(ctx, other); !errors.Is(err, auth.ErrUnauthenticated) {
				t.Errorf("the other session: %v", err)
			}
			if _, err := tn.Auth.Authenticate(ctx, kept); (err == nil) != c.keptLives {
				t.Errorf("the kept session: %v; want alive %v", err, c.keptLives)
			}
		})
	}
}

// Failures from one client slow that client down on that email, and no
// one else; many failures from anywhere lock the email for unknown
// clients until an admin clears it. A sign-in forgets its client's.
func TestLockout(t *testing.T) {
	clk := testclock.New(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	tn := servertest.NewTenantWith(t, auth.Config{EmailFailures: 3, UserFailures: 6, LockoutWait: time.Minute, LockoutMaxWait: 4 * time.Minute, Now: clk.Now}, nil, "staff")
	ctx := context.Background()
	const email = "staff@tenant.example"
	try := func(ip, pw string) error {
		_, err := tn.Auth.Login(ctx, auth.Attempt{Email: email, Password: pw, IP: ip})
		return err
	}
	var throttled *auth.Throttled
	steps := []struct {
		name, ip, password string
		advance            time.Duration
		throttled          bool
		want               error
	}{
		{"first failure", "192.0.2.1", "wrong", 0, false, auth.ErrInvalidCredentials},
		{"second failure", "192.0.2.1", "wrong", 0, false, auth.ErrInvalidCredentials},
		{"third failure", "192.0.2.1", "wrong", 0, false, auth.ErrInvalidCredentials},
		{"the right password, too soon", "192.0.2.1", servertest.Password, 0, true, nil},
		{"another client is not slowed", "198.51.100.7", servertest.Password, 0, false, nil},
		{"the right password, after the wait", "192.0.2.1", servertest.Password, time.Minute, false, nil},
		{"its failures were forgotten", "192.0.2.1", "wrong", 0, false, auth.ErrInvalidCredentials},
	}
	for _, s := range steps {
		clk.Advance(s.advance)
		err := try(s.ip, s.password)
		switch {
		case s.throttled:
			if !errors.As(err, &throttled) || throttled.RetryAfter <= 0 {
				t.Errorf("%s: %v; want to wait", s.name, err)
			}
		case !errors.Is(err, s.want):
			t.Errorf("%s: %v; want %v", s.name, err, s.want)
		}
	}
	if until, err := tn.Auth.LockedUntil(ctx, email); err != nil || until != nil {
		t.Fatalf("locked until %v (%v) after 4 failures", until, err)
	}
	for i := range 5 {
		clk.Advance(5 * time.Minute)
		if err := try("203.0.113."+strconv.Itoa(i+1), "wrong"); !errors.Is(err, auth.ErrInvalidCredentials) {
			t.Fatalf("failure %d: %v", i, err)
		}
	}
	if until, err := tn.Auth.LockedUntil(ctx, email); err != nil || until == nil {
		t.Fatalf("not locked after 9 failures from 6 clients: %v", err)
	}
	if err := try("203.0.113.99", servertest.Password); !errors.As(err, &throttled) {
		t.Errorf("a new client while the email is locked: %v", err)
	}
	if err := tn.Auth.ClearLockout(ctx, email); err != nil {
		t.Fatal(err)
	}
	if err := try("203.0.113.99", servertest.Password); err != nil {
		t.Errorf("after the lockout was cleared: %v", err)
	}
}

// A burst of 50 guesses from one client at once gets as many password
// checks as the rule lets through, no more: each claims its slot before
// its password is checked, and a slot is an insert only one wins. A guess
// the server is too busy to hash is no attempt; it is made again.
func TestLockoutUnderABurst(t *testing.T) {
	clk := testclock.New(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	tn := servertest.NewTenantWith(t, auth.Config{EmailFailures: 3, LockoutWait: time.Minute, Now: clk.Now}, nil, "staff")
	const n = 50
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			for {
				_, errs[i] = tn.Auth.Login(context.Background(), auth.Attempt{Email: "staff@tenant.example", Password: "guess " + strconv.Itoa(i), IP: "192.0.2.1"})
				if !errors.Is(errs[i], password.ErrBusy) {
					return
				}
				time.Sleep(time.Millisecond) // a turn at hashing frees soon
			}
		})
	}
	wg.Wait()
	checked, slowed := 0, 0
	for i, err := range errs {
		var throttled *auth.Throttled
		switch {
		case errors.Is(err, auth.ErrInvalidCredentials):
			checked++
		case errors.As(err, &throttled):
			slowed++
		default:
			t.Errorf("guess %d: %v", i, err)
		}
	}
	if checked != 3 || slowed != n-3 {
		t.Errorf("%d guesses checked, %d slowed down; want 3 and %d", checked, slowed, n-3)
	}
}
