package users

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/rules"
)

// cappedRoles is presetRoles with a cap on one role and its holders counted.
func cappedRoles(id string, max, holders int) []api.Role {
	roles := uitest.PresetRoles()
	for i := range roles {
		if roles[i].ID == id {
			roles[i].MaxHolders, roles[i].Holders = max, holders
		}
	}
	return roles
}

// option is the <option value=value> of the select with the test id.
func option(t *testing.T, page *uitest.Node, selectID, value string) *uitest.Node {
	t.Helper()
	opts := page.MustTestID(t, selectID).All(func(e *uitest.Node) bool { return e.Tag == "option" && e.Attrs["value"] == value })
	if len(opts) != 1 {
		t.Fatalf("%s has %d options %q", selectID, len(opts), value)
	}
	return opts[0]
}

// wantGreyed checks that an option is disabled, says why in a word, and
// that the select's description has the server's sentence.
func wantGreyed(t *testing.T, page *uitest.Node, selectID, value, label, sentence string) {
	t.Helper()
	o := option(t, page, selectID, value)
	if o.Attrs["disabled"] != "true" || o.Text() != label {
		t.Errorf("%s option %s: disabled=%q text %q; want disabled, %q", selectID, value, o.Attrs["disabled"], o.Text(), label)
	}
	sel := page.MustTestID(t, selectID)
	if got := uitest.DescribedBy(page, sel); !strings.Contains(got, sentence) {
		t.Errorf("%s described as %q; want it to say %q", selectID, got, sentence)
	}
	if got := page.MustTestID(t, selectID+"-why").Text(); !strings.Contains(got, sentence) {
		t.Errorf("%s-why reads %q", selectID, got)
	}
}

// A role's cap counts every seat holder, those of a private role the list
// hides from the viewer too: the server's count, not the list's.
func TestUsersRoleCapCountsHiddenHolders(t *testing.T) {
	f := &uitest.Fake{RoleItems: cappedRoles("admin", 1, 1)}
	f.UserItems = slices.DeleteFunc(uitest.SampleUsers(), func(u api.User) bool { return u.RoleID == "admin" })
	f.HiddenSeated = map[string]int{"admin": 1}
	c, e, ctx := loadUsers(t, f, usersMe("super_admin"))
	c.start(ctx, "u-staff", actRole, "user-action-role-u-staff")
	e.ConsumeAll()
	wantGreyed(t, uitest.Render(t, c), "role-dialog-select", "admin", "Admin (full)", "Admin is limited to one user.")
}

func TestUsersRoleCapFullIsGreyedOut(t *testing.T) {
	f := &uitest.Fake{RoleItems: cappedRoles("admin", 1, 1)}
	c, e, ctx := loadUsers(t, f, usersMe("super_admin"))
	c.start(ctx, "u-staff", actRole, "user-action-role-u-staff")
	page := uitest.Render(t, c)
	wantGreyed(t, page, "role-dialog-select", "admin", "Admin (full)", "Admin is limited to one user.")
	if o := option(t, page, "role-dialog-select", "read_only"); o.Attrs["disabled"] != "" {
		t.Error("an uncapped role is greyed out")
	}
	// Chosen anyway (a stale page): refused before the server.
	c.roleForm.Form.roleID = "admin"
	c.roleForm.save(ctx, c)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "role-dialog-error").Text(); got != "Admin is limited to one user." {
		t.Errorf("error %q", got)
	}
	if len(f.Logged()) != 0 {
		t.Errorf("sent %v", f.Logged())
	}

	// A revoked login holds no seat: the cap does not stop moving them.
	c.roleForm.Close(ctx)
	c.start(ctx, "u-rita", actRole, "user-more-u-rita")
	if o := option(t, uitest.Render(t, c), "role-dialog-select", "admin"); o.Attrs["disabled"] != "" {
		t.Error("full role greyed out for a revoked user")
	}

	// Adding someone as Admin: greyed out there too.
	c.roleForm.Close(ctx)
	c.create.open(ctx)
	wantGreyed(t, uitest.Render(t, c), "user-role", "admin", "Admin (full)", "Admin is limited to one user.")
}

