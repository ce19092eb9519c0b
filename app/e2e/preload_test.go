package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/rolesconsole/console/app/ui"
	"github.com/rolesconsole/console/server/servertest"
)

// A signed-in page loaded afresh takes what the server announced with it:
// the wasm and the page's first API reads start with the page, and the
// app's own requests find them done instead of asking again. A page whose
// requests drifted from ui.Preloads would fetch twice.
func TestPagesUseWhatTheServerPreloads(t *testing.T) {
	e := servertest.Start(t)
	b := newBrowser(t, 1280, 800)
	b.signIn(e.URL, e.Email, e.Password)
	b.run("signed in", chromedp.WaitVisible(byID("nav-users")))
	// No service worker: it would answer the page from its cache, without
	// the server's announcement.
	if _, err := chromedp.Call(b.ctx, network.SetBypassServiceWorker, network.SetBypassServiceWorkerParams{Bypass: true}); err != nil {
		t.Fatal(err)
	}
	b.visit(e.URL+"/users", "users-search")
	b.run("users listed", chromedp.WaitVisible(byID("active-section")))
	var entries [][2]string
	// What the page fetched while it started: later, it polls /me (see ui.pollEvery).
	raw := eval[string](b, `JSON.stringify(performance.getEntriesByType("resource").filter(r => r.startTime < 2500).map(r => [new URL(r.name).pathname + new URL(r.name).search, r.initiatorType]))`)
	if err := json.Unmarshal([]byte(raw), &entries); err != nil {
		t.Fatal(err)
	}
	for _, want := range append([]string{"/web/app.wasm"}, ui.Preloads("/users")...) {
		var kinds []string
		for _, en := range entries {
			if en[0] == want {
				kinds = append(kinds, en[1])
			}
		}
		if len(kinds) != 1 || kinds[0] != "link" {
			t.Errorf("%s was fetched as %v; want once, preloaded (link)", want, kinds)
		}
	}
	// And the page asked for nothing else: its reads are all announced.
	for _, en := range entries {
		if strings.HasPrefix(en[0], "/api/") && en[1] != "link" {
			t.Errorf("%s was fetched by the page (%s) without being preloaded", en[0], en[1])
		}
	}
}
