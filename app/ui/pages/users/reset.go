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
	problem             string
}

// resetDialog resets a user's password: a link by email, or a new one now.
type resetDialog struct{ kit.Dialog[resetForm] }

func (d *resetDialog) open(ctx app.Context, u api.User, returnTo string) {
	d.Open(ctx, "user-reset-dialog", &resetForm{userID: u.ID, name: u.Name, email: u.Email, mode: "email"}, "user-reset-mode-email", returnTo)
}

// submit sends the link, or sets the password typed.
func (d *resetDialog) submit(ctx app.Context) {
	f := d.Form
	if f == nil || d.Busy {
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
	d.Busy = true
	id := f.userID
	ctx.Async(func() {
		err := session.API.ResetPassword(ctx, id, in)
		ctx.Dispatch(func(ctx app.Context) {
			d.Answered(ctx, f, err == nil, "")
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
				saved(ctx, "New password set for "+f.name+"; their other sessions ended.", false)
			} else {
				saved(ctx, "A reset link is on its way to "+f.email+".", false)
			}
		})
	})
}

// render shows the form of c.
func (d *resetDialog) render(c *Page) app.UI {
	f := d.Form
	save := "Send reset link"
	if f.mode == "set" {
		save = "Set password"
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
	return d.Modal("user-reset-dialog", "user-reset-title",
		app.Form().Class("form").Aria("busy", d.Busy).
			OnSubmit(func(ctx app.Context, e app.Event) {
				e.PreventDefault()
				d.submit(c.ctx)
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
					d.Cancel("user-reset-cancel"),
					d.Submit("user-reset-save", save, "Working…"),
				),
			),
	)
}
