package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/preset"
)

// startPreset runs a server whose demo account starts from the preset; its
// demo user holds the preset's top role.
func startPreset(t *testing.T, key string) *servertest.Env {
	t.Helper()
	return servertest.Start(t, func(c *server.Config) { c.Preset = key })
}

// shotOf saves one element of the page as artifacts/NAME.png.
func (b *Browser) shotOf(testID, name string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.Screenshot(byID(testID)))
	if err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return
	}
	dir := filepath.Join(servertest.ModuleRoot(b.t), "artifacts")
	_ = os.MkdirAll(dir, 0o755)
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return
	}
	b.t.Logf("screenshot: %s", path)
}

// Each preset, as an account created from it shows it: every role in the
// matrix with its badge colour, no drift from the defaults, and the roles
// with their colours on the Users page.
func TestPresetsShowTheirRoles(t *testing.T) {
	for _, key := range preset.Keys {
		t.Run(key, func(t *testing.T) {
			p := preset.All[key]
			e := startPreset(t, key)
			var me api.Me
			e.SignedIn().Do("GET", "/api/v1/me", nil).Want(200).JSON(&me)
			if me.User.RoleID != p.Top().ID {
				t.Fatalf("the demo user holds %q; want the preset's top role %q", me.User.RoleID, p.Top().ID)
			}

			b := newBrowser(t, 1280, 900)
			b.openRoles(e.URL, e.Email, e.Password)

			// The matrix's columns: one per preset role, in order, each badge
			// in the role's colour.
			headers := eval[[]string](b, `[...document.querySelectorAll('[data-testid="matrix"] thead .badge')].map(e => e.className + "|" + e.textContent)`)
			var want []string
			for _, r := range p.Roles {
				want = append(want, "badge badge-"+r.Color+"|"+r.Name)
			}
			if strings.Join(headers, "\n") != strings.Join(want, "\n") {
				t.Errorf("matrix columns:\n%s\nwant\n%s", strings.Join(headers, "\n"), strings.Join(want, "\n"))
			}
			for _, r := range p.Roles {
				if n := eval[int](b, `document.querySelectorAll('[data-testid^="matrix-cell-`+r.ID+`-"]:not([data-testid^="matrix-cell-state-"])').length`); n == 0 {
					t.Errorf("no matrix cells for %s", r.ID)
				}
				if class := eval[string](b, `(`+el("role-card-"+r.ID)+`?.querySelector(".badge")?.className) || ""`); class != "badge badge-"+r.Color {
					t.Errorf("%s card badge %q; want badge-%s", r.ID, class, r.Color)
				}
			}

			// A fresh account has not drifted.
			b.waitTrue(10*time.Second, "the drift view loads", el("drift-clean")+` !== null`)
			if got := b.text("drift-clean"); got != "All roles match the "+p.Name+" defaults." {
				t.Errorf("drift view reads %q", got)
			}

			// The Users page: a count per role in its colour, and the demo
			// user's row badged with the top role.
			b.run("opening Users",
				jsClick("nav-users"),
				chromedp.WaitVisible(byID("users-stats")),
			)
			for _, r := range p.Roles {
				stat := el("stat-role-" + r.ID)
				got := eval[string](b, `(() => { const s = `+stat+`; if (!s) return "missing";
					const badge = s.querySelector(".badge"); return s.className + "|" + (badge ? badge.className + "|" + badge.textContent : "no badge") })()`)
				if got != "stat stat-"+r.Color+"|badge badge-"+r.Color+"|"+r.Name {
					t.Errorf("stat for %s reads %q", r.ID, got)
				}
			}
			top := p.Top()
			b.waitTrue(10*time.Second, "the demo user's row", el("user-role-"+me.User.ID)+` !== null`)
			if got := eval[string](b, el("user-role-"+me.User.ID)+`.className + "|" + `+el("user-role-"+me.User.ID)+`.textContent`); got != "badge badge-"+top.Color+"|"+top.Name {
				t.Errorf("the demo user's role badge reads %q; want %s in %s", got, top.Name, top.Color)
			}
		})
	}
}

