package roles

import (
	"strconv"
	"strings"
	"testing"

	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

func TestMatrixGridKeys(t *testing.T) {
	rows := [][]string{
		{"module-toggle-users"},
		{"a1", "b1", "c1"},
		{"a2", "b2", "c2"},
		{"module-toggle-roles"},
		{"a3", "b3", "c3"},
	}
	for _, tc := range []struct {
		from    string
		col     int
		key     string
		ctrl    bool
		to      string
		toCol   int
		handled bool
	}{
		{"a1", 0, "ArrowRight", false, "b1", 1, true},
		{"c1", 2, "ArrowRight", false, "c1", 2, true}, // the edge holds
		{"b1", 1, "ArrowLeft", false, "a1", 0, true},
		{"b1", 1, "ArrowDown", false, "b2", 1, true},
		{"b1", 1, "ArrowUp", false, "module-toggle-users", 1, true},
		{"module-toggle-users", 1, "ArrowUp", false, "module-toggle-users", 1, true},
		// Through a module's heading, the column is kept.
		{"c2", 2, "ArrowDown", false, "module-toggle-roles", 2, true},
		{"module-toggle-roles", 2, "ArrowDown", false, "c3", 2, true},
		{"b2", 1, "Home", false, "a2", 0, true},
		{"b2", 1, "End", false, "c2", 2, true},
		{"b2", 1, "Home", true, "a1", 0, true},
		{"c3", 2, "Home", true, "a1", 0, true},
		{"b1", 1, "End", true, "c3", 2, true},
		// Space, Tab and letters are the browser's.
		{"b1", 1, " ", false, "", 0, false},
		{"b1", 1, "Tab", false, "", 0, false},
		// Focus outside the grid's cells: nothing to move.
		{"matrix-search", 0, "ArrowDown", false, "", 0, false},
	} {
		to, col, ok := move(rows, tc.from, tc.col, tc.key, tc.ctrl)
		if to != tc.to || col != tc.toCol || ok != tc.handled {
			t.Errorf("%s from %s (col %d, ctrl %v): %q col %d handled %v; want %q col %d handled %v",
				tc.key, tc.from, tc.col, tc.ctrl, to, col, ok, tc.to, tc.toCol, tc.handled)
		}
	}
}

// manyRoles is the preset matrix with custom roles up to n.
func manyRoles(n int) *uitest.Fake {
	m := uitest.PresetMatrix()
	for i := len(m.Roles); i < n; i++ {
		id := "custom_" + strconv.Itoa(i)
		m.Roles = append(m.Roles, api.Role{Role: role.Role{ID: id, Name: "Custom role " + strconv.Itoa(i), Rank: i, Permissions: []string{"contacts.view"}}})
		m.Grants[id] = []string{"contacts.view"}
	}
	return &uitest.Fake{MatrixData: m}
}

// tabStops are the elements of the matrix in the tab order.
func tabStops(t *testing.T, page *uitest.Node) []string {
	t.Helper()
	var out []string
	for _, e := range page.MustTestID(t, "matrix").All(func(e *uitest.Node) bool {
		return (e.Tag == "button" || e.Tag == "input" || e.Tag == "select") && e.Attrs["tabindex"] != "-1"
	}) {
		out = append(out, e.Attrs["id"])
	}
	return out
}

// At 50 roles the matrix is still one tab stop: the cell last in focus, or
// the first cell; what comes after it is one skip link away.
func TestMatrixOneTabStop(t *testing.T) {
	c, _, _ := loadRoles(t, manyRoles(50), uitest.MeAs("super_admin"))
	page := uitest.Render(t, c)
	matrix := page.MustTestID(t, "matrix")
	if matrix.Attrs["role"] != "grid" || matrix.Attrs["aria-describedby"] != "matrix-keys" {
		t.Errorf("matrix = %v", matrix.Attrs)
	}
	if n := len(matrix.TestIDs("matrix-cell-state-")); n != 50*31 {
		t.Errorf("%d cells", n)
	}
	if got := tabStops(t, page); len(got) != 1 || got[0] != "matrix-cell-super_admin-users.view" {
		t.Errorf("tab stops %v", got)
	}
	if region := page.All(func(e *uitest.Node) bool { return e.Attrs["class"] == "matrix-scroll" }); region[0].Attrs["tabindex"] != "" {
		t.Error("the scroll box is a tab stop of its own")
	}

	// The arrows move the tab stop with the focus.
	if to, ok := c.keyMove("matrix-cell-super_admin-users.view", "ArrowRight", false); !ok || to != "matrix-cell-admin-users.view" {
		t.Errorf("ArrowRight went to %q (%v)", to, ok)
	}
	if to, _ := c.keyMove("matrix-cell-admin-users.view", "End", false); to != "matrix-cell-custom_49-users.view" {
		t.Errorf("End went to %q", to)
	}
	if got := tabStops(t, uitest.Render(t, c)); len(got) != 1 || got[0] != "matrix-cell-custom_49-users.view" {
		t.Errorf("tab stops %v, want the cell the arrows went to", got)
	}
	c.active = "matrix-cell-custom_30-roles.edit"
	if got := tabStops(t, uitest.Render(t, c)); len(got) != 1 || got[0] != c.active {
		t.Errorf("tab stops %v, want the cell last in focus", got)
	}
	// Folded away, the cell gives its place back to the first one.
	c.toggleModule("roles")
	if got := tabStops(t, uitest.Render(t, c)); len(got) != 1 || got[0] != "matrix-cell-super_admin-users.view" {
		t.Errorf("tab stops %v", got)
	}
	// A search leaving no cell of Users: the first cell shown.
	c.query = "invoices"
	if got := tabStops(t, uitest.Render(t, c)); len(got) != 1 || got[0] != "matrix-cell-super_admin-invoices.view" {
		t.Errorf("tab stops %v", got)
	}

	skip := page.MustTestID(t, "matrix-skip")
	if skip.Attrs["href"] != "#matrix-end" || !strings.Contains(skip.Text(), "Skip") {
		t.Errorf("skip link %v %q", skip.Attrs, skip.Text())
	}
	if end := page.MustTestID(t, "matrix-end"); end.Attrs["id"] != "matrix-end" || end.Attrs["tabindex"] != "-1" {
		t.Errorf("skip target %v", end.Attrs)
	}
}

// A press moves a cell on to the next level the actor may choose; a cell
// with no level to go to stays focusable, and its press says why.
func TestMatrixCellPress(t *testing.T) {
	tri := cellView{action: perm.Action{OwnScope: true}}
	for _, tc := range []struct {
		from, to level
		refused  []level
	}{
		{levelOff, levelOwn, nil},
		{levelOwn, levelAll, nil},
		{levelAll, levelOff, nil},
		{levelOff, levelAll, []level{levelOwn}},
		{levelOwn, levelOff, []level{levelAll}},
		{levelOff, levelOwn, []level{levelOwn, levelAll}}, // locked: the press shows the refusal
	} {
		v := tri
		v.level = tc.from
		for _, l := range tc.refused {
			v.refused[l] = &rules.Refusal{Message: "no"}
		}
		if got := v.next(); got != tc.to {
			t.Errorf("from %s refusing %v: %s, want %s", levelNames[tc.from], tc.refused, levelNames[got], levelNames[tc.to])
		}
	}
	if got := (cellView{level: levelAll}).next(); got != levelOff {
		t.Errorf("an on/off cell goes %s", levelNames[got])
	}

	c, _, _ := loadRoles(t, &uitest.Fake{}, uitest.MeAs("admin"))
	page := uitest.Render(t, c)
	own := page.MustTestID(t, "matrix-cell-admin-users.view")
	if own.Attrs["aria-disabled"] != "true" || own.Attrs["disabled"] != "" || own.Tag != "button" {
		t.Errorf("own role's cell %s %v", own.Tag, own.Attrs)
	}
	// Every cell is the same control, named "<role>: <permission>".
	for _, id := range []string{"matrix-cell-staff-users.view", "matrix-cell-staff-contacts.edit"} {
		el := page.MustTestID(t, id)
		if el.Tag != "button" || !strings.Contains(el.Attrs["class"], "cell-btn") || !strings.HasPrefix(cellName(el), "Staff: ") {
			t.Errorf("%s: %s %v named %q", id, el.Tag, el.Attrs, cellName(el))
		}
	}
}
