package users

import (
	"slices"
	"strings"
	"testing"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/api"
)

func TestUsersCreateDialog(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx := loadUsers(t, f, usersMe("admin"))
	c.create.open(ctx)
	page := uitest.Render(t, c)
	dialog := page.MustTestID(t, "user-dialog")
	if dialog.Tag != "dialog" || dialog.Attrs["aria-labelledby"] != "user-dialog-title" {
		t.Errorf("dialog %s %v", dialog.Tag, dialog.Attrs)
	}
	for _, id := range []string{"user-name", "user-email", "user-role", "user-password-toggle"} {
		el := page.MustTestID(t, id)
		if labels := page.All(func(e *uitest.Node) bool { return e.Tag == "label" && e.Attrs["for"] == el.Attrs["id"] }); len(labels) != 1 {
			t.Errorf("%s has %d labels", id, len(labels))
		}
	}
	if page.ByTestID("user-password") != nil {
		t.Error("password field shown before asked for")
	}
	if got := page.MustTestID(t, "user-invite-note").Text(); !strings.Contains(got, "works for 7 days") {
		t.Errorf("the invitation note reads %q; the account's invitations work 7 days", got)
	}
	// An admin cannot hand out Super Admin: the option is there, greyed out.
	opts := page.MustTestID(t, "user-role").All(func(e *uitest.Node) bool { return e.Tag == "option" && e.Attrs["value"] == "super_admin" })
	if len(opts) != 1 || opts[0].Attrs["disabled"] != "true" {
		t.Errorf("super admin option %v", opts)
	}

	// Nothing filled in: each field says what it needs, and nothing is sent.
	c.create.submit(ctx, c)
	e.ConsumeAll()
	page = uitest.Render(t, c)
	for _, id := range []string{"user-name", "user-email", "user-role"} {
		el := page.MustTestID(t, id)
		if el.Attrs["aria-invalid"] != "true" || page.MustTestID(t, id+"-error").Text() == "" {
			t.Errorf("%s not marked: %v", id, el.Attrs)
		}
	}
	if len(f.Logged()) != 0 {
		t.Fatalf("sent %v", f.Logged())
	}

	// A password too short, when setting one.
	fm := c.create.Form
	fm.name, fm.email, fm.roleID, fm.setPassword, fm.password = "Nora Field", "nora@clinic.example", "staff", true, "short"
	c.create.submit(ctx, c)
	if got := uitest.Render(t, c).MustTestID(t, "user-password-error").Text(); got != "Use at least 8 characters." {
		t.Errorf("password error %q", got)
	}

	// The server's field errors land on the fields.
	fm.password = "password"
	f.Refuse = &client.Error{Status: 400, Body: api.ErrorBody{Code: api.CodeInvalidInput, Message: "Check the highlighted fields.",
		Fields: map[string]string{"password": "The password is too common.", "role_id": "Pick a role of this account."}}}
	c.create.submit(ctx, c)
	e.ConsumeAll()
	page = uitest.Render(t, c)
	if got := page.MustTestID(t, "user-password-error").Text(); got != "The password is too common." {
		t.Errorf("password error %q", got)
	}
	if got := page.MustTestID(t, "user-role-error").Text(); got != "Pick a role of this account." {
		t.Errorf("role error %q", got)
	}
	if page.ByTestID("user-dialog-error") != nil {
		t.Error("field errors also shown as an alert")
	}

	// A rule's refusal is said in the dialog.
	fm.setPassword, fm.password = false, ""
	f.Refuse = uitest.RefusalError(api.CodeSeatLimitReached, "Every seat of the Professional plan is taken (5).")
	c.create.submit(ctx, c)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "user-dialog-error").Text(); got != "Every seat of the Professional plan is taken (5)." {
		t.Errorf("alert %q", got)
	}

	// And then it works: an invitation.
	c.create.submit(ctx, c)
	e.ConsumeAll()
	page = uitest.Render(t, c)
	if page.ByTestID("user-dialog") != nil {
		t.Error("dialog still open")
	}
	log := f.Logged()
	if log[len(log)-1] != "create nora@clinic.example staff invite" {
		t.Errorf("calls %v", log)
	}
	if got := rowIDs(page, "pending-section"); !slices.Contains(got, "new") {
		t.Errorf("pending = %v", got)
	}
	if got := page.MustTestID(t, "users-status").Text(); !strings.HasPrefix(got, "Invitation sent to nora@clinic.example.") {
		t.Errorf("status %q", got)
	}
}

func TestUsersEmailTaken(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx := loadUsers(t, f, usersMe("super_admin"))
	c.create.open(ctx)
	fm := c.create.Form
	fm.name, fm.email, fm.roleID = "Ada Again", "ada@clinic.example", "staff"
	f.Refuse = &client.Error{Status: 409, Body: api.ErrorBody{Code: api.CodeEmailTaken, Message: "A user with this email exists already.",
		Fields: map[string]string{"email": "This email is taken."}}}
	c.create.submit(ctx, c)
	e.ConsumeAll()
	page := uitest.Render(t, c)
	if got := page.MustTestID(t, "user-email-error").Text(); got != "This email is taken." {
		t.Errorf("email error %q", got)
	}
	if got := page.MustTestID(t, "user-dialog-error").Text(); got != "A user with this email exists already." {
		t.Errorf("alert %q", got)
	}
}

