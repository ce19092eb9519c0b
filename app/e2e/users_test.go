package e2e

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/mailtest"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// openNav signs in and opens a page through its nav entry.
func (b *Browser) openNav(url, email, password, nav, ready string) {
	b.t.Helper()
	b.signIn(url, email, password)
	b.followNav(nav)
	b.run("opening "+nav, chromedp.WaitVisible(byID(ready)))
}

// visit opens a page by its address and waits for the app to run it: the
// server's prerendered copy shows first, and what is typed there is lost
// when the app takes over.
func (b *Browser) visit(url, ready string) {
	b.t.Helper()
	b.run("opening "+url,
		chromedp.Navigate(url),
		chromedp.WaitNotPresent(chromedp.CSS("#app-wasm-loader")),
		chromedp.WaitVisible(byID(ready)),
	)
}

// press clicks a button once the page has enabled it.
func (b *Browser) press(testID string) {
	b.t.Helper()
	b.waitTrue(10*time.Second, testID+" enabled", el(testID)+` && !`+el(testID)+`.disabled`)
	b.run("pressing "+testID, chromedp.Click(byID(testID)))
}

// choose picks an option of a <select>, as choosing it with the mouse
// does: the value changes and the page hears "change".
func (b *Browser) choose(testID, value string) {
	b.t.Helper()
	ok := eval[bool](b, `(() => { const s = `+el(testID)+`; if (!s || s.disabled) return false;
		s.focus(); s.value = `+strconv.Quote(value)+`; s.dispatchEvent(new Event("input", {bubbles: true}));
		s.dispatchEvent(new Event("change", {bubbles: true})); return s.value === `+strconv.Quote(value)+` })()`)
	if !ok {
		b.t.Fatalf("cannot choose %q in %s", value, testID)
	}
}

// rowOf is the id of the user whose row on the Users page shows the email;
// "" when none does.
func (b *Browser) rowOf(email string) string {
	b.t.Helper()
	return eval[string](b, `(() => { const r = [...document.querySelectorAll('[data-testid^="user-row-"]')]
		.find(r => r.textContent.includes(`+strconv.Quote(email)+`)); return r ? r.dataset.testid.slice("user-row-".length) : "" })()`)
}

// sectionOf names the section ("pending-section", ...) holding the user's row.
func sectionOf(id string) string {
	return el("user-row-"+id) + `?.closest('[data-testid$="-section"]')?.dataset.testid`
}

