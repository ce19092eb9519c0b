package roles

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/preset"
)

type cellWant struct {
	id       string
	checked  string // for on/off cells: "true" or "false" (pressed); for own-scope cells: the level
	disabled bool
	reason   string // part of the accessible description; "" for none
}

// reasonOf is what describes a cell but its level, which own-scope cells
// have in their description.
func reasonOf(page, el *uitest.Node) string {
	trimmed := *el
	trimmed.Attrs = maps.Clone(el.Attrs)
	trimmed.Attrs["aria-describedby"] = strings.Join(slices.DeleteFunc(strings.Fields(el.Attrs["aria-describedby"]),
		func(id string) bool { return strings.HasPrefix(id, "matrix-cell-level-") }), " ")
	return uitest.DescribedBy(page, &trimmed)
}

func checkCells(t *testing.T, page *uitest.Node, wants []cellWant) {
	t.Helper()
	for _, w := range wants {
		el := page.MustTestID(t, "matrix-cell-"+w.id)
		state := el.Attrs["aria-pressed"]
		if w.checked != "true" && w.checked != "false" {
			state = el.Attrs["data-level"]
		}
		if state != w.checked {
			t.Errorf("%s: state %q, want %q", w.id, state, w.checked)
		}
		if el.Tag != "button" {
			t.Errorf("%s: a %s, not a button", w.id, el.Tag)
		}
		if got := el.Attrs["aria-disabled"] == "true"; got != w.disabled {
			t.Errorf("%s: disabled %v, want %v", w.id, got, w.disabled)
		}
		desc := reasonOf(page, el)
		if w.reason == "" && desc != "" {
			t.Errorf("%s: described as %q, want no reason", w.id, desc)
		}
		if w.reason != "" && !strings.Contains(desc, w.reason) {
			t.Errorf("%s: described as %q, want %q", w.id, desc, w.reason)
		}
		// The name is "<role>: <permission>", the level is not part of it.
		if name := cellName(el); !strings.Contains(name, ": ") || strings.HasSuffix(name, ": ") {
			t.Errorf("%s: named %q", w.id, name)
		}
	}
}

func TestMatrixAsSuperAdmin(t *testing.T) {
	c, _, _ := loadRoles(t, &uitest.Fake{}, uitest.MeAs("super_admin"))
	page := uitest.Render(t, c)
	page.MustTestID(t, "page-roles")
	matrix := page.MustTestID(t, "matrix")

	wantGroups := []string{"module-toggle-users", "module-toggle-roles", "module-toggle-account", "module-toggle-billing",
		"module-toggle-audit", "module-toggle-security", "module-toggle-events", "module-toggle-contacts", "module-toggle-invoices"}
	if got := matrix.TestIDs("module-toggle-"); !slices.Equal(got, wantGroups) {
		t.Errorf("groups = %v", got)
	}
	users := page.MustTestID(t, "module-toggle-users")
	if users.Tag != "button" || users.Attrs["aria-expanded"] != "true" || users.Attrs["aria-controls"] != "module-rows-users" {
		t.Errorf("module toggle = %s %v", users.Tag, users.Attrs)
	}
	// 4 roles x (5+4+2+2+1+2+5+5+5) permissions.
	if n := len(matrix.TestIDs("matrix-cell-state-")); n != 4*31 {
		t.Errorf("%d cells", n)
	}
	locked := "Super Admin always has every permission; its grants are locked."
	checkCells(t, page, []cellWant{
		{"staff-audit.view", "false", false, ""},
		{"staff-users.view", "true", false, ""},
		{"admin-billing.manage", "false", false, ""},
		{"super_admin-users.view", "true", true, locked},
		{"super_admin-contacts.edit", "all", true, locked},
		{"staff-contacts.edit", "all", false, ""},
		{"read_only-contacts.edit", "off", false, ""},
	})
	if page.ByTestID("matrix-reason") != nil {
		t.Error("read-only explanation shown to a super admin")
	}
	// The locked column says so where it starts, with a padlock.
	header := matrix.All(func(e *uitest.Node) bool { return e.Tag == "th" && strings.Contains(e.Text(), "Super Admin") })[0]
	if !strings.Contains(header.Text(), "Always on") || len(header.All(func(e *uitest.Node) bool { return e.Attrs["class"] == "lock" })) != 1 {
		t.Errorf("super admin header = %q", header.Text())
	}
	reasons := page.MustTestID(t, "matrix-reasons").Text()
	if !strings.Contains(reasons, locked) {
		t.Errorf("reasons = %q", reasons)
	}
	// Tri-state for actions that may be limited to own records: the level
	// is written out in the cell's description.
	tri := page.MustTestID(t, "matrix-cell-staff-contacts.edit")
	if name, desc := cellName(tri), uitest.DescribedBy(page, tri); name != "Staff: Contacts, Edit" || !strings.HasPrefix(desc, "All records") {
		t.Errorf("tri-state cell named %q, described %q", name, desc)
	}
	// Headers: badge coloured by the role, holders counted.
	staff := matrix.All(func(e *uitest.Node) bool { return e.Tag == "th" && strings.Contains(e.Text(), "Staff") })[0]
	if !strings.Contains(staff.Text(), "3 holders") || len(staff.All(func(e *uitest.Node) bool { return e.Attrs["class"] == "badge badge-green" })) != 1 {
		t.Errorf("staff header = %q", staff.Text())
	}
	// Everyone may be changed but the locked column.
	if n := len(matrix.All(func(e *uitest.Node) bool { return e.Attrs["data-testid"] != "" && e.Attrs["aria-disabled"] == "true" })); n != 31 {
		t.Errorf("%d disabled cells, want the 31 of the super admin column", n)
	}
}

