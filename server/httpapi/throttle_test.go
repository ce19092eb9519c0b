package httpapi_test

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// burst sends n sign-ins at once, spread over the servers, and counts the
// answers by status: a 401 is an attempt whose password or code was checked.
func burst(t *testing.T, envs []*servertest.Env, n int, attempt func(i int) api.LoginRequest) map[int]int {
	t.Helper()
	var mu sync.Mutex
	var wg sync.WaitGroup
	statuses := map[int]int{}
	for i := range n {
		wg.Go(func() {
			res := signInAsABrowser(t, envs[i%len(envs)].Client(), attempt(i))
			mu.Lock()
			statuses[res.Status]++
			mu.Unlock()
		})
	}
	wg.Wait()
	for status, k := range statuses {
		if status != 401 && status != 429 {
			t.Errorf("%d answers %d", k, status)
		}
	}
	t.Logf("%d concurrent attempts: %d checked, %d refused as too many", n, statuses[401], statuses[429])
	return statuses
}

// signInAsABrowser tries a sign-in, and again while the server answers
// that it is too busy hashing (503 with Retry-After): the attempts a burst
// makes all reach the throttles, a few at a time.
func signInAsABrowser(t *testing.T, c *servertest.Client, in api.LoginRequest) *servertest.Response {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		res := c.Do("POST", "/api/v1/auth/login", in)
		if res.Status != 503 || res.Header.Get("Retry-After") == "" || time.Now().After(deadline) {
			return res
		}
	}
}

// servers are n servers on one store, as n processes would be.
func servers(t *testing.T, n int, configure func(*server.Config)) []*servertest.Env {
	a := servertest.Start(t, func(c *server.Config) { c.TOTPKey = sharedTOTPKey; configure(c) })
	envs := []*servertest.Env{a}
	for range n - 1 {
		envs = append(envs, servertest.Start(t, func(c *server.Config) {
			c.Store.URI = a.Server.Store.Embedded().OutsideURI()
			c.TOTPKey = sharedTOTPKey
			configure(c)
		}))
		envs[len(envs)-1].Email = a.Email
	}
	return envs
}

const sharedTOTPKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="

// Concurrent guesses claim their slot before any password or code is
// checked: of 50 at once, no more than the limit are ever checked, on one
// server or two sharing the store.
func TestConcurrentGuessesStayWithinTheLimits(t *testing.T) {
	for _, n := range []int{1, 2} {
		t.Run(fmt.Sprintf("one email, %d servers", n), func(t *testing.T) {
			envs := servers(t, n, func(*server.Config) {})
			got := burst(t, envs, 50, func(int) api.LoginRequest {
				return api.LoginRequest{Email: envs[0].Email, Password: "wrong-password"}
			})
			if got[401] > 5 {
				t.Errorf("%d wrong passwords were checked; the limit is 5", got[401])
			}
		})
		t.Run(fmt.Sprintf("one IP, %d servers", n), func(t *testing.T) {
			envs := servers(t, n, func(*server.Config) {})
			got := burst(t, envs, 50, func(i int) api.LoginRequest {
				return api.LoginRequest{Email: "guess" + strconv.Itoa(i) + "@example.com", Password: "wrong-password"}
			})
			if got[401] > 20 {
				t.Errorf("%d guesses from one IP were checked; the limit is 20", got[401])
			}
		})
	}
	t.Run("codes", func(t *testing.T) {
		clock := newClock()
		envs := servers(t, 2, func(c *server.Config) { c.Auth.Now = clock.Now })
		secret, _ := enrol(t, envs[0].SignedIn(), clock)
		right, _ := totp.GenerateCode(secret, clock.Now())
		n, _ := strconv.Atoi(right)
		wrong := fmt.Sprintf("%06d", (n+1)%1000000)
		got := burst(t, envs, 50, func(int) api.LoginRequest {
			return api.LoginRequest{Email: envs[0].Email, Password: envs[0].Password, Code: wrong}
		})
		if got[401] > 5 {
			t.Errorf("%d wrong codes were checked; the limit is 5", got[401])
		}
	})
}

