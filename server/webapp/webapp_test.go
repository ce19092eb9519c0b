package webapp

import (
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
)

func webDir(t *testing.T) string {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"app.wasm":     "raw wasm",
		"app.wasm.br":  "brotli wasm",
		"app.wasm.gz":  "gzip wasm",
		"console.css":  "body{}",
		"icon-192.png": "png",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func serve(t *testing.T, dir string) *fiber.App {
	h, _, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	app := fiber.New()
	app.Use(h)
	return app
}

func get(t *testing.T, app *fiber.App, path string, headers ...string) (int, map[string]string, string) {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	h := map[string]string{}
	for k := range res.Header {
		h[k] = res.Header.Get(k)
	}
	return res.StatusCode, h, string(b)
}

func TestWasmIsServedPrecompressed(t *testing.T) {
	app := serve(t, webDir(t))
	cases := []struct {
		accept, encoding, body string
	}{
		{"gzip, deflate, br", "br", "brotli wasm"},
		{"gzip", "gzip", "gzip wasm"},
		{"br;q=0, gzip", "gzip", "gzip wasm"},
		{"", "", "raw wasm"},
	}
	for _, c := range cases {
		status, h, body := get(t, app, "/web/app.wasm", "Accept-Encoding", c.accept)
		if status != 200 || h["Content-Encoding"] != c.encoding || body != c.body {
			t.Errorf("Accept-Encoding %q: %d, encoding %q, body %q", c.accept, status, h["Content-Encoding"], body)
		}
		if h["Content-Type"] != "application/wasm" {
			t.Errorf("Accept-Encoding %q: Content-Type %q", c.accept, h["Content-Type"])
		}
		if !strings.Contains(h["Vary"], "Accept-Encoding") {
			t.Errorf("Accept-Encoding %q: no Vary header", c.accept)
		}
	}
}

// A compressed copy older than its file was made before the file was
// edited: the file itself is served until the next build.
func TestStaleCopiesAreNotServed(t *testing.T) {
	dir := webDir(t)
	css := filepath.Join(dir, "console.css")
	if err := os.WriteFile(css+".br", []byte("brotli css"), 0o644); err != nil {
		t.Fatal(err)
	}
	app := serve(t, dir)
	if _, h, body := get(t, app, "/web/console.css", "Accept-Encoding", "br"); h["Content-Encoding"] != "br" || body != "brotli css" {
		t.Fatalf("a fresh copy: encoding %q, body %q", h["Content-Encoding"], body)
	}
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(css, later, later); err != nil {
		t.Fatal(err)
	}
	if _, h, body := get(t, app, "/web/console.css", "Accept-Encoding", "br"); h["Content-Encoding"] != "" || body != "body{}" {
		t.Errorf("a stale copy served: encoding %q, body %q", h["Content-Encoding"], body)
	}
}

func TestStaticFilesStayInTheWebFolder(t *testing.T) {
	app := serve(t, webDir(t))
	for _, p := range []string{"/web/../webapp.go", "/web/%2e%2e/webapp.go", "/web/", "/web/missing.css"} {
		if status, _, body := get(t, app, p); status == 200 {
			t.Errorf("%s answered 200: %q", p, body)
		}
	}
	if status, _, body := get(t, app, "/web/console.css"); status != 200 || body != "body{}" {
		t.Errorf("console.css: %d %q", status, body)
	}
}

// The version follows the files: the same files give the same version at
// every start, so clients do not download the app again after a restart.
func TestVersionFollowsContent(t *testing.T) {
	dir := webDir(t)
	_, v1, _ := New(dir)
	_, v2, _ := New(dir)
	if v1 == "" || v1 != v2 {
		t.Fatalf("versions %q and %q for the same files", v1, v2)
	}
	if err := os.WriteFile(filepath.Join(dir, "app.wasm"), []byte("new wasm"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, v3, _ := New(dir); v3 == v1 {
		t.Fatal("the version did not change with the wasm")
	}
	app := serve(t, dir)
	_, _, worker := get(t, app, "/app-worker.js")
	_, v4, _ := New(dir)
	if !strings.Contains(worker, v4) {
		t.Error("the service worker does not carry the version")
	}
}

// outsideHost matches a link to another host; go-app's empty og:url is "https://".
var outsideHost = regexp.MustCompile(`https?://[a-zA-Z0-9]`)

func TestPWAShellIsSelfContained(t *testing.T) {
	app := serve(t, webDir(t))
	status, _, manifest := get(t, app, "/manifest.webmanifest")
	if status != 200 {
		t.Fatalf("manifest: %d", status)
	}
	for _, want := range []string{`"/web/icon-192.png"`, `"/web/icon-512.png"`, `"192x192"`, `"512x512"`, `"theme_color"`, `"name":"`} {
		if !strings.Contains(manifest, want) {
			t.Errorf("manifest lacks %s: %s", want, manifest)
		}
	}
	for _, p := range []string{"/manifest.webmanifest", "/", "/app.js", "/app-worker.js"} {
		_, _, body := get(t, app, p)
		if outsideHost.MatchString(body) {
			t.Errorf("%s refers to an outside host: the PWA must work offline and under a strict CSP", p)
		}
	}
	status, _, page := get(t, app, "/")
	if status != 200 || !strings.Contains(page, "/wasm_exec.js") || !strings.Contains(page, "/app.js") {
		t.Errorf("index: %d %s", status, page)
	}
	if status, _, _ := get(t, app, "/wasm_exec.js"); status != 200 {
		t.Errorf("wasm_exec.js: %d", status)
	}
}

func TestMissingWasmIsReported(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := New(dir); err != ErrNoWasm {
		t.Fatalf("error %v; want ErrNoWasm", err)
	}
}

// A signed-in page announces the wasm and its first API reads; anything
// else announces nothing.
func TestPagesAnnounceWhatTheyLoad(t *testing.T) {
	app := serve(t, webDir(t))
	_, h, _ := get(t, app, "/users")
	link := h["Link"]
	for _, want := range []string{"</web/app.wasm>; rel=preload; as=fetch; crossorigin=anonymous", "</api/v1/me>;", "</api/v1/users?limit=200>;", "</api/v1/roles>;"} {
		if !strings.Contains(link, want) {
			t.Errorf("GET /users: Link %q lacks %q", link, want)
		}
	}
	for _, path := range []string{"/web/console.css", "/signin", "/nowhere"} {
		if _, h, _ := get(t, app, path); h["Link"] != "" {
			t.Errorf("GET %s announces %q", path, h["Link"])
		}
	}
}