func TestMatrixAsAdmin(t *testing.T) {
	c, _, _ := loadRoles(t, &uitest.Fake{}, uitest.MeAs("admin"))
	page := uitest.Render(t, c)
	own := "You cannot change the permissions of your own role."
	checkCells(t, page, []cellWant{
		{"admin-users.view", "true", true, own},
		{"admin-billing.manage", "false", true, own},
		{"staff-billing.view", "false", false, ""},
		{"staff-billing.manage", "false", true, "You can only grant permissions you hold yourself (“Billing & subscription: Manage”)."},
		{"staff-account.manage", "false", true, "You can only grant permissions you hold yourself (“Account settings: Manage”)."},
		{"staff-audit.view", "false", false, ""},
		{"read_only-roles.view", "true", false, ""},
		{"super_admin-users.view", "true", true, "Super Admin always has every permission; its grants are locked."},
	})
	matrix := page.MustTestID(t, "matrix")
	header := matrix.All(func(e *uitest.Node) bool {
		return e.Tag == "th" && strings.Contains(e.Text(), "Admin") && !strings.Contains(e.Text(), "Super")
	})[0]
	if !strings.Contains(header.Text(), "Your role") {
		t.Errorf("own column header = %q", header.Text())
	}
	row := matrix.All(func(e *uitest.Node) bool { return e.Tag == "th" && strings.Contains(e.Text(), "billing.manage") })[0]
	if !strings.Contains(row.Text(), "Not held by you") {
		t.Errorf("unheld permission's row = %q", row.Text())
	}
	// Every reason is written on the page, not only in a tooltip.
	reasons := page.MustTestID(t, "matrix-reasons").Text()
	for _, want := range []string{own, "(“Billing & subscription: Manage”)", "(“Account settings: Manage”)"} {
		if !strings.Contains(reasons, want) {
			t.Errorf("reasons lack %q: %q", want, reasons)
		}
	}
	if page.ByTestID("matrix-reason") != nil {
		t.Error("admin told the matrix is read-only")
	}
}

func TestMatrixReadOnly(t *testing.T) {
	c, _, _ := loadRoles(t, &uitest.Fake{}, uitest.MeAs("read_only"))
	page := uitest.Render(t, c)
	reason := page.MustTestID(t, "matrix-reason").Text()
	if !strings.Contains(reason, "Changing role permissions needs the permission “Roles & permissions: Edit”.") {
		t.Errorf("reason = %q", reason)
	}
	matrix := page.MustTestID(t, "matrix")
	controls := matrix.All(func(e *uitest.Node) bool {
		return strings.HasPrefix(e.Attrs["data-testid"], "matrix-cell-") && !strings.HasPrefix(e.Attrs["data-testid"], "matrix-cell-state-")
	})
	for _, el := range controls {
		if el.Attrs["aria-disabled"] != "true" || !strings.Contains(uitest.DescribedBy(page, el), "“Roles & permissions: Edit”") {
			t.Fatalf("%s: %v", el.Attrs["data-testid"], el.Attrs)
		}
	}
	if len(controls) != 4*31 {
		t.Errorf("%d controls", len(controls))
	}
	if page.ByTestID("matrix-reasons") != nil {
		t.Error("a reason per cell on top of the one line")
	}
	create := page.MustTestID(t, "role-create")
	if create.Attrs["disabled"] != "true" || !strings.Contains(uitest.DescribedBy(page, create), "Creating roles needs the permission “Roles & permissions: Create”.") {
		t.Errorf("create button = %v / %q", create.Attrs, uitest.DescribedBy(page, create))
	}
	if ids := page.TestIDs("role-edit-"); len(ids) != 0 {
		t.Errorf("edit buttons %v", ids)
	}
	if ids := page.TestIDs("role-delete-"); len(ids) != 0 {
		t.Errorf("delete buttons %v", ids)
	}
	if got := page.MustTestID(t, "roles-reason").Text(); !strings.Contains(got, "“Roles & permissions: Edit”") || !strings.Contains(got, "“Roles & permissions: Delete”") {
		t.Errorf("roles reason = %q", got)
	}
}

