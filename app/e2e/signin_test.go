package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rolesconsole/console/server/servertest"
)

// signIn fills the sign-in page as a person would and submits it.
func (b *Browser) signIn(url, email, password string) {
	b.t.Helper()
	// The server's prerendered copy of the page shows before the wasm runs;
	// what is typed into it is lost when the app takes over, so wait for
	// go-app's loader to go first.
	b.run("opening the console",
		chromedp.Navigate(url+"/"),
		chromedp.WaitNotPresent(chromedp.CSS("#app-wasm-loader")),
		chromedp.WaitVisible(byID("signin-form")),
	)
	b.run("signing in",
		chromedp.SendKeys(byID("signin-email"), email),
		chromedp.SendKeys(byID("signin-password"), password),
		chromedp.Click(byID("signin-submit")),
	)
}

func TestSignInShowsTheUsersName(t *testing.T) {
	for _, size := range []struct {
		name          string
		width, height int
	}{
		{"desktop", 1280, 800},
		{"tablet", 768, 1024},
	} {
		t.Run(size.name, func(t *testing.T) {
			e := servertest.Start(t)
			b := newBrowser(t, size.width, size.height)
			b.signIn(e.URL, e.Email, e.Password)
			b.run("waiting for the shell", chromedp.WaitVisible(byID("shell-user-name")))
			if got := b.text("shell-user-name"); got != "Demo Owner" {
				t.Errorf("shell shows user %q; want Demo Owner", got)
			}
			if got := b.text("shell-user-role"); got != "Super Admin" {
				t.Errorf("shell shows role %q; want Super Admin", got)
			}
			if got := b.text("shell-account-name"); got != "Demo Clinic" {
				t.Errorf("shell shows account %q; want Demo Clinic", got)
			}
			b.screenshot("signed-in-" + size.name)

			// No horizontal scrolling at this width.
			if overflow := eval[bool](b, `document.documentElement.scrollWidth > window.innerWidth`); overflow {
				t.Errorf("the page scrolls sideways at %dpx", size.width)
			}
		})
	}
}

func TestWrongPasswordIsExplainedOnThePage(t *testing.T) {
	e := servertest.Start(t)
	b := newBrowser(t, 1280, 800)
	b.signIn(e.URL, e.Email, "not-the-password")
	b.run("waiting for the error", chromedp.WaitVisible(byID("signin-error")))
	if got := b.text("signin-error"); !strings.Contains(got, "Email or password is wrong") {
		t.Errorf("error reads %q", got)
	}
	b.screenshot("signin-error")
}

// Sign-out ends the session on the server, not just on the page.
func TestSignOut(t *testing.T) {
	e := servertest.Start(t)
	b := newBrowser(t, 1280, 800)
	b.signIn(e.URL, e.Email, e.Password)
	b.run("signing out",
		chromedp.WaitVisible(byID("signout")),
		chromedp.Click(byID("signout")),
		chromedp.WaitVisible(byID("signin-form")),
	)
	status := eval[int](b, `fetch("/api/v1/me", {credentials: "same-origin"}).then(r => r.status)`)
	if status != 401 {
		t.Errorf("after sign-out /api/v1/me answers %d; want 401", status)
	}
	if n := e.Count("sessions"); n != 0 {
		t.Errorf("%d sessions left in the store after sign-out", n)
	}
}

// A signed-in person who reloads stays signed in: the session is a cookie
// the page never sees, and the page asks /me for who it is.
func TestReloadKeepsTheSession(t *testing.T) {
	e := servertest.Start(t)
	b := newBrowser(t, 1280, 800)
	b.signIn(e.URL, e.Email, e.Password)
	b.run("reloading",
		chromedp.WaitVisible(byID("shell-user-name")),
		chromedp.Reload(),
		chromedp.WaitVisible(byID("shell-user-name")),
	)
	if cookie := eval[string](b, `document.cookie`); strings.Contains(cookie, "session") {
		t.Errorf("the session cookie is readable by scripts: %q", cookie)
	}
	// Installable: the service worker controls the reloaded page, and the
	// manifest names the app and its icons.
	if sw := eval[string](b, `navigator.serviceWorker.ready.then(r => r.active ? r.active.scriptURL : "")`); !strings.HasSuffix(sw, "/app-worker.js") {
		t.Errorf("no active service worker: %q", sw)
	}
	manifest := eval[string](b, `fetch(document.querySelector("link[rel=manifest]").href).then(r => r.json()).then(m =>
		[m.name, m.theme_color, m.display].concat(m.icons.map(i => i.sizes + " " + i.src)).join("|"))`)
	for _, want := range []string{"Users & Roles console|", "|standalone|", "192x192 /web/icon-192.png", "512x512 /web/icon-512.png"} {
		if !strings.Contains(manifest, want) {
			t.Errorf("manifest lacks %q: %s", want, manifest)
		}
	}
}
