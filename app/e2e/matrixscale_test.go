package e2e

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// fiftyRoles is a fresh account grown to 50 roles through the API, as a
// large clinic group's would be.
func fiftyRoles(t *testing.T) *servertest.Env {
	t.Helper()
	e := servertest.Start(t)
	owner := e.SignedIn()
	colors := []string{"teal", "blue", "green", "orange", "purple", "yellow"}
	for i := 5; i <= 50; i++ {
		owner.Do("POST", "/api/v1/roles", api.CreateRole{Name: "Site " + strconv.Itoa(i) + " Front Desk Coordinator",
			Description: "Checks people in at site " + strconv.Itoa(i) + ".", Color: colors[i%len(colors)]}).Want(201)
	}
	return e
}

const box = `document.querySelector(".matrix-card .matrix-scroll")`

// Scrolled down and sideways inside its box, at 50 roles, the matrix
// keeps its role headers on top and its permission names on the left, on
// a tablet and on a desktop.
func TestMatrixStickyHeadersAt50Roles(t *testing.T) {
	e := fiftyRoles(t)
	for _, size := range [][2]int{{768, 1024}, {1366, 900}} {
		name := strconv.Itoa(size[0]) + "x" + strconv.Itoa(size[1])
		t.Run(name, func(t *testing.T) {
			b := newBrowser(t, size[0], size[1])
			b.openRoles(e.URL, e.Email, e.Password)
			if n := eval[int](b, `document.querySelectorAll('[data-testid="matrix"] thead .matrix-role').length`); n != 50 {
				t.Fatalf("%d role columns; want 50", n)
			}
			if overflow := eval[bool](b, `document.documentElement.scrollWidth > window.innerWidth`); overflow {
				t.Errorf("the page scrolls sideways")
			}
			widths := eval[[]float64](b, `[...new Set([...document.querySelectorAll('[data-testid="matrix"] .cell-btn')].map(e => e.getBoundingClientRect().width))]`)
			if len(widths) != 1 || widths[0] < 44 {
				t.Errorf("cell widths %v; want one, of 44 px or more", widths)
			}
			b.screenshot("roles-50-" + name)
			eval[bool](b, `(`+box+`.scrollIntoView(), true)`)
			b.screenshotView("roles-50-" + name + "-view")

			eval[bool](b, `(`+box+`.scrollIntoView(), `+box+`.scrollTop = 1500, `+box+`.scrollLeft = 2500, true)`)
			b.waitTrue(5*time.Second, "scrolled both ways", box+`.scrollTop > 0 && `+box+`.scrollLeft > 0`)
			top := eval[float64](b, box+`.getBoundingClientRect().top`)
			left := eval[float64](b, box+`.getBoundingClientRect().left`)
			header := eval[float64](b, `document.querySelector('[data-testid="matrix"] thead .matrix-role').getBoundingClientRect().top`)
			// A permission name on the row at the box's middle.
			perm := eval[float64](b, `(() => { const r = `+box+`.getBoundingClientRect();
				const row = [...document.querySelectorAll(".matrix-perm")].find(e => { const b = e.getBoundingClientRect(); return b.top > r.top + 150 && b.bottom < r.bottom });
				return row ? row.getBoundingClientRect().left : -1 })()`)
			t.Logf("box at (%.0f, %.0f); role header top %.0f, permission name left %.0f", left, top, header, perm)
			if header < top-1 || header > top+2 {
				t.Errorf("the role headers scrolled away: at %.0f, box at %.0f", header, top)
			}
			if perm < left-1 || perm > left+2 {
				t.Errorf("the permission names scrolled away: at %.0f, box at %.0f", perm, left)
			}
			// The header shown over the column is the right role's: the
			// cell under a header is in that header's column.
			same := eval[string](b, `(() => {
				const box = `+box+`.getBoundingClientRect();
				const h = [...document.querySelectorAll('[data-testid="matrix"] thead .matrix-role')]
					.find(h => { const r = h.getBoundingClientRect(); return r.left > box.left + 240 && r.right < box.right });
				if (!h) return "no header in view";
				const r = h.getBoundingClientRect();
				for (let y = r.bottom + 10; y < box.bottom; y += 20) {
					const td = document.elementFromPoint(r.left + r.width / 2, y)?.closest("td");
					if (td) {
						const name = td.querySelector(".cell-btn .sr-only").textContent;
						return name.startsWith(h.title + ": ") ? "" : h.title + " over " + name;
					}
				}
				return "no cell under " + h.title })()`)
			if same != "" {
				t.Errorf("the cell under a sticky header is not that role's: %s", same)
			}
			b.screenshotView("roles-50-" + name + "-scrolled")
		})
	}
}