func TestMatrixToggleSaves(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx := loadRoles(t, f, uitest.MeAs("super_admin"))
	c.setLevel(ctx, "staff", "audit.view", levelAll)
	page := uitest.Render(t, c)
	if got := page.MustTestID(t, "matrix-cell-staff-audit.view").Attrs["aria-pressed"]; got != "true" {
		t.Errorf("while saving checked = %q", got)
	}
	state := page.MustTestID(t, "matrix-cell-state-staff-audit.view")
	if state.Text() != "Saving…" || state.Attrs["aria-live"] != "polite" {
		t.Errorf("state = %q %v", state.Text(), state.Attrs)
	}
	e.ConsumeAll()
	if !slices.Equal(f.Grants, []string{"staff audit.view on"}) {
		t.Errorf("calls = %v", f.Grants)
	}
	page = uitest.Render(t, c)
	if got := page.MustTestID(t, "matrix-cell-state-staff-audit.view").Text(); got != "Saved" {
		t.Errorf("state = %q", got)
	}
	if got := page.MustTestID(t, "matrix-cell-staff-audit.view").Attrs["aria-pressed"]; got != "true" {
		t.Errorf("checked = %q", got)
	}

	// And off again.
	c.setLevel(ctx, "staff", "audit.view", levelOff)
	e.ConsumeAll()
	if f.Grants[1] != "staff audit.view off" || uitest.Render(t, c).MustTestID(t, "matrix-cell-staff-audit.view").Attrs["aria-pressed"] != "false" {
		t.Errorf("calls %v", f.Grants)
	}
}

func TestMatrixToggleRefused(t *testing.T) {
	msg := "You can only grant permissions you hold yourself (“Billing & subscription: Manage”)."
	f := &uitest.Fake{Refuse: uitest.RefusalError(api.CodeEscalation, msg)}
	c, e, ctx := loadRoles(t, f, uitest.MeAs("super_admin"))
	c.setLevel(ctx, "staff", "billing.manage", levelAll)
	e.ConsumeAll()
	page := uitest.Render(t, c)
	if got := page.MustTestID(t, "matrix-cell-state-staff-billing.manage"); got.Text() != msg || !strings.Contains(got.Attrs["class"], "cell-state-error") {
		t.Errorf("state = %q %v", got.Text(), got.Attrs)
	}
	if got := page.MustTestID(t, "matrix-cell-staff-billing.manage").Attrs["aria-pressed"]; got != "false" {
		t.Errorf("refused toggle left checked = %q", got)
	}
}

func TestMatrixRefusesWhatRulesRefuse(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx := loadRoles(t, f, uitest.MeAs("admin"))
	c.setLevel(ctx, "admin", "users.view", levelOff)
	e.ConsumeAll()
	if len(f.Grants) != 0 {
		t.Errorf("asked the server: %v", f.Grants)
	}
	if got := uitest.Render(t, c).MustTestID(t, "matrix-cell-state-admin-users.view").Text(); got != "You cannot change the permissions of your own role." {
		t.Errorf("state = %q", got)
	}
}

func TestMatrixOwnScope(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx := loadRoles(t, f, uitest.MeAs("super_admin"))
	c.setLevel(ctx, "staff", "contacts.edit", levelOwn)
	e.ConsumeAll()
	c.setLevel(ctx, "staff", "contacts.edit", levelOff)
	e.ConsumeAll()
	c.setLevel(ctx, "read_only", "contacts.delete", levelAll)
	e.ConsumeAll()
	want := []string{
		"staff contacts.edit:own on", "staff contacts.edit off",
		"staff contacts.edit:own off",
		"read_only contacts.delete on",
	}
	if !slices.Equal(f.Grants, want) {
		t.Errorf("calls =\n%v\nwant\n%v", f.Grants, want)
	}
	page := uitest.Render(t, c)
	if got := page.MustTestID(t, "matrix-cell-staff-contacts.edit").Attrs["data-level"]; got != "off" {
		t.Errorf("staff contacts.edit = %q", got)
	}
	if got := page.MustTestID(t, "matrix-cell-read_only-contacts.delete").Attrs["data-level"]; got != "all" {
		t.Errorf("read_only contacts.delete = %q", got)
	}
}

