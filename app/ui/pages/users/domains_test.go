package users

import (
	"testing"

	"github.com/rolesconsole/console/app/ui/uitest"
)

// A role limited to email domains is greyed out, with the server's
// sentence, for someone whose email is elsewhere: when changing their role,
// and when adding a user once their email is typed.
func TestUsersRoleOfOtherDomainsIsGreyedOut(t *testing.T) {
	roles := uitest.PresetRoles()
	for i := range roles {
		if roles[i].ID == "admin" {
			roles[i].Domains = []string{"vendor.example"}
		}
	}
	const why = "Admin is for people with an email at vendor.example."
	f := &uitest.Fake{RoleItems: roles}
	c, e, ctx := loadUsers(t, f, usersMe("super_admin"))
	c.start(ctx, "u-staff", actRole, "user-action-role-u-staff")
	page := uitest.Render(t, c)
	wantGreyed(t, page, "role-dialog-select", "admin", "Admin (not for this email)", why)
	if o := option(t, page, "role-dialog-select", "read_only"); o.Attrs["disabled"] != "" {
		t.Error("a role for anyone is greyed out")
	}
	// Chosen anyway (a stale page): refused before the server.
	c.roleForm.Form.roleID = "admin"
	c.roleForm.save(ctx, c)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "role-dialog-error").Text(); got != why {
		t.Errorf("error %q", got)
	}
	if len(f.Logged()) != 0 {
		t.Errorf("sent %v", f.Logged())
	}
	c.roleForm.Close(ctx)

	// Adding a user: open to anyone until the email says otherwise.
	c.create.open(ctx)
	if o := option(t, uitest.Render(t, c), "user-role", "admin"); o.Attrs["disabled"] != "" {
		t.Error("greyed out before an email is typed")
	}
	fm := c.create.Form
	fm.name, fm.email = "Vera Vendor", "vera@Vendor.example"
	if o := option(t, uitest.Render(t, c), "user-role", "admin"); o.Attrs["disabled"] != "" {
		t.Error("greyed out for an email at the role's domain")
	}
	fm.email = "cleo@clinic.example"
	wantGreyed(t, uitest.Render(t, c), "user-role", "admin", "Admin (not for this email)", why)
	fm.roleID = "admin"
	c.create.submit(ctx, c)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "user-role-error").Text(); got != why {
		t.Errorf("role error %q", got)
	}
	if len(f.Logged()) != 0 {
		t.Errorf("sent %v", f.Logged())
	}
}
