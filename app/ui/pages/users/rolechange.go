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
	problem                   string
}

// roleDialog moves a user to another role.
type roleDialog struct{ kit.Dialog[roleChange] }

func (d *roleDialog) open(ctx app.Context, u api.User, returnTo string) {
	d.Open(ctx, "user-role-dialog", &roleChange{userID: u.ID, name: u.Name, was: u.RoleID, roleID: u.RoleID}, "role-dialog-select", returnTo)
}

// save moves the user to the role chosen, when c's rules allow it.
func (d *roleDialog) save(ctx app.Context, c *Page) {
	f := d.Form
	if f == nil || d.Busy {
		return
	}
	if f.roleID == f.was {
		d.Close(ctx)
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
	d.Busy, f.problem = true, ""
	id, roleID := f.userID, f.roleID
	ctx.Async(func() {
		_, err := session.API.PatchUser(ctx, id, api.PatchUser{RoleID: &roleID})
		ctx.Dispatch(func(ctx app.Context) {
			d.Answered(ctx, f, err == nil, "user-row-"+id)
			if session.Ended(ctx, err) {
				return
			}
			if err != nil {
				f.problem = session.Refusal(err)
				return
			}
			saved(ctx, f.name+" is now "+next.Name+".", true)
		})
	})
}

// render shows the form of c; its handlers ask c what holds when they run.
func (d *roleDialog) render(c *Page, r userRules) app.UI {
	f := d.Form
	u, _ := c.user(f.userID)
	choices := r.roleChoices(u)
	save := d.Submit("role-dialog-save", "Save role", "Saving…")
	if f.roleID == f.was {
		save = save.Disabled(true)
	}
	return d.Modal("user-role-dialog", "role-dialog-title",
		app.Form().Class("form").Aria("busy", d.Busy).
			OnSubmit(func(ctx app.Context, e app.Event) {
				e.PreventDefault()
				d.save(c.ctx, c)
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
						text += " As " + r.role(f.roleID).Name + " they have no effect: that role holds every permission."
					}
					return app.P().Class("hint-box").DataSet("testid", "role-dialog-overrides").Text(text)
				})),
				app.Div().Class("dialog-actions").Body(
					d.Cancel("role-dialog-cancel"),
					save,
				),
			),
	)
}
