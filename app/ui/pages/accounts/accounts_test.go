package accounts

import (
	"testing"

	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/api"
)

func load(t *testing.T, f *uitest.Fake) (*Page, func()) {
	t.Helper()
	uitest.Use(t, f)
	e, ctx, _ := uitest.Context(t)
	c := &Page{Me: uitest.MeAs("admin")}
	c.OnMount(ctx)
	e.ConsumeAll()
	if !c.loaded {
		t.Fatalf("not loaded: %q", c.problem)
	}
	return c, e.ConsumeAll
}

// The accounts are listed in the server's order, the one in use first and
// said so, each with the person's role there and one labelled button.
func TestAccountsListsEachWithTheRoleThere(t *testing.T) {
	f := &uitest.Fake{AccountChoices: []api.AccountChoice{
		{ID: "north", Name: "Northside Clinic", RoleName: "Staff", Current: true},
		{ID: "south", Name: "Southside Clinic", RoleName: "Admin"},
	}}
	c, _ := load(t, f)
	page := uitest.Render(t, c)
	if got := page.MustTestID(t, "account-open-north").Text(); got != "Continue in Northside Clinic" {
		t.Errorf("the account in use offers %q", got)
	}
	if got := page.MustTestID(t, "account-open-south").Text(); got != "Open Southside Clinic" {
		t.Errorf("the other account offers %q", got)
	}
	south := page.MustTestID(t, "account-choice-south")
	if got := south.Text(); got != "Southside Clinic You are Admin Open Southside Clinic" {
		t.Errorf("the other account reads %q", got)
	}
	if page.MustTestID(t, "account-choice-north").Text() == "" {
		t.Error("the account in use is not listed")
	}
}

// Opening another account switches to it; where it asks for a code, a
// labelled code field appears and the next press sends the code.
func TestAccountsSwitchAsksForACodeWhereNeeded(t *testing.T) {
	f := &uitest.Fake{AccountChoices: []api.AccountChoice{
		{ID: "north", Name: "Northside Clinic", RoleName: "Staff", Current: true},
		{ID: "south", Name: "Southside Clinic", RoleName: "Admin"},
	}}
	c, consume := load(t, f)
	f.Refuse = uitest.RefusalError(api.CodeTOTPRequired, "Enter the code from your authenticator app, or a recovery code.")
	c.open(c.ctx, c.items[1])
	consume()
	page := uitest.Render(t, c)
	code := page.MustTestID(t, "account-code")
	if labels := page.All(func(n *uitest.Node) bool { return n.Tag == "label" && n.Attrs["for"] == code.Attrs["id"] }); len(labels) != 1 {
		t.Fatalf("the code field has %d labels", len(labels))
	}
	if page.ByTestID("accounts-error") != nil {
		t.Error("asking for the code is shown as an error")
	}
	c.code = "123 456"
	c.open(c.ctx, c.items[1])
	consume()
	log := f.Logged()
	if len(log) != 2 || log[0] != "switch south code=" || log[1] != "switch south code=123456" {
		t.Errorf("calls %v", log)
	}
}

// An account that went out of reach meanwhile is said so, in its name.
func TestAccountsOutOfReach(t *testing.T) {
	f := &uitest.Fake{AccountChoices: []api.AccountChoice{
		{ID: "north", Name: "Northside Clinic", Current: true},
		{ID: "south", Name: "Southside Clinic"},
	}}
	c, consume := load(t, f)
	f.Refuse = uitest.RefusalError(api.CodeNotFound, "No such resource.")
	c.open(c.ctx, c.items[1])
	consume()
	if got := uitest.Render(t, c).MustTestID(t, "accounts-error").Text(); got != "You can no longer open Southside Clinic; sign in again to see your accounts." {
		t.Errorf("error %q", got)
	}
}
