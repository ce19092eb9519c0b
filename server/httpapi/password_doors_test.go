package httpapi_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// mailToken is the link token of the newest mail to an address whose text
// holds link ("/invite?token=", "/reset?token=").
func mailToken(t *testing.T, owner *servertest.Client, to, link string) string {
	t.Helper()
	// Reset links are mailed just after the answer, from a queue.
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var box api.MailList
		owner.Do("GET", "/api/v1/mail", nil).Want(200).JSON(&box)
		for _, m := range box.Items {
			if _, rest, ok := strings.Cut(m.Text, link); ok && m.To == to {
				return regexp.MustCompile(`^[A-Za-z0-9_-]+`).FindString(rest)
			}
		}
	}
	t.Fatalf("no mail to %s with %s within 10 s", to, link)
	return ""
}

// weakFor are passwords every door refuses for the person: breached, too
// short, made of their name, email or the account's name, invisible.
func weakFor(name, email, accountName string) []string {
	return []string{
		"Summer2024!", "Changeme123!", "gr8 lamp 7", accountName, accountName + " 2024", email, name + " 1984!",
		strings.Repeat("\x00", 12), strings.Repeat("\u200b", 12),
	}
}

// Every door that sets a password judges it by one rule, against the
// person's own name and email and the account's name, and a refused
// password leaves the invitation or reset link working.
func TestEveryPasswordDoorRefusesWeakPasswords(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	var acct api.Account
	owner.Do("GET", "/api/v1/account", nil).Want(200).JSON(&acct)
	var me api.Me
	owner.Do("GET", "/api/v1/me", nil).Want(200).JSON(&me)
	const good = "Blue-Harbour-Lantern-42"
	refused := func(door string, res *servertest.Response, field, pw string) {
		t.Helper()
		var body api.Error
		res.JSON(&body)
		if res.Status != 400 || body.Error.Fields[field] == "" {
			t.Errorf("%s accepted %q: %d %s", door, pw, res.Status, res.Body)
		}
	}

	for _, pw := range weakFor("Nora Field", "nora@example.com", acct.Name) {
		refused("create user", owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "Nora Field", Email: "nora@example.com", RoleID: "staff", Password: pw}), "password", pw)
	}
	nora := createUser(t, owner, "Nora Field", "nora@example.com", "staff", good)
	for _, pw := range weakFor("Nora Field", "nora@example.com", acct.Name) {
		refused("admin set", owner.Do("POST", "/api/v1/users/"+nora.ID+"/reset-password", api.ResetPassword{Mode: "set", Password: pw}), "password", pw)
	}
	for _, pw := range weakFor(me.User.Name, e.Email, acct.Name) {
		refused("change own", owner.Do("POST", "/api/v1/me/password", api.ChangePassword{CurrentPassword: e.Password, NewPassword: pw}), "new_password", pw)
	}

	e.Client().Do("POST", "/api/v1/auth/password/forgot", api.ForgotPassword{Email: "nora@example.com"}).Want(202)
	reset := mailToken(t, owner, "nora@example.com", "/reset?token=")
	for _, pw := range weakFor("Nora Field", "nora@example.com", acct.Name) {
		refused("reset", e.Client().Do("POST", "/api/v1/auth/password/reset", api.NewPassword{Token: reset, Password: pw}), "password", pw)
	}
	e.Client().Do("POST", "/api/v1/auth/password/reset", api.NewPassword{Token: reset, Password: "Nora-resets-" + good}).Want(204)

	owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "Ivo Marsh", Email: "ivo@example.com", RoleID: "staff"}).Want(201)
	invite := mailToken(t, owner, "ivo@example.com", "/invite?token=")
	for _, pw := range weakFor("Ivo Marsh", "ivo@example.com", acct.Name) {
		refused("invite accept", e.Client().Do("POST", "/api/v1/auth/invites/accept", api.AcceptInvite{Token: invite, Name: "Ivo Marsh", Password: pw}), "password", pw)
	}
	e.Client().Do("POST", "/api/v1/auth/invites/accept", api.AcceptInvite{Token: invite, Name: "Ivo Marsh", Password: "Ivo-" + good}).Want(200)
}

// The account's minimum is 12 until a super admin lowers it, never under 8.
func TestPasswordMinimumFollowsThePolicy(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	nora := createUser(t, owner, "Nora Field", "nora@example.com", "staff", "Blue-Harbour-Lantern-42")
	set := func(pw string) *servertest.Response {
		return owner.Do("POST", "/api/v1/users/"+nora.ID+"/reset-password", api.ResetPassword{Mode: "set", Password: pw})
	}
	set("gr8 lamp 7").Want(400)
	var acct api.Account
	owner.Do("GET", "/api/v1/account", nil).Want(200).JSON(&acct)
	p := acct.Policy
	p.PasswordMinLength = 7
	owner.Do("PATCH", "/api/v1/account", api.PatchAccount{Policy: &p}).Want(400)
	p.PasswordMinLength = 8
	owner.Do("PATCH", "/api/v1/account", api.PatchAccount{Policy: &p}).Want(200)
	set("gr8 lamp 7").Want(204)
	set("tiny7!").Want(400)
}
