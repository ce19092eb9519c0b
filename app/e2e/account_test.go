package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// seats reads the seats bar as assistive tools do.
func (b *Browser) seats() (now, limit string) {
	b.t.Helper()
	bar := el("account-seats") + `.querySelector('[role="progressbar"]')`
	return eval[string](b, bar+`.getAttribute("aria-valuenow")`), eval[string](b, bar+`.getAttribute("aria-valuemax")`)
}

// The plan sets the seats: a plan too small for the users there is refused
// with the reason on the page; a bigger one moves the seats bar.
func TestChangePlanMovesTheSeatsBar(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	for _, email := range []string{"ann@example.com", "bob@example.com"} {
		owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "Staff " + email[:3], Email: email, RoleID: "staff", Password: "staff-password-1"}).Want(201)
	}
	b := newBrowser(t, 1280, 900)
	b.openNav(e.URL, e.Email, e.Password, "nav-account", "account-seats")
	if now, limit := b.seats(); now != "3" || limit != "5" {
		t.Errorf("seats bar at %s of %s; want 3 of 5 (Professional)", now, limit)
	}
	if got := b.text("account-seats"); !strings.Contains(got, "3 of 5 seats used") {
		t.Errorf("seats read %q", got)
	}

	b.choose("account-plan-select", "starter")
	b.press("account-plan-save")
	b.run("waiting for the refusal", chromedp.WaitVisible(byID("account-plan-error")))
	if got := b.text("account-plan-error"); !strings.Contains(got, "Starter has 2 seats and 3 are in use") {
		t.Errorf("refusal reads %q", got)
	}
	if now, limit := b.seats(); now != "3" || limit != "5" {
		t.Errorf("after the refusal the bar is at %s of %s", now, limit)
	}
	b.screenshot("account-plan-refused")

	b.choose("account-plan-select", "business")
	b.press("account-plan-save")
	b.waitTrue(10*time.Second, "the bar at 3 of 15", `document.querySelector('[data-testid="account-seats"] [role="progressbar"]').getAttribute("aria-valuemax") === "15"`)
	if got := b.text("account-status"); got != "Plan changed to Business: 15 seats." {
		t.Errorf("status reads %q", got)
	}
	if n := eval[int](b, `document.querySelectorAll('[data-testid="account-plan-error"]').length`); n != 0 {
		t.Error("the old refusal is still shown")
	}
	// The rest of the console follows at once: the Users page counts the new limit.
	b.run("opening Users", jsClick("nav-users"), chromedp.WaitVisible(byID("users-seats")))
	if got := b.text("users-seats"); !strings.HasPrefix(got, "3 of 15 seats") {
		t.Errorf("Users page reads %q", got)
	}
}

// A look at the four pages at desktop and tablet widths, with people in
// every state: the screenshots land in artifacts/.
func TestScreenshotsOfThePages(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	business := "business"
	owner.Do("PATCH", "/api/v1/account", api.PatchAccount{Plan: &business}).Want(200)
	add := func(name, email, role, password string) string {
		var u api.User
		owner.Do("POST", "/api/v1/users", api.CreateUser{Name: name, Email: email, RoleID: role, Password: password}).Want(201).JSON(&u)
		return u.ID
	}
	add("Ada Admin", "ada@example.com", "admin", "admin-password-1")
	sam := add("Sam Staff", "sam@example.com", "staff", "staff-password-1")
	add("Ivy Invited", "ivy@example.com", "read_only", "")
	dis := add("Dan Disabled", "dan@example.com", "staff", "staff-password-2")
	owner.Do("POST", "/api/v1/users/"+dis+"/disable", nil).Want(200)
	rev := add("Rita Revoked", "rita@example.com", "read_only", "staff-password-3")
	owner.Do("POST", "/api/v1/users/"+rev+"/revoke", nil).Want(200)
	del := add("Del Deleted", "del@example.com", "read_only", "staff-password-4")
	owner.Do("DELETE", "/api/v1/users/"+del, nil).Want(204)

	for _, size := range []struct {
		name          string
		width, height int
	}{{"desktop", 1280, 900}, {"tablet", 768, 1024}} {
		t.Run(size.name, func(t *testing.T) {
			b := newBrowser(t, size.width, size.height)
			b.signIn(e.URL, e.Email, e.Password)
			for _, p := range []struct{ nav, ready string }{
				{"nav-users", "deleted-section"},
				{"nav-account", "outbox"},
				{"nav-security", "security-score"},
				{"nav-me", "sessions"},
			} {
				b.followNav(p.nav)
				b.run("opening "+p.nav, chromedp.WaitVisible(byID(p.ready)))
				// Let lists that load after the page settle.
				time.Sleep(500 * time.Millisecond)
				if overflow := eval[bool](b, `document.documentElement.scrollWidth > window.innerWidth`); overflow {
					t.Errorf("%s scrolls sideways at %dpx", p.nav, size.width)
				}
				b.screenshot(strings.TrimPrefix(p.nav, "nav-") + "-" + size.name)
			}

			// And the dialogs of a row: role, per-user permissions, password reset.
			b.run("back to Users", jsClick("nav-users"), chromedp.WaitVisible(byID("user-row-"+sam)))
			b.run("changing Sam's role", chromedp.Click(byID("user-action-role-"+sam)), chromedp.WaitVisible(byID("user-role-dialog")))
			b.choose("role-dialog-select", "read_only")
			b.waitTrue(5*time.Second, "the description follows", el("role-dialog-select-hint")+`.textContent.includes("changes nothing")`)
			b.screenshot("users-role-dialog-" + size.name)
			b.run("closing", chromedp.Click(byID("role-dialog-cancel")), chromedp.WaitNotPresent(byID("user-role-dialog")))
			b.run("Sam's permissions", chromedp.Click(byID("user-more-"+sam)), chromedp.WaitVisible(byID("user-action-overrides-"+sam)),
				chromedp.Click(byID("user-action-overrides-"+sam)), chromedp.WaitVisible(byID("overrides-dialog")))
			b.waitTrue(5*time.Second, "what Sam can do now", el("effective-events.view")+`.textContent.startsWith("Yes")`)
			b.screenshot("users-overrides-dialog-" + size.name)
			b.run("closing", chromedp.Click(byID("overrides-cancel")), chromedp.WaitNotPresent(byID("overrides-dialog")))
			b.run("Sam's password", chromedp.Click(byID("user-more-"+sam)), chromedp.WaitVisible(byID("user-action-reset-password-"+sam)),
				chromedp.Click(byID("user-action-reset-password-"+sam)), chromedp.WaitVisible(byID("user-reset-dialog")),
				chromedp.Click(byID("user-reset-mode-set")), chromedp.WaitVisible(byID("user-reset-password")))
			b.screenshot("users-reset-dialog-" + size.name)
		})
	}
}
