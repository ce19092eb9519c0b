// Package myaccount is My account: one's name, password, two-factor
// sign-in and sessions.
package myaccount

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
)

// Page is My account, the signed-in person's own: their name, their
// password, two-factor sign-in, and where they are signed in. While the
// account's policy holds them at enrolment, it shows only enrolment.
type Page struct {
	app.Compo

	Me api.Me

	ctx    app.Context
	status string

	name     string
	nameEdit bool
	nameErr  string
	nameBusy bool

	current, next string
	pwErrors      map[string]string // current, new
	pwBusy        bool

	tf twoFactorFlow

	sessions       []api.Session
	sessionsLoaded bool
	sessionsErr    string
	ending         map[string]bool
}

// OnMount loads the sessions (unless the person must enrol first: the
// server allows nothing else).
func (c *Page) OnMount(ctx app.Context) {
	c.ctx = ctx
	c.name = c.Me.User.Name
	if !c.Me.TwoFactor.MustEnroll {
		c.loadSessions(ctx)
	}
}

// OnUpdate follows a new api.Me: the name, unless it is being edited, and
// the sessions once enrolment lets them be read.
func (c *Page) OnUpdate(ctx app.Context) {
	if !c.nameEdit {
		c.name = c.Me.User.Name
	}
	if !c.Me.TwoFactor.MustEnroll && !c.sessionsLoaded && c.sessionsErr == "" {
		c.loadSessions(ctx)
	}
}

// refreshMe asks /me again and shares the answer: the shell and every
// page follow at once (enrolment done, a new name).
func refreshMe(ctx app.Context) {
	ctx.Async(func() {
		me, err := session.API.Me(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			if session.Ended(ctx, err) || err != nil {
				return
			}
			ctx.SetState(session.StateMe, me)
		})
	})
}

// ---------- Name ----------

func (c *Page) saveName(ctx app.Context) {
	if c.nameBusy {
		return
	}
	name := strings.TrimSpace(c.name)
	if name == "" {
		c.nameErr = "Enter your name."
		kit.Focus(ctx, "me-name")
		return
	}
	if name == c.Me.User.Name {
		c.nameEdit = false
		return
	}
	c.nameBusy, c.nameErr = true, ""
	id := c.Me.User.ID
	ctx.Async(func() {
		_, err := session.API.PatchUser(ctx, id, api.PatchUser{Name: &name})
		ctx.Dispatch(func(ctx app.Context) {
			c.nameBusy = false
			if session.Ended(ctx, err) {
				return
			}
			if err != nil {
				c.nameErr = session.FieldRefusal(err, "name")
				return
			}
			c.nameEdit = false
			c.status = "Your name is now " + name + "."
			refreshMe(ctx)
		})
	})
}

// ---------- Password ----------

// passwordFields are the password form's fields and controls, in order.
var passwordFields = [][2]string{{"current", "me-password-current"}, {"new", "me-password-new"}}

func (c *Page) savePassword(ctx app.Context) {
	if c.pwBusy {
		return
	}
	c.pwErrors = map[string]string{}
	if c.current == "" {
		c.pwErrors["current"] = "Enter your current password."
	}
	if p := kit.PasswordProblem(c.next); p != "" {
		c.pwErrors["new"] = p
	}
	if len(c.pwErrors) > 0 {
		kit.FocusFirst(ctx, c.pwErrors, passwordFields...)
		return
	}
	c.pwBusy = true
	in := api.ChangePassword{CurrentPassword: c.current, NewPassword: c.next}
	ctx.Async(func() {
		err := session.API.ChangePassword(ctx, in)
		ctx.Dispatch(func(ctx app.Context) {
			c.pwBusy = false
			if session.Ended(ctx, err) {
				return
			}
			if err != nil {
				c.pwErrors = session.FieldErrors(err, map[string]string{"current_password": "current", "new_password": "new"})
				if len(c.pwErrors) == 0 {
					c.pwErrors = map[string]string{"form": session.Refusal(err)}
				}
				kit.FocusFirst(ctx, c.pwErrors, passwordFields...)
				return
			}
			c.current, c.next = "", ""
			c.status = "Password changed. Your other sessions were signed out."
			c.loadSessions(ctx)
		})
	})
}