func TestUsersRoleDialog(t *testing.T) {
	me := withPolicy(uitest.MeAs("admin"), account.Policy{Ladder: true, Overrides: true})
	f := &uitest.Fake{}
	c, e, ctx := loadUsers(t, f, me)
	c.start(ctx, "u-staff", "role", "user-action-role-u-staff")
	page := uitest.Render(t, c)
	dialog := page.MustTestID(t, "user-role-dialog")
	if !strings.Contains(dialog.Text(), "roles only move up") {
		t.Errorf("no ladder note: %q", dialog.Text())
	}
	sel := page.MustTestID(t, "role-dialog-select")
	var opts []string
	for _, o := range sel.All(func(e *uitest.Node) bool { return e.Tag == "option" }) {
		s := o.Attrs["value"]
		if o.Attrs["disabled"] == "true" {
			s += " (disabled)"
		}
		opts = append(opts, s)
	}
	// Up the ladder only, and never to Super Admin for an admin.
	if !slices.Equal(opts, []string{"super_admin (disabled)", "admin", "staff", "read_only (disabled)"}) {
		t.Errorf("options %v", opts)
	}
	if got := uitest.Selected(sel); got != "staff" {
		t.Errorf("selected %q", got)
	}
	if got := page.MustTestID(t, "role-dialog-select-hint").Text(); got != "Day-to-day work on events, contacts and invoices." {
		t.Errorf("description %q", got)
	}
	why := dialog.Text()
	for _, want := range []string{"Only a Super Admin can make someone Super Admin.", "Roles only move up the ladder here"} {
		if !strings.Contains(why, want) {
			t.Errorf("dialog lacks %q", want)
		}
	}
	if page.MustTestID(t, "role-dialog-save").Attrs["disabled"] != "true" {
		t.Error("save enabled with the role unchanged")
	}

	c.roleForm.Form.roleID = "admin"
	page = uitest.Render(t, c)
	if got := page.MustTestID(t, "role-dialog-select-hint").Text(); got != "Manages users, roles and every module; no subscription changes." {
		t.Errorf("description follows the choice? %q", got)
	}
	c.roleForm.save(ctx, c)
	e.ConsumeAll()
	if !slices.Equal(f.Logged(), []string{"patch u-staff role=admin"}) {
		t.Errorf("calls %v", f.Logged())
	}
	page = uitest.Render(t, c)
	if page.ByTestID("user-role-dialog") != nil {
		t.Error("dialog still open")
	}
	if got := page.MustTestID(t, "users-status").Text(); got != "Sam Staff is now Admin." {
		t.Errorf("status %q", got)
	}
	if got := page.MustTestID(t, "user-role-u-staff").Text(); got != "Admin" {
		t.Errorf("badge %q", got)
	}
}

func TestUsersOverridesDialog(t *testing.T) {
	f := &uitest.Fake{EffectiveByUser: map[string][]api.EffectivePermission{
		"u-staff": {{ID: "users.view", Source: "role"}, {ID: "audit.view", Source: "override"}, {ID: "contacts.edit:own", Source: "role"}},
	}}
	c, e, ctx := loadUsers(t, f, usersMe("admin"))
	c.start(ctx, "u-staff", "overrides", "user-more-u-staff")
	e.ConsumeAll()
	page := uitest.Render(t, c)
	page.MustTestID(t, "overrides-dialog")
	if got := uitest.Selected(page.MustTestID(t, "override-audit.view")); got != "grant" {
		t.Errorf("audit.view = %q", got)
	}
	if got := uitest.Selected(page.MustTestID(t, "override-invoices.edit")); got != "deny" {
		t.Errorf("invoices.edit = %q", got)
	}
	if got := uitest.Selected(page.MustTestID(t, "override-users.view")); got != "inherit" {
		t.Errorf("users.view = %q", got)
	}
	// Why can Sam do X: what they hold now, and where it comes from.
	now := map[string]string{
		"users.view":    "Yes, from the role",
		"audit.view":    "Yes, granted to this person",
		"contacts.edit": "Own records, from the role",
		"billing.view":  "No",
	}
	for id, want := range now {
		if got := page.MustTestID(t, "effective-"+id).Text(); got != want {
			t.Errorf("%s now %q, want %q", id, got, want)
		}
	}
	// An admin grants only what they hold.
	grant := page.MustTestID(t, "override-billing.manage").All(func(e *uitest.Node) bool { return e.Tag == "option" && e.Attrs["value"] == "grant" })
	if len(grant) != 1 || grant[0].Attrs["disabled"] != "true" {
		t.Errorf("billing.manage grant %v", grant)
	}
	ownScope := page.MustTestID(t, "override-contacts.edit").All(func(e *uitest.Node) bool { return e.Tag == "option" && e.Attrs["value"] == "own" })
	if len(ownScope) != 1 {
		t.Error("no own-records grant for an own-scope action")
	}
	// Every select is labelled by its permission's name.
	sel := page.MustTestID(t, "override-users.view")
	if labels := page.All(func(e *uitest.Node) bool { return e.Tag == "label" && e.Attrs["for"] == sel.Attrs["id"] }); len(labels) != 1 || labels[0].Text() != "View" {
		t.Errorf("labels %v", labels)
	}

	c.overrides.Form.choice["events.delete"] = ovDeny
	c.overrides.Form.choice["contacts.edit"] = ovOwn
	delete(c.overrides.Form.choice, "invoices.edit")
	c.overrides.save(ctx, c)
	e.ConsumeAll()
	if want := []string{"patch u-staff grant=audit.view,contacts.edit:own deny=events.delete"}; !slices.Equal(f.Logged(), want) {
		t.Errorf("calls %v, want %v", f.Logged(), want)
	}
	if uitest.Render(t, c).ByTestID("overrides-dialog") != nil {
		t.Error("dialog still open")
	}

	// Granting what one lacks is stopped before the server.
	c.start(ctx, "u-staff", "overrides", "x")
	e.ConsumeAll()
	c.overrides.Form.choice["billing.manage"] = ovGrant
	c.overrides.save(ctx, c)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "overrides-error").Text(); got != "You can only grant permissions you hold yourself (“Billing & subscription: Manage”)." {
		t.Errorf("error %q", got)
	}
	if len(f.Logged()) != 1 {
		t.Errorf("sent %v", f.Logged())
	}
}

