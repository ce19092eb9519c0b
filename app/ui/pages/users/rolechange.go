package users

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
)

// ---------- Change a role ----------

type roleChange struct {
	userID, name, was, roleID string
	busy                      bool
	problem                   string
	returnTo                  string
}

const roleChangeID = "user-role-dialog"

func (c *Page) openRole(ctx app.Context, id, returnTo string) {
	u, ok := c.user(id)
	if !ok {
		return
	}
	c.roleForm = &roleChange{userID: id, name: u.Name, was: u.RoleID, roleID: u.RoleID, returnTo: returnTo}
	kit.ShowModal(ctx, roleChangeID, "role-dialog-select")
}

func (c *Page) closeRole(ctx app.Context) {
	if c.roleForm == nil || c.roleForm.busy {
		return
	}
	returnTo := c.roleForm.returnTo
	c.roleForm = nil
	kit.CloseModal(ctx, roleChangeID, returnTo)
}

func (c *Page) saveRole(ctx app.Context) {
	f := c.roleForm
	if f == nil || f.busy {
		return
	}
	if f.roleID == f.was {
		c.closeRole(ctx)
		return
	}
	u, ok := c.user(f.userID)
	if !ok {
		return
	}
	r := c.rules()
	next := r.role(f.roleID)
	if no := r.changeRole(u, next); no != nil {
		f.problem = no.Message
		return
	}
	f.busy, f.problem = true, ""
	id, roleID := f.userID, f.roleID
	ctx.Async(func() {
		_, err := session.API.PatchUser(ctx, id, api.PatchUser{RoleID: &roleID})
		ctx.Dispatch(func(ctx app.Context) {
			f.busy = false
			if session.Ended(ctx, err) {
				return
			}
			if err != nil {
				f.problem = session.Refusal(err)
				return
			}
			c.status = f.name + " is now " + next.Name + "."
			if c.roleForm == f {
				c.roleForm = nil
				kit.CloseModal(ctx, roleChangeID, "user-row-"+id)
			}
			c.load(ctx)
		})
	})
}

func (c *Page) roleDialog(r userRules) app.UI {
	f := c.roleForm
	u, _ := c.user(f.userID)
	choices := r.roleChoices(u)
	save := app.Button().Type("submit").ID("role-dialog-save").Class("btn", "btn-primary").DataSet("testid", "role-dialog-save")
	switch {
	case f.busy:
		save = save.Disabled(true).Text("Saving…")
	case f.roleID == f.was:
		save = save.Disabled(true).Text("Save role")
	default:
		save = save.Text("Save role")
	}
	return kit.Modal(roleChangeID, "user-role-dialog", "role-dialog-title", func(ctx app.Context, _ app.Event) { c.closeRole(ctx) },
		app.Form().Class("form").Aria("busy", f.busy).
			OnSubmit(func(ctx app.Context, e app.Event) {
				e.PreventDefault()
				c.saveRole(c.ctx)
			}).
			Body(
				app.H2().ID("role-dialog-title").Class("dialog-title").Text("Change the role of "+f.name),
				app.P().Class("dialog-text").Text("The change applies at once, to every page "+f.name+" has open."),
				app.If(r.ladder, func() app.UI {
					return app.P().Class("notice").DataSet("testid", "role-dialog-ladder").
						Text("This account uses the ladder: roles only move up. To move someone down, delete them and add them again.")
				}),
				app.Div().Class("slot").Body(app.If(f.problem != "", func() app.UI {
					return kit.Alert(f.problem).DataSet("testid", "role-dialog-error")
				})),
				kit.Field{ID: "role-dialog-select", Label: "New role", Hint: describe(r.role(f.roleID)), Why: reasons(choices)}.Select(
					app.Select().Name("role").
						OnChange(func(ctx app.Context, _ app.Event) {
							f.roleID = ctx.JSSrc().Get("value").String()
							f.problem = ""
						}).
						Body(roleOptions(choices, f.roleID)...)),
				app.Div().Class("slot").Body(app.If(kit.HasOverrides(u.Overrides), func() app.UI {
					text := f.name + " keeps their per-user overrides whatever the role: " + kit.OverridesText(u.Overrides) + "."
					if r.role(f.roleID).SuperAdmin {
						text += " As " + r.role(f.roleID).Name + " they have no effect: a super admin holds every permission."
					}
					return app.P().Class("hint-box").DataSet("testid", "role-dialog-overrides").Text(text)
				})),
				app.Div().Class("dialog-actions").Body(
					app.Button().Type("button").Class("btn", "btn-secondary").DataSet("testid", "role-dialog-cancel").
						OnClick(func(ctx app.Context, _ app.Event) { c.closeRole(ctx) }).Text("Cancel"),
					save,
				),
			),
	)
}
