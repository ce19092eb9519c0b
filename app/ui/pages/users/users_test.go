package users

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/preset"
)

// withPolicy sets the account's policy in me, as /me answers it.
func withPolicy(me api.Me, p account.Policy) api.Me {
	me.Account.Policy = p
	return me
}

// usersMe is meAs on an account with per-user overrides on, as the preset has.
func usersMe(roleID string) api.Me {
	return withPolicy(uitest.MeAs(roleID), preset.SaaSAdmin.Policy)
}

// loadUsers mounts the Users page for me against f and lets its calls finish.
func loadUsers(t *testing.T, f *uitest.Fake, me api.Me) (*Page, app.TestEngine, app.Context) {
	t.Helper()
	if f.UserItems == nil {
		f.UserItems = uitest.SampleUsers()
	}
	if f.RoleItems == nil {
		f.RoleItems = uitest.PresetRoles()
	}
	uitest.Use(t, f)
	e, ctx, _ := uitest.Context(t)
	c := &Page{Me: me}
	c.OnMount(ctx)
	e.ConsumeAll()
	if !c.loaded {
		t.Fatalf("users not loaded: %q", c.problem)
	}
	return c, e, ctx
}

// rowIDs are the user ids listed in a section, in order.
func rowIDs(page *uitest.Node, section string) []string {
	s := page.ByTestID(section)
	if s == nil {
		return nil
	}
	var out []string
	for _, id := range s.TestIDs("user-row-") {
		out = append(out, strings.TrimPrefix(id, "user-row-"))
	}
	return out
}

// actions lists the actions on a user's row, each with "(disabled)" when
// the rules refuse it.
func actions(page *uitest.Node, id string) []string {
	row := page.ByTestID("user-row-" + id)
	if row == nil {
		return nil
	}
	var out []string
	for _, b := range row.All(func(e *uitest.Node) bool { return strings.HasPrefix(e.Attrs["data-testid"], "user-action-") }) {
		a := strings.TrimSuffix(strings.TrimPrefix(b.Attrs["data-testid"], "user-action-"), "-"+id)
		if b.Attrs["disabled"] == "true" {
			a += " (disabled)"
		}
		out = append(out, a)
	}
	return out
}

func TestUsersSectionsBadgesAndStats(t *testing.T) {
	c, _, _ := loadUsers(t, &uitest.Fake{}, usersMe("super_admin"))
	page := uitest.Render(t, c)
	page.MustTestID(t, "page-users")

	sections := map[string][]string{
		"active-section":   {"u-admin", "u-read_only", "u-staff", "u-super_admin"},
		"pending-section":  {"u-ivy", "u-olga"},
		"inactive-section": {"u-dan", "u-rita"},
		"deleted-section":  {"u-del"},
	}
	for s, want := range sections {
		if got := rowIDs(page, s); !slices.Equal(got, want) {
			t.Errorf("%s = %v, want %v", s, got, want)
		}
	}
	if got := page.MustTestID(t, "deleted-section").Text(); !strings.Contains(got, "Restore staff") {
		t.Errorf("deleted section reads %q", got)
	}

	badges := map[string][2]string{
		"u-ivy":   {"Pending invite", "badge badge-amber"},
		"u-olga":  {"Invite expired", "badge badge-expired"},
		"u-dan":   {"Disabled", "badge badge-status-off"},
		"u-staff": {"Active", "badge badge-status-active"},
	}
	for id, want := range badges {
		b := page.MustTestID(t, "user-status-"+id)
		if b.Text() != want[0] || b.Attrs["class"] != want[1] {
			t.Errorf("%s status = %q %q, want %v", id, b.Text(), b.Attrs["class"], want)
		}
	}
	if got := page.MustTestID(t, "user-role-u-staff"); got.Text() != "Staff" || got.Attrs["class"] != "badge badge-green" {
		t.Errorf("staff role badge = %q %q", got.Text(), got.Attrs["class"])
	}
	row := page.MustTestID(t, "user-row-u-admin")
	for _, want := range []string{"AA", "Ada Admin", "ada@clinic.example", "2FA off", "Last sign-in " + time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC).Local().Format("2 Jan 2006, 15:04")} {
		if !strings.Contains(row.Text(), want) {
			t.Errorf("admin row lacks %q: %q", want, row.Text())
		}
	}
	if got := page.MustTestID(t, "user-2fa-u-staff").Text(); got != "2FA on" {
		t.Errorf("staff 2FA = %q", got)
	}
	if got := page.MustTestID(t, "user-row-u-read_only").Text(); !strings.Contains(got, "Never signed in") {
		t.Errorf("reader row = %q", got)
	}

	// Active users per role; the two invitations apart, not in Staff or Read-Only.
	stats := map[string]string{
		"stat-role-super_admin": "1 Super Admin",
		"stat-role-admin":       "1 Admin",
		"stat-role-staff":       "1 Staff",
		"stat-role-read_only":   "1 Read-Only",
		"stat-pending":          "2 Pending invites",
	}
	for id, want := range stats {
		if got := page.MustTestID(t, id).Text(); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	if got := page.MustTestID(t, "stat-role-staff").Attrs["class"]; got != "stat stat-green" {
		t.Errorf("staff card class %q", got)
	}
	if page.MustTestID(t, "users-stats").ByTestID("stat-pending") != nil {
		t.Error("pending invites listed among the roles")
	}
}

