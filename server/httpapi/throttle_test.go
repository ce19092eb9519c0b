package httpapi_test

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

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
			res := envs[i%len(envs)].Client().Do("POST", "/api/v1/auth/login", attempt(i))
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

// servers are n servers on one store, as n processes would be.
func servers(t *testing.T, n int, configure func(*server.Config)) []*servertest.Env {
	a := servertest.Start(t, func(c *server.Config) { c.TOTPKey = sharedTOTPKey; configure(c) })
	envs := []*servertest.Env{a}
	for range n - 1 {
		envs = append(envs, servertest.Start(t, func(c *server.Config) {
			c.Store.URI = "mongodb://" + a.Server.Store.Embedded().Addr() + "/"
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
