package roles

import (
	"slices"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
)

// loadRoles mounts the roles page for me against f and lets its calls finish.
func loadRoles(t *testing.T, f *uitest.Fake, me api.Me) (*Page, app.TestEngine, app.Context) {
	t.Helper()
	if f.MatrixData.Roles == nil {
		f.MatrixData = uitest.PresetMatrix()
	}
	uitest.Use(t, f)
	e, ctx, _ := uitest.Context(t)
	c := &Page{Me: me}
	c.OnMount(ctx)
	e.ConsumeAll()
	if !c.loaded {
		t.Fatalf("matrix not loaded: %q", c.problem)
	}
	return c, e, ctx
}

// withCustomRole adds a role anyone with roles.delete may delete.
func withCustomRole(holders int) *uitest.Fake {
	m := uitest.PresetMatrix()
	m.Roles = append(m.Roles, api.Role{Role: role.Role{ID: "front_desk", Name: "Front Desk", Color: "teal", Rank: 3,
		Description: "Checks people in.", Permissions: []string{"contacts.view", "events.view"}}, Holders: holders})
	m.Grants["front_desk"] = []string{"contacts.view", "events.view"}
	return &uitest.Fake{MatrixData: m}
}

// A change made elsewhere moves the account's revision: the page refetches.
func TestRolesRefetchOnNewRevision(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx := loadRoles(t, f, uitest.MeAs("super_admin"))
	f.Mu.Lock()
	f.MatrixData.Grants["staff"] = append(f.MatrixData.Grants["staff"], "audit.view")
	f.Mu.Unlock()

	me := uitest.MeAs("super_admin")
	c.OnUpdate(ctx) // same revision: nothing to fetch
	e.ConsumeAll()
	if uitest.Render(t, c).MustTestID(t, "matrix-cell-staff-audit.view").Attrs["aria-pressed"] != "false" {
		t.Fatal("refetched without a new revision")
	}
	me.Account.Revision++
	c.Me = me
	c.OnUpdate(ctx)
	e.ConsumeAll()
	if uitest.Render(t, c).MustTestID(t, "matrix-cell-staff-audit.view").Attrs["aria-pressed"] != "true" {
		t.Error("the change made elsewhere is not shown")
	}
}

func TestDeleteRoleConfirmation(t *testing.T) {
	f := withCustomRole(3)
	c, e, ctx := loadRoles(t, f, uitest.MeAs("admin"))
	page := uitest.Render(t, c)
	// System roles cannot go, and the page says why.
	staffDelete := page.MustTestID(t, "role-delete-staff")
	if staffDelete.Attrs["disabled"] != "true" || uitest.DescribedBy(page, staffDelete) != "Staff comes with the account and cannot be deleted." {
		t.Errorf("staff delete = %v %q", staffDelete.Attrs, uitest.DescribedBy(page, staffDelete))
	}
	if page.MustTestID(t, "role-delete-front_desk").Attrs["disabled"] != "" {
		t.Fatal("custom role cannot be deleted")
	}

	c.askDelete(ctx, "front_desk")
	page = uitest.Render(t, c)
	dialog := page.MustTestID(t, "confirm-dialog")
	if dialog.Tag != "dialog" || dialog.Attrs["aria-modal"] != "true" {
		t.Errorf("dialog = %s %v", dialog.Tag, dialog.Attrs)
	}
	text := dialog.Text()
	for _, want := range []string{"Front Desk", "3 users will be left without a role"} {
		if !strings.Contains(text, want) {
			t.Errorf("confirmation lacks %q: %q", want, text)
		}
	}
	page.MustTestID(t, "confirm-cancel")

	c.confirmer.CancelConfirm(ctx)
	if uitest.Render(t, c).ByTestID("confirm-dialog") != nil || len(f.Deleted) != 0 {
		t.Fatal("cancel did not close, or deleted")
	}

	c.askDelete(ctx, "front_desk")
	c.confirmer.Confirmed(ctx)
	e.ConsumeAll()
	page = uitest.Render(t, c)
	if !slices.Equal(f.Deleted, []string{"front_desk"}) || page.ByTestID("confirm-dialog") != nil || page.ByTestID("role-card-front_desk") != nil {
		t.Errorf("deleted %v; dialog or card still there", f.Deleted)
	}
	if got := page.MustTestID(t, "roles-status").Text(); got != "Role Front Desk deleted." {
		t.Errorf("status = %q", got)
	}
}

