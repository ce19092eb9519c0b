// Package shared_test proves that shared/ stays usable by the WebAssembly UI.
package shared_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// shared/ is compiled into the wasm UI: it must build for js/wasm and must
// not pull in the server's dependencies.
func TestSharedBuildsForWasmWithoutServerImports(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "./...")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list for js/wasm: %v\n%s", err, out)
	}
	forbidden := []string{"go.mongodb.org/", "github.com/gofiber/", "github.com/FerretDB/", "github.com/rolesconsole/console/server", "net/http", "golang.org/x/crypto"}
	for _, dep := range strings.Fields(string(out)) {
		for _, f := range forbidden {
			if strings.HasPrefix(dep, f) {
				t.Errorf("shared/ depends on %s", dep)
			}
		}
	}
	build := exec.Command("go", "build", "./...")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build for js/wasm: %v\n%s", err, out)
	}
}
