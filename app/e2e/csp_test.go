package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rolesconsole/console/server/servertest"
)

// The index page carries a strict Content-Security-Policy, and the app
// still loads and works under it: Chromium enforces the header, so a
// policy that blocked the wasm or its scripts would leave no sign-in form.
func TestAppRendersUnderCSP(t *testing.T) {
	e := servertest.Start(t)
	res, err := http.Get(e.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self' 'wasm-unsafe-eval'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Fatalf("index CSP %q", csp)
	}
	b := newBrowser(t, 1280, 800)
	b.signIn(e.URL, e.Email, e.Password)
	b.run("waiting for the shell", chromedp.WaitVisible(byID("shell-user-name")))
	if got := b.text("shell-user-name"); got != "Demo Owner" {
		t.Errorf("signed in as %q", got)
	}
	// And the policy holds: an injected inline script does not run.
	blocked := eval[bool](b, `(() => { try { const s = document.createElement("script"); s.textContent = "window.__inline = 1"; document.head.appendChild(s); } catch (e) {} return window.__inline !== 1 })()`)
	if !blocked {
		t.Error("an inline script ran: the policy does not hold")
	}
}