// The matrix is one tab stop: the arrow keys move the focus from cell to
// cell, Home, End and Ctrl+Home go to the ends, Space changes the cell and
// the server keeps it; Tab leaves the matrix at once, and a skip link
// jumps past it.
func TestMatrixKeyboard(t *testing.T) {
	e := fiftyRoles(t)
	b := newBrowser(t, 1366, 900)
	b.openRoles(e.URL, e.Email, e.Password)

	b.run("focusing the skip link", chromedp.Focus(byID("matrix-skip")))
	b.run("tabbing into the matrix", chromedp.KeyEvent(kb.Tab))
	b.waitTrue(5*time.Second, "focus on the first cell", `document.activeElement === `+el("matrix-cell-super_admin-users.view"))
	if !eval[bool](b, `document.activeElement.matches(":focus-visible")`) {
		t.Error("the focused cell shows no focus")
	}

	var moves []time.Duration
	step := func(what string, key string, want string, mods ...chromedp.Modifier) {
		t.Helper()
		var opts []chromedp.KeyOption
		if len(mods) > 0 {
			opts = append(opts, chromedp.KeyModifiers(mods...))
		}
		start := time.Now()
		b.run(what, chromedp.KeyEvent(key, opts...))
		b.waitTrue(5*time.Second, what+": focus on "+want, `document.activeElement && document.activeElement.dataset.testid === "`+want+`"`)
		moves = append(moves, time.Since(start))
		// The cell in focus is scrolled clear of the sticky headers.
		if hidden := eval[string](b, `(() => {
			const f = document.activeElement.getBoundingClientRect(), box = `+box+`.getBoundingClientRect();
			const head = document.querySelector('[data-testid="matrix"] thead').getBoundingClientRect();
			const names = document.querySelector(".matrix-corner").getBoundingClientRect();
			if (document.activeElement.classList.contains("module-toggle")) return "";
			return f.top >= head.bottom - 1 && f.left >= names.right - 1 && f.bottom <= box.bottom + 1 && f.right <= box.right + 1
				? "" : JSON.stringify({cell: f, head: head.bottom, names: names.right}) })()`); hidden != "" {
			t.Errorf("%s: %s is under the sticky headers or out of the box: %s", what, want, hidden)
		}
	}
	step("right", kb.ArrowRight, "matrix-cell-admin-users.view")
	step("right", kb.ArrowRight, "matrix-cell-staff-users.view")
	step("down", kb.ArrowDown, "matrix-cell-staff-users.create")
	step("end", kb.End, "matrix-cell-site_50_front_desk_coordinator-users.create")
	step("home", kb.Home, "matrix-cell-super_admin-users.create")
	step("ctrl+end", kb.End, "matrix-cell-site_50_front_desk_coordinator-invoices.manage", chromedp.ModifierCtrl)
	step("ctrl+home", kb.Home, "matrix-cell-super_admin-users.view", chromedp.ModifierCtrl)
	step("up to the module", kb.ArrowUp, "module-toggle-users")
	step("right", kb.ArrowDown, "matrix-cell-super_admin-users.view")
	step("right", kb.ArrowRight, "matrix-cell-admin-users.view")
	step("right", kb.ArrowRight, "matrix-cell-staff-users.view")
	step("down", kb.ArrowDown, "matrix-cell-staff-users.create")
	var total time.Duration
	for _, d := range moves {
		total += d
	}
	t.Logf("%d arrow-key moves over 50x31 cells, %s each on average (key sent to focus seen, round trips included)", len(moves), (total / time.Duration(len(moves))).Round(time.Millisecond))
	if n := eval[int](b, el("matrix")+`.querySelectorAll('[tabindex="0"]').length`); n != 1 {
		t.Errorf("%d tab stops in the matrix", n)
	}

	cell := el("matrix-cell-staff-users.create")
	if eval[bool](b, pressed(cell)) {
		t.Fatal("Staff already creates users")
	}
	start := time.Now()
	b.run("space", chromedp.KeyEvent(" "))
	b.waitTrue(10*time.Second, "the cell shows the change", pressed(cell))
	t.Logf("Space to the cell shown on: %s (a rendering of the page at 50 roles, round trips included)", time.Since(start).Round(time.Millisecond))
	b.waitTrue(10*time.Second, "the cell saves", el("matrix-cell-state-staff-users.create")+`.textContent === "Saved"`)
	if !eval[bool](b, pressed(cell)) {
		t.Error("the cell is not on after Space")
	}
	var m api.Matrix
	e.SignedIn().Do("GET", "/api/v1/matrix", nil).Want(200).JSON(&m)
	if !slices.Contains(m.Grants["staff"], "users.create") {
		t.Errorf("the server did not keep it: Staff holds %v", m.Grants["staff"])
	}
	b.waitTrue(5*time.Second, "focus still on the cell", `document.activeElement === `+cell)

	b.run("tab out", chromedp.KeyEvent(kb.Tab))
	if eval[bool](b, el("matrix")+`.contains(document.activeElement)`) {
		t.Errorf("Tab stayed in the matrix, on %s", b.focused())
	}
	b.run("shift+tab back", chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)))
	b.waitTrue(5*time.Second, "back on the cell last in focus", `document.activeElement === `+cell)

	b.run("the skip link", chromedp.Focus(byID("matrix-skip")), chromedp.KeyEvent(kb.Enter))
	b.waitTrue(5*time.Second, "focus past the matrix", `document.activeElement === `+el("matrix-end"))
}

