// Package webapp serves the go-app PWA: its pages, its service worker and
// manifest, and the static files of the web folder, the wasm precompressed.
package webapp

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui"
)

// ErrNoWasm says the UI was not built.
var ErrNoWasm = errors.New("web/app.wasm is missing: build it with `make wasm`")

// New returns the handler of every path outside /api, and the app version:
// a hash of the web folder's files, so that clients re-download exactly
// when something changed, not at every restart.
func New(dir string) (fiber.Handler, string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, "", err
	}
	version, err := hashDir(dir)
	if err != nil {
		return nil, "", err
	}
	ui.Register()
	h := ui.Handler()
	h.Version = version
	h.Resources = Assets(dir)
	var missing error
	if _, err := os.Stat(filepath.Join(dir, "app.wasm")); err != nil {
		missing = ErrNoWasm
	}
	pages := adaptor.HTTPHandler(h)
	wasm := h.Resources.Resolve("/web/app.wasm")
	return func(c *fiber.Ctx) error {
		if c.Method() == fiber.MethodGet {
			if loads := ui.Preloads(c.Path()); loads != nil {
				c.Set(fiber.HeaderLink, preloadLinks(wasm, loads))
			}
		}
		return pages(c)
	}, version, missing
}

// preloadLinks announces what a signed-in page fetches first, the wasm and
// its API reads, so that the browser starts them all with the page rather
// than one after another as the app starts. crossorigin matches fetch()'s
// defaults (cors, same-origin credentials): the app's requests then take
// the preloaded answers instead of asking again.
func preloadLinks(wasm string, loads []string) string {
	links := []string{"<" + wasm + ">; rel=preload; as=fetch; crossorigin=anonymous"}
	for _, l := range loads {
		links = append(links, "<"+l+">; rel=preload; as=fetch; crossorigin=anonymous")
	}
	return strings.Join(links, ", ")
}

// hashDir hashes the names and contents of the folder's regular files.
func hashDir(dir string) (string, error) {
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return "", err
		}
		h.Write([]byte(n))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// Assets resolves /web/ paths like go-app's LocalDir and serves them from
// dir, choosing a precompressed sibling (.br, .gz) the browser accepts. The
// bench serves its reference page with it too.
func Assets(dir string) app.ResourceResolver {
	return assets{dir: dir}
}

type assets struct {
	dir string
}

func (a assets) Resolve(location string) string {
	return app.LocalDir("").Resolve(location)
}

func (a assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := path.Clean(strings.TrimPrefix(r.URL.Path, "/web/"))
	if name == "." || strings.HasPrefix(name, "..") || strings.HasPrefix(name, "/") {
		http.NotFound(w, r)
		return
	}
	file := filepath.Join(a.dir, filepath.FromSlash(name))
	st, err := os.Stat(file)
	if err != nil || !st.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	served := file
	for _, enc := range []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
		if !accepts(r.Header.Get("Accept-Encoding"), enc.name) {
			continue
		}
		// A copy older than its file is stale (the file was edited since
		// the build): the file itself goes.
		if c, err := os.Stat(file + enc.ext); err == nil && !c.ModTime().Before(st.ModTime()) {
			served = file + enc.ext
			w.Header().Set("Content-Encoding", enc.name)
			break
		}
	}
	w.Header().Add("Vary", "Accept-Encoding")
	f, err := os.Open(served)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	// ServeContent takes the type from the original name, not ".br".
	http.ServeContent(w, r, name, st.ModTime(), f)
}

// accepts reports whether an Accept-Encoding header allows the coding.
func accepts(header, coding string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), coding) {
			return strings.ReplaceAll(params, " ", "") != "q=0"
		}
	}
	return false
}