func TestDeleteRoleRefused(t *testing.T) {
	f := withCustomRole(1)
	c, e, ctx := loadRoles(t, f, uitest.MeAs("admin"))
	c.askDelete(ctx, "front_desk")
	if got := uitest.Render(t, c).MustTestID(t, "confirm-dialog").Text(); !strings.Contains(got, "1 user will be left without a role") {
		t.Errorf("dialog = %q", got)
	}
	f.Refuse = uitest.RefusalError(api.CodeStaleRevision, "Someone changed this account meanwhile. Try again.")
	c.confirmer.Confirmed(ctx)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "confirm-error").Text(); got != "Someone changed this account meanwhile. Try again." {
		t.Errorf("error = %q", got)
	}
}

func TestCreateRole(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx := loadRoles(t, f, uitest.MeAs("admin"))
	c.form.openNew(ctx, c)
	page := uitest.Render(t, c)
	dialog := page.MustTestID(t, "role-dialog")
	if dialog.Tag != "dialog" || dialog.Attrs["aria-labelledby"] != "role-dialog-title" {
		t.Errorf("dialog = %v", dialog.Attrs)
	}
	for _, id := range []string{"role-name", "role-description", "role-color-purple", "role-color-teal"} {
		el := page.MustTestID(t, id)
		if labels := page.All(func(e *uitest.Node) bool { return e.Tag == "label" && e.Attrs["for"] == el.Attrs["id"] }); len(labels) != 1 || labels[0].Text() == "" {
			t.Errorf("%s not labelled", id)
		}
	}
	if got := page.All(func(e *uitest.Node) bool { return e.Tag == "label" && e.Attrs["for"] == "role-color-teal" })[0].Text(); got != "Teal" {
		t.Errorf("teal swatch label = %q", got)
	}

	// Inline validation, as the server would answer.
	c.form.submit(ctx, c)
	if got := uitest.Render(t, c).MustTestID(t, "role-name-error").Text(); got != "Give the role a name." {
		t.Errorf("empty name error = %q", got)
	}
	c.form.Form.name = " staff "
	c.form.submit(ctx, c)
	page = uitest.Render(t, c)
	if got := page.MustTestID(t, "role-name-error").Text(); got != "Another role is already called Staff." {
		t.Errorf("taken name error = %q", got)
	}
	if name := page.MustTestID(t, "role-name"); name.Attrs["aria-invalid"] != "true" || name.Attrs["aria-describedby"] != "role-name-error" {
		t.Errorf("name field not tied to its error: %v", name.Attrs)
	}
	if len(f.Created) != 0 {
		t.Fatal("sent an invalid role")
	}

	// The server's own name_taken lands on the name field too.
	c.form.Form.name = "Nurse"
	f.Refuse = uitest.RefusalError(api.CodeNameTaken, "Another role is already called Nurse.")
	c.form.submit(ctx, c)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "role-name-error").Text(); got != "Another role is already called Nurse." {
		t.Errorf("server name_taken = %q", got)
	}

	c.form.Form.description = "Looks after patients."
	c.form.Form.hue = "teal"
	c.form.submit(ctx, c)
	e.ConsumeAll()
	page = uitest.Render(t, c)
	if page.ByTestID("role-dialog") != nil {
		t.Error("dialog still open after creating")
	}
	want := api.CreateRole{Name: "Nurse", Description: "Looks after patients.", Color: "teal"}
	if got := f.Created[len(f.Created)-1]; got.Name != want.Name || got.Description != want.Description || got.Color != want.Color {
		t.Errorf("created %+v", got)
	}
	card := page.MustTestID(t, "role-card-custom")
	if !strings.Contains(card.Text(), "Nurse") || !strings.Contains(card.Text(), "Looks after patients.") {
		t.Errorf("card = %q", card.Text())
	}
	page.MustTestID(t, "matrix-cell-custom-users.view")
}

