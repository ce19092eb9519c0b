package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rolesconsole/console/server/accounts"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// twoClinics starts a server with the demo clinic, where Sam works (as
// Staff, with pw), and Southside Clinic, which has invited Sam as Admin:
// it returns the invitation's token.
func twoClinics(t *testing.T) (e *servertest.Env, email, pw, token string) {
	t.Helper()
	e = servertest.Start(t)
	north := e.SignedIn()
	if _, _, err := accounts.Create(t.Context(), e.Server.Store, accounts.New{Name: "Southside Clinic", OwnerName: "Sol", Email: "sol@south.example", Password: "sol-password-1234"}); err != nil {
		t.Fatal(err)
	}
	south := e.Client()
	south.Login("sol@south.example", "sol-password-1234")
	email, pw = "sam@clinics.example", "sam-own-password-1"
	north.Do("POST", "/api/v1/users", api.CreateUser{Name: "Sam North", Email: email, RoleID: "staff", Password: pw}).Want(201)
	south.Do("POST", "/api/v1/users", api.CreateUser{Name: "Sam South", Email: email, RoleID: "admin"}).Want(201)
	var box api.MailList
	south.Do("GET", "/api/v1/mail", nil).Want(200).JSON(&box)
	for _, m := range box.Items {
		if _, rest, ok := strings.Cut(m.Text, "/invite?token="); ok && m.To == email {
			token, _, _ = strings.Cut(rest, "\n")
		}
	}
	if token == "" {
		t.Fatal("no invitation in Southside's outbox")
	}
	return e, email, pw, token
}

// A practitioner who works at two clinics signs in once, chooses a clinic
// on "Choose an account", and later switches from the shell without
// signing in again; each clinic shows its own name and their role there.
func TestSignInOnceChooseAndSwitch(t *testing.T) {
	e, email, pw, token := twoClinics(t)
	sam := e.Client()
	sam.Login(email, pw)
	sam.Do("POST", "/api/v1/me/invites/accept", api.JoinInvite{Token: token}).Want(200)

	b := newBrowser(t, 768, 1024)
	b.signIn(e.URL, email, pw)
	b.run("waiting for the choice", chromedp.WaitVisible(byID("account-choices")))
	b.waitTrue(10*time.Second, "both accounts listed", `document.querySelectorAll('[data-testid^="account-choice-"]').length === 2`)
	var southID string
	for _, id := range eval[[]string](b, `[...document.querySelectorAll('[data-testid^="account-choice-"]')].map(e => e.dataset.testid.slice(15))`) {
		if eval[bool](b, `document.querySelector('[data-testid="account-choice-`+id+`"]').textContent.includes("Southside")`) {
			southID = id
		}
	}
	if southID == "" {
		t.Fatal("Southside Clinic is not offered")
	}
	b.screenshot("accounts-choose")
	b.run("opening Southside", chromedp.Click(byID("account-open-"+southID)))
	b.waitTrue(10*time.Second, "the shell in Southside", el("shell-account-name")+`?.textContent === "Southside Clinic"`)
	if got := b.text("shell-user-role"); got != "Admin" {
		t.Errorf("in Southside the shell shows role %q; want Admin", got)
	}
	b.run("switching from the shell",
		chromedp.Click(byID("shell-switch-account")),
		chromedp.WaitVisible(byID("account-choices")),
	)
	if got := b.text("account-open-" + southID); got != "Continue in Southside Clinic" {
		t.Errorf("the account in use offers %q", got)
	}
	b.run("back to the demo clinic", chromedp.Click(chromedp.CSS(`[data-testid^="account-open-"]:not([data-testid="account-open-`+southID+`"])`)))
	b.waitTrue(10*time.Second, "the shell in the demo clinic", el("shell-account-name")+`?.textContent === "Demo Clinic"`)
	if got := b.text("shell-user-role"); got != "Staff" {
		t.Errorf("back in the demo clinic the shell shows role %q; want Staff", got)
	}
}

// "Add a Clinic to Your User Profile": someone signed in at one clinic
// opens an invitation from another and joins with the sign-in they have,
// no new password; they are then in the new clinic, the first in reach.
func TestJoinAnInvitationWhileSignedIn(t *testing.T) {
	e, email, pw, token := twoClinics(t)

	b := newBrowser(t, 768, 1024)
	b.signIn(e.URL, email, pw)
	b.waitTrue(10*time.Second, "the shell in the demo clinic", el("shell-account-name")+`?.textContent === "Demo Clinic"`)
	b.run("opening the invitation",
		chromedp.Navigate(e.URL+"/invite?token="+token),
		chromedp.WaitVisible(byID("invite-join-submit")),
	)
	if got := b.text("invite-join-submit"); got != "Join as "+email {
		t.Errorf("the join button reads %q", got)
	}
	b.screenshot("invite-join")
	b.run("joining", chromedp.Click(byID("invite-join-submit")))
	b.waitTrue(10*time.Second, "the shell in Southside", el("shell-account-name")+`?.textContent === "Southside Clinic"`)
	if got := b.text("shell-user-role"); got != "Admin" {
		t.Errorf("in Southside the shell shows role %q; want Admin", got)
	}
	b.run("the demo clinic in reach", chromedp.WaitVisible(byID("shell-switch-account")))
}
