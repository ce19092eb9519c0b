package roles

import (
	"slices"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// cellState is the outcome of a cell's last change.
type cellState struct {
	status string // cellSaving, cellSaved or cellError
	text   string
}

const (
	cellSaving = "saving"
	cellSaved  = "saved"
	cellError  = "error"
)

func cellKey(roleID, base string) string { return roleID + " " + base }

// cellView is one cell of the matrix as the actor sees it.
type cellView struct {
	role   api.Role
	module perm.Module
	action perm.Action
	base   string
	level  level
	// refused[l] says why the actor may not move the cell to level l; nil
	// when they may, or when the cell is there already.
	refused [3]*rules.Refusal
	// disabled: no other level is allowed; why is the first refusal.
	disabled bool
	why      *rules.Refusal
}

func (v cellView) levels() []level {
	if v.action.OwnScope {
		return []level{levelOff, levelOwn, levelAll}
	}
	return []level{levelOff, levelAll}
}

func (c *Page) cellOf(a rules.Actor, r api.Role, m perm.Module, act perm.Action) cellView {
	base := perm.ID{Module: m.Key, Action: act.Key}.String()
	grants := grantsOf(c.matrix, r)
	v := cellView{role: r, module: m, action: act, base: base, level: levelIn(grants, base), disabled: true}
	for _, l := range v.levels() {
		if l == v.level {
			continue
		}
		v.refused[l] = refusalOf(a, r.Role, grants, base, l)
		if v.refused[l] == nil {
			v.disabled = false
		} else if v.why == nil {
			v.why = v.refused[l]
		}
	}
	return v
}

// setLevel changes one cell and saves it at once. The cell shows the new
// state while the server answers; a refusal puts it back and says why.
func (c *Page) setLevel(ctx app.Context, roleID, base string, to level) {
	r, ok := c.role(roleID)
	if !ok {
		return
	}
	key := cellKey(roleID, base)
	before := slices.Clone(grantsOf(c.matrix, r))
	todo := steps(before, base, to)
	if len(todo) == 0 {
		return
	}
	if no := refusalOf(c.Me.Actor(), r.Role, before, base, to); no != nil {
		// The control was greyed out; say why rather than ask the server.
		c.setCell(key, cellState{status: cellError, text: no.Message})
		return
	}
	c.matrix.Grants[roleID] = applySteps(before, todo)
	// Only the latest outcomes stay on the page.
	for k, s := range c.cells {
		if s.status != cellSaving {
			delete(c.cells, k)
		}
	}
	c.setCell(key, cellState{status: cellSaving, text: "Saving…"})
	c.pending++
	ctx.Async(func() {
		var last *api.Role
		var err error
		for _, s := range todo {
			var got api.Role
			if got, err = session.API.SetGrant(ctx, roleID, s.id, s.granted); err != nil {
				break
			}
			last = &got
		}
		ctx.Dispatch(func(ctx app.Context) { c.cellSaved(ctx, roleID, base, before, last, err) })
	})
}

func (c *Page) cellSaved(ctx app.Context, roleID, base string, before []string, last *api.Role, err error) {
	defer c.settled(ctx)
	if last != nil {
		c.putRole(*last)
	} else if err != nil {
		// Nothing changed on the server: put this cell back as it was.
		now := slices.DeleteFunc(slices.Clone(c.matrix.Grants[roleID]), func(p string) bool { return p == base || p == base+":own" })
		for _, p := range before {
			if p == base || p == base+":own" {
				now = append(now, p)
			}
		}
		c.matrix.Grants[roleID] = now
	}
	key := cellKey(roleID, base)
	switch {
	case session.Ended(ctx, err):
	case err != nil:
		c.setCell(key, cellState{status: cellError, text: session.Refusal(err)})
	default:
		c.setCell(key, cellState{status: cellSaved, text: "Saved"})
	}
}

func (c *Page) setCell(key string, s cellState) {
	if c.cells == nil {
		c.cells = map[string]cellState{}
	}
	c.cells[key] = s
}

func (c *Page) toggleModule(key string) {
	if c.collapsed == nil {
		c.collapsed = map[string]bool{}
	}
	c.collapsed[key] = !c.collapsed[key]
}

// matrixReasons numbers the distinct reasons why cells are greyed out, so
// that each cell can point at its reason, written once under the matrix.
type matrixReasons struct {
	ids  map[string]string
	list []string
}

func (m *matrixReasons) id(msg string) string {
	if id, ok := m.ids[msg]; ok {
		return id
	}
	id := "matrix-why-" + strconv.Itoa(len(m.list))
	m.ids[msg] = id
	m.list = append(m.list, msg)
	return id
}

func (c *Page) matrixCard(a rules.Actor) app.UI {
	// Without roles.edit nothing can change: one line says so, rather than
	// a reason per cell.
	readOnly := ""
	if no := rules.Toggle(a, role.Role{}, "", false); no != nil && no.Code == api.CodeForbidden {
		readOnly = "You can see the matrix but not change it. " + no.Message
	}
	roles, modules := c.shownRoles(), c.shownModules()
	views := make([][][]cellView, len(modules)) // module, action, role
	reasons := &matrixReasons{ids: map[string]string{}}
	for i, m := range modules {
		views[i] = make([][]cellView, len(m.shown))
		for j, act := range m.shown {
			views[i][j] = make([]cellView, len(roles))
			for k, r := range roles {
				v := c.cellOf(a, r, m.Module, act)
				if v.why != nil && readOnly == "" {
					reasons.id(v.why.Message)
				}
				views[i][j][k] = v
			}
		}
	}
	_, alone := c.oneRole()
	g := grid{readOnly: readOnly != "", alone: alone, reasons: reasons, stop: tabStop(c.gridRows(roles, modules), c.active)}

	var body app.UI
	switch {
	case len(roles) == 0:
		body = app.P().Class("notice").DataSet("testid", "matrix-no-roles").Text("No role is shown. Choose the roles to show under “Roles shown”.")
	case len(modules) == 0:
		body = app.P().Class("notice").DataSet("testid", "matrix-no-match").Text("No permission matches “" + c.query + "”.")
	default:
		table := []app.UI{app.THead().Body(app.Tr().Body(
			app.Th().Scope("col").Class("matrix-corner").Text("Permission"),
			app.Range(roles).Slice(func(k int) app.UI { return c.roleHeader(a, roles[k]) }),
		))}
		for i, m := range modules {
			table = append(table, c.moduleGroup(m, len(roles), views[i], g)...)
		}
		classes := []string{"matrix"}
		if alone {
			classes = append(classes, "matrix-one")
		}
		// A plain box: the grid inside is named, and takes the focus itself.
		body = app.Div().Class("matrix-scroll").Body(
			app.Table().Class(classes...).Role("grid").DataSet("testid", "matrix").
				Aria("labelledby", "matrix-title").Aria("describedby", "matrix-keys").Body(table...),
		)
	}

	return app.Section().Class("card", "matrix-card").Aria("labelledby", "matrix-title").Body(
		app.H2().ID("matrix-title").Class("card-title").Text("Permission matrix"),
		app.P().Class("card-lead").Text("Roles across the top, permissions down the side, grouped by module. Press a cell to change it: Off or On, or, where an action can be limited to the records a person created, Off, Own records (half filled), then All records."),
		app.If(readOnly != "", func() app.UI {
			return app.P().ID("matrix-reason").Class("notice").DataSet("testid", "matrix-reason").Text(readOnly)
		}),
		c.matrixTools(),
		app.A().Class("skip-inline").Href("#matrix-end").DataSet("testid", "matrix-skip").
			OnClick(func(ctx app.Context, _ app.Event) { kit.Focus(ctx, "matrix-end") }).Text("Skip past the permission matrix"),
		app.P().ID("matrix-keys").Class("matrix-keys").Text("In the matrix, the arrow keys move from cell to cell, Space changes the cell in focus, Home and End go to the ends of a row, Ctrl+Home and Ctrl+End to the first and last cells."),
		body,
		app.If(len(reasons.list) > 0, func() app.UI {
			return app.Div().Class("reasons").DataSet("testid", "matrix-reasons").Body(
				app.H3().Class("reasons-title").Text("Why some cells are locked"),
				app.Ul().Class("reasons-list").Body(
					app.Range(reasons.list).Slice(func(i int) app.UI {
						return app.Li().ID("matrix-why-"+strconv.Itoa(i)).Body(lock(), app.Span().Text(reasons.list[i]))
					}),
				),
			)
		}),
		// Where the skip link lands: focusable, so that Tab goes on from here.
		app.P().ID("matrix-end").Class("sr-only").TabIndex(-1).DataSet("testid", "matrix-end").Text("End of the permission matrix."),
	)
}

// grid is what every cell of one rendering of the matrix shares.
type grid struct {
	readOnly bool
	alone    bool // one role, its permissions as a list
	reasons  *matrixReasons
	// stop is the id of the one element of the grid in the tab order.
	stop string
}

func (g grid) tabIndex(id string) int {
	if id == g.stop {
		return 0
	}
	return -1
}

// lock is a padlock drawn in CSS; the text next to it says what it means.
func lock() app.UI {
	return app.Span().Class("lock").Aria("hidden", "true")
}

func (c *Page) roleHeader(a rules.Actor, r api.Role) app.UI {
	rr := r.Role
	var tag app.UI
	switch {
	case r.Locked:
		tag = app.Span().Class("col-tag").Body(lock(), app.Text("Always on"))
	case r.ID == a.RoleID:
		tag = app.Span().Class("col-tag").Body(lock(), app.Text("Your role"))
	}
	// A long name is cut short on screen; the tooltip has it whole.
	return app.Th().Scope("col").Class("matrix-role").Title(r.Name).Body(
		kit.RoleBadge(&rr),
		app.Span().Class("col-holders").Text(holdersText(r.Holders)),
		tag,
	)
}

// moduleGroup is a module's heading row, whose button shows or hides the
// module's rows, and those rows.
func (c *Page) moduleGroup(m shownModule, columns int, views [][]cellView, g grid) []app.UI {
	collapsed := c.collapsed[m.Key]
	rowsID := "module-rows-" + m.Key
	key, id := m.Key, moduleToggleID(m.Key)
	count := kit.CountText(len(m.Actions), "permission", "permissions")
	if len(m.shown) < len(m.Actions) {
		count = strconv.Itoa(len(m.shown)) + " of " + count
	}
	toggle := app.Button().Type("button").ID(id).Class("module-toggle").
		DataSet("testid", id).TabIndex(g.tabIndex(id)).
		Aria("expanded", !collapsed).Aria("controls", rowsID).
		OnClick(func(app.Context, app.Event) { c.active = id; c.toggleModule(key) }, app.EventScope(key)).
		Body(
			app.Span().Class("chevron").Aria("hidden", "true"),
			app.Span().Class("module-name").Text(m.Name),
			app.Span().Class("module-count").Text(count),
		)
	rows := app.TBody().ID(rowsID).Class("module-rows").Body(
		app.Range(m.shown).Slice(func(j int) app.UI { return c.actionRow(views[j], g) }),
	)
	if collapsed {
		rows = rows.Hidden(true)
	}
	return []app.UI{
		app.TBody().Class("module-head").Body(app.Tr().Body(
			app.Th().Scope("colgroup").ColSpan(columns + 1).Class("module-cell").Body(toggle),
		)),
		rows,
	}
}

func (c *Page) actionRow(cells []cellView, g grid) app.UI {
	if len(cells) == 0 {
		return nil
	}
	first := cells[0]
	notHeld := false
	for _, v := range cells {
		notHeld = notHeld || (v.why != nil && v.why.Code == api.CodeEscalation)
	}
	return app.Tr().Body(
		app.Th().Scope("row").Class("matrix-perm").Body(
			app.Span().Class("perm-name").Text(first.action.Name),
			app.Code().Class("perm-id").Text(first.base),
			app.If(notHeld && !g.readOnly, func() app.UI {
				return app.Span().Class("row-tag").Text("Not held by you")
			}),
		),
		app.Range(cells).Slice(func(k int) app.UI { return c.cell(cells[k], g) }),
	)
}