func TestUsersActionsAsSuperAdmin(t *testing.T) {
	c, _, _ := loadUsers(t, &uitest.Fake{}, usersMe("super_admin"))
	page := uitest.Render(t, c)
	want := map[string][]string{
		"u-admin": {"role", "revoke", "overrides", "disable", "reset-password", "sessions", "lockout", "delete"},
		// Two-factor on: it can be reset.
		"u-staff": {"role", "revoke", "overrides", "disable", "reset-password", "reset-2fa", "sessions", "lockout", "delete"},
		"u-ivy":   {"invite", "revoke", "role", "delete"},
		"u-dan":   {"enable", "revoke", "role", "overrides", "reset-password", "sessions", "lockout", "delete"},
		"u-rita":  {"invite", "role", "delete"},
		"u-del":   {"restore", "purge"},
		// The last super admin, who is also the one signed in.
		"u-super_admin": {"role (disabled)", "revoke (disabled)", "overrides (disabled)", "disable (disabled)", "reset-password", "delete (disabled)"},
	}
	for id, w := range want {
		if got := actions(page, id); !slices.Equal(got, w) {
			t.Errorf("%s actions = %v, want %v", id, got, w)
		}
	}
	// Invitations: resend and cancel.
	if got := page.MustTestID(t, "user-action-invite-u-ivy").Text(); got != "Resend invite" {
		t.Errorf("invite button = %q", got)
	}
	if got := page.MustTestID(t, "user-action-revoke-u-ivy").Text(); got != "Cancel invite" {
		t.Errorf("revoke of an invitation = %q", got)
	}
	// Refused controls say why, on the page.
	revoke := page.MustTestID(t, "user-action-revoke-u-super_admin")
	if got := uitest.DescribedBy(page, revoke); got != "This is the last active super admin; at least one must remain." {
		t.Errorf("last super admin's revoke described as %q", got)
	}
	if got := uitest.DescribedBy(page, page.MustTestID(t, "user-action-role-u-super_admin")); got != "This is the last active super admin; at least one must remain." {
		t.Errorf("role change described as %q", got)
	}
	if page.ByTestID("users-reason") != nil {
		t.Error("a super admin is told the page is read-only")
	}
	create := page.MustTestID(t, "user-create")
	if create.Attrs["disabled"] == "true" {
		t.Error("a super admin cannot add users")
	}
	// The less frequent actions sit in a closed menu, its button saying so.
	more := page.MustTestID(t, "user-more-u-admin")
	if more.Attrs["aria-expanded"] != "false" || more.Attrs["aria-controls"] != "user-menu-u-admin" {
		t.Errorf("menu button %v", more.Attrs)
	}
	if page.MustTestID(t, "user-menu-u-admin").Attrs["hidden"] != "true" {
		t.Error("menu open before it is asked for")
	}
}