func TestUsersResetPassword(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx := loadUsers(t, f, usersMe("super_admin"))
	c.start(ctx, "u-admin", "reset-password", "user-more-u-admin")
	page := uitest.Render(t, c)
	page.MustTestID(t, "user-reset-dialog")
	if page.MustTestID(t, "user-reset-mode-email").Attrs["checked"] != "true" {
		t.Error("email is not the default")
	}
	c.reset.submit(ctx)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "users-status").Text(); got != "A reset link is on its way to ada@clinic.example." {
		t.Errorf("status %q", got)
	}

	c.start(ctx, "u-admin", "reset-password", "x")
	c.reset.Form.mode = "set"
	c.reset.Form.password = "1234"
	c.reset.submit(ctx)
	if got := uitest.Render(t, c).MustTestID(t, "user-reset-password-error").Text(); got != "Use at least 8 characters." {
		t.Errorf("error %q", got)
	}
	c.reset.Form.password = "a long new password"
	c.reset.submit(ctx)
	e.ConsumeAll()
	if want := []string{"reset-password u-admin email ", "reset-password u-admin set a long new password"}; !slices.Equal(f.Logged(), want) {
		t.Errorf("calls %v", f.Logged())
	}
}

// The add dialog says how long an invitation works as the server says it
// (INVITE_TTL), not a number of its own.
func TestInviteNoteFollowsTheServer(t *testing.T) {
	for _, c := range []struct {
		hours int
		want  string
	}{{168, "works for 7 days;"}, {24, "works for 1 day;"}, {36, "works for 36 hours;"}, {0, "works until the date shown under Pending invites;"}} {
		if got := inviteNote(c.hours); !strings.Contains(got, c.want) {
			t.Errorf("%d hours: %q", c.hours, got)
		}
	}
}

// Someone of the team who does not sign in: the dialog asks for no
// password and sends no invitation, and they are listed apart.
func TestUsersCreateWithoutALogin(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx := loadUsers(t, f, usersMe("admin"))
	c.create.open(ctx)
	page := uitest.Render(t, c)
	box := page.MustTestID(t, "user-nologin-toggle")
	if labels := page.All(func(n *uitest.Node) bool { return n.Tag == "label" && n.Attrs["for"] == box.Attrs["id"] }); len(labels) != 1 {
		t.Errorf("the no-login box has %d labels", len(labels))
	}
	fm := c.create.Form
	fm.name, fm.email, fm.roleID, fm.noLogin = "Pia Porter", "pia@clinic.example", "staff", true
	page = uitest.Render(t, c)
	if page.ByTestID("user-invite-note") != nil || page.ByTestID("user-password-toggle") != nil {
		t.Error("the invitation note or the password box is shown for someone without a login")
	}
	c.create.submit(ctx, c)
	e.ConsumeAll()
	log := f.Logged()
	if log[len(log)-1] != "create pia@clinic.example staff no-login" {
		t.Errorf("calls %v", log)
	}
	page = uitest.Render(t, c)
	if got := rowIDs(page, "nologin-section"); !slices.Contains(got, "new") {
		t.Errorf("staff without a login lists %v", got)
	}
	if got := rowIDs(page, "pending-section"); slices.Contains(got, "new") {
		t.Error("listed as a pending invitation too")
	}
}
