package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// within runs steps with a deadline of its own, failing the test on error.
func (b *Browser) within(d time.Duration, what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, d)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.t.Fatalf("%s (within %s): %v", what, d, err)
	}
}

// waitTrue waits until the JavaScript expression is truthy.
func (b *Browser) waitTrue(d time.Duration, what, expr string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, d+5*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(d), chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		b.t.Fatalf("%s (within %s): %v", what, d, err)
	}
}

// el is the JavaScript expression of the element with the test id.
func el(testID string) string {
	return `document.querySelector('[data-testid="` + testID + `"]')`
}

// pressed is the JavaScript test of a matrix cell being on: a cell is a
// button, pressed for on (and for all records), half pressed for own records.
func pressed(cell string) string {
	return `(` + cell + `.getAttribute("aria-pressed") === "true")`
}

// openRoles signs in and opens Roles & Permissions through the nav.
func (b *Browser) openRoles(url, email, password string) {
	b.t.Helper()
	b.signIn(url, email, password)
	b.followNav("nav-roles")
	b.run("opening Roles & Permissions", chromedp.WaitVisible(byID("matrix")))
}

// A permission granted in one browser reaches a person signed in in
// another within seconds: their nav shows the page, and the API lets them in.
func TestMatrixChangeReachesAnotherBrowser(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "Sam Staff", Email: "sam@example.com", RoleID: "staff", Password: "staff-password-1"}).Want(201)

	a := newBrowser(t, 1280, 900)
	a.openRoles(e.URL, e.Email, e.Password)
	cell := el("matrix-cell-staff-audit.view")
	if eval[bool](a, pressed(cell)) {
		t.Fatal("Staff already holds audit.view")
	}

	b := newBrowser(t, 1280, 900)
	b.signIn(e.URL, "sam@example.com", "staff-password-1")
	b.run("waiting for Sam's overview", chromedp.WaitVisible(byID("overview")))
	if n := eval[int](b, `document.querySelectorAll('[data-testid="nav-audit"]').length`); n != 0 {
		t.Fatal("Staff sees the audit log before being granted it")
	}
	if status := eval[int](b, `fetch("/api/v1/audit").then(r => r.status)`); status != 403 {
		t.Fatalf("before the grant /api/v1/audit answers %d; want 403", status)
	}

	a.run("granting audit.view to Staff", chromedp.Click(byID("matrix-cell-staff-audit.view")))
	a.waitTrue(10*time.Second, "the cell saves", el("matrix-cell-state-staff-audit.view")+`.textContent === "Saved"`)
	if !eval[bool](a, pressed(cell)) {
		t.Error("the cell is not on after saving")
	}

	start := time.Now()
	b.within(10*time.Second, "Sam's nav showing the audit log, without a reload", chromedp.WaitVisible(byID("nav-audit")))
	t.Logf("the grant reached the other browser in %s", time.Since(start).Round(100*time.Millisecond))
	if status := eval[int](b, `fetch("/api/v1/audit").then(r => r.status)`); status != 200 {
		t.Errorf("after the grant /api/v1/audit answers %d; want 200", status)
	}
	if reloaded := eval[bool](b, `performance.getEntriesByType("navigation").length !== 1 || performance.getEntriesByType("navigation")[0].type === "reload"`); reloaded {
		t.Error("the page reloaded")
	}
	eval[bool](a, `(window.scrollTo(0, 0), true)`)
	a.screenshot("matrix-desktop")
}

