package roles

import (
	"slices"
	"strings"
	"testing"

	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/preset"
)

// rowsShown are the permissions the matrix shows, as "module.action".
func rowsShown(page *uitest.Node) []string {
	var out []string
	for _, e := range page.All(func(e *uitest.Node) bool { return e.Attrs["class"] == "perm-id" }) {
		out = append(out, e.Text())
	}
	return out
}

// columnsShown are the roles the matrix shows, by name.
func columnsShown(page *uitest.Node) []string {
	var out []string
	for _, e := range page.All(func(e *uitest.Node) bool { return strings.HasPrefix(e.Attrs["class"], "matrix-role") }) {
		out = append(out, e.Attrs["title"])
	}
	return out
}

// The search finds permissions by their key, their label and their
// module's label, in the account's own names: a clinic's "patients" is a
// module, "refund" an action of Payments.
func TestMatrixSearch(t *testing.T) {
	m, me := presetAccount(preset.ClinicFour)
	c, _, _ := loadRoles(t, &uitest.Fake{MatrixData: m}, me)
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"refund", []string{"payments.refund"}},
		{"Patients", []string{"patients.view", "patients.create", "patients.edit", "patients.delete"}},
		{"client profiles edit", []string{"patients.edit"}},
		{"inventory.view", []string{"inventory.view"}},
	} {
		c.query = tc.query
		page := uitest.Render(t, c)
		if got := rowsShown(page); !slices.Equal(got, tc.want) {
			t.Errorf("%q shows %v, want %v", tc.query, got, tc.want)
		}
		if page.ByTestID("matrix-no-match") != nil {
			t.Errorf("%q: said nothing matches", tc.query)
		}
	}
	c.query = "patients"
	if got := uitest.Render(t, c).MustTestID(t, "module-toggle-patients").Text(); !strings.Contains(got, "4 permissions") {
		t.Errorf("module heading reads %q", got)
	}
	c.query = "create"
	if got := uitest.Render(t, c).MustTestID(t, "module-toggle-patients").Text(); !strings.Contains(got, "1 of 4 permissions") {
		t.Errorf("module heading reads %q", got)
	}

	c.query = "x-ray"
	page := uitest.Render(t, c)
	if got := page.MustTestID(t, "matrix-no-match").Text(); got != "No permission matches “x-ray”." {
		t.Errorf("no match reads %q", got)
	}
	if page.ByTestID("matrix") != nil {
		t.Error("an empty grid shown")
	}
}

// The roles shown are the person's choice, kept for their next visit in
// this browser, and theirs alone: another person of the account sees
// every role.
func TestMatrixRoleFilterRemembered(t *testing.T) {
	c, _, ctx := loadRoles(t, &uitest.Fake{}, uitest.MeAs("super_admin"))
	c.showRole(ctx, "staff", false)
	c.showRole(ctx, "read_only", false)
	page := uitest.Render(t, c)
	if got := columnsShown(page); !slices.Equal(got, []string{"Super Admin", "Admin"}) {
		t.Errorf("columns %v", got)
	}
	if ids := page.TestIDs("matrix-cell-staff-"); len(ids) != 0 {
		t.Errorf("hidden Staff still has cells: %v", ids[:1])
	}
	if got := page.MustTestID(t, "matrix-roles-summary").Text(); got != "Roles shown: 2 of 4" {
		t.Errorf("summary reads %q", got)
	}
	if page.MustTestID(t, "matrix-show-staff").Attrs["checked"] == "true" || page.MustTestID(t, "matrix-show-admin").Attrs["checked"] != "true" {
		t.Error("the filter's boxes do not say what is shown")
	}
	c.showRole(ctx, "read_only", true)

	// The next visit, same person: Staff still hidden.
	again := &Page{Me: uitest.MeAs("super_admin")}
	again.OnMount(ctx)
	again.matrix, again.loaded = c.matrix, true
	if got := columnsShown(uitest.Render(t, again)); !slices.Equal(got, []string{"Super Admin", "Admin", "Read-Only"}) {
		t.Errorf("after a reload, columns %v", got)
	}
	// Someone else in the same browser sees them all.
	other := &Page{Me: uitest.MeAs("admin")}
	other.OnMount(ctx)
	other.matrix, other.loaded = c.matrix, true
	if got := columnsShown(uitest.Render(t, other)); len(got) != 4 {
		t.Errorf("another person sees columns %v", got)
	}

	c.showAllRoles(ctx, false)
	if got := uitest.Render(t, c).MustTestID(t, "matrix-no-roles").Text(); !strings.Contains(got, "No role is shown") {
		t.Errorf("no roles reads %q", got)
	}
	c.showAllRoles(ctx, true)
	if got := columnsShown(uitest.Render(t, c)); len(got) != 4 {
		t.Errorf("show all: columns %v", got)
	}
}

// One role alone: a list of its permissions, each with its cell, which
// still saves; the role filter, which it overrides, is folded away.
func TestMatrixOneRoleView(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx := loadRoles(t, f, uitest.MeAs("super_admin"))
	c.showRole(ctx, "staff", false)
	c.showOne(ctx, "staff")
	page := uitest.Render(t, c)
	if got := columnsShown(page); !slices.Equal(got, []string{"Staff"}) {
		t.Errorf("columns %v", got)
	}
	if !strings.Contains(page.MustTestID(t, "matrix").Attrs["class"], "matrix-one") {
		t.Error("not laid out as a list")
	}
	if len(rowsShown(page)) != 31 {
		t.Errorf("%d permissions listed", len(rowsShown(page)))
	}
	if page.ByTestID("matrix-roles") != nil {
		t.Error("the role filter shown over one role")
	}
	// One column has room for the levels' words.
	level := page.MustTestID(t, "matrix-cell-staff-contacts.edit").All(func(e *uitest.Node) bool { return e.Attrs["class"] == "cell-level" })
	if len(level) != 1 || level[0].Text() != "All records" {
		t.Error("the one-role list does not write the level out")
	}
	if got := uitest.Selected(page.MustTestID(t, "matrix-view")); got != "staff" {
		t.Errorf("view select on %q", got)
	}
	c.setLevel(ctx, "staff", "audit.view", levelAll)
	e.ConsumeAll()
	if !slices.Equal(f.Grants, []string{"staff audit.view on"}) {
		t.Errorf("calls %v", f.Grants)
	}

	// A role deleted meanwhile: back to the grid.
	c.dropRole("staff")
	if got := columnsShown(uitest.Render(t, c)); !slices.Equal(got, []string{"Super Admin", "Admin", "Read-Only"}) {
		t.Errorf("after the role went, columns %v", got)
	}
	c.showOne(ctx, "")
	if got := uitest.Selected(uitest.Render(t, c).MustTestID(t, "matrix-view")); got != "" {
		t.Errorf("view select on %q", got)
	}
}
