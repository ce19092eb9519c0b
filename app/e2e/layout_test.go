package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/preset"
)

// rectOf is the JavaScript of the element's bounding rectangle.
func rectOf(testID string) string {
	return el(testID) + `.getBoundingClientRect()`
}

// headingFocused is the JavaScript test of the focus being on the page's
// heading.
const headingFocused = `document.activeElement === document.querySelector("#main h1")`

// On a front-desk tablet the nav is a compact bar that stays at the top of
// a long page; its menu button opens the links, by touch or keyboard, and
// following one lands on the page's heading with the menu closed.
func TestTabletTopBarAndMenu(t *testing.T) {
	e := startPreset(t, preset.ClinicSix.Key)
	b := newBrowser(t, 768, 1024)
	b.signIn(e.URL, e.Email, e.Password)
	b.run("the signed-in shell", chromedp.WaitVisible(byID("nav-toggle")), chromedp.WaitReady(byID("nav-roles")))

	if h := eval[float64](b, rectOf("sidebar")+`.height`); h > 64 {
		t.Errorf("the tablet's top bar is %.0fpx tall; want a compact bar", h)
	}
	if visible := eval[bool](b, el("nav-roles")+`.checkVisibility()`); visible {
		t.Error("the nav links show before the menu is opened")
	}
	if size := eval[[]float64](b, `[`+rectOf("nav-toggle")+`.width, `+rectOf("nav-toggle")+`.height]`); size[0] < 44 || size[1] < 44 {
		t.Errorf("the menu button is %vpx; want 44px at least", size)
	}
	b.screenshotView("layout-tablet-overview")

	b.run("opening the menu", chromedp.Click(byID("nav-toggle")), chromedp.WaitVisible(byID("nav-roles")))
	if got := eval[string](b, el("nav-toggle")+`.getAttribute("aria-expanded")`); got != "true" {
		t.Errorf("open menu: aria-expanded = %q", got)
	}
	if got := eval[string](b, `document.getElementById(`+el("nav-toggle")+`.getAttribute("aria-controls"))?.dataset.testid`); got != "nav" {
		t.Errorf("the menu button controls %q, not the nav", got)
	}
	b.screenshotView("layout-tablet-menu")
	b.run("following Roles & Permissions", chromedp.Click(byID("nav-roles")), chromedp.WaitVisible(byID("matrix")))
	b.waitTrue(5*time.Second, "focus on the page's heading", headingFocused)
	if got := eval[string](b, `document.activeElement.textContent`); got != "Roles & Permissions" {
		t.Errorf("focus on %q", got)
	}
	if got := eval[string](b, el("nav-toggle")+`.getAttribute("aria-expanded")`); got != "false" {
		t.Errorf("the menu stays open after following a link: aria-expanded = %q", got)
	}

	scrolled := eval[float64](b, `(async () => { window.scrollTo(0, 2000); await new Promise(r => requestAnimationFrame(r)); return window.scrollY })()`)
	if scrolled < 1000 {
		t.Fatalf("the Roles page scrolls %.0fpx only: not long enough to test the bar", scrolled)
	}
	if top := eval[float64](b, rectOf("sidebar")+`.top`); top != 0 {
		t.Errorf("after scrolling %.0fpx the top bar's top is at %.0fpx; want 0", scrolled, top)
	}
	b.screenshotView("layout-tablet-roles-scrolled")

	// The keyboard: Enter opens, Escape closes and gives the focus back.
	b.run("opening the menu from the keyboard", chromedp.Focus(byID("nav-toggle")), chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(byID("nav-users")))
	if top := eval[float64](b, rectOf("nav-users")+`.top`); top < 0 || top > 1024 {
		t.Errorf("the open menu's Users link is at %.0fpx, out of view", top)
	}
	b.run("closing it with Escape", chromedp.KeyEvent(kb.Escape), chromedp.WaitNotVisible(byID("nav-users")))
	if f := b.focused(); f != "nav-toggle" {
		t.Errorf("after Escape the focus is on %q; want the menu button", f)
	}
	if overflow := eval[bool](b, `document.documentElement.scrollWidth > window.innerWidth`); overflow {
		t.Error("the Roles page scrolls sideways at 768px")
	}

	b.followNav("nav-users")
	b.run("the Users page", chromedp.WaitVisible(byID("users-stats")))
	b.waitTrue(5*time.Second, "focus on the Users heading", headingFocused)
	if tall := eval[[]string](b, `[...document.querySelectorAll('[data-testid="page-users"] .badge')].filter(e => e.offsetHeight >= 30).map(e => e.textContent)`); len(tall) > 0 {
		t.Errorf("badges on more than one line at 768px: %v", tall)
	}
	b.screenshot("layout-tablet-users")
}

