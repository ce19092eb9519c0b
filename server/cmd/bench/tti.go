package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/server/cmd/bench/minimal/hello"
	"github.com/rolesconsole/console/server/webapp"
)

const (
	defaultVisits = 5
	// listed is how many users the Users page lists, the owner included: as
	// many as the default plan has seats.
	listed = 5
)

// readyScript runs at the start of every document of a visit and notes in
// window.benchReady the time since navigation start at which the page is
// first ready (%s, a JavaScript condition). go-app removes its loader once
// the wasm has mounted the page, so only a ready page seen after the loader
// came and went counts: never the server's prerendered copy.
const readyScript = `(() => {
	let loader = false;
	new MutationObserver((_, observer) => {
		if (document.getElementById("app-wasm-loader")) {
			loader = true;
		} else if (loader && (%s)) {
			window.benchReady = performance.now();
			observer.disconnect();
		}
	}).observe(document, {childList: true, subtree: true, attributes: true});
})()`

// wasmTransfer is the bytes the page's wasm took over the network: more
// than 0 on a cold load.
const wasmTransfer = `(() => {
	const e = performance.getEntriesByType("resource").find(r => r.name.endsWith("/web/app.wasm"));
	return e ? e.transferSize : -1;
})()`

// ttiPage is a page whose time to interactive is measured.
type ttiPage struct {
	url     string
	ready   string // the JavaScript condition of readyScript
	cookies []*http.Cookie
	// then runs after each timed load, to show the page really is the
	// app's, taking input.
	then []chromedp.Action[chromedp.Void]
	ms   []float64
}

// timeToInteractive loads the signed-in Users page of the console and the
// minimal go-app page (its wasm in dir, served by go-app's handler with the
// console's compressed assets) in headless Chromium, visits interleaved,
// each a cold load in a browser context of its own: no HTTP cache, no
// service worker. It compares the medians of the times from navigation
// start to a page the app has rendered and that takes input.
func timeToInteractive(bin, web, dir string, visits int) ([]row, error) {
	if visits < 1 {
		return nil, errors.New("-visits must be at least 1")
	}
	srv, owner, err := furnished(bin, web, "", listed)
	if err != nil {
		return nil, err
	}
	defer srv.Stop()
	base, _ := url.Parse(srv.Base)
	users := &ttiPage{
		url: srv.Base + "/users",
		ready: `document.querySelectorAll('[data-testid="active-section"] [data-testid^="user-row-"]').length === ` + fmt.Sprint(listed) +
			` && (s => s !== null && !s.disabled)(document.querySelector('[data-testid="users-search"]'))`,
		cookies: owner.HTTP.Jar.Cookies(base),
		// Typing in the search asks the server again and the list says no one matches.
		then: []chromedp.Action[chromedp.Void]{
			chromedp.SendKeys(chromedp.CSS(`[data-testid="users-search"]`), "nobody by that name"),
			chromedp.WaitVisible(chromedp.CSS(`[data-testid="users-none"]`)),
		},
	}
	minimalBase, stop, err := serveMinimal(dir, web)
	if err != nil {
		return nil, err
	}
	defer stop()
	minimal := &ttiPage{url: minimalBase + "/", ready: `document.querySelector('h1[data-testid="hello"]') !== null`}

	browser, closeBrowser, err := startChromium()
	if err != nil {
		return nil, err
	}
	defer closeBrowser()
	// One untimed visit each first: the servers' and the browser's first
	// answers are start-up, not what a visitor waits for.
	for _, p := range []*ttiPage{users, minimal} {
		if _, err := visit(browser, p); err != nil {
			return nil, err
		}
	}
	for i := range visits {
		order := []*ttiPage{users, minimal}
		if i%2 == 1 {
			order = []*ttiPage{minimal, users}
		}
		for _, p := range order {
			ms, err := visit(browser, p)
			if err != nil {
				return nil, err
			}
			p.ms = append(p.ms, ms)
		}
	}
	u, m := median(users.ms), median(minimal.ms)
	return []row{
		{"time to interactive, minimal go-app page (reference)", fmt.Sprintf("%.0f ms median of %d (%s)", m, visits, spread(minimal.ms)), "-", true},
		{"time to interactive, Users page", fmt.Sprintf("%.0f ms median of %d (%s), %.2fx the minimal page (%.0f ms)", u, visits, spread(users.ms), u/m, m),
			"<= 1.5x minimal", u <= 1.5*m},
	}, nil
}

