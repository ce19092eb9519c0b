package roles

import (
	"slices"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// DriftView is "Compare with preset defaults" on Roles & Permissions: how
// each role has moved away from the preset the account started from, and a
// way back. The page hands it a copy of the matrix it shows, changes in
// flight included, so that a toggle shows here at once: go-app renders the
// view again when the copy differs from the last. A reset raises
// presetReset for the page.
type DriftView struct {
	app.Compo

	Me     api.Me
	Matrix api.Matrix

	ctx app.Context

	preset api.Preset
	loaded bool
	// asked is the account's revision when the preset was last asked for.
	asked   int64
	problem string
	// status announces the outcome of the last reset, politely.
	status    string
	confirmer session.Confirmer
	loader    session.Loader
}

// OnMount loads the preset's defaults.
func (c *DriftView) OnMount(ctx app.Context) {
	c.ctx = ctx
	c.load(ctx)
}

// OnUpdate runs when the page hands over a new api.Me or matrix: a change
// to the account moves its revision on, and the defaults are asked again.
func (c *DriftView) OnUpdate(ctx app.Context) {
	if c.Me.Account.Revision != c.asked {
		c.load(ctx)
	}
}

func (c *DriftView) load(ctx app.Context) {
	c.asked = c.Me.Account.Revision
	if !c.loader.Begin() {
		return
	}
	ctx.Async(func() {
		p, err := session.API.Preset(ctx)
		ctx.Dispatch(func(ctx app.Context) { c.fetched(ctx, p, err) })
	})
}

func (c *DriftView) fetched(ctx app.Context, p api.Preset, err error) {
	if !c.loader.Landed(ctx, err, &c.problem, c.load) {
		return
	}
	c.preset, c.loaded, c.problem = p, true, ""
}

func (c *DriftView) retry(app.Context, app.Event) {
	c.problem = ""
	c.load(c.ctx)
}

func (c *DriftView) roles() []role.Role {
	out := make([]role.Role, len(c.Matrix.Roles))
	for i, r := range c.Matrix.Roles {
		out[i] = r.Role
	}
	return out
}

// askReset confirms a reset, saying what will change.
func (c *DriftView) askReset(ctx app.Context, id string) {
	d := computeDrift(c.Matrix, c.preset)
	i := slices.IndexFunc(d.roles, func(r roleDrift) bool { return r.role.ID == id })
	if i < 0 {
		return
	}
	rd := d.roles[i]
	if no := driftRefusal(c.Me.Actor(), c.roles(), rd); no != nil {
		c.status = no.Message
		return
	}
	var got api.Role
	c.confirmer.Ask(ctx, &kit.Confirmation{
		Title: "Reset " + rd.role.Name + " to the preset's defaults?",
		Body:  driftResetText(rd),
		OK:    "Reset to defaults",
		// Nothing is taken away when the role only gets grants back.
		Safe: len(rd.added) == 0,
		Run: func(ctx app.Context) error {
			r, err := session.API.ResetRole(ctx, id)
			got = r
			return err
		},
		Done: func(ctx app.Context) {
			c.status = got.Name + " is back to the preset's defaults."
			ctx.NewActionWithValue(presetReset, got)
			c.load(ctx)
			// The role's button goes with its drift.
			kit.Focus(ctx, "drift-title")
		},
		ReturnTo: "drift-reset-" + id,
	})
}

// presetReset is the action a reset raises, with the role as the server
// answered it.
const presetReset = "roles/preset-reset"

// presetReset takes a role the drift view reset, and refetches the matrix.
func (c *Page) presetReset(_ app.Context, a app.Action) {
	r, ok := a.Value.(api.Role)
	if !ok {
		return
	}
	c.putRole(r)
	c.changes++
	c.status = ""
	c.load(c.ctx)
}

func (c *DriftView) Render() app.UI {
	return app.Section().Class("card").Aria("labelledby", "drift-title").DataSet("testid", "drift").Body(
		// The heading takes the focus after a reset, when the button is gone.
		app.H2().ID("drift-title").Class("card-title").TabIndex(-1).Text("Compare with preset defaults"),
		app.P().Class("card-lead").Text(c.lead()),
		kit.StatusLine("drift-status", c.status),
		app.Div().Class("slot").Body(
			app.If(c.problem != "", func() app.UI {
				return app.Div().Body(
					kit.Alert(c.problem).DataSet("testid", "drift-error"),
					app.Button().Type("button").Class("btn", "btn-secondary").OnClick(c.retry).Text("Try again"),
				)
			}),
		),
		app.Div().Class("slot").Body(
			app.If(!c.loaded && c.problem == "", func() app.UI {
				return app.P().Class("status").DataSet("testid", "drift-loading").Text("Loading the preset's defaults…")
			}),
			app.If(c.loaded, func() app.UI { return c.body() }),
		),
		c.confirmer.Dialog(c.ctx),
	)
}

func (c *DriftView) lead() string {
	from := "the preset this account started from"
	if c.preset.Name != "" {
		from = c.preset.Name + ", the preset this account started from"
	}
	return "Where each role has moved away from the defaults of " + from + ". Resetting a role puts its name, description, colour and permissions back."
}

func (c *DriftView) body() app.UI {
	if c.preset.Key == "" {
		return app.P().Class("hint").DataSet("testid", "drift-none").Text("This account did not start from a preset, so there are no defaults to compare with.")
	}
	d := computeDrift(c.Matrix, c.preset)
	if d.clean() {
		return app.P().Class("notice", "notice-success").DataSet("testid", "drift-clean").
			Text("All roles match the " + c.preset.Name + " defaults.")
	}
	a := c.Me.Actor()
	roles := c.roles()
	return app.Div().Body(
		app.If(len(d.roles) > 0, func() app.UI {
			return app.Ul().Class("finding-users", "stack").DataSet("testid", "drift-roles").Body(
				app.Range(d.roles).Slice(func(i int) app.UI { return c.roleItem(a, roles, d.roles[i]) }),
			)
		}),
		app.If(len(d.matching) > 0, func() app.UI {
			return driftRoleGroup("drift-matching", "Match the defaults", "", d.matching, nil)
		}),
		app.If(len(d.extra) > 0, func() app.UI {
			return driftRoleGroup("drift-extra", "Added to this account",
				"The preset has no such role, so there are no defaults to reset it to.", d.extra, nil)
		}),
		app.If(len(d.missing) > 0, func() app.UI {
			return driftRoleGroup("drift-missing", "Deleted from this account",
				"The preset has these roles; this account no longer does.", nil, d.missing)
		}),
	)
}

// driftRoleGroup is a titled row of role badges.
func driftRoleGroup(testID, title, text string, roles []api.Role, defaults []role.Role) app.UI {
	badges := make([]role.Role, 0, len(roles)+len(defaults))
	for _, r := range roles {
		badges = append(badges, r.Role)
	}
	badges = append(badges, defaults...)
	return app.Div().DataSet("testid", testID).Body(
		app.H3().ID(testID+"-title").Class("card-subtitle").Text(title),
		app.If(text != "", func() app.UI { return app.P().Class("why").Text(text) }),
		app.Ul().Class("chips", "drift-badges").Aria("labelledby", testID+"-title").Body(
			app.Range(badges).Slice(func(i int) app.UI {
				r := badges[i]
				return app.Li().DataSet("testid", testID+"-"+r.ID).Body(kit.RoleBadge(&r))
			}),
		),
	)
}

func (c *DriftView) roleItem(a rules.Actor, roles []role.Role, d roleDrift) app.UI {
	id := d.role.ID
	rr := d.role.Role
	no := driftRefusal(a, roles, d)
	resetID, whyID := "drift-reset-"+id, "drift-reset-why-"+id
	button := app.Button().Type("button").ID(resetID).Class("btn", "btn-secondary", "btn-small").DataSet("testid", resetID).
		Aria("label", "Reset to defaults: "+d.role.Name)
	if no == nil {
		button = button.OnClick(func(app.Context, app.Event) { c.askReset(c.ctx, id) }, app.EventScope(id))
	} else {
		button = button.Disabled(true).Aria("describedby", whyID)
	}
	return app.Li().Class("role-card").DataSet("testid", "drift-role-"+id).Body(
		app.H3().Class("role-card-title").Body(kit.RoleBadge(&rr)),
		app.P().Class("role-card-facts").Text(driftSummary(d)),
		app.If(d.name || d.description || d.color, func() app.UI { return driftFields(d) }),
		app.If(len(d.added) > 0 || len(d.removed) > 0, func() app.UI {
			return app.Div().Class("stack", "drift-perms").Body(
				app.If(len(d.added) > 0, func() app.UI {
					return driftPermGroup("drift-added-"+id, "Added since the preset", d.added)
				}),
				app.If(len(d.removed) > 0, func() app.UI {
					return driftPermGroup("drift-removed-"+id, "Removed since the preset", d.removed)
				}),
			)
		}),
		app.Div().Class("role-card-actions").Body(
			button.Text("Reset to defaults"),
			app.If(no != nil, func() app.UI { return app.P().ID(whyID).Class("why").Text(no.Message) }),
		),
	)
}

// driftFields lists the name, description and colour that moved, next to
// their defaults.
func driftFields(d roleDrift) app.UI {
	id := d.role.ID
	var items []app.UI
	fact := func(key, term string, now, def app.UI) {
		items = append(items, app.Div().Class("fact").DataSet("testid", "drift-"+key+"-"+id).Body(
			app.Dt().Text(term),
			app.Dd().Body(now, app.Span().Class("hint").Text(" — default "), def),
		))
	}
	if d.name {
		fact("name", "Name", app.Text("“"+d.role.Name+"”"), app.Text("“"+d.def.Name+"”"))
	}
	if d.description {
		fact("description", "Description", app.Text("“"+d.role.Description+"”"), app.Text("“"+d.def.Description+"”"))
	}
	if d.color {
		now, def := d.role.Role, d.def
		fact("color", "Colour",
			app.Span().Class("badge", "badge-"+kit.Color(&now)).Text(colorName(d.role.Color)),
			app.Span().Class("badge", "badge-"+kit.Color(&def)).Text(colorName(d.def.Color)))
	}
	return app.Dl().Class("facts", "facts-tight").Body(items...)
}

// driftPermGroup is a titled list of permissions, named as the catalog names them.
func driftPermGroup(testID, title string, ids []string) app.UI {
	titleID := testID + "-title"
	return app.Div().Body(
		app.H4().ID(titleID).Class("perm-module").Text(title+" ("+strconv.Itoa(len(ids))+")"),
		app.Ul().Class("chips").Aria("labelledby", titleID).DataSet("testid", testID).Body(
			app.Range(ids).Slice(func(i int) app.UI {
				p := ids[i]
				chip := app.Li().Class("chip").DataSet("perm", p)
				if strings.HasSuffix(p, ":own") {
					chip = chip.Class("chip-own")
				}
				return chip.Body(
					app.Text(perm.Label(p)+" "),
					app.Code().Text(p),
				)
			}),
		),
	)
}