func TestUsersSeatsFullAreGreyedOut(t *testing.T) {
	me := usersMe("super_admin")
	me.Account.Seats = api.Seats{Used: 15, Limit: 15}
	// The seats the list does not show make up the 15 the stats count.
	f := &uitest.Fake{UserItems: uitest.SampleUsers()}
	f.HiddenSeated = map[string]int{"super_admin": 15 - seatHolders(f.UserItems)}
	c, _, ctx := loadUsers(t, f, me)
	page := uitest.Render(t, c)
	const full = "Every seat of the Business plan is taken (15)."
	create := page.MustTestID(t, "user-create")
	if create.Attrs["disabled"] != "true" || uitest.DescribedBy(page, create) != full {
		t.Errorf("add user = %v %q", create.Attrs, uitest.DescribedBy(page, create))
	}
	// Inviting a revoked login again takes a seat: greyed out, with the sentence on the row.
	invite := page.MustTestID(t, "user-action-invite-u-rita")
	if invite.Attrs["disabled"] != "true" || uitest.DescribedBy(page, invite) != full {
		t.Errorf("re-invite = %v %q", invite.Attrs, uitest.DescribedBy(page, invite))
	}
	// What keeps the seat stays open: resending an invitation, enabling.
	for _, id := range []string{"user-action-invite-u-ivy", "user-action-enable-u-dan"} {
		if page.MustTestID(t, id).Attrs["disabled"] != "" {
			t.Errorf("%s greyed out with the seats full", id)
		}
	}
	// A change of role takes no new seat.
	c.start(ctx, "u-staff", actRole, "user-action-role-u-staff")
	if o := option(t, uitest.Render(t, c), "role-dialog-select", "admin"); o.Attrs["disabled"] != "" {
		t.Error("role change greyed out with the seats full")
	}
	c.roleForm.Close(ctx)
	// Should the dialog be open when the last seat goes, every role says so.
	c.create.open(ctx)
	page = uitest.Render(t, c)
	for _, id := range []string{"admin", "staff", "read_only"} {
		o := option(t, page, "user-role", id)
		if o.Attrs["disabled"] != "true" || !strings.HasSuffix(o.Text(), "(no seat free)") {
			t.Errorf("%s option %v %q", id, o.Attrs, o.Text())
		}
	}
	if got := page.MustTestID(t, "user-role-why").Text(); strings.Count(got, full) != 1 {
		t.Errorf("reasons %q: want the sentence once", got)
	}
}

func TestUsersLadderDemotionIsGreyedOut(t *testing.T) {
	me := withPolicy(uitest.MeAs("super_admin"), account.Policy{Ladder: true, Overrides: true})
	c, _, ctx := loadUsers(t, &uitest.Fake{}, me)
	c.start(ctx, "u-staff", actRole, "user-action-role-u-staff")
	wantGreyed(t, uitest.Render(t, c), "role-dialog-select", "read_only", "Read-Only (down the ladder)",
		"Roles only move up the ladder here; to move Staff down to Read-Only, delete the user and add them again.")
}

func TestUsersSuperAdminRoleIsGreyedOutForAdmins(t *testing.T) {
	c, _, ctx := loadUsers(t, &uitest.Fake{}, usersMe("admin"))
	c.create.open(ctx)
	wantGreyed(t, uitest.Render(t, c), "user-role", "super_admin", "Super Admin (not yours to give)", "Only a Super Admin can make someone Super Admin.")
	c.create.Close(ctx)
	c.start(ctx, "u-staff", actRole, "user-action-role-u-staff")
	wantGreyed(t, uitest.Render(t, c), "role-dialog-select", "super_admin", "Super Admin (not yours to give)", "Only a Super Admin can make someone Super Admin.")
}

// The ladder preset: one Super Admin, a cap of 1 that even a super admin meets.
func TestUsersOneSuperAdminIsGreyedOut(t *testing.T) {
	c, _, ctx := loadUsers(t, &uitest.Fake{RoleItems: cappedRoles("super_admin", 1, 1)}, usersMe("super_admin"))
	c.create.open(ctx)
	wantGreyed(t, uitest.Render(t, c), "user-role", "super_admin", "Super Admin (full)", "Super Admin is limited to one user.")
	c.create.Close(ctx)
	c.start(ctx, "u-admin", actRole, "user-action-role-u-admin")
	wantGreyed(t, uitest.Render(t, c), "role-dialog-select", "super_admin", "Super Admin (full)", "Super Admin is limited to one user.")
}