func TestUsersSecondSuperAdminIsNotTheLast(t *testing.T) {
	f := &uitest.Fake{UserItems: append(uitest.SampleUsers(), api.User{ID: "u-max", Name: "Max Super", Email: "max@clinic.example", RoleID: "super_admin", Status: "active"})}
	c, _, _ := loadUsers(t, f, usersMe("super_admin"))
	page := uitest.Render(t, c)
	// Super admins hold everything: no per-user permissions for them.
	if got := actions(page, "u-max"); !slices.Equal(got, []string{"role", "revoke", "disable", "reset-password", "sessions", "lockout", "delete"}) {
		t.Errorf("other super admin: %v", got)
	}
	// Oneself, no longer the last: the rule in the way is now "not yourself".
	if got := uitest.DescribedBy(page, page.MustTestID(t, "user-action-revoke-u-super_admin")); got != "You cannot revoke yourself." {
		t.Errorf("own revoke described as %q", got)
	}
}

func TestUsersActionsAsAdmin(t *testing.T) {
	c, _, _ := loadUsers(t, &uitest.Fake{}, usersMe("admin"))
	page := uitest.Render(t, c)
	superAdmin := "Only a super admin can change a super admin."
	// Every door to a super admin's login says the one reason, overrides too.
	if got := actions(page, "u-super_admin"); !slices.Equal(got, []string{"role (disabled)", "revoke (disabled)", "overrides (disabled)", "disable (disabled)", "reset-password (disabled)", "sessions (disabled)", "lockout (disabled)", "delete (disabled)"}) {
		t.Errorf("super admin's row as seen by an admin: %v", got)
	}
	if got := uitest.DescribedBy(page, page.MustTestID(t, "user-action-revoke-u-super_admin")); got != superAdmin {
		t.Errorf("reason %q", got)
	}
	if got := actions(page, "u-admin"); !slices.Contains(got, "role (disabled)") || !slices.Contains(got, "disable (disabled)") {
		t.Errorf("own row: %v", got)
	}
	if got := actions(page, "u-staff"); !slices.Equal(got, []string{"role", "revoke", "overrides", "disable", "reset-password", "reset-2fa", "sessions", "lockout", "delete"}) {
		t.Errorf("staff row: %v", got)
	}
}

func TestUsersReadOnly(t *testing.T) {
	c, _, _ := loadUsers(t, &uitest.Fake{}, usersMe("read_only"))
	page := uitest.Render(t, c)
	if ids := page.TestIDs("user-action-"); len(ids) != 0 {
		t.Errorf("read-only sees actions %v", ids)
	}
	if ids := page.TestIDs("user-more-"); len(ids) != 0 {
		t.Errorf("read-only sees menus %v", ids)
	}
	if got := page.MustTestID(t, "users-reason").Text(); !strings.Contains(got, "users.manage") {
		t.Errorf("reason = %q", got)
	}
	create := page.MustTestID(t, "user-create")
	if create.Attrs["disabled"] != "true" || uitest.DescribedBy(page, create) != "Adding users needs the permission users.create." {
		t.Errorf("create = %v %q", create.Attrs, uitest.DescribedBy(page, create))
	}
	// Everyone is still listed, with the stats.
	if got := rowIDs(page, "active-section"); len(got) != 4 {
		t.Errorf("active = %v", got)
	}
	page.MustTestID(t, "stat-pending")
}

// Without roles.view the role names cannot be read: the page still works,
// naming roles by their ids.
func TestUsersWithoutRoles(t *testing.T) {
	me := usersMe("staff")
	f := &uitest.Fake{RoleItems: []api.Role{}}
	f.UserItems = uitest.SampleUsers()
	uitest.Use(t, f)
	f.RoleItems = nil
	e, ctx, _ := uitest.Context(t)
	c := &Page{Me: me}
	c.OnMount(ctx)
	e.ConsumeAll()
	if !c.loaded {
		t.Fatalf("not loaded: %q", c.problem)
	}
	page := uitest.Render(t, c)
	if got := page.MustTestID(t, "user-role-u-admin").Text(); got != "Admin" {
		t.Errorf("admin role named %q", got)
	}
	if got := page.MustTestID(t, "stat-role-read_only").Text(); got != "1 Read only" {
		t.Errorf("read-only stat %q", got)
	}
}

