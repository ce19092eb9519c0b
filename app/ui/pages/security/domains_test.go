package security

import (
	"strings"
	"testing"

	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/api"
)

// The holders of a role outside its email domains are listed with what
// their role is for, each with a way to their row in Users.
func TestHoldersOutsideTheDomainsAreListed(t *testing.T) {
	f := &uitest.Fake{Review: api.Suggestions{Passed: 7, Total: 8, Items: []api.Suggestion{
		{Kind: "outside_domains", Severity: "high", Title: "Holders of Glovora Account Manager outside its email domains",
			Advice: "Give these people another role, or remove them.", Fix: "open_user",
			Users: []api.SuggestionUser{{ID: "u-cleo", Name: "Cleo Clinic", Email: "cleo@clinic.example", Detail: "Glovora Account Manager is for glovora.com"}}},
	}}}
	c, _, _ := loadSecurity(t, f, uitest.MeAs("super_admin"))
	page := uitest.Render(t, c)
	finding := page.MustTestID(t, "finding-outside_domains")
	if got := finding.Text(); !strings.Contains(got, "Holders of Glovora Account Manager outside its email domains") ||
		!strings.Contains(got, "cleo@clinic.example") || !strings.Contains(got, "Glovora Account Manager is for glovora.com") {
		t.Errorf("the finding reads %q", got)
	}
	if fix := page.MustTestID(t, "fix-outside_domains-u-cleo"); fix.Tag != "a" || !strings.Contains(fix.Attrs["href"], "u-cleo") {
		t.Errorf("fix %s %v", fix.Tag, fix.Attrs)
	}
}