func TestUsersOverridesBadge(t *testing.T) {
	f := &uitest.Fake{UserItems: append(uitest.SampleUsers(),
		api.User{ID: "u-gil", Name: "Gil Granted", Email: "gil@clinic.example", RoleID: "staff", Status: "active",
			Overrides: perm.Overrides{Grant: []string{"audit.view", "contacts.edit:own"}, Deny: []string{}}})}
	c, _, _ := loadUsers(t, f, usersMe("super_admin"))
	page := uitest.Render(t, c)
	badge := page.MustTestID(t, "user-overrides-u-staff")
	spans := badge.All(func(e *uitest.Node) bool { return e.Tag == "span" })
	if len(spans) != 3 || spans[1].Text() != "+1 / −1 overrides" || spans[1].Attrs["aria-hidden"] != "true" ||
		spans[2].Text() != "Per-user overrides: 1 granted, 1 denied" || spans[2].Attrs["class"] != "sr-only" {
		t.Errorf("badge = %q", badge.Text())
	}
	if got := badge.Attrs["title"]; got != "granted Audit log: View; denied Invoices: Edit" {
		t.Errorf("title %q", got)
	}
	if got := page.MustTestID(t, "user-overrides-u-gil").Text(); got != "+2 overrides Per-user overrides: 2 granted" {
		t.Errorf("grants only: %q", got)
	}
	var marked []string
	for _, id := range page.TestIDs("user-overrides-") {
		marked = append(marked, strings.TrimPrefix(id, "user-overrides-"))
	}
	if !slices.Equal(marked, []string{"u-staff", "u-gil"}) {
		t.Errorf("rows marked %v", marked)
	}
}

func TestUsersRoleDialogSaysOverridesRemain(t *testing.T) {
	c, _, ctx := loadUsers(t, &uitest.Fake{}, usersMe("super_admin"))
	c.start(ctx, "u-staff", actRole, "user-action-role-u-staff")
	const kept = "Sam Staff keeps their per-user overrides whatever the role: granted Audit log: View; denied Invoices: Edit."
	if got := uitest.Render(t, c).MustTestID(t, "role-dialog-overrides").Text(); got != kept {
		t.Errorf("overrides note %q", got)
	}
	c.roleForm.Form.roleID = "super_admin"
	if got := uitest.Render(t, c).MustTestID(t, "role-dialog-overrides").Text(); got != kept+" As Super Admin they have no effect: that role holds every permission." {
		t.Errorf("as super admin %q", got)
	}
	c.roleForm.Close(ctx)
	c.start(ctx, "u-admin", actRole, "user-action-role-u-admin")
	if uitest.Render(t, c).ByTestID("role-dialog-overrides") != nil {
		t.Error("note shown for someone without overrides")
	}
}

// seatHolders counts the users listed who hold a seat.
func seatHolders(us []api.User) int {
	n := 0
	for _, u := range us {
		if rules.HoldsSeat(u.Status) {
			n++
		}
	}
	return n
}

// The seat line, and the rules that grey out what needs a seat, count from
// the answer that brought the list: after adding someone both change at
// once, though /me still says what it said before.
func TestUsersSeatLineComesWithTheList(t *testing.T) {
	me := usersMe("super_admin")
	me.Account.Seats = api.Seats{Used: 1, Limit: 15} // /me, behind
	f := &uitest.Fake{UserItems: uitest.SampleUsers()}
	c, e, ctx := loadUsers(t, f, me)
	line := func() string { return uitest.Render(t, c).MustTestID(t, "users-seats").Text() }
	wantLine := func(n int) string {
		return strconv.Itoa(n) + " of 15 seats in use (active, disabled and invited users hold one)."
	}
	held := seatHolders(f.UserItems)
	if got := line(); got != wantLine(held) {
		t.Fatalf("seat line %q, want %q", got, wantLine(held))
	}
	for _, add := range []struct {
		name, email, password string
		noLogin               bool
		takes                 int
	}{
		{"Nora Field", "nora@clinic.example", "", false, 1},
		{"Pat Lee", "pat@clinic.example", "a long password here", false, 1},
		{"Nils Ode", "nils@clinic.example", "", true, 0},
	} {
		c.create.open(ctx)
		fm := c.create.Form
		fm.name, fm.email, fm.roleID = add.name, add.email, "staff"
		fm.setPassword, fm.password, fm.noLogin = add.password != "", add.password, add.noLogin
		c.create.submit(ctx, c)
		e.ConsumeAll()
		held += add.takes
		if got, listed := line(), seatHolders(c.data.all); got != wantLine(held) || listed != held {
			t.Errorf("after adding %s: seat line %q with %d seat holders listed, want %q", add.name, got, listed, wantLine(held))
		}
		if c.rules().seats.Used != held {
			t.Errorf("after adding %s the rules count %d seats, the line %d", add.name, c.rules().seats.Used, held)
		}
	}
}