// serveMinimal serves the minimal page, prerendered, on loopback; its web
// folder is dir with the console's icons, which go-app would otherwise take
// from an outside host.
func serveMinimal(dir, web string) (string, func(), error) {
	for _, name := range []string{"icon-192.png", "icon.svg"} {
		b, err := os.ReadFile(filepath.Join(web, name))
		if err != nil {
			return "", nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return "", nil, err
		}
	}
	hello.Register()
	h := &app.Handler{
		Name:      "Minimal",
		Icon:      app.Icon{Default: "/web/icon-192.png", Large: "/web/icon-192.png", SVG: "/web/icon.svg"},
		Resources: webapp.Assets(dir),
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	s := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.Serve(ln) }()
	return "http://" + ln.Addr().String(), func() { _ = s.Close() }, nil
}

// startChromium starts Debian's chromium headless with a profile of its
// own, kept from calling out: the machine has no network but loopback.
func startChromium() (context.Context, func(), error) {
	path, err := exec.LookPath("chromium")
	if err != nil {
		return nil, nil, errors.New("the time-to-interactive runs need Debian's chromium: apt-get install chromium")
	}
	profile, err := os.MkdirTemp("", "bench-chromium-")
	if err != nil {
		return nil, nil, err
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // the bench may run as root, where the sandbox refuses to start
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	)
	ctx, cancel := chromedp.NewContext(alloc)
	stop := func() {
		cancel()
		cancelAlloc()
		os.RemoveAll(profile)
	}
	// No deadline on the start: it would stop the whole browser when it ends.
	if err := chromedp.Do(ctx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("starting chromium: %w", err)
	}
	return ctx, stop, nil
}

// visit loads the page once in a new browser context and returns the time
// from navigation start to ready, in milliseconds.
func visit(browser context.Context, p *ttiPage) (float64, error) {
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	defer cancel()
	// The tab lives as long as the context of its first run: give that one no deadline.
	if err := chromedp.Do(ctx); err != nil {
		return 0, err
	}
	ctx, cancelVisit := context.WithTimeout(ctx, 30*time.Second)
	defer cancelVisit()
	for _, c := range p.cookies {
		set := network.SetCookieParams{Name: c.Name, Value: c.Value, URL: p.url, HTTPOnly: ptr(true), SameSite: network.CookieSameSiteStrict}
		if _, err := chromedp.Call(ctx, network.SetCookie, set); err != nil {
			return 0, fmt.Errorf("setting the session cookie: %w", err)
		}
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: fmt.Sprintf(readyScript, p.ready)}); err != nil {
		return 0, err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(p.url)); err != nil {
		return 0, fmt.Errorf("opening %s: %w", p.url, err)
	}
	ms, err := chromedp.Run(ctx, chromedp.Poll[float64]("window.benchReady", chromedp.WithPollingInterval(10*time.Millisecond), chromedp.WithPollingTimeout(25*time.Second)))
	if err != nil {
		return 0, fmt.Errorf("waiting for %s to be ready: %w", p.url, err)
	}
	sent, err := chromedp.Run(ctx, chromedp.Evaluate[float64](wasmTransfer))
	if err != nil {
		return 0, err
	}
	if sent <= 0 {
		return 0, fmt.Errorf("%s: the wasm did not come over the network (transferSize %v): not a cold load", p.url, sent)
	}
	if err := chromedp.Do(ctx, p.then...); err != nil {
		return 0, fmt.Errorf("%s does not take input: %w", p.url, err)
	}
	return ms, nil
}

func median(ms []float64) float64 {
	s := slices.Sorted(slices.Values(ms))
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}

// spread is the range of the figures.
func spread(ms []float64) string {
	return fmt.Sprintf("%.0f-%.0f ms", slices.Min(ms), slices.Max(ms))
}

func ptr[T any](v T) *T { return &v }
