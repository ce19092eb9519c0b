package httpapi_test

import (
	"encoding/json"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/mailtest"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// refusal reads an error answer's status and body, without what differs
// between requests.
func refusal(t *testing.T, res *servertest.Response) (int, api.ErrorBody) {
	t.Helper()
	var e api.Error
	if err := json.Unmarshal(res.Body, &e); err != nil {
		t.Fatalf("decoding %s: %v", res.Body, err)
	}
	return res.Status, e.Error
}

// The invitation page reads what a link is for before the person chooses a
// password: the clinic, the email, the role and the name the admin typed.
// Reading it leaves the link working; a link that does not work (used,
// revoked, expired, never made) is refused in one way, the way accepting
// refuses it.
func TestInvitationCheck(t *testing.T) {
	smtpd := mailtest.Start(t)
	clock := newClock()
	e := servertest.Start(t, func(c *server.Config) {
		c.SMTPURL = smtpd.URL()
		c.Users.Now, c.Auth.Now = clock.Now, clock.Now
	})
	owner := e.SignedIn()
	invite := func(name, email string) (api.User, string) {
		u := createUser(t, owner, name, email, "staff", "")
		_, token := smtpd.Await(t, email).Link()
		return u, token
	}
	check := func(token string) *servertest.Response {
		return e.Client().Do("POST", "/api/v1/auth/invites/check", api.CheckInvite{Token: token})
	}

	_, token := invite("Ines Ito", "ines@example.com")
	want := api.Invitation{Account: "Demo Clinic", Email: "ines@example.com", Role: "Staff", Name: "Ines Ito"}
	for range 2 { // reading twice spends nothing
		var got api.Invitation
		check(token).Want(200).JSON(&got)
		if got != want {
			t.Fatalf("invitation %+v, want %+v", got, want)
		}
	}
	var in api.LoginResponse
	e.Client().Do("POST", "/api/v1/auth/invites/accept", api.AcceptInvite{Token: token, Name: "Ines Ito", Password: "ines-password-1"}).Want(200).JSON(&in)
	if in.User.Status != "active" {
		t.Fatalf("accepted after a check: %+v", in)
	}

	bogusStatus, bogus := refusal(t, check("not-a-token-anyone-made"))
	if bogusStatus != 400 || bogus.Code != api.CodeInvalidInput || bogus.Fields["token"] == "" {
		t.Fatalf("a bogus link: %d %+v", bogusStatus, bogus)
	}
	acceptStatus, accept := refusal(t, e.Client().Do("POST", "/api/v1/auth/invites/accept", api.AcceptInvite{Token: token, Name: "X", Password: "another-password-1"}))
	if acceptStatus != bogusStatus || !reflect.DeepEqual(accept, bogus) {
		t.Errorf("accepting a used link: %d %+v; checking a bogus one: %d %+v", acceptStatus, accept, bogusStatus, bogus)
	}

	revoked, revokedToken := invite("Rita Roe", "rita@example.com")
	owner.Do("POST", "/api/v1/users/"+revoked.ID+"/revoke", nil).Want(200)
	_, lateToken := invite("Lea Late", "lea@example.com")
	clock.Advance(8 * 24 * time.Hour)
	for _, c := range []struct{ name, token string }{
		{"used", token},
		{"revoked", revokedToken},
		{"expired", lateToken},
		{"empty", ""},
	} {
		if status, body := refusal(t, check(c.token)); status != bogusStatus || !reflect.DeepEqual(body, bogus) {
			t.Errorf("%s link: %d %+v, want what a bogus one answers: %d %+v", c.name, status, body, bogusStatus, bogus)
		}
	}
}

// Checking links is throttled like accepting them, on the same count per
// address: working links cost nothing, and after 20 failures the next
// check, and the next accept, wait, saying for how long.
func TestInvitationCheckIsRateLimited(t *testing.T) {
	smtpd := mailtest.Start(t)
	e := servertest.Start(t, func(c *server.Config) { c.SMTPURL = smtpd.URL() })
	createUser(t, e.SignedIn(), "Ines Ito", "ines@example.com", "staff", "")
	_, token := smtpd.Await(t, "ines@example.com").Link()
	c := e.Client()
	for range 25 {
		c.Do("POST", "/api/v1/auth/invites/check", api.CheckInvite{Token: token}).Want(200)
	}
	for range 20 {
		c.Do("POST", "/api/v1/auth/invites/check", api.CheckInvite{Token: "guess"}).Want(400)
	}
	for _, res := range []*servertest.Response{
		c.Do("POST", "/api/v1/auth/invites/check", api.CheckInvite{Token: token}),
		c.Do("POST", "/api/v1/auth/invites/accept", api.AcceptInvite{Token: token, Name: "Ines Ito", Password: "ines-password-1"}),
	} {
		res.Want(429)
		if s, err := strconv.Atoi(res.Header.Get("Retry-After")); err != nil || s <= 0 {
			t.Errorf("Retry-After %q", res.Header.Get("Retry-After"))
		}
		if res.ErrorCode() != api.CodeTooManyAttempts {
			t.Errorf("refused with %s", res.Body)
		}
	}
}
