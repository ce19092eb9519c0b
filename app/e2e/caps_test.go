package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/presetname"
)

// The ladder preset has one Super Admin, a cap of 1 that the demo user fills: in the
// Change role dialog the role is greyed out before Save, with the server's
// sentence written under the select, while the promotions stay open.
func TestRoleCapGreyedOutInChangeRole(t *testing.T) {
	e := startPreset(t, presetname.Ladder)
	_, id := e.WithRole("teammate", "tia@agency.example")

	b := newBrowser(t, 768, 1024)
	b.openNav(e.URL, e.Email, e.Password, "nav-users", "users-stats")
	b.press("user-action-role-" + id)
	b.run("opening the Change role dialog", chromedp.WaitVisible(byID("user-role-dialog")))

	type opt struct {
		Text     string `json:"text"`
		Disabled bool   `json:"disabled"`
	}
	options := eval[map[string]opt](b, `Object.fromEntries([...`+el("role-dialog-select")+`.options]
		.map(o => [o.value, {text: o.textContent.trim(), disabled: o.disabled}]))`)
	if got := options["super_admin"]; !got.Disabled || got.Text != "Super Admin (full)" {
		t.Errorf("Super Admin option = %+v; want greyed out as full", got)
	}
	if got := options["admin"]; got.Disabled {
		t.Errorf("a promotion to Admin is greyed out: %+v", got)
	}
	const sentence = "Super Admin is limited to one user."
	if got := b.text("role-dialog-select-why"); !strings.Contains(got, sentence) {
		t.Errorf("reasons under the select read %q; want %q", got, sentence)
	}
	if got := eval[string](b, `[...`+el("role-dialog-select")+`.getAttribute("aria-describedby").split(" ")]
		.map(id => document.getElementById(id)?.textContent ?? "").join(" | ")`); !strings.Contains(got, sentence) {
		t.Errorf("the select is described as %q", got)
	}
	b.screenshot("role-cap-greyed-tablet")

	// The sentence is the server's own, word for word.
	var refused api.Error
	e.SignedIn().Do("PATCH", "/api/v1/users/"+id, map[string]string{"role_id": "super_admin"}).Want(409).JSON(&refused)
	if refused.Error.Message != sentence {
		t.Errorf("the server says %q; the page %q", refused.Error.Message, sentence)
	}

	// A promotion the rules allow saves.
	b.choose("role-dialog-select", "admin")
	b.press("role-dialog-save")
	b.run("saving a promotion", chromedp.WaitNotPresent(byID("user-role-dialog")))
	b.waitTrue(10*time.Second, "the new role on the row", el("user-role-"+id)+`?.textContent.trim() === "Admin"`)
}
