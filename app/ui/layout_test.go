package ui

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/rolesconsole/console/app/"

// A page reads alone: of the app it imports kit and session, never another
// page nor the client; kit imports nothing of the app. (go list sees what the compiler
// sees, test files left out.)
func TestPagesImportOnlyKitAndSession(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	pages := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, " ")
		page := strings.HasPrefix(pkg, module+"ui/pages/")
		if page {
			pages++
		}
		for _, imp := range strings.Fields(imports) {
			switch {
			case page && strings.HasPrefix(imp, module) && imp != module+"ui/kit" && imp != module+"ui/session":
				t.Errorf("page %s imports %s; a page imports kit, session and shared/", pkg, imp)
			case pkg == module+"ui/kit" && strings.HasPrefix(imp, module):
				t.Errorf("kit imports %s", imp)
			}
		}
	}
	if pages < 8 {
		t.Errorf("found %d page packages; the listing is not what this test reads", pages)
	}
}