// ---------- Rendering ----------

func (c *Page) Render() app.UI {
	enrolOnly := c.Me.TwoFactor.MustEnroll
	lead := "Your name, your password, two-factor sign-in, and where you are signed in."
	if enrolOnly {
		lead = "Your account requires two-factor sign-in. Set it up here to continue: the rest of the console opens once it is on."
	}
	return app.Div().Class("page").DataSet("testid", "page-me").Body(
		app.Header().Class("page-header").Body(
			app.H1().Class("page-title").Text("My account"),
			app.P().Class("page-lead").Text(lead),
		),
		kit.StatusLine("me-status", c.status),
		app.Div().Class("stack").Body(
			app.Div().Class("slot").Body(app.If(!enrolOnly, func() app.UI {
				return app.Div().Class("cards", "cards-even").Body(c.profileCard(), c.passwordCard())
			})),
			c.twoFactorCard(),
			app.Div().Class("slot").Body(app.If(!enrolOnly, c.sessionsCard)),
		),
	)
}

func (c *Page) profileCard() app.UI {
	me := c.Me
	save := app.Button().Type("submit").ID("me-name-save").Class("btn", "btn-secondary").DataSet("testid", "me-name-save")
	if c.nameBusy {
		save = save.Disabled(true).Text("Saving…")
	} else {
		save = save.Text("Save name")
	}
	return kit.Card("me-profile", "Profile",
		app.Form().Class("form").OnSubmit(func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			c.saveName(c.ctx)
		}).Body(
			kit.Field{ID: "me-name", Label: "Name", Error: c.nameErr}.Input(
				app.Input().Type("text").Name("name").Required(true).Attr("autocomplete", "name").
					Value(c.name).OnInput(func(ctx app.Context, _ app.Event) {
					c.name = ctx.JSSrc().Get("value").String()
					c.nameEdit, c.nameErr = true, ""
				})),
			save,
		),
		app.Dl().Class("facts", "facts-tight").Body(
			kit.Fact("Email", app.Text(me.User.Email)),
			kit.Fact("Role", kit.RoleBadge(me.Role)),
		),
	)
}

func (c *Page) passwordCard() app.UI {
	errs := c.pwErrors
	save := app.Button().Type("submit").ID("me-password-save").Class("btn", "btn-primary").DataSet("testid", "me-password-save")
	if c.pwBusy {
		save = save.Disabled(true).Text("Changing…")
	} else {
		save = save.Text("Change password")
	}
	return kit.Card("me-password", "Password",
		app.Form().Class("form").Attr("novalidate", true).OnSubmit(func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			c.savePassword(c.ctx)
		}).Body(
			app.Div().Class("slot").Body(app.If(errs["form"] != "", func() app.UI { return kit.Alert(errs["form"]) })),
			// The browser's password manager fills the right fields.
			app.Input().Type("text").Name("username").Class("sr-only").Attr("autocomplete", "username").
				Value(c.Me.User.Email).ReadOnly(true).TabIndex(-1).Aria("hidden", "true"),
			kit.Field{ID: "me-password-current", Label: "Current password", Error: errs["current"]}.Input(
				app.Input().Type("password").Name("current-password").Attr("autocomplete", "current-password").
					Value(c.current).OnInput(func(ctx app.Context, _ app.Event) {
					c.current = ctx.JSSrc().Get("value").String()
					delete(c.pwErrors, "current")
				})),
			kit.Field{ID: "me-password-new", Label: "New password", Hint: kit.PasswordLengths + " A passphrase of a few words works well; breached passwords are refused.", Error: errs["new"]}.Input(
				app.Input().Type("password").Name("new-password").Attr("autocomplete", "new-password").
					Value(c.next).OnInput(func(ctx app.Context, _ app.Event) {
					c.next = ctx.JSSrc().Get("value").String()
					delete(c.pwErrors, "new")
				})),
			save,
			app.P().Class("hint", "after-button").Text("Your other sessions are signed out when the password changes."),
		),
	)
}
