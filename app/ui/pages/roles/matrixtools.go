package roles

import (
	"slices"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
)

// matrixTools are the matrix's search, its one-role view and its role
// filter: past a handful of roles the whole grid no longer reads on a tablet.
func (c *Page) matrixTools() app.UI {
	roles := c.matrix.Roles
	_, alone := c.oneRole()
	return app.Div().Class("matrix-tools").Body(
		kit.Field{ID: "matrix-search", Label: "Search permissions", Class: "matrix-tool",
			Hint: "By name, key or module, such as “refund” or “contacts”."}.
			Input(app.Input().Type("search").Value(c.query).AutoComplete(false).
				OnInput(func(ctx app.Context, _ app.Event) { c.query = ctx.JSSrc().Get("value").String() })),
		kit.Field{ID: "matrix-view", Label: "Show", Class: "matrix-tool"}.Select(
			app.Select().OnChange(func(ctx app.Context, _ app.Event) { c.showOne(ctx, ctx.JSSrc().Get("value").String()) }).Body(
				app.Option().Value("").Selected(!alone).Text("The chosen roles side by side"),
				app.Range(roles).Slice(func(i int) app.UI {
					return app.Option().Value(roles[i].ID).Selected(alone && roles[i].ID == c.prefs.One).Text(roles[i].Name + " alone, as a list")
				}),
			),
		),
		app.If(!alone, c.roleFilter),
	)
}

// roleFilter chooses the grid's columns, folded away behind a summary.
func (c *Page) roleFilter() app.UI {
	roles := c.matrix.Roles
	shown := len(c.shownRoles())
	return app.Details().Class("role-filter", "matrix-tool").DataSet("testid", "matrix-roles").Body(
		app.Summary().Class("role-filter-summary").DataSet("testid", "matrix-roles-summary").Body(
			app.Span().Class("chevron").Aria("hidden", "true"),
			app.Text("Roles shown: "+strconv.Itoa(shown)+" of "+strconv.Itoa(len(roles))),
		),
		app.Div().Class("role-filter-body").Body(
			app.FieldSet().Class("choices", "role-filter-list").Body(
				app.Legend().Class("sr-only").Text("Roles shown in the matrix"),
				app.Range(roles).Slice(func(i int) app.UI {
					r := roles[i]
					id := "matrix-show-" + r.ID
					return app.Div().Class("check-field").Body(
						app.Input().Type("checkbox").ID(id).Class("check-input").DataSet("testid", id).
							Checked(!c.hidden(r.ID)).
							OnChange(func(ctx app.Context, _ app.Event) { c.showRole(ctx, r.ID, ctx.JSSrc().Get("checked").Bool()) }, app.EventScope(r.ID)),
						app.Label().For(id).Class("check-label").Text(r.Name),
					)
				}),
			),
			app.Div().Class("role-filter-actions").Body(
				app.Button().Type("button").Class("btn", "btn-secondary", "btn-small").DataSet("testid", "matrix-show-all").
					OnClick(func(ctx app.Context, _ app.Event) { c.showAllRoles(ctx, true) }).Text("Show every role"),
				app.Button().Type("button").Class("btn", "btn-secondary", "btn-small").DataSet("testid", "matrix-show-none").
					OnClick(func(ctx app.Context, _ app.Event) { c.showAllRoles(ctx, false) }).Text("Hide every role"),
			),
		),
	)
}

func (c *Page) hidden(id string) bool { return slices.Contains(c.prefs.Hidden, id) }
