package users

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
)

// ---------- Reset a password ----------

type resetForm struct {
	userID, name, email string
	mode                string // "email" or "set"
	password            string
	errors              map[string]string
	busy                bool
	problem             string
	returnTo            string
}

const resetDialogID = "user-reset-dialog"

func (c *Page) openReset(ctx app.Context, id, returnTo string) {
	u, ok := c.user(id)
	if !ok {
		return
	}
	c.reset = &resetForm{userID: id, name: u.Name, email: u.Email, mode: "email", returnTo: returnTo}
	kit.ShowModal(ctx, resetDialogID, "user-reset-mode-email")
}

func (c *Page) closeReset(ctx app.Context) {
	if c.reset == nil || c.reset.busy {
		return
	}
	returnTo := c.reset.returnTo
	c.reset = nil
	kit.CloseModal(ctx, resetDialogID, returnTo)
}

func (c *Page) submitReset(ctx app.Context) {
	f := c.reset
	if f == nil || f.busy {
		return
	}
	f.problem, f.errors = "", nil
	in := api.ResetPassword{Mode: f.mode}
	if f.mode == "set" {
		if p := kit.PasswordProblem(f.password); p != "" {
			f.errors = map[string]string{"password": p}
			kit.Focus(ctx, "user-reset-password")
			return
		}
		in.Password = f.password
	}
	f.busy = true
	id := f.userID
	ctx.Async(func() {
		err := session.API.ResetPassword(ctx, id, in)
		ctx.Dispatch(func(ctx app.Context) {
			f.busy = false
			if session.Ended(ctx, err) {
				return
			}
			if err != nil {
				if errs := session.FieldErrors(err, nil); errs["password"] != "" {
					f.errors = errs
					kit.Focus(ctx, "user-reset-password")
					return
				}
				f.problem = session.Refusal(err)
				return
			}
			if f.mode == "set" {
				c.status = "New password set for " + f.name + "; their other sessions ended."
			} else {
				c.status = "A reset link is on its way to " + f.email + "."
			}
			if c.reset == f {
				c.reset = nil
				kit.CloseModal(ctx, resetDialogID, f.returnTo)
			}
		})
	})
}

func (c *Page) resetDialog() app.UI {
	f := c.reset
	save := app.Button().Type("submit").ID("user-reset-save").Class("btn", "btn-primary").DataSet("testid", "user-reset-save")
	switch {
	case f.busy:
		save = save.Disabled(true).Text("Working…")
	case f.mode == "set":
		save = save.Text("Set password")
	default:
		save = save.Text("Send reset link")
	}
	radio := func(mode, label string) app.UI {
		id := "user-reset-mode-" + mode
		return app.Div().Class("check-field").Body(
			app.Input().Type("radio").Name("reset-mode").ID(id).Class("check-input").DataSet("testid", id).Value(mode).
				Checked(f.mode == mode).OnChange(func(ctx app.Context, _ app.Event) {
				f.mode = mode
				f.errors = nil
			}, app.EventScope(mode)),
			app.Label().For(id).Class("check-label").Text(label),
		)
	}
	return kit.Modal(resetDialogID, "user-reset-dialog", "user-reset-title", func(ctx app.Context, _ app.Event) { c.closeReset(ctx) },
		app.Form().Class("form").Aria("busy", f.busy).
			OnSubmit(func(ctx app.Context, e app.Event) {
				e.PreventDefault()
				c.submitReset(c.ctx)
			}).
			Body(
				app.H2().ID("user-reset-title").Class("dialog-title").Text("Reset the password of "+f.name),
				app.Div().Class("slot").Body(app.If(f.problem != "", func() app.UI {
					return kit.Alert(f.problem).DataSet("testid", "user-reset-error")
				})),
				app.FieldSet().Class("field", "choices").Body(
					app.Legend().Class("label").Text("How"),
					radio("email", "Email "+f.email+" a link to choose a new password (it works for one hour)"),
					radio("set", "Set a new password now; their other sessions end"),
				),
				app.Div().Class("slot").Body(app.If(f.mode == "set", func() app.UI {
					return kit.Field{ID: "user-reset-password", Label: "New password", Hint: kit.PasswordLengths + " Give it to them in person.", Error: f.errors["password"]}.Input(
						app.Input().Type("password").Name("new-password").Attr("autocomplete", "new-password").
							Value(f.password).OnInput(func(ctx app.Context, _ app.Event) {
							f.password = ctx.JSSrc().Get("value").String()
							f.errors = nil
						}))
				})),
				app.Div().Class("dialog-actions").Body(
					app.Button().Type("button").Class("btn", "btn-secondary").DataSet("testid", "user-reset-cancel").
						OnClick(func(ctx app.Context, _ app.Event) { c.closeReset(ctx) }).Text("Cancel"),
					save,
				),
			),
	)
}