func TestEditRole(t *testing.T) {
	f := withCustomRole(0)
	c, e, ctx := loadRoles(t, f, uitest.MeAs("admin"))
	c.form.openEdit(ctx, c, "front_desk")
	if got := uitest.Render(t, c).MustTestID(t, "role-name").Attrs["value"]; got != "Front Desk" {
		t.Errorf("name = %q", got)
	}
	c.form.Form.hue = "orange"
	c.form.submit(ctx, c)
	e.ConsumeAll()
	p := f.Patched[0]
	if p.Name != nil || p.Description != nil || p.Color == nil || *p.Color != "orange" {
		t.Errorf("patch = %+v", p)
	}
	if got := uitest.Render(t, c).MustTestID(t, "role-card-front_desk"); len(got.All(func(e *uitest.Node) bool { return e.Attrs["class"] == "badge badge-orange" })) != 1 {
		t.Errorf("card = %q", got.Text())
	}
}

func TestCompareRoles(t *testing.T) {
	c, _, _ := loadRoles(t, &uitest.Fake{}, uitest.MeAs("super_admin"))
	page := uitest.Render(t, c)
	compare := page.MustTestID(t, "compare")
	if !slices.Equal(compare.TestIDs("compare-pick-"), []string{"compare-pick-super_admin", "compare-pick-admin", "compare-pick-staff", "compare-pick-read_only"}) {
		t.Errorf("picks = %v", compare.TestIDs("compare-pick-"))
	}
	compare.MustTestID(t, "compare-hint")
	if sw := compare.MustTestID(t, "compare-diff-only"); sw.Attrs["role"] != "switch" {
		t.Errorf("switch = %v", sw.Attrs)
	}

	c.compare.pick("staff", true)
	c.compare.pick("read_only", true)
	page = uitest.Render(t, c)
	rows := page.MustTestID(t, "compare-table")
	differs := func(base string) string { return rows.MustTestID(t, "compare-row-"+base).Attrs["data-differs"] }
	if differs("events.create") != "true" || differs("events.view") != "false" || differs("roles.view") != "true" {
		t.Errorf("events.create %s, events.view %s, roles.view %s", differs("events.create"), differs("events.view"), differs("roles.view"))
	}
	row := rows.MustTestID(t, "compare-row-events.create")
	if !strings.Contains(row.Attrs["class"], "differs") || !strings.Contains(row.Text(), "Differs") || !strings.Contains(row.Text(), "Yes No") {
		t.Errorf("row = %v %q", row.Attrs, row.Text())
	}

	c.compare.diffOnly = true
	rows = uitest.Render(t, c).MustTestID(t, "compare-table")
	for _, id := range rows.TestIDs("compare-row-") {
		if rows.MustTestID(t, id).Attrs["data-differs"] != "true" {
			t.Errorf("%s shown with only differences", id)
		}
	}
	// roles.view, and creating and editing events, contacts and invoices.
	if len(rows.TestIDs("compare-row-")) != 7 {
		t.Errorf("rows = %v", rows.TestIDs("compare-row-"))
	}
}

// The service is out of reach when the page opens: the person reads the
// failure once, with a way to try again, and no part of the page repeats it.
func TestRolesLoadFailureShowsOnce(t *testing.T) {
	for _, err := range []error{uitest.APIError(503, api.CodeUnavailable), uitest.APIError(500, "internal")} {
		f := &uitest.Fake{MatrixErr: err}
		uitest.Use(t, f)
		e, ctx, _ := uitest.Context(t)
		c := &Page{Me: uitest.MeAs("super_admin")}
		c.OnMount(ctx)
		e.ConsumeAll()
		page := uitest.Render(t, c)
		if alerts := page.All(func(e *uitest.Node) bool { return e.Attrs["role"] == "alert" }); len(alerts) != 1 {
			t.Errorf("%v: %d error banners, want 1", err, len(alerts))
		}
		if retry := page.All(func(e *uitest.Node) bool { return e.Tag == "button" && e.Text() == "Try again" }); len(retry) != 1 {
			t.Errorf("%v: %d Try again buttons, want 1", err, len(retry))
		}
	}
}
