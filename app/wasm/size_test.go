package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolesconsole/console/internal/wasmbuild"
)

// The wasm, built and precompressed as make wasm does, stays under its
// budgets. It takes a minute: brotli's best level on 8 MB.
func TestWasmSize(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and compresses the wasm")
	}
	root := moduleRoot(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "app.wasm")
	if err := wasmbuild.Build(root, "./app/wasm", out, dir); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "run", "./server/cmd/precompress", out)
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("precompress: %v\n%s", err, b)
	}
	raw, br, gz := fileSize(t, out), fileSize(t, out+".br"), fileSize(t, out+".gz")
	t.Logf("wasm %d bytes, brotli %d (budget %d), gzip %d (budget %d)", raw, br, wasmbuild.MaxBrotli, gz, wasmbuild.MaxGzip)
	if br >= wasmbuild.MaxBrotli {
		t.Errorf("brotli %d bytes, budget %d", br, wasmbuild.MaxBrotli)
	}
	if gz >= wasmbuild.MaxGzip {
		t.Errorf("gzip %d bytes, budget %d", gz, wasmbuild.MaxGzip)
	}
}

// Nothing in the wasm as built links net/http, whose TLS and curves were
// a sixth of it: go-app's server half is left out (internal/wasmbuild).
func TestNoNetHTTPInTheWasm(t *testing.T) {
	modfile, err := wasmbuild.Slim(moduleRoot(t), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, dep := range strings.Fields(goList(t, "-modfile="+modfile, "-deps", ".")) {
		if dep == "net/http" || dep == "crypto/tls" || dep == "crypto/x509" {
			t.Errorf("the wasm links %s", dep)
		}
	}
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}