// An invitation sent from the Users page reaches the person by email; they
// accept it in their own browser and are signed in; the inviter's page
// shows them active without a reload. Revoking them then sends their open
// page back to sign-in.
func TestInviteAcceptAndRevoke(t *testing.T) {
	smtpd := mailtest.Start(t)
	e := servertest.Start(t, func(c *server.Config) { c.SMTPURL = smtpd.URL() })

	a := newBrowser(t, 1280, 900)
	a.openNav(e.URL, e.Email, e.Password, "nav-users", "users-stats")
	if got := a.text("stat-pending"); !strings.HasPrefix(got, "0") {
		t.Errorf("pending invites card reads %q before any invitation", got)
	}

	seatsBefore := eval[string](a, el("users-seats")+`.textContent`)
	a.run("opening the add-user dialog", chromedp.Click(byID("user-create")), chromedp.WaitVisible(byID("user-dialog")))
	a.waitTrue(5*time.Second, "focus in the name field", `document.activeElement === `+el("user-name"))
	a.run("saving it empty", chromedp.Click(byID("user-save")), chromedp.WaitVisible(byID("user-name-error")))
	for _, id := range []string{"user-name-error", "user-email-error", "user-role-error"} {
		if a.text(id) == "" {
			t.Errorf("%s says nothing", id)
		}
	}
	if inv := eval[string](a, el("user-email")+`.getAttribute("aria-invalid")`); inv != "true" {
		t.Errorf("email field aria-invalid = %q", inv)
	}
	if f := a.focused(); f != "user-name" {
		t.Errorf("after the failed save the focus is on %q; want the first field in error", f)
	}

	a.run("filling in Nora",
		chromedp.SendKeys(byID("user-name"), "Nora Field"),
		chromedp.SendKeys(byID("user-email"), "nora@example.com"),
	)
	a.choose("user-role", "staff")
	a.waitTrue(5*time.Second, "the role's description under the select", el("user-role-hint")+`.textContent.includes("Day-to-day")`)
	if eval[bool](a, el("user-password-toggle")+`.checked`) {
		t.Fatal("set-a-password is on by default")
	}
	a.screenshot("users-invite-dialog")
	a.run("sending the invitation", chromedp.Click(byID("user-save")), chromedp.WaitNotPresent(byID("user-dialog")))
	a.waitTrue(10*time.Second, "Nora under Pending invites", `!!document.querySelector('[data-testid="pending-section"]') && document.querySelector('[data-testid="pending-section"]').textContent.includes("nora@example.com")`)
	// The seat line comes with the list: the moment Nora is listed, her seat is counted.
	if got := eval[string](a, el("users-seats")+`.textContent`); !strings.HasPrefix(seatsBefore, "1 of 5 seats in use") || !strings.HasPrefix(got, "2 of 5 seats in use") {
		t.Errorf("seat line %q before the invitation, %q once Nora is listed", seatsBefore, got)
	}
	id := a.rowOf("nora@example.com")
	if got := a.text("user-status-" + id); got != "Pending invite" {
		t.Errorf("Nora's status reads %q", got)
	}
	if class := eval[string](a, el("user-status-"+id)+`.className`); !strings.Contains(class, "badge-amber") {
		t.Errorf("pending badge class %q", class)
	}
	a.waitTrue(5*time.Second, "one pending invite counted apart", el("stat-pending")+`.textContent.trim().startsWith("1")`)
	if got := a.text("stat-role-staff"); !strings.HasPrefix(got, "0") {
		t.Errorf("the invitation is counted as an active Staff: %q", got)
	}
	if got := a.text("users-status"); !strings.Contains(got, "Invitation sent to nora@example.com") {
		t.Errorf("status reads %q", got)
	}

	msg := smtpd.Await(t, "nora@example.com")
	link, token := msg.Link()
	if token == "" || !strings.Contains(link, "/invite?token=") {
		t.Fatalf("no invitation link in the email:\n%s", msg.Data)
	}

	b := newBrowser(t, 768, 1024)
	b.visit(e.URL+"/invite?token="+token, "page-invite")
	// The name the inviter typed is there already.
	b.waitTrue(10*time.Second, "the name pre-filled", el("invite-name")+`?.value === "Nora Field"`)
	b.screenshot("invite-tablet")
	b.run("accepting it",
		chromedp.SendKeys(byID("invite-password"), "a long walk on the harbour"),
		chromedp.Click(byID("invite-submit")),
		chromedp.WaitVisible(byID("shell-user-name")),
	)
	if got := b.text("shell-user-name"); got != "Nora Field" {
		t.Errorf("signed in as %q", got)
	}
	if path := eval[string](b, `location.pathname`); path != "/" {
		t.Errorf("after accepting, the page is %s", path)
	}

	start := time.Now()
	a.waitTrue(15*time.Second, "Nora active on the inviter's page, without a reload",
		sectionOf(id)+` === "active-section" && `+el("user-status-"+id)+`.textContent === "Active"`)
	t.Logf("the acceptance reached the inviter's page in %s", time.Since(start).Round(100*time.Millisecond))
	if reloaded := eval[bool](a, `performance.getEntriesByType("navigation")[0].type === "reload"`); reloaded {
		t.Error("the inviter's page reloaded")
	}
	a.waitTrue(5*time.Second, "counted as Staff", el("stat-role-staff")+`.textContent.trim().startsWith("1")`)
	a.waitTrue(5*time.Second, "no pending invites", el("stat-pending")+`.textContent.trim().startsWith("0")`)

	a.run("asking to revoke Nora", chromedp.Click(byID("user-action-revoke-"+id)), chromedp.WaitVisible(byID("confirm-dialog")))
	if text := a.text("confirm-dialog"); !strings.Contains(text, "Nora Field will immediately lose their login. Their profile stays and they can be re-invited later.") {
		t.Errorf("confirmation reads %q", text)
	}
	if f := a.focused(); f != "confirm-cancel" {
		t.Errorf("focus in the confirmation is on %q", f)
	}
	a.screenshot("users-revoke-confirm")
	a.run("revoking", chromedp.Click(byID("confirm-ok")), chromedp.WaitNotPresent(byID("confirm-dialog")))
	a.waitTrue(10*time.Second, "Nora under Inactive, revoked",
		sectionOf(id)+` === "inactive-section" && `+el("user-status-"+id)+`.textContent === "Revoked"`)
	if n := eval[int](a, `document.querySelectorAll('[data-testid="user-action-invite-`+id+`"]').length`); n != 1 {
		t.Error("no way to invite Nora again")
	}

	b.within(15*time.Second, "Nora's open page sent to sign-in", chromedp.WaitVisible(byID("signin-form")))
	if status := eval[int](b, `fetch("/api/v1/me").then(r => r.status)`); status != 401 {
		t.Errorf("Nora's session answers %d after the revoke", status)
	}
}

