package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/rolesconsole/console/server/servertest"
)

// setOffline cuts the browser's network, or gives it back, as a tablet
// losing its Wi-Fi would.
func (b *Browser) setOffline(offline bool) {
	b.t.Helper()
	if _, err := chromedp.Call(b.ctx, network.Enable, network.EnableParams{}); err != nil {
		b.t.Fatal(err)
	}
	// The page's own requests are the ones cut: through the service worker
	// they would escape the emulation.
	if _, err := chromedp.Call(b.ctx, network.SetBypassServiceWorker, network.SetBypassServiceWorkerParams{Bypass: true}); err != nil {
		b.t.Fatal(err)
	}
	rule := network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: []*network.Conditions{
		{Offline: offline, DownloadThroughput: -1, UploadThroughput: -1},
	}}
	if _, err := chromedp.Call(b.ctx, network.EmulateNetworkConditionsByRule, rule); err != nil {
		b.t.Fatal(err)
	}
}

// An idle page learns from the shell's watch that the service is out of
// reach, says so in the one connection indicator, and says nothing once the
// network is back.
func TestConnectionIndicatorOnAnIdlePage(t *testing.T) {
	e := servertest.Start(t)
	b := newBrowser(t, 1280, 800)
	b.signIn(e.URL, e.Email, e.Password)
	b.run("signed in", chromedp.WaitVisible(byID("nav-users")))
	if got := eval[string](b, el("connection")+`.textContent`); got != "" {
		t.Fatalf("connection indicator online = %q", got)
	}

	b.setOffline(true)
	// The watch asks every 3 s.
	b.waitTrue(10*time.Second, "indicator shows offline", el("connection")+`.textContent === "Offline — reconnecting…"`)
	if n := eval[int](b, `document.querySelectorAll('[role="alert"]').length`); n != 0 {
		t.Errorf("%d error banners on an idle page", n)
	}
	b.screenshot("connection-offline")

	b.setOffline(false)
	b.waitTrue(10*time.Second, "indicator goes when back online", el("connection")+`.textContent === ""`)
}
