package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rolesconsole/console/server/servertest"
)

// A repeat visit is served by the service worker: the wasm does not come
// over the network again, which is what makes the installed PWA start
// fast on a front-desk tablet.
func TestRepeatVisitsComeFromTheServiceWorker(t *testing.T) {
	e := servertest.Start(t)
	b := newBrowser(t, 768, 1024)
	b.run("first visit",
		chromedp.Navigate(e.URL+"/"),
		chromedp.WaitVisible(byID("signin-form")),
	)
	// Wait until the worker controls the page and has cached the app.
	if sw := eval[string](b, `navigator.serviceWorker.ready.then(r => r.active ? r.active.state : "")`); sw != "activated" {
		t.Fatalf("service worker state %q", sw)
	}
	b.run("second visit",
		chromedp.Reload(),
		chromedp.WaitVisible(byID("signin-form")),
	)
	controlled := eval[bool](b, `navigator.serviceWorker.controller !== null`)
	// transferSize is 0 for a response that did not come over the network.
	wasm := eval[float64](b, `(() => {
		const e = performance.getEntriesByType("resource").find(r => r.name.endsWith("/web/app.wasm"));
		return e ? e.transferSize : -1;
	})()`)
	if !controlled {
		t.Error("the reloaded page is not controlled by the service worker")
	}
	if wasm != 0 {
		t.Errorf("the wasm came over the network again: transferSize %v", wasm)
	}
}