// In clinic-six, giving Staff the payouts page shows as drift from the
// defaults, on a desktop and on a tablet; resetting Staff there takes it
// away again, and the other browser's matrix follows.
func TestDriftAndResetInClinicSix(t *testing.T) {
	e := startPreset(t, preset.ClinicSix.Key)
	cell := "matrix-cell-staff-payouts.view"

	a := newBrowser(t, 1280, 900)
	a.openRoles(e.URL, e.Email, e.Password)
	a.waitTrue(10*time.Second, "the drift view loads", el("drift-clean")+` !== null`)
	if eval[bool](a, pressed(el(cell))) {
		t.Fatal("Staff already sees payouts")
	}
	a.run("giving Staff the payouts page", chromedp.Click(byID(cell)))
	a.waitTrue(10*time.Second, "the cell saves", el("matrix-cell-state-staff-payouts.view")+`.textContent === "Saved"`)
	a.waitTrue(5*time.Second, "Staff shows as drifted", el("drift-role-staff")+` !== null`)
	if got := eval[[]string](a, `[...`+el("drift-added-staff")+`.querySelectorAll("li")].map(e => e.dataset.perm)`); strings.Join(got, ",") != "payouts.view" {
		t.Errorf("added since the preset: %v", got)
	}
	if got := a.text("drift-added-staff"); !strings.Contains(got, "Payouts: View") {
		t.Errorf("added list reads %q", got)
	}
	if n := eval[int](a, `document.querySelectorAll('[data-testid^="drift-role-"]').length`); n != 1 {
		t.Errorf("%d roles drifted; want Staff alone", n)
	}
	if eval[bool](a, el("drift-clean")+` !== null`) {
		t.Error("still called clean")
	}
	a.run("scrolling to the drift view", chromedp.ScrollIntoView(byID("drift")))
	a.shotOf("drift", "drift-desktop")

	// The same account on a tablet.
	b := newBrowser(t, 768, 1024)
	b.openRoles(e.URL, e.Email, e.Password)
	b.waitTrue(10*time.Second, "Staff shows as drifted", el("drift-role-staff")+` !== null`)
	if overflow := eval[bool](b, `document.documentElement.scrollWidth > window.innerWidth`); overflow {
		t.Errorf("the page scrolls sideways at 768px")
	}
	reset := el("drift-reset-staff")
	if small := eval[bool](b, `(() => { const r = `+reset+`.getBoundingClientRect(); return r.width < 44 || r.height < 44 })()`); small {
		t.Error("the reset button is below 44px")
	}
	if eval[bool](b, reset+`.disabled`) {
		t.Fatal("the owner may not reset Staff")
	}
	b.run("scrolling to the drift view", chromedp.ScrollIntoView(byID("drift")))
	b.shotOf("drift", "drift-tablet")

	// From the keyboard: focus the button, press Enter.
	b.run("asking to reset Staff",
		chromedp.Focus(byID("drift-reset-staff")),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(byID("confirm-dialog")),
	)
	text := b.text("confirm-dialog")
	for _, want := range []string{"Reset Staff to the preset's defaults?", "Staff will lose Payouts: View (payouts.view).", "The audit log can undo it."} {
		if !strings.Contains(text, want) {
			t.Errorf("confirmation lacks %q: %q", want, text)
		}
	}
	if f := b.focused(); f != "confirm-cancel" {
		t.Errorf("focus on %q when the dialog opens; want cancel", f)
	}
	b.screenshot("drift-confirm-tablet")
	b.run("resetting", chromedp.Click(byID("confirm-ok")), chromedp.WaitNotPresent(byID("confirm-dialog")))
	b.waitTrue(10*time.Second, "the drift view is clean", el("drift-clean")+` !== null`)
	if got := b.text("drift-status"); got != "Staff is back to the preset's defaults." {
		t.Errorf("status reads %q", got)
	}
	if live := eval[string](b, el("drift-status")+`.getAttribute("aria-live")`); live != "polite" {
		t.Errorf("status aria-live %q", live)
	}
	if f := b.focused(); f != "drift-title" {
		t.Errorf("focus on %q after the reset; want the drift heading", f)
	}
	if eval[bool](b, pressed(el(cell))) {
		t.Error("the Staff cell is still on after the reset")
	}

	// The first browser follows within seconds, without a reload.
	a.waitTrue(10*time.Second, "the other browser's cell back to its default", `!`+pressed(el(cell)))
	a.waitTrue(10*time.Second, "the other browser's drift view clean", el("drift-clean")+` !== null`)

	// The reset is in the audit log, as the server recorded it.
	var log api.AuditPage
	e.SignedIn().Do("GET", "/api/v1/audit", nil).Want(200).JSON(&log)
	if len(log.Items) == 0 {
		t.Fatal("the audit log is empty")
	}
	if got := log.Items[0]; !strings.Contains(got.Summary, "Reset role Staff") || !got.Revertible {
		t.Errorf("latest audit entry: %+v", got)
	}
}