// The routes that check a secret count only failures, and forgot counts
// the mails asked for one email from one client: legitimate use is never
// refused below the limits. Turning 2FA off takes a code too, and is
// throttled like a sign-in.
func TestSecretRoutesCountFailures(t *testing.T) {
	t.Run("forgot", func(t *testing.T) {
		e := servertest.Start(t)
		c := e.Client()
		// A clinic behind one address: everyone forgets at once.
		for i := range 30 {
			c.Do("POST", "/api/v1/auth/password/forgot", api.ForgotPassword{Email: "person" + strconv.Itoa(i) + "@example.com"}).Want(202)
		}
		for range 5 {
			c.Do("POST", "/api/v1/auth/password/forgot", api.ForgotPassword{Email: e.Email}).Want(202)
		}
		res := c.Do("POST", "/api/v1/auth/password/forgot", api.ForgotPassword{Email: e.Email}).Want(429)
		wantRetryAfter(t, res)
	})
	t.Run("own password", func(t *testing.T) {
		e := servertest.Start(t)
		c := e.SignedIn()
		pw := e.Password
		for i := range 21 {
			next := "a-new-long-password-" + strconv.Itoa(i)
			c.Do("POST", "/api/v1/me/password", api.ChangePassword{CurrentPassword: pw, NewPassword: next}).Want(204)
			pw = next
		}
		for range 20 {
			c.Do("POST", "/api/v1/me/password", api.ChangePassword{CurrentPassword: "wrong-password", NewPassword: "another-long-password"}).Want(400)
		}
		res := c.Do("POST", "/api/v1/me/password", api.ChangePassword{CurrentPassword: pw, NewPassword: "another-long-password"}).Want(429)
		wantRetryAfter(t, res)
	})
	t.Run("turning 2FA off", func(t *testing.T) {
		clock := newClock()
		e := servertest.Start(t, func(c *server.Config) { c.Auth.Now = clock.Now })
		c := e.SignedIn()
		_, recovery := enrol(t, c, clock)
		if res := c.Do("DELETE", "/api/v1/me/totp", api.DisableTOTP{Password: e.Password}).Want(400); !strings.Contains(string(res.Body), `"code":`) {
			t.Errorf("no code asked for: %s", res.Body)
		}
		c.Do("DELETE", "/api/v1/me/totp", api.DisableTOTP{Password: e.Password, Code: "000000"}).Want(400)
		for range 3 {
			c.Do("DELETE", "/api/v1/me/totp", api.DisableTOTP{Password: "wrong-password", RecoveryCode: recovery[0]}).Want(400)
		}
		res := c.Do("DELETE", "/api/v1/me/totp", api.DisableTOTP{Password: e.Password, RecoveryCode: recovery[0]}).Want(429)
		wantRetryAfter(t, res)
		var me api.Me
		c.Do("GET", "/api/v1/me", nil).Want(200).JSON(&me)
		if !me.TwoFactor.Enabled {
			t.Error("two-factor sign-in was turned off")
		}
	})
}

func wantRetryAfter(t *testing.T, res *servertest.Response) {
	t.Helper()
	if res.ErrorCode() != "too_many_attempts" {
		t.Errorf("code %q", res.ErrorCode())
	}
	if s, err := strconv.Atoi(res.Header.Get("Retry-After")); err != nil || s <= 0 {
		t.Errorf("Retry-After %q", res.Header.Get("Retry-After"))
	}
}

// from is a new browser whose requests come from ip, a loopback address
// of its own (all of 127.0.0.0/8 is loopback).
func from(e *servertest.Env, ip string) *servertest.Client {
	c := e.Client()
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	c.HTTP.Transport = &http.Transport{DialContext: dialer.DialContext}
	return c
}

// Anyone who knows an email can fail sign-ins with it, from many
// addresses at once: that slows the email down for browsers that never
// signed in with it, and only after many failures, while its owner keeps
// signing in from a browser they signed in from before. An admin sees the
// lockout on the user and clears it.
func TestStrangersCannotLockTheOwnerOut(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	staff, staffID := e.WithRole("staff", "staff@example.com")
	staff.Do("POST", "/api/v1/auth/logout", nil).Want(204)

	var mu sync.Mutex
	var wg sync.WaitGroup
	statuses := map[int]int{}
	for i := range 50 {
		wg.Go(func() {
			res := signInAsABrowser(t, from(e, fmt.Sprintf("127.0.1.%d", i+1)), api.LoginRequest{Email: "staff@example.com", Password: "guess-" + strconv.Itoa(i)})
			mu.Lock()
			statuses[res.Status]++
			mu.Unlock()
		})
	}
	wg.Wait()
	t.Logf("50 guesses from 50 addresses: %d checked, %d refused as too many", statuses[401], statuses[429])
	if statuses[401] > 20 || statuses[401]+statuses[429] != 50 {
		t.Errorf("answers %v; at most 20 guesses checked for one email", statuses)
	}

	// The owner, from the browser they signed in from before, signs in.
	staff.Login("staff@example.com", servertest.UserPassword)
	// A browser that never signed in with the email waits.
	stranger := from(e, "127.0.2.1")
	res := stranger.Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: "staff@example.com", Password: servertest.UserPassword}).Want(429)
	wantRetryAfter(t, res)
	// A device cookie made for another email is no key to this one.
	ownerCookies := owner.HTTP.Jar.Cookies(mustURL(t, e.URL))
	stranger.HTTP.Jar.SetCookies(mustURL(t, e.URL), ownerCookies)
	stranger.Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: "staff@example.com", Password: servertest.UserPassword}).Want(429)

	// The admin sees the lockout, and clears it; that is audited.
	var u api.User
	owner.Do("GET", "/api/v1/users/"+staffID, nil).Want(200).JSON(&u)
	if u.LockedUntil == nil || !u.LockedUntil.After(time.Now()) {
		t.Fatalf("locked_until %v", u.LockedUntil)
	}
	staff.Do("DELETE", "/api/v1/users/"+staffID+"/lockout", nil).Want(403)
	owner.Do("DELETE", "/api/v1/users/"+staffID+"/lockout", nil).Want(204)
	from(e, "127.0.2.2").Login("staff@example.com", servertest.UserPassword)
	var cleared api.User
	owner.Do("GET", "/api/v1/users/"+staffID, nil).Want(200).JSON(&cleared)
	if cleared.LockedUntil != nil {
		t.Errorf("still locked until %v", cleared.LockedUntil)
	}
	var page api.AuditPage
	owner.Do("GET", "/api/v1/audit?limit=1", nil).Want(200).JSON(&page)
	if len(page.Items) == 0 || page.Items[0].Action != "user.clear_lockout" {
		t.Errorf("last audit entry %+v", page.Items)
	}
}

func mustURL(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