// On a 768 px tablet the matrix scrolls sideways inside its own box, with
// the permission names held in place; the page itself does not.
func TestMatrixOnATablet(t *testing.T) {
	e := servertest.Start(t)
	e.SignedIn().Do("POST", "/api/v1/roles", api.CreateRole{Name: "Front Desk", Description: "Checks people in and books appointments.", Color: "teal"}).Want(201)
	b := newBrowser(t, 768, 1024)
	b.openRoles(e.URL, e.Email, e.Password)

	if overflow := eval[bool](b, `document.documentElement.scrollWidth > window.innerWidth`); overflow {
		t.Errorf("the page scrolls sideways at 768px: %d > %d",
			eval[int](b, `document.documentElement.scrollWidth`), eval[int](b, `window.innerWidth`))
	}
	box := `document.querySelector(".matrix-scroll")`
	if !eval[bool](b, box+`.scrollWidth > `+box+`.clientWidth`) {
		t.Fatal("the matrix fits at 768px: nothing to scroll")
	}
	b.screenshot("matrix-tablet")

	// Scrolled to the far right, the permission names are still in view.
	left := eval[float64](b, box+`.getBoundingClientRect().left`)
	eval[bool](b, `(`+box+`.scrollLeft = 10000, true)`)
	b.waitTrue(5*time.Second, "scrolled", box+`.scrollLeft > 0`)
	name := eval[float64](b, `document.querySelector(".matrix-perm").getBoundingClientRect().left`)
	if name < left-1 || name > left+2 {
		t.Errorf("the permission column moved with the scroll: at %.0f, box at %.0f", name, left)
	}
	b.screenshot("matrix-tablet-scrolled")

	// Every cell's control is a 44 px target at least.
	small := eval[[]string](b, `[...document.querySelectorAll('[data-testid^="matrix-cell-"]:not([data-testid^="matrix-cell-state-"])')]
		.filter(e => { const r = (e.closest("label") || e).getBoundingClientRect(); return r.width < 44 || r.height < 44 })
		.map(e => e.dataset.testid)`)
	if len(small) > 0 {
		t.Errorf("%d controls below 44px, e.g. %s", len(small), small[0])
	}

	// Collapsing a module hides its rows, and says so.
	b.run("collapsing Users", chromedp.Click(byID("module-toggle-users")))
	b.waitTrue(5*time.Second, "collapsed", el("module-toggle-users")+`.getAttribute("aria-expanded") === "false"`)
	if visible := eval[bool](b, el("matrix-cell-staff-users.view")+`.checkVisibility()`); visible {
		t.Error("Users rows still shown")
	}
	if n := eval[int](b, `document.querySelectorAll('[data-testid^="module-toggle-"]').length`); n != 9 {
		t.Errorf("%d module groups; want 9", n)
	}
}

// focused is the test id of the element with the keyboard focus.
func (b *Browser) focused() string {
	b.t.Helper()
	return eval[string](b, `document.activeElement ? (document.activeElement.dataset.testid || document.activeElement.id || "") : ""`)
}

// A role made in its dialog shows up as a card and a column of the matrix;
// deleting it asks first, naming the role and who loses it.
func TestCreateAndDeleteARole(t *testing.T) {
	e := servertest.Start(t)
	b := newBrowser(t, 768, 1024)
	b.openRoles(e.URL, e.Email, e.Password)

	b.run("opening the new-role dialog", chromedp.Click(byID("role-create")), chromedp.WaitVisible(byID("role-dialog")))
	b.waitTrue(5*time.Second, "focus in the name field", `document.activeElement === `+el("role-name"))
	b.run("naming it like an existing role",
		chromedp.SendKeys(byID("role-name"), "staff"),
		chromedp.Click(byID("role-save")),
		chromedp.WaitVisible(byID("role-name-error")),
	)
	if got := b.text("role-name-error"); got != "Another role is already called Staff." {
		t.Errorf("name error reads %q", got)
	}
	b.screenshot("role-dialog-tablet")

	b.run("escape closes the dialog", chromedp.KeyEvent(kb.Escape), chromedp.WaitNotPresent(byID("role-dialog")))
	b.waitTrue(5*time.Second, "focus back on the button", `document.activeElement === `+el("role-create"))

	b.run("creating Front Desk",
		chromedp.Click(byID("role-create")),
		chromedp.WaitVisible(byID("role-name")),
		chromedp.SendKeys(byID("role-name"), "Front Desk"),
		chromedp.SendKeys(byID("role-description"), "Checks people in."),
		chromedp.Click(byID("role-color-teal")),
		chromedp.Click(byID("role-save")),
		chromedp.WaitNotPresent(byID("role-dialog")),
		chromedp.WaitVisible(byID("role-card-front_desk")),
		chromedp.WaitReady(byID("matrix-cell-front_desk-users.view")),
	)
	if card := b.text("role-card-front_desk"); !strings.Contains(card, "Front Desk") || !strings.Contains(card, "Checks people in.") {
		t.Errorf("card reads %q", card)
	}
	if class := eval[string](b, el("role-card-front_desk")+`.querySelector(".badge").className`); class != "badge badge-teal" {
		t.Errorf("badge class %q", class)
	}

	b.run("asking to delete it", chromedp.Click(byID("role-delete-front_desk")), chromedp.WaitVisible(byID("confirm-dialog")))
	if text := b.text("confirm-dialog"); !strings.Contains(text, "“Front Desk”") || !strings.Contains(text, "No one holds this role") {
		t.Errorf("confirmation reads %q", text)
	}
	b.run("deleting", chromedp.Click(byID("confirm-ok")), chromedp.WaitNotPresent(byID("role-card-front_desk")))
	if n := eval[int](b, `document.querySelectorAll('[data-testid^="matrix-cell-front_desk-"]').length`); n != 0 {
		t.Errorf("%d cells of the deleted role left", n)
	}
	if got := b.text("roles-status"); got != "Role Front Desk deleted." {
		t.Errorf("status reads %q", got)
	}
}