func TestUsersPoliciesHideActions(t *testing.T) {
	me := withPolicy(uitest.MeAs("super_admin"), account.Policy{Overrides: false})
	c, _, _ := loadUsers(t, &uitest.Fake{}, me)
	if got := actions(uitest.Render(t, c), "u-staff"); slices.Contains(got, "overrides") {
		t.Errorf("per-user permissions offered with overrides off: %v", got)
	}
}

func TestUsersFilters(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx := loadUsers(t, f, usersMe("super_admin"))
	c.setFilter(ctx, "invited", "")
	e.ConsumeAll()
	page := uitest.Render(t, c)
	if got := rowIDs(page, "pending-section"); !slices.Equal(got, []string{"u-ivy", "u-olga"}) {
		t.Errorf("pending = %v", got)
	}
	for _, s := range []string{"active-section", "inactive-section", "deleted-section"} {
		if page.ByTestID(s) != nil {
			t.Errorf("%s shown with the invited filter", s)
		}
	}
	// The page's requests run at once: look for the filtered one among them.
	if !slices.ContainsFunc(f.Queries, func(q client.UserQuery) bool { return q.Status == "invited" && q.Limit == 200 }) {
		t.Errorf("no query for invited users in %+v", f.Queries)
	}
	// The rules still see the whole account: the stats too.
	if got := page.MustTestID(t, "stat-role-admin").Text(); got != "1 Admin" {
		t.Errorf("stats follow the filter: %q", got)
	}

	c.q = "sam"
	c.setFilter(ctx, "", "")
	e.ConsumeAll()
	page = uitest.Render(t, c)
	if got := rowIDs(page, "active-section"); !slices.Equal(got, []string{"u-staff"}) {
		t.Errorf("search for sam = %v", got)
	}
	if !slices.ContainsFunc(f.Queries, func(q client.UserQuery) bool { return q.Q == "sam" }) {
		t.Errorf("no query for sam in %+v", f.Queries)
	}

	c.q = "nobody"
	c.setFilter(ctx, "", "")
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "users-none").Text(); got != "No user matches the search and filters." {
		t.Errorf("none = %q", got)
	}
}

// Lists longer than a page are read to the end.
func TestUsersReadEveryPage(t *testing.T) {
	var many []api.User
	for i := range 450 {
		many = append(many, api.User{ID: "u" + string(rune('a'+i/26%26)) + string(rune('a'+i%26)) + string(rune('0'+i/676)), Name: "User", Status: "active", RoleID: "staff"})
	}
	f := &uitest.Fake{UserItems: many}
	c, _, _ := loadUsers(t, f, usersMe("super_admin"))
	if len(c.data.all) != 450 {
		t.Errorf("%d users read", len(c.data.all))
	}
}

func TestUsersRevokeConfirmation(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx := loadUsers(t, f, usersMe("super_admin"))
	c.start(ctx, "u-staff", "revoke", "user-action-revoke-u-staff")
	page := uitest.Render(t, c)
	dialog := page.MustTestID(t, "confirm-dialog")
	if !strings.Contains(dialog.Text(), "Sam Staff will immediately lose their login. Their profile stays and they can be re-invited later.") {
		t.Errorf("confirmation reads %q", dialog.Text())
	}
	if got := page.MustTestID(t, "confirm-ok").Text(); got != "Revoke access" {
		t.Errorf("ok button %q", got)
	}
	c.Confirmed(ctx)
	e.ConsumeAll()
	if !slices.Equal(f.Logged(), []string{"revoke u-staff"}) {
		t.Errorf("calls %v", f.Logged())
	}
	page = uitest.Render(t, c)
	if page.ByTestID("confirm-dialog") != nil {
		t.Error("dialog still open")
	}
	if got := rowIDs(page, "inactive-section"); !slices.Contains(got, "u-staff") {
		t.Errorf("revoked user not under Inactive: %v", got)
	}
	if got := page.MustTestID(t, "users-status").Text(); got != "Sam Staff can no longer sign in." {
		t.Errorf("status = %q", got)
	}
}

