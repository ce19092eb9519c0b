package httpapi_test

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
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

// The outbox says which user an invitation is for and its link, so that the
// Users page copies it from their row: the newest invitation's link works,
// the one it replaced does not, and other emails carry none.
func TestOutboxTiesInvitationsToTheirUser(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	u := createUser(t, owner, "Ines Ito", "ines@example.com", "staff", "")
	newest := func() api.MailMessage {
		t.Helper()
		var box api.MailList
		owner.Do("GET", "/api/v1/mail", nil).Want(200).JSON(&box)
		for _, m := range box.Items {
			if m.InviteFor == u.ID {
				return m
			}
		}
		t.Fatalf("no invitation for %s in the outbox: %+v", u.ID, box.Items)
		return api.MailMessage{}
	}
	token := func(link string) string {
		t.Helper()
		_, tok, ok := strings.Cut(link, "/invite?token=")
		if !ok || tok == "" {
			t.Fatalf("invitation link %q", link)
		}
		return tok
	}
	first := newest()
	if first.To != "ines@example.com" || !strings.Contains(first.Text, first.InviteLink) {
		t.Errorf("invitation %+v", first)
	}
	owner.Do("POST", "/api/v1/users/"+u.ID+"/invite", nil).Want(202)
	second := newest()
	if second.InviteLink == first.InviteLink {
		t.Fatal("a new invitation kept the old link")
	}
	check := func(link string) int {
		return e.Client().Do("POST", "/api/v1/auth/invites/check", api.CheckInvite{Token: token(link)}).Status
	}
	if old, now := check(first.InviteLink), check(second.InviteLink); old != 400 || now != 200 {
		t.Errorf("the replaced link answers %d, the newest %d", old, now)
	}

	pat := createUser(t, owner, "Pat Lee", "pat@example.com", "staff", "pat-password-1234")
	owner.Do("POST", "/api/v1/users/"+pat.ID+"/reset-password", api.ResetPassword{Mode: "email"}).Want(202)
	owner.Do("POST", "/api/v1/users/"+pat.ID+"/remind-2fa", nil).Want(202)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		var box api.MailList
		owner.Do("GET", "/api/v1/mail", nil).Want(200).JSON(&box)
		toPat := 0
		for _, m := range box.Items {
			if m.To == "pat@example.com" {
				toPat++
				if m.InviteFor != "" || m.InviteLink != "" {
					t.Errorf("%q carries an invitation: %+v", m.Subject, m)
				}
			}
		}
		if toPat == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d emails to Pat", toPat)
		}
	}
}
