package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// With no mail server, a super admin copies a pending invitation's link
// from its row on the Users page: the link of the outbox's invitation, on
// the clipboard, and the page says so.
func TestCopyInvitationLinkFromUsers(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	var nora api.User
	owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "Nora Field", Email: "nora@example.com", RoleID: "staff"}).Want(201).JSON(&nora)
	var box api.MailList
	owner.Do("GET", "/api/v1/mail", nil).Want(200).JSON(&box)
	link := ""
	for _, m := range box.Items {
		if m.InviteFor == nora.ID {
			link = m.InviteLink
		}
	}
	if link == "" {
		t.Fatalf("no invitation for Nora in the outbox: %+v", box.Items)
	}

	b := newBrowser(t, 1280, 900)
	for _, p := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.Call(b.ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: p}, Setting: browser.PermissionSettingGranted, Origin: e.URL,
		}); err != nil {
			t.Fatalf("granting %s: %v", p, err)
		}
	}
	b.openNav(e.URL, e.Email, e.Password, "nav-users", "user-copy-invite-"+nora.ID)
	b.run("copying Nora's link", chromedp.Click(byID("user-copy-invite-"+nora.ID)))
	b.waitTrue(5*time.Second, "the page says it is copied", el("users-status")+`.textContent === "Copied Nora Field's invitation link."`)
	if got := eval[string](b, `navigator.clipboard.readText()`); got != link {
		t.Errorf("the clipboard holds %q, want %q", got, link)
	}
	b.screenshot("users-copy-invite")

	tablet := newBrowser(t, 768, 1024)
	tablet.openNav(e.URL, e.Email, e.Password, "nav-users", "user-copy-invite-"+nora.ID)
	tablet.shotOf("pending-section", "users-copy-invite-tablet")
}