func TestMatrixModulesCollapse(t *testing.T) {
	c, _, _ := loadRoles(t, &uitest.Fake{}, uitest.MeAs("super_admin"))
	c.toggleModule("billing")
	page := uitest.Render(t, c)
	if got := page.MustTestID(t, "module-toggle-billing").Attrs["aria-expanded"]; got != "false" {
		t.Errorf("aria-expanded = %q", got)
	}
	rows := page.All(func(e *uitest.Node) bool { return e.Attrs["id"] == "module-rows-billing" })
	if len(rows) != 1 || rows[0].Attrs["hidden"] != "true" {
		t.Errorf("billing rows not hidden")
	}
	if other := page.All(func(e *uitest.Node) bool { return e.Attrs["id"] == "module-rows-users" }); other[0].Attrs["hidden"] != "" {
		t.Error("users rows hidden too")
	}
}

// A matrix fetched while a change is in flight may predate it: the cell
// keeps showing the change, and a fresh copy is fetched once it answered.
func TestMatrixKeepsChangesInFlight(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx := loadRoles(t, f, uitest.MeAs("super_admin"))
	c.setLevel(ctx, "staff", "audit.view", levelAll)
	c.fetched(ctx, uitest.PresetMatrix(), nil, 8, c.changes)
	if c.levelNow("staff", "audit.view") != levelAll {
		t.Fatal("an older copy of the matrix undid the change in flight")
	}
	e.ConsumeAll()
	if !c.loaded || c.again || c.loading || c.revision != 7 {
		t.Errorf("loaded %v, again %v, loading %v, revision %d", c.loaded, c.again, c.loading, c.revision)
	}
	if got := uitest.Render(t, c).MustTestID(t, "matrix-cell-staff-audit.view").Attrs["aria-pressed"]; got != "true" {
		t.Errorf("checked = %q", got)
	}
}

// The ladder product: Teammates and Freelancers may never lead a project.
// Their cell is locked for everyone, a super admin too, with the
// preset's reason; the roles that may lead keep an open cell.
func TestMatrixLocksWhatARoleMayNeverHold(t *testing.T) {
	m, me := presetAccount(preset.Ladder)
	c, _, _ := loadRoles(t, &uitest.Fake{MatrixData: m}, me)
	page := uitest.Render(t, c)
	checkCells(t, page, []cellWant{
		{"teammate-projects.lead", "false", true, "Teammates cannot be assigned as the Project Leader."},
		{"freelancer-projects.lead", "false", true, "Freelancers cannot be assigned as the Project Leader."},
		{"project_manager-projects.lead", "true", false, ""},
		{"salesperson-projects.lead", "false", false, ""},
	})
	if reasons := page.MustTestID(t, "matrix-reasons").Text(); !strings.Contains(reasons, "Teammates cannot be assigned as the Project Leader.") {
		t.Errorf("reasons = %q", reasons)
	}
}

// cellName is a cell's accessible name: the text of its button that is not
// hidden from assistive tools.
func cellName(el *uitest.Node) string {
	var name []string
	for _, e := range el.All(func(e *uitest.Node) bool { return e.Attrs["class"] == "sr-only" }) {
		name = append(name, e.Text())
	}
	return strings.Join(name, " ")
}

// presetAccount is the matrix of a fresh account of the preset, and its
// first role's holder, a super admin.
func presetAccount(p preset.Preset) (api.Matrix, api.Me) {
	m := api.Matrix{Modules: perm.Modules(p.Modules), Grants: map[string][]string{}}
	for _, r := range p.Roles {
		m.Roles = append(m.Roles, api.Role{Role: r})
		m.Grants[r.ID] = slices.Clone(r.Permissions)
	}
	top := p.Roles[0]
	me := api.Me{User: api.User{ID: "u-top", Name: "Sofia", RoleID: top.ID, Status: "active"}, Role: &top,
		Account:     api.Account{ID: "a1", Name: "Agency", Preset: p.Key, Modules: p.Modules, Policy: p.Policy},
		Permissions: perm.Default.Compile(true, p.Modules, nil, nil).IDs()}
	return m, me
}
