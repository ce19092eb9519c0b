package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/mailtest"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// An invitation link is checked before the page asks for anything: a
// bogus one says so and shows no form; a working one says which clinic and
// role it is for, shows the email it is for, and has the name the admin
// typed filled in.
func TestInvitationPageChecksTheLink(t *testing.T) {
	smtpd := mailtest.Start(t)
	e := servertest.Start(t, func(c *server.Config) { c.SMTPURL = smtpd.URL() })
	e.SignedIn().Do("POST", "/api/v1/users", api.CreateUser{Name: "Nora Field", Email: "nora@example.com", RoleID: "staff"}).Want(201)
	_, token := smtpd.Await(t, "nora@example.com").Link()

	b := newBrowser(t, 768, 1024)
	b.visit(e.URL+"/invite?token=not-a-link-anyone-sent", "invite-dead")
	if got := b.text("invite-dead"); got != "This link is invalid, has expired or was used already. Ask for a new one." {
		t.Errorf("a bogus link says %q", got)
	}
	if n := eval[int](b, `document.querySelectorAll('form, input, [data-testid="invite-submit"]').length`); n != 0 {
		t.Errorf("a bogus link shows %d form elements", n)
	}
	b.screenshot("invite-bogus-tablet")

	b.visit(e.URL+"/invite?token="+token, "invite-password")
	if got := eval[string](b, `document.querySelector("h1").textContent`); got != "Join Demo Clinic as Staff" {
		t.Errorf("the page is titled %q", got)
	}
	if got := eval[string](b, el("invite-email")+`.value`); got != "nora@example.com" {
		t.Errorf("the email shown is %q", got)
	}
	if !eval[bool](b, el("invite-email")+`.readOnly`) {
		t.Error("the invitation's email can be changed")
	}
	b.waitTrue(5*time.Second, "the name pre-filled", el("invite-name")+`.value === "Nora Field"`)
	b.screenshot("invite-valid-tablet")

	// Checking spent nothing: the link still takes Nora in.
	b.run("accepting it",
		chromedp.SendKeys(byID("invite-password"), "a long walk on the harbour"),
		chromedp.Click(byID("invite-submit")),
		chromedp.WaitVisible(byID("shell-user-name")),
	)
	// Used now: opened again, it says so and asks for nothing.
	b.visit(e.URL+"/invite?token="+token, "invite-dead")
}