func TestUsersConfirmationsNameThePerson(t *testing.T) {
	tests := []struct {
		id, action, want, call string
	}{
		{"u-ivy", "revoke", "The link in the invitation email to ivy@clinic.example stops working", "revoke u-ivy"},
		{"u-ivy", "invite", "A new link goes to ivy@clinic.example", "invite u-ivy"},
		{"u-admin", "disable", "Ada Admin is signed out at once", "disable u-admin"},
		{"u-dan", "enable", "Dan Disabled can sign in again", "enable u-dan"},
		{"u-admin", "delete", "Ada Admin loses their login at once and moves to Restore staff", "delete u-admin"},
		{"u-del", "restore", "Del Deleted comes back", "restore u-del"},
		{"u-del", "purge", "removed permanently. This cannot be undone.", "purge u-del"},
		{"u-staff", "reset-2fa", "Sam Staff signs in with their password alone", "reset-2fa u-staff"},
		{"u-admin", "sessions", "Every session of Ada Admin ends at once", "end-sessions u-admin"},
		{"u-admin", "lockout", "Clearing forgets those failures, so Ada Admin can sign in at once from anywhere.", "clear-lockout u-admin"},
	}
	for _, tt := range tests {
		t.Run(tt.action+" "+tt.id, func(t *testing.T) {
			f := &uitest.Fake{}
			c, e, ctx := loadUsers(t, f, usersMe("super_admin"))
			c.start(ctx, tt.id, tt.action, "x")
			if got := uitest.Render(t, c).MustTestID(t, "confirm-dialog").Text(); !strings.Contains(got, tt.want) {
				t.Errorf("confirmation reads %q", got)
			}
			c.Confirmed(ctx)
			e.ConsumeAll()
			if !slices.Equal(f.Logged(), []string{tt.call}) {
				t.Errorf("calls %v", f.Logged())
			}
		})
	}
}

// The lockout confirmation says whether sign-ins wait now, and until when,
// as the server reads it when the dialog opens.
func TestUsersLockoutConfirmationSaysUntilWhen(t *testing.T) {
	until := time.Date(2026, 12, 2, 14, 5, 0, 0, time.UTC)
	for _, tt := range []struct {
		name   string
		locked *time.Time
		want   string
	}{
		{"locked", &until, "Sign-ins from new browsers wait until " + kit.DateTime(until) + "."},
		{"not locked", nil, "No sign-in waits now: Ada Admin can sign in."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := &uitest.Fake{}
			c, e, ctx := loadUsers(t, f, usersMe("super_admin"))
			f.UserItems[f.UserIndex("u-admin")].LockedUntil = tt.locked
			c.start(ctx, "u-admin", "lockout", "x")
			e.ConsumeAll()
			if got := uitest.Render(t, c).MustTestID(t, "confirm-details").Text(); got != tt.want {
				t.Errorf("details read %q; want %q", got, tt.want)
			}
		})
	}
}

func TestUsersActionRefusedByServer(t *testing.T) {
	f := &uitest.Fake{Refuse: uitest.RefusalError(api.CodeSeatLimitReached, "Every seat of the Professional plan is taken (5).")}
	c, e, ctx := loadUsers(t, f, usersMe("super_admin"))
	c.start(ctx, "u-rita", "invite", "x")
	c.Confirmed(ctx)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "confirm-error").Text(); got != "Every seat of the Professional plan is taken (5)." {
		t.Errorf("error = %q", got)
	}
}

