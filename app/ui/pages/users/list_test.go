package users

import (
	"slices"
	"testing"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
)

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
	uitest.Use(t, &uitest.Fake{UsersErr: uitest.APIError(503, api.CodeUnavailable), RoleItems: uitest.PresetRoles()})
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

// The counts read in the account's role order, whatever the ids, for those
// who may read the roles and those who may not, and the pending invitations
// come after the last role, in the same list.
func TestUsersStatsOrder(t *testing.T) {
	long := role.Role{ID: "account_manager", Name: "Glovora Account Manager", Color: "teal"}
	owner := role.Role{ID: "owner", Name: "Owner", Color: "purple"}
	assistant := role.Role{ID: "assistant", Name: "Assistant", Color: "green"}
	byRole := map[string]int{"account_manager": 2, "owner": 1, "assistant": 0}
	tests := []struct {
		name  string
		order []string
		roles []api.Role // nil: the person may not read the roles
		want  []string
		label string // the long role's badge
	}{
		{"the account's role order", []string{"owner", "account_manager", "assistant"}, []api.Role{{Role: owner}, {Role: long}, {Role: assistant}},
			[]string{"stat-role-owner", "stat-role-account_manager", "stat-role-assistant", "stat-pending"}, "2 Glovora Account Manager"},
		{"another order", []string{"assistant", "owner", "account_manager"}, []api.Role{{Role: assistant}, {Role: owner}, {Role: long}},
			[]string{"stat-role-assistant", "stat-role-owner", "stat-role-account_manager", "stat-pending"}, "2 Glovora Account Manager"},
		{"roles not readable", []string{"owner", "account_manager", "assistant"}, nil,
			[]string{"stat-role-owner", "stat-role-account_manager", "stat-role-assistant", "stat-pending"}, "2 Account manager"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Page{Me: usersMe("admin")}
			c.data = usersData{roles: tt.roles, stats: api.UserStats{ByRole: byRole, PendingInvites: 3, RoleOrder: tt.order}}
			stats := uitest.Render(t, c.statsCard()).MustTestID(t, "users-stats")
			if got := stats.TestIDs("stat-"); !slices.Equal(got, tt.want) {
				t.Errorf("stats = %v, want %v", got, tt.want)
			}
			if got := stats.MustTestID(t, "stat-role-account_manager").Text(); got != tt.label {
				t.Errorf("the long role's card reads %q, want %q", got, tt.label)
			}
			if got := stats.MustTestID(t, "stat-pending").Text(); got != "3 Pending invites" {
				t.Errorf("pending card reads %q", got)
			}
		})
	}
}