// The roles shown are remembered across a reload, a one-role view lists
// one role's permissions, and the search narrows the rows.
func TestMatrixFilterAndSearch(t *testing.T) {
	e := fiftyRoles(t)
	b := newBrowser(t, 768, 1024)
	b.openRoles(e.URL, e.Email, e.Password)
	columns := func() []string {
		return eval[[]string](b, `[...document.querySelectorAll('[data-testid="matrix"] thead .matrix-role')].map(e => e.title)`)
	}

	b.run("choosing three roles",
		chromedp.Click(byID("matrix-roles-summary")),
		chromedp.WaitVisible(byID("matrix-show-none")),
		chromedp.Click(byID("matrix-show-none")),
		chromedp.WaitVisible(byID("matrix-no-roles")),
		chromedp.Click(byID("matrix-show-admin")),
		chromedp.Click(byID("matrix-show-staff")),
		chromedp.ScrollIntoView(byID("matrix-show-site_12_front_desk_coordinator")),
		chromedp.Click(byID("matrix-show-site_12_front_desk_coordinator")),
	)
	b.waitTrue(5*time.Second, "three columns", `document.querySelectorAll('[data-testid="matrix"] thead .matrix-role').length === 3`)
	want := []string{"Admin", "Staff", "Site 12 Front Desk Coordinator"}
	if got := columns(); !slices.Equal(got, want) {
		t.Errorf("columns %v", got)
	}
	b.run("reloading", chromedp.Reload(), chromedp.WaitVisible(byID("matrix")))
	if got := columns(); !slices.Equal(got, want) {
		t.Errorf("after a reload, columns %v; want %v", got, want)
	}
	if got := b.text("matrix-roles-summary"); got != "Roles shown: 3 of 50" {
		t.Errorf("summary reads %q", got)
	}
	b.screenshotView("roles-50-filtered-tablet")

	b.run("searching", chromedp.SendKeys(byID("matrix-search"), "invoices"))
	b.waitTrue(5*time.Second, "the rows narrow", `document.querySelectorAll(".matrix-perm").length === 5`)
	ids := eval[[]string](b, `[...document.querySelectorAll(".matrix-perm .perm-id")].map(e => e.textContent)`)
	for _, id := range ids {
		if !strings.HasPrefix(id, "invoices.") {
			t.Errorf("%s shown for “invoices”", id)
		}
	}
	b.run("searching for nothing", chromedp.SendKeys(byID("matrix-search"), "xyz"))
	b.waitTrue(5*time.Second, "nothing matches", el("matrix-no-match")+` !== null`)
	eval[bool](b, `(`+el("matrix-search")+`.value = "", `+el("matrix-search")+`.dispatchEvent(new Event("input", {bubbles: true})), true)`)
	b.waitTrue(5*time.Second, "every row back", `document.querySelectorAll(".matrix-perm").length === 31`)

	eval[bool](b, `(`+el("matrix-view")+`.value = "staff", `+el("matrix-view")+`.dispatchEvent(new Event("change", {bubbles: true})), true)`)
	b.waitTrue(5*time.Second, "one column", `document.querySelectorAll('[data-testid="matrix"] thead .matrix-role').length === 1`)
	if got := columns(); !slices.Equal(got, []string{"Staff"}) {
		t.Errorf("one-role view shows %v", got)
	}
	if overflow := eval[bool](b, box+`.scrollWidth > `+box+`.clientWidth`); overflow {
		t.Error("one role alone scrolls sideways on a tablet")
	}
	b.screenshotView("roles-one-role-tablet")
}