// A refused action is not sent, even when asked for by other means.
func TestUsersRulesGuardActions(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx := loadUsers(t, f, usersMe("admin"))
	c.start(ctx, "u-super_admin", "disable", "x")
	e.ConsumeAll()
	if c.Confirm != nil || len(f.Logged()) != 0 {
		t.Errorf("asked anyway: %v", f.Logged())
	}
	if c.status != "Only a super admin can change a super admin." {
		t.Errorf("status = %q", c.status)
	}
}

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
	page.MustTestID(t, "user-invite-note")
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
	for _, want := range []string{"Only a super admin can make someone Super Admin.", "Roles only move up the ladder here"} {
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
	if got := uitest.Render(t, c).MustTestID(t, "overrides-error").Text(); got != "You can only grant permissions you hold yourself (billing.manage)." {
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

// A change elsewhere moves the account's revision: the page refetches, and
// a user who accepted their invitation shows as active.
func TestUsersRefetchOnNewRevision(t *testing.T) {
	f := &uitest.Fake{}
	me := usersMe("super_admin")
	c, e, ctx := loadUsers(t, f, me)
	f.Mu.Lock()
	f.UserItems[3].Status = "active"
	f.Mu.Unlock()
	c.OnUpdate(ctx)
	e.ConsumeAll()
	if got := rowIDs(uitest.Render(t, c), "pending-section"); !slices.Contains(got, "u-ivy") {
		t.Fatal("refetched without a new revision")
	}
	me.Account.Revision++
	c.Me = me
	c.OnUpdate(ctx)
	e.ConsumeAll()
	page := uitest.Render(t, c)
	if got := rowIDs(page, "active-section"); !slices.Contains(got, "u-ivy") {
		t.Errorf("active = %v", got)
	}
	if got := page.MustTestID(t, "stat-pending").Text(); got != "1 Pending invites" {
		t.Errorf("pending %q", got)
	}
}

// /users?user=ID marks the row, and ?do=role opens its role dialog.
func TestUsersHighlight(t *testing.T) {
	c, e, ctx := loadUsers(t, &uitest.Fake{}, usersMe("super_admin"))
	c.highlight, c.then = "u-staff", "role"
	c.showHighlight(ctx)
	e.ConsumeAll()
	page := uitest.Render(t, c)
	if got := page.MustTestID(t, "user-row-u-staff").Attrs["class"]; got != "user-row user-row-highlight" {
		t.Errorf("row class %q", got)
	}
	if page.ByTestID("user-role-dialog") == nil {
		t.Error("role dialog not opened")
	}
}

func TestUsersUnavailable(t *testing.T) {
	uitest.Use(t, &uitest.Fake{UsersErr: uitest.ApiError(503, api.CodeUnavailable), RoleItems: uitest.PresetRoles()})
	e, ctx, _ := uitest.Context(t)
	c := &Page{Me: usersMe("super_admin")}
	c.OnMount(ctx)
	e.ConsumeAll()
	page := uitest.Render(t, c)
	alerts := page.All(func(e *uitest.Node) bool { return e.Attrs["role"] == "alert" })
	if len(alerts) != 1 || alerts[0].Text() != "The service is unavailable. Try again shortly." {
		t.Errorf("alerts %v", alerts)
	}
}

// Acting on the login of someone who holds more than oneself is refused
// by the server; the page greys out every such action on their row, with
// the server's sentence, before anything is tried.
func TestUsersActionsOnAStrongerColleagueAreGreyedOut(t *testing.T) {
	users := append(uitest.SampleUsers(), api.User{ID: "u-bill", Name: "Bea Billing", Email: "bea@clinic.example", RoleID: "read_only", Status: "active",
		Overrides: perm.Overrides{Grant: []string{"billing.manage"}}})
	c, _, _ := loadUsers(t, &uitest.Fake{UserItems: users}, usersMe("admin"))
	page := uitest.Render(t, c)
	got := actions(page, "u-bill")
	if len(got) == 0 {
		t.Fatal("no actions on the row")
	}
	for _, a := range got {
		if !strings.HasSuffix(a, "(disabled)") {
			t.Errorf("action %s is open on a colleague holding billing.manage: %v", a, got)
		}
	}
	const why = "You cannot act on the login of someone who holds a permission you do not hold (billing.manage)."
	for _, id := range []string{"revoke", "disable", "reset-password", "sessions", "delete"} {
		if d := uitest.DescribedBy(page, page.MustTestID(t, "user-action-"+id+"-u-bill")); d != why {
			t.Errorf("%s described as %q", id, d)
		}
	}
	// The same admin acts on a colleague they hold everything of.
	if got := actions(page, "u-read_only"); slices.ContainsFunc(got, func(a string) bool { return strings.HasSuffix(a, "(disabled)") }) {
		t.Errorf("reader's row: %v", got)
	}
}
