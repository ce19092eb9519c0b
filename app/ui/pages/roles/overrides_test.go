package roles

import (
	"slices"
	"strings"
	"testing"

	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
)

func TestDeleteRoleSaysOverridesRemain(t *testing.T) {
	f := withCustomRole(2)
	f.UserItems = []api.User{
		{ID: "u-fay", Name: "Fay Front", Email: "fay@clinic.example", RoleID: "front_desk", Status: "active",
			Overrides: perm.Overrides{Grant: []string{"audit.view"}, Deny: []string{"contacts.view"}}},
		{ID: "u-fred", Name: "Fred Front", Email: "fred@clinic.example", RoleID: "front_desk", Status: "active"},
		{ID: "u-sam", Name: "Sam Staff", Email: "sam@clinic.example", RoleID: "staff", Status: "active",
			Overrides: perm.Overrides{Grant: []string{"audit.view"}}},
	}
	c, e, ctx := loadRoles(t, f, uitest.MeAs("admin"))
	c.askDelete(ctx, "front_desk")
	e.ConsumeAll()
	details := uitest.Render(t, c).MustTestID(t, "confirm-details")
	if got := details.Text(); got != "Fay Front keeps per-user overrides: granted Audit log: View; denied Contacts: View." {
		t.Errorf("details %q", got)
	}

	// Holders without any overrides: said so.
	f.UserItems = f.UserItems[1:]
	c.confirmer.CancelConfirm(ctx)
	c.askDelete(ctx, "front_desk")
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "confirm-details").Text(); got != "None of its users has per-user overrides." {
		t.Errorf("details %q", got)
	}

	// Without users.view the holders cannot be listed: the dialog says they keep theirs.
	me := uitest.MeAs("admin")
	me.Permissions = slices.DeleteFunc(me.Permissions, func(p string) bool { return p == "users.view" })
	c2, e2, ctx2 := loadRoles(t, f, me)
	c2.askDelete(ctx2, "front_desk")
	e2.ConsumeAll()
	if got := uitest.Render(t, c2).MustTestID(t, "confirm-details").Text(); !strings.Contains(got, "“Users: View”") {
		t.Errorf("details %q", got)
	}
}
