// Package wasmbuild builds a browser app the one way the Makefile, the size
// test and the bench do: for js/wasm, stripped, and without go-app's server
// half.
//
// go-app's pkg/app compiles its HTTP handler (http.go, and the file server
// of resource.go's LocalDir) into the wasm too: that links net/http, hence
// crypto/tls, x509, every curve and math/big, about 1.7 MB of the console's
// 10 MB, none of it run in a browser. The wasm is built against a copy of
// go-app without them (a go.mod of the build's own replaces the module: go
// build's -overlay may not touch the module cache); the server builds
// go-app as it is.
package wasmbuild

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

const goApp = "github.com/maxence-charriere/go-app/v10"

// Budgets of the console's wasm as browsers download it, in bytes (issue
// 20): the size test in app/wasm and make bench hold it to them.
const (
	MaxBrotli = 1_600_000
	MaxGzip   = 2_300_000
)

// Build compiles the main package pkg (e.g. "./app/wasm") of the module at
// root to the wasm out, with tmp for the slimmed go-app and its go.mod.
func Build(root, pkg, out, tmp string) error {
	modfile, err := Slim(root, tmp)
	if err != nil {
		return err
	}
	cmd := exec.Command("go", "build", "-modfile="+modfile, "-trimpath", "-ldflags=-s -w", "-o", out, pkg)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building %s for wasm: %v\n%s", pkg, err, b)
	}
	return nil
}

// Slim writes into dir a copy of go-app without its server half, and a
// go.mod (with its go.sum) that is root's but for using that copy; it
// returns the go.mod's path, for go's -modfile.
func Slim(root, dir string) (string, error) {
	// go mod download fetches go-app on a machine that never built the
	// module (go list -m alone answers an empty folder there).
	cmd := exec.Command("go", "mod", "download", "-json", goApp)
	cmd.Dir = root
	b, err := cmd.Output()
	var dl struct{ Dir, Error string }
	if err == nil {
		err = json.Unmarshal(b, &dl)
	}
	if err == nil && (dl.Error != "" || dl.Dir == "") {
		err = fmt.Errorf("%s", cmp.Or(dl.Error, "no folder"))
	}
	if err != nil {
		return "", fmt.Errorf("finding %s: %v", goApp, err)
	}
	src, dst := dl.Dir, filepath.Join(dir, "go-app")
	if err := copyModule(src, dst); err != nil {
		return "", err
	}
	app := filepath.Join(dst, "pkg", "app")
	// wasm.go only stubs GenerateStaticWebsite with http.go's Handler: a
	// file that wasm code needs would fail the build, not go missing.
	for _, f := range []string{"http.go", "wasm.go"} {
		if err := os.Remove(filepath.Join(app, f)); err != nil {
			return "", err
		}
	}
	resource, err := os.ReadFile(filepath.Join(app, "resource.go"))
	if err != nil {
		return "", err
	}
	slim, err := withoutFileServer(string(resource))
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(app, "resource.go"), []byte(slim), 0o644); err != nil {
		return "", err
	}
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", err
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return "", err
	}
	modfile := filepath.Join(dir, "go.mod")
	mod = append(mod, fmt.Sprintf("\nreplace %s => %s\n", goApp, dst)...)
	if err := os.WriteFile(modfile, mod, 0o644); err != nil {
		return "", err
	}
	return modfile, os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644)
}

// copyModule copies the module's go.mod, licence and Go sources (tests
// left out), writable: the module cache's are read-only.
func copyModule(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		name := d.Name()
		if !(name == "go.mod" || name == "LICENSE" || strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
}

// withoutFileServer is go-app's resource.go with LocalDir's file server
// taken out (a browser serves no files), so that nothing imports net/http.
// Each cut must match exactly once: a go-app that changed the file fails
// here, to be looked at, rather than build something else.
func withoutFileServer(src string) (string, error) {
	for _, cut := range []string{
		"\t\"net/http\"\n",
		"\t\tHandler:   http.FileServer(http.Dir(directory)),\n",
		"\thttp.Handler\n",
	} {
		if n := strings.Count(src, cut); n != 1 {
			return "", fmt.Errorf("go-app's resource.go has %q %d times, not once: update internal/wasmbuild for this go-app", cut, n)
		}
		src = strings.Replace(src, cut, "", 1)
	}
	if strings.Contains(src, "http.") {
		return "", fmt.Errorf("go-app's resource.go still uses net/http once cut: update internal/wasmbuild for this go-app")
	}
	return src, nil
}
