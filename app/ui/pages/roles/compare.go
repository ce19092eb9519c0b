package roles

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
)

// comparison is the page's side-by-side view of the roles picked.
type comparison struct {
	picked   map[string]bool // by role id
	diffOnly bool
}

// pickedRoles are the roles of m being compared, in m's order.
func (k *comparison) pickedRoles(m api.Matrix) []api.Role {
	var out []api.Role
	for _, r := range m.Roles {
		if k.picked[r.ID] {
			out = append(out, r)
		}
	}
	return out
}

func (k *comparison) pick(id string, on bool) {
	if k.picked == nil {
		k.picked = map[string]bool{}
	}
	if on {
		k.picked[id] = true
	} else {
		delete(k.picked, id)
	}
}

// compareRow is one permission across the roles compared.
type compareRow struct {
	action  perm.Action
	base    string
	levels  []level
	differs bool
}

func (k *comparison) rows(mx api.Matrix, m perm.Module, roles []api.Role) []compareRow {
	var out []compareRow
	for _, act := range m.Actions {
		row := compareRow{action: act, base: perm.ID{Module: m.Key, Action: act.Key}.String()}
		for i, r := range roles {
			l := levelIn(grantsOf(mx, r), row.base)
			row.levels = append(row.levels, l)
			row.differs = row.differs || (i > 0 && l != row.levels[0])
		}
		if row.differs || !k.diffOnly {
			out = append(out, row)
		}
	}
	return out
}

func levelText(l level, ownScope bool) string {
	switch {
	case l == levelOwn:
		return "Own records"
	case l == levelAll && ownScope:
		return "All records"
	case l == levelAll:
		return "Yes"
	}
	return "No"
}

// card shows two or more roles side by side, permission by
// permission, the rows where they differ marked: what one role gives that
// the other does not is what an admin choosing between them needs.
func (k *comparison) card(m api.Matrix) app.UI {
	roles := m.Roles
	picked := k.pickedRoles(m)
	diffOnly := app.Input().Type("checkbox").Role("switch").ID("compare-diff-only").Class("switch-input").
		DataSet("testid", "compare-diff-only").Checked(k.diffOnly).
		OnChange(func(ctx app.Context, _ app.Event) { k.diffOnly = ctx.JSSrc().Get("checked").Bool() })

	var table app.UI
	switch {
	case len(picked) < 2:
		table = app.P().Class("hint").DataSet("testid", "compare-hint").Text("Pick at least two roles to compare them.")
	default:
		table = k.table(m, picked)
	}

	return app.Section().Class("card").Aria("labelledby", "compare-title").DataSet("testid", "compare").Body(
		app.H2().ID("compare-title").Class("card-title").Text("Compare roles"),
		app.P().Class("card-lead").Text("Pick two or more roles to see them side by side; the permissions where they differ are marked."),
		app.FieldSet().Class("compare-picks").Body(
			app.Legend().Class("label").Text("Roles to compare"),
			app.Div().Class("pick-list").Body(
				app.Range(roles).Slice(func(i int) app.UI {
					r := roles[i]
					id := "compare-pick-" + r.ID
					rr := r.Role
					return app.Div().Class("pick").Body(
						app.Input().Type("checkbox").ID(id).Class("pick-input").DataSet("testid", id).
							Checked(k.picked[r.ID]).
							OnChange(func(ctx app.Context, _ app.Event) {
								k.pick(r.ID, ctx.JSSrc().Get("checked").Bool())
							}, app.EventScope(r.ID)),
						app.Label().For(id).Class("pick-label").Body(kit.RoleBadge(&rr)),
					)
				}),
			),
		),
		app.Div().Class("switch-field").Body(
			diffOnly,
			app.Label().For("compare-diff-only").Class("switch-label").Text("Show only differences"),
		),
		table,
	)
}

func (k *comparison) table(m api.Matrix, picked []api.Role) app.UI {
	body := []app.UI{app.THead().Body(app.Tr().Body(
		app.Th().Scope("col").Class("matrix-corner").Text("Permission"),
		app.Range(picked).Slice(func(i int) app.UI {
			rr := picked[i].Role
			return app.Th().Scope("col").Class("matrix-role").Body(kit.RoleBadge(&rr))
		}),
	))}
	rows := 0
	for _, mod := range m.Modules {
		group := k.rows(m, mod, picked)
		if len(group) == 0 {
			continue
		}
		rows += len(group)
		body = append(body, app.TBody().Body(
			app.Tr().Class("compare-module").Body(
				app.Th().Scope("colgroup").ColSpan(len(picked)+1).Text(mod.Name),
			),
			app.Range(group).Slice(func(i int) app.UI { return compareLine(group[i]) }),
		))
	}
	if rows == 0 {
		return app.P().Class("hint").DataSet("testid", "compare-same").Text("These roles grant exactly the same permissions.")
	}
	return app.Div().Class("matrix-scroll").Role("region").Aria("label", "Roles compared").TabIndex(0).Body(
		app.Table().Class("matrix", "compare-table").DataSet("testid", "compare-table").Body(body...),
	)
}

func compareLine(row compareRow) app.UI {
	tr := app.Tr().DataSet("testid", "compare-row-"+row.base).DataSet("differs", row.differs)
	if row.differs {
		tr = tr.Class("differs")
	}
	return tr.Body(
		app.Th().Scope("row").Class("matrix-perm").Body(
			app.Span().Class("perm-name").Text(row.action.Name),
			app.Code().Class("perm-id").Text(row.base),
			app.If(row.differs, func() app.UI { return app.Span().Class("row-tag", "diff-tag").Text("Differs") }),
		),
		app.Range(row.levels).Slice(func(i int) app.UI {
			l := row.levels[i]
			return app.Td().Class("compare-cell", "cell-"+levelValues[l]).Text(levelText(l, row.action.OwnScope))
		}),
	)
}
