// Package e2e drives the console in Debian's headless Chromium, as a person
// would: through the pages, against a real server on the embedded store.
package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rolesconsole/console/server/servertest"
)

// chromiumPath finds Debian's chromium; the tests never download a browser.
func chromiumPath(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("the browser tests need Debian's chromium: apt-get install chromium (make test does it)")
	return ""
}

// Browser is one headless Chromium with its own profile.
type Browser struct {
	t   *testing.T
	ctx context.Context
}

// newBrowser starts Chromium with a window of the given size. On failure the
// test leaves a screenshot in artifacts/.
func newBrowser(t *testing.T, width, height int) *Browser {
	t.Helper()
	if _, err := os.Stat(filepath.Join(servertest.ModuleRoot(t), "web", "app.wasm")); err != nil {
		t.Fatal("web/app.wasm is missing: run make wasm (make test does it)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Headless,
		chromedp.NoSandbox, // tests may run as root, where the sandbox refuses to start
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
		// The machine has no network but loopback: keep Chromium from calling out.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	b := &Browser{t: t, ctx: ctx}
	// Start the browser now, with no deadline: a deadline on the first run
	// would stop the whole browser.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("starting chromium: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			b.screenshot("failure-" + strings.ReplaceAll(t.Name(), "/", "_"))
		}
		cancel()
		cancelAlloc()
	})
	return b
}

// run runs steps with a deadline, failing the test on error.
func (b *Browser) run(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// text returns the visible text of the element with the test id.
func (b *Browser) text(testID string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(byID(testID)))
	if err != nil {
		b.t.Fatalf("reading %s: %v", testID, err)
	}
	return strings.TrimSpace(s)
}

// eval evaluates JavaScript in the page, awaiting a promise.
func eval[T any](b *Browser, js string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// screenshot saves the page as artifacts/NAME.png.
func (b *Browser) screenshot(name string) string {
	return b.shoot(name, chromedp.FullScreenshot(100)) // 100 makes a PNG; less, a JPEG
}

// screenshotView saves what the window shows as artifacts/NAME.png: what
// a person sees of a page taller than the window, scrolled as it is.
func (b *Browser) screenshotView(name string) string {
	return b.shoot(name, chromedp.CaptureScreenshot())
}

func (b *Browser) shoot(name string, capture chromedp.Action[[]byte]) string {
	dir := filepath.Join(servertest.ModuleRoot(b.t), "artifacts")
	_ = os.MkdirAll(dir, 0o755)
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, capture)
	if err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return ""
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return ""
	}
	b.t.Logf("screenshot: %s", path)
	return path
}

func byID(testID string) chromedp.CSS {
	return chromedp.CSS(`[data-testid="` + testID + `"]`)
}

// jsClick clicks the element with the test id through the DOM, not at
// screen coordinates: nav entries can move as the app learns the user's
// permissions, and a pointer click would land on a neighbour.
func jsClick(testID string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool](`(() => { document.querySelector('[data-testid="`+testID+`"]').click(); return true })()`)(ctx, t)
		return err
	})
}

// followNav opens a page through its nav entry, as a person would: on a
// tablet, where the entries are behind the menu button, it opens the menu
// first.
func (b *Browser) followNav(entry string) {
	b.t.Helper()
	b.run("waiting for "+entry, chromedp.WaitReady(byID(entry)))
	toggle := el("nav-toggle")
	if eval[bool](b, toggle+`.checkVisibility() && `+toggle+`.getAttribute("aria-expanded") === "false"`) {
		b.run("opening the menu", chromedp.Click(byID("nav-toggle")))
	}
	b.run("following "+entry, chromedp.WaitVisible(byID(entry)), jsClick(entry))
}
