package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/rolesconsole/console/"

// goList runs go list for js/wasm: the build that ships.
func goList(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list"}, args...)...)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// net/http costs the wasm about a megabyte; the client uses fetch instead.
// go-app's own import of it is left out of the build (see
// TestNoNetHTTPInTheWasm); this checks the packages of this module, and
// everything the client pulls in, whatever go-app they build with.
func TestNoNetHTTPInTheWasmOfOurOwn(t *testing.T) {
	for _, line := range strings.Split(goList(t, "-deps", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "."), "\n") {
		pkg, imports, _ := strings.Cut(line, " ")
		if !strings.HasPrefix(pkg, module) {
			continue
		}
		for _, imp := range strings.Fields(imports) {
			if imp == "net/http" || strings.HasPrefix(imp, module+"server") {
				t.Errorf("%s imports %s", pkg, imp)
			}
		}
	}
	for _, dep := range strings.Fields(goList(t, "-deps", "../client")) {
		if strings.HasPrefix(dep, "net/http") {
			t.Errorf("app/client depends on %s", dep)
		}
	}
}

// The presets' roles and grants are the server's to seed accounts with;
// the UI names a preset through shared/presetname.
func TestNoPresetDataInTheWasm(t *testing.T) {
	for _, dep := range strings.Fields(goList(t, "-deps", ".")) {
		if dep == module+"shared/preset" {
			t.Error("the wasm links shared/preset")
		}
	}
}
