package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"

	"github.com/rolesconsole/console/server/servertest"
)

// untilNextStep waits for the next 30-second TOTP step: the server takes
// each step's code once, and enrolment used the current one.
func untilNextStep(t *testing.T) {
	next := time.Unix((time.Now().Unix()/30+1)*30, 0).Add(time.Second)
	t.Logf("waiting %s for the next code", time.Until(next).Round(time.Second))
	time.Sleep(time.Until(next))
}

// Two-factor sign-in set up on a tablet from My account: scan (here: read)
// the key, confirm with a code, keep the recovery codes. Signing in again
// then asks for a code, and a recovery code does instead.
func TestEnrolTwoFactorAndSignInWithACode(t *testing.T) {
	e := servertest.Start(t)
	b := newBrowser(t, 768, 1024)
	b.openNav(e.URL, e.Email, e.Password, "nav-me", "page-me")
	if got := b.text("totp-status"); !strings.HasPrefix(got, "Off") {
		t.Errorf("2FA status reads %q", got)
	}

	b.run("starting enrolment", chromedp.Click(byID("totp-start")), chromedp.WaitVisible(byID("totp-secret")))
	b.waitTrue(10*time.Second, "the QR code shown (the CSP lets data: images in)", el("totp-qr")+`.complete && `+el("totp-qr")+`.naturalWidth > 0`)
	if alt := eval[string](b, el("totp-qr")+`.alt`); alt == "" {
		t.Error("the QR code has no text alternative")
	}
	code := eval[map[string]string](b, `(() => { const c = `+el("totp-code")+`; return {mode: c.inputMode, auto: c.autocomplete} })()`)
	if code["mode"] != "numeric" || code["auto"] != "one-time-code" {
		t.Errorf("code field %v", code)
	}
	if f := b.focused(); f != "totp-code" {
		t.Errorf("focus on %q; want the code field", f)
	}
	b.screenshot("me-enrol-tablet")

	secret := strings.ReplaceAll(b.text("totp-secret"), " ", "")
	now, err := totp.GenerateCode(secret, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	b.run("confirming with the app's code",
		chromedp.SendKeys(byID("totp-code"), now),
		chromedp.Click(byID("totp-confirm")),
		chromedp.WaitVisible(byID("totp-recovery-codes")),
	)
	codes := eval[[]string](b, `[...`+el("totp-recovery-codes")+`.querySelectorAll("li")].map(li => li.textContent.trim())`)
	if len(codes) != 10 {
		t.Fatalf("%d recovery codes: %v", len(codes), codes)
	}
	dl := eval[map[string]string](b, `(() => { const a = `+el("totp-download")+`; return {href: a.href, download: a.getAttribute("download") || ""} })()`)
	if !strings.HasPrefix(dl["href"], "data:text/plain") || dl["download"] == "" || !strings.Contains(dl["href"], codes[0]) {
		t.Errorf("download link %v", dl)
	}
	b.screenshot("me-recovery-codes-tablet")
	b.run("saying they are saved", chromedp.Click(byID("totp-done")), chromedp.WaitNotPresent(byID("totp-recovery-codes")))
	b.waitTrue(10*time.Second, "2FA shown on", el("totp-status")+`.textContent.startsWith("On")`)

	b.run("signing out", chromedp.Click(byID("signout")), chromedp.WaitVisible(byID("signin-form")))
	untilNextStep(t)
	b.run("signing in again",
		chromedp.SendKeys(byID("signin-email"), e.Email),
		chromedp.SendKeys(byID("signin-password"), e.Password),
		chromedp.Click(byID("signin-submit")),
		chromedp.WaitVisible(byID("signin-code")),
	)
	b.screenshot("signin-code-tablet")
	next, err := totp.GenerateCode(secret, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	b.run("entering the code",
		chromedp.SendKeys(byID("signin-code"), next),
		chromedp.Click(byID("signin-submit")),
		chromedp.WaitVisible(byID("shell-user-name")),
	)

	// A recovery code stands in for the app, once.
	b.run("signing out", chromedp.Click(byID("signout")), chromedp.WaitVisible(byID("signin-form")))
	b.run("signing in with a recovery code",
		chromedp.SendKeys(byID("signin-email"), e.Email),
		chromedp.SendKeys(byID("signin-password"), e.Password),
		chromedp.Click(byID("signin-submit")),
		chromedp.WaitVisible(byID("signin-recovery-toggle")),
		chromedp.Click(byID("signin-recovery-toggle")),
		chromedp.WaitVisible(byID("signin-recovery")),
		chromedp.SendKeys(byID("signin-recovery"), codes[3]),
		chromedp.Click(byID("signin-submit")),
		chromedp.WaitVisible(byID("shell-user-name")),
	)
}
