package users

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/api"
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
	if got := page.MustTestID(t, "users-stats").TestIDs("stat-"); got[len(got)-1] != "stat-pending" {
		t.Errorf("pending invites not after the last role: %v", got)
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
	if got := uitest.DescribedBy(page, revoke); got != "This is the last active Super Admin; at least one must remain." {
		t.Errorf("last super admin's revoke described as %q", got)
	}
	if got := uitest.DescribedBy(page, page.MustTestID(t, "user-action-role-u-super_admin")); got != "This is the last active Super Admin; at least one must remain." {
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

// The last super admin is the server's count, not the list's: a super
// admin of a private role, whom this viewer is not shown, still counts.
func TestUsersLastSuperAdminIsTheServersCount(t *testing.T) {
	f := &uitest.Fake{HiddenSuperAdmins: 1}
	c, _, _ := loadUsers(t, f, usersMe("super_admin"))
	page := uitest.Render(t, c)
	if got := uitest.DescribedBy(page, page.MustTestID(t, "user-action-revoke-u-super_admin")); got != "You cannot revoke yourself." {
		t.Errorf("own revoke described as %q", got)
	}
	if got := uitest.DescribedBy(page, page.MustTestID(t, "user-action-role-u-super_admin")); got != "You cannot change your own role." {
		t.Errorf("own role change described as %q", got)
	}
}

func TestUsersActionsAsAdmin(t *testing.T) {
	c, _, _ := loadUsers(t, &uitest.Fake{}, usersMe("admin"))
	page := uitest.Render(t, c)
	superAdmin := "Only a Super Admin can change a Super Admin."
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
	if got := page.MustTestID(t, "users-reason").Text(); !strings.Contains(got, "“Users: Manage”") {
		t.Errorf("reason = %q", got)
	}
	create := page.MustTestID(t, "user-create")
	if create.Attrs["disabled"] != "true" || uitest.DescribedBy(page, create) != "Adding users needs the permission “Users: Create”." {
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