// The row's menu holds the less frequent actions; it opens from the
// keyboard, closes with Escape, and its actions confirm before they act.
func TestUserMenuAndDelete(t *testing.T) {
	e := servertest.Start(t)
	e.WithRole("staff", "sam@example.com")
	b := newBrowser(t, 768, 1024)
	b.openNav(e.URL, e.Email, e.Password, "nav-users", "users-stats")
	id := b.rowOf("sam@example.com")
	if id == "" {
		t.Fatal("Sam is not listed")
	}
	b.run("opening Sam's menu", chromedp.Click(byID("user-more-"+id)), chromedp.WaitVisible(byID("user-menu-"+id)))
	if got := eval[string](b, el("user-more-"+id)+`.getAttribute("aria-expanded")`); got != "true" {
		t.Errorf("aria-expanded = %q", got)
	}
	b.waitTrue(5*time.Second, "focus on the first action", `document.activeElement?.closest('[data-testid="user-menu-`+id+`"]') !== null`)
	b.screenshot("users-menu-tablet")
	b.run("escape closes it", chromedp.KeyEvent(kb.Escape), chromedp.WaitNotVisible(byID("user-menu-"+id)))
	if f := b.focused(); f != "user-more-"+id {
		t.Errorf("focus after Escape on %q", f)
	}

	b.run("deleting Sam",
		chromedp.Click(byID("user-more-"+id)),
		chromedp.WaitVisible(byID("user-action-delete-"+id)),
		chromedp.Click(byID("user-action-delete-"+id)),
		chromedp.WaitVisible(byID("confirm-dialog")),
	)
	if text := b.text("confirm-dialog"); !strings.Contains(text, "User staff") || !strings.Contains(text, "Restore staff") {
		t.Errorf("confirmation reads %q", text)
	}
	b.run("confirming", chromedp.Click(byID("confirm-ok")), chromedp.WaitVisible(byID("deleted-section")))
	b.waitTrue(10*time.Second, "Sam under Restore staff", sectionOf(id)+` === "deleted-section"`)

	b.run("restoring Sam", chromedp.Click(byID("user-action-restore-"+id)), chromedp.WaitVisible(byID("confirm-dialog")),
		chromedp.Click(byID("confirm-ok")), chromedp.WaitNotPresent(byID("confirm-dialog")))
	b.waitTrue(10*time.Second, "Sam active again", sectionOf(id)+` === "active-section"`)

	// On a tablet nothing scrolls sideways, and every control is a 44 px target.
	if overflow := eval[bool](b, `document.documentElement.scrollWidth > window.innerWidth`); overflow {
		t.Errorf("the Users page scrolls sideways at 768px")
	}
	small := eval[[]string](b, `[...document.querySelectorAll('[data-testid="page-users"] button, [data-testid="page-users"] select, [data-testid="page-users"] input')]
		.filter(e => e.checkVisibility()).filter(e => { const r = e.getBoundingClientRect(); return r.height < 44 })
		.map(e => e.dataset.testid || e.id)`)
	if len(small) > 0 {
		t.Errorf("controls below 44px: %v", small)
	}
}

// Strangers' wrong passwords slow down sign-ins to Sam's login from new
// browsers; an admin sees until when in the row's "Sign-in lockout", clears
// it, and Sam signs in from a new browser at once.
func TestAdminSeesAndClearsASignInLockout(t *testing.T) {
	e := servertest.Start(t, func(c *server.Config) { c.Auth.UserFailures = 3 })
	e.WithRole("staff", "sam@example.com")
	for range 3 {
		e.Client().Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: "sam@example.com", Password: "a-wrong-guess-1"}).Want(401)
	}
	e.Client().Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: "sam@example.com", Password: servertest.UserPassword}).Want(429)

	b := newBrowser(t, 1366, 900)
	b.openNav(e.URL, e.Email, e.Password, "nav-users", "users-stats")
	id := b.rowOf("sam@example.com")
	b.run("opening Sam's lockout",
		chromedp.Click(byID("user-more-"+id)),
		chromedp.WaitVisible(byID("user-action-lockout-"+id)),
		chromedp.Click(byID("user-action-lockout-"+id)),
		chromedp.WaitVisible(byID("confirm-dialog")),
	)
	b.waitTrue(10*time.Second, "the dialog says until when", el("confirm-details")+`?.textContent.startsWith("Sign-ins from new browsers wait until")`)
	b.screenshot("users-lockout")
	b.run("clearing it", chromedp.Click(byID("confirm-ok")), chromedp.WaitNotPresent(byID("confirm-dialog")))
	b.waitTrue(10*time.Second, "the page says so", el("users-status")+`?.textContent === "User staff can sign in at once from any browser."`)
	e.Client().Login("sam@example.com", servertest.UserPassword)
}