// On a desktop the sidebar stays, long role names stay one-line badges with
// the whole name in the tooltip, the counts end with the pending invites,
// and following a nav link lands on the page's heading, once: a live update
// later leaves the focus where the person is typing.
func TestDesktopBadgesAndFocusAfterNav(t *testing.T) {
	e := startPreset(t, preset.ClinicSix.Key)
	b := newBrowser(t, 1366, 900)
	b.openNav(e.URL, e.Email, e.Password, "nav-users", "stat-role-account_manager")

	if visible := eval[bool](b, el("nav-toggle")+`.checkVisibility()`); visible {
		t.Error("the menu button shows on a desktop")
	}
	if visible := eval[bool](b, el("nav-roles")+`.checkVisibility()`); !visible {
		t.Error("the sidebar's links are hidden on a desktop")
	}
	badge := el("stat-role-account_manager") + `.querySelector(".badge")`
	if got := eval[string](b, badge+`.title`); got != "Glovora Account Manager" {
		t.Errorf("the badge's tooltip reads %q", got)
	}
	if got := eval[string](b, badge+`.textContent`); got != "Glovora Account Manager" {
		t.Errorf("the badge reads %q to screen readers", got)
	}
	if h := eval[float64](b, badge+`.offsetHeight`); h >= 30 {
		t.Errorf("the Glovora Account Manager badge is %.0fpx tall: it wraps", h)
	}
	if tall := eval[[]string](b, `[...document.querySelectorAll('[data-testid="page-users"] .badge')].filter(e => e.offsetHeight >= 30).map(e => e.textContent)`); len(tall) > 0 {
		t.Errorf("badges on more than one line: %v", tall)
	}
	order := eval[[]string](b, `[...`+el("users-stats")+`.children].map(e => e.dataset.testid)`)
	var want []string
	for _, r := range preset.ClinicSix.Roles {
		want = append(want, "stat-role-"+r.ID)
	}
	want = append(want, "stat-pending")
	if strings.Join(order, " ") != strings.Join(want, " ") {
		t.Errorf("the counts read %v; want the role order, then pending invites: %v", order, want)
	}
	if last := eval[bool](b, `(() => { const cards = [...`+el("users-stats")+`.children].map(e => e.getBoundingClientRect());
		const p = cards.pop(); return cards.every(c => c.top < p.top || (c.top === p.top && c.left < p.left)) })()`); !last {
		t.Error("the pending invites card is not after every role's")
	}
	b.waitTrue(5*time.Second, "focus on the Users heading after the nav link", headingFocused)
	b.screenshot("layout-desktop-users")

	b.followNav("nav-roles")
	b.run("the matrix", chromedp.WaitVisible(byID("matrix")))
	b.waitTrue(5*time.Second, "focus on the Roles heading after the nav link", headingFocused)
	if h := eval[float64](b, `document.querySelector('[data-testid="matrix"] thead .badge[title="Glovora Account Manager"]').offsetHeight`); h >= 30 {
		t.Errorf("the matrix header's Glovora Account Manager badge is %.0fpx tall: it wraps", h)
	}
	b.screenshotView("layout-desktop-roles")

	// A change made elsewhere reaches the page while the person types in the
	// search: the focus stays in the field.
	b.followNav("nav-users")
	b.run("typing a search", chromedp.WaitVisible(byID("users-stats")), chromedp.Click(chromedp.CSS("#users-search")), chromedp.SendKeys(chromedp.CSS("#users-search"), "a"))
	e.SignedIn().Do("POST", "/api/v1/users", api.CreateUser{Name: "Sam Staff", Email: "sam@example.com", RoleID: "staff", Password: servertest.UserPassword}).Want(201)
	b.waitTrue(15*time.Second, "Sam counted, without a reload", el("stat-role-staff")+`.textContent.trim().startsWith("1")`)
	if f := eval[string](b, `document.activeElement.id`); f != "users-search" {
		t.Errorf("after the live update the focus is on %q; want the search field", f)
	}
}
