package account

import (
	"slices"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/rules"
)

// optionalModules are the catalog's modules an account may turn off.
func optionalModules() []perm.Module {
	var out []perm.Module
	for _, m := range perm.Catalog {
		if !m.Core {
			out = append(out, m)
		}
	}
	return out
}

// mayChangeModules says why the person may not turn modules on and off, or nil.
func (c *Page) mayChangeModules() *rules.Refusal {
	return rules.ChangeModules(c.Me.Actor())
}

func (c *Page) saveModules(ctx app.Context) {
	if c.modulesBusy || !c.modulesEdit {
		return
	}
	if no := c.mayChangeModules(); no != nil {
		c.modulesProblem = no.Message
		return
	}
	mods := slices.Clone(c.modules)
	c.modulesBusy, c.modulesProblem = true, ""
	c.patch(ctx, api.PatchAccount{Modules: &mods}, func(ctx app.Context, a api.Account, err error) {
		c.modulesBusy = false
		if err != nil {
			c.modulesProblem = session.Refusal(err)
			return
		}
		c.modulesEdit, c.modules = false, a.Modules
		c.status = "Modules saved. Permissions of modules turned off are hidden and kept for when they are turned on again."
	})
}

// modulesCard lists the optional modules with a checkbox each: turning one
// off hides its permissions everywhere and keeps its grants.
func (c *Page) modulesCard() app.UI {
	no := c.mayChangeModules()
	mods := optionalModules()
	save := app.Button().Type("submit").ID("account-modules-save").Class("btn", "btn-secondary").DataSet("testid", "account-modules-save")
	switch {
	case c.modulesBusy:
		save = save.Disabled(true).Text("Saving…")
	case no != nil || !c.modulesEdit:
		save = save.Disabled(true).Text("Save modules")
	default:
		save = save.Text("Save modules")
	}
	return kit.Card("account-modules", "Modules",
		app.P().Class("hint").Text("The product areas this account uses. Turning one off hides its permissions from every role and person; what was granted comes back when it is turned on again."),
		app.Form().Class("form").OnSubmit(func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			c.saveModules(c.ctx)
		}).Body(
			app.FieldSet().Class("role-picks").Body(
				app.Legend().Class("sr-only").Text("Modules turned on"),
				app.Range(mods).Slice(func(i int) app.UI {
					m := mods[i]
					id := "account-module-" + m.Key
					in := app.Input().Type("checkbox").ID(id).Class("pick-input").DataSet("testid", id).
						Checked(slices.Contains(c.modules, m.Key)).Disabled(no != nil).
						OnChange(func(ctx app.Context, _ app.Event) {
							on := ctx.JSSrc().Get("checked").Bool()
							next := slices.DeleteFunc(slices.Clone(c.modules), func(k string) bool { return k == m.Key })
							if on {
								next = append(next, m.Key)
							}
							c.modules, c.modulesEdit, c.modulesProblem = next, true, ""
						}, app.EventScope(m.Key))
					if no != nil {
						in = in.Aria("describedby", "account-modules-why")
					}
					return app.Div().Class("pick").Body(in, app.Label().For(id).Class("pick-label").Text(m.Name))
				}),
			),
			save,
		),
		app.Div().Class("slot").Body(app.If(c.modulesProblem != "", func() app.UI {
			return kit.Alert(c.modulesProblem).ID("account-modules-error").DataSet("testid", "account-modules-error")
		})),
		app.If(no != nil, func() app.UI {
			return app.P().ID("account-modules-why").Class("why").DataSet("testid", "account-modules-why").Text(no.Message)
		}),
	)
}
