package ui

import (
	"strings"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/shared/api"
)

// Pages anyone may open, without the shell: accepting an invitation,
// choosing a new password from a reset link, and asking for that link.
const (
	invitePath = "/invite"
	resetPath  = "/reset"
	forgotPath = "/forgot"
)

// publicCard lays out a public page like the sign-in page.
func publicCard(testID, title, lead string, body ...app.UI) app.UI {
	return app.Main().ID("main").Class("signin-page").DataSet("testid", testID).Body(
		app.Div().Class("signin-card").Body(
			append([]app.UI{
				mark("signin-mark"),
				app.H1().Class("signin-title").Text(title),
				app.P().Class("signin-lead").Text(lead),
			}, body...)...,
		),
	)
}

// submitButton is a form's submit button, "busy" while it works. Disabled
// only when true: prerendered HTML would read disabled="false" as disabled.
func submitButton(testID, text, busyText string, busy bool) app.UI {
	b := app.Button().Type("submit").Class("btn", "btn-primary", "btn-block").DataSet("testid", testID)
	if busy {
		return b.Disabled(true).Text(busyText)
	}
	return b.Text(text)
}

// linkProblem is what the page says about a link that does not work.
const linkProblem = "This link is invalid, has expired or was used already. Ask for a new one."

// tokenOf reads ?token= of the page.
func tokenOf(ctx app.Context) string {
	return ctx.Page().URL().Query().Get("token")
}

// ---------- /invite ----------

// InvitePage accepts an invitation: the person names themselves and
// chooses a password, and is signed in.
type InvitePage struct {
	app.Compo

	token          string
	name, password string
	errors         map[string]string // name, password
	problem        string
	busy           bool
}

// OnNav reads the invitation's token from the link.
func (c *InvitePage) OnNav(ctx app.Context) {
	c.token = tokenOf(ctx)
}

func (c *InvitePage) submit(ctx app.Context) {
	if c.busy {
		return
	}
	c.problem = ""
	c.errors = map[string]string{}
	switch n := utf8.RuneCountInString(strings.TrimSpace(c.name)); {
	case n == 0:
		c.errors["name"] = "Enter your name."
	case n > 200:
		c.errors["name"] = "Keep your name under 200 characters."
	}
	if p := passwordProblem(c.password); p != "" {
		c.errors["password"] = p
	}
	if c.token == "" {
		c.problem = linkProblem
	}
	if len(c.errors) > 0 || c.problem != "" {
		focusFirst(ctx, c.errors, [2]string{"name", "invite-name"}, [2]string{"password", "invite-password"})
		return
	}
	c.busy = true
	in := api.AcceptInvite{Token: c.token, Name: strings.TrimSpace(c.name), Password: c.password}
	ctx.Async(func() {
		_, err := server.AcceptInvite(ctx, in)
		ctx.Dispatch(func(ctx app.Context) { c.answered(ctx, err) })
	})
}

func (c *InvitePage) answered(ctx app.Context, err error) {
	c.busy = false
	if err == nil {
		// Signed in as someone new: nobody else's api.Me may show.
		ctx.DelState(stateMe)
		ctx.Navigate("/")
		return
	}
	errs := fieldErrors(err, nil)
	switch {
	case errs["token"] != "":
		c.problem = linkProblem
	case errs["name"] != "" || errs["password"] != "":
		c.errors = errs
		focusFirst(ctx, c.errors, [2]string{"name", "invite-name"}, [2]string{"password", "invite-password"})
	case client.Code(err) == api.CodeTooManyAttempts || client.Code(err) == api.CodeUnavailable:
		c.problem = message(err)
	default:
		c.problem = refusal(err)
	}
}

func (c *InvitePage) Render() app.UI {
	return publicCard("page-invite", "Accept your invitation", "Choose how you appear and your password; you are signed in right after.",
		app.Form().Class("form").Attr("novalidate", true).Aria("busy", c.busy).OnSubmit(func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			c.submit(ctx)
		}).Body(
			app.Div().Class("slot").Body(app.If(c.problem != "", func() app.UI {
				return app.Div().Body(
					alert(c.problem).DataSet("testid", "invite-error"),
					app.P().Class("form-links").Body(app.A().Href(signInPath).Text("Go to sign-in")),
				)
			})),
			checkedField("invite-name", "Your name", c.errors["name"],
				app.Input().Type("text").Name("name").Required(true).Attr("autocomplete", "name").
					Value(c.name).OnInput(func(ctx app.Context, _ app.Event) {
					c.name = ctx.JSSrc().Get("value").String()
					delete(c.errors, "name")
				})),
			hintedField("invite-password", "Choose a password", passwordLengths+" A passphrase of a few words works well; breached passwords are refused.", c.errors["password"],
				app.Input().Type("password").Name("new-password").Required(true).Attr("autocomplete", "new-password").
					Value(c.password).OnInput(func(ctx app.Context, _ app.Event) {
					c.password = ctx.JSSrc().Get("value").String()
					delete(c.errors, "password")
				})),
			submitButton("invite-submit", "Accept and sign in", "Signing you in…", c.busy),
		),
	)
}

// ---------- /reset ----------

// ResetPage sets a new password from a reset link's token.
type ResetPage struct {
	app.Compo

	token    string
	password string
	err      string // about the password
	problem  string // about the link, or the service
	busy     bool
}

// OnNav reads the reset link's token.
func (c *ResetPage) OnNav(ctx app.Context) {
	c.token = tokenOf(ctx)
}

func (c *ResetPage) submit(ctx app.Context) {
	if c.busy {
		return
	}
	c.problem, c.err = "", ""
	if c.token == "" {
		c.problem = linkProblem
		return
	}
	if c.err = passwordProblem(c.password); c.err != "" {
		focus(ctx, "reset-password")
		return
	}
	c.busy = true
	in := api.NewPassword{Token: c.token, Password: c.password}
	ctx.Async(func() {
		err := server.NewPassword(ctx, in)
		ctx.Dispatch(func(ctx app.Context) { c.answered(ctx, err) })
	})
}

func (c *ResetPage) answered(ctx app.Context, err error) {
	c.busy = false
	if err == nil {
		ctx.DelState(stateMe)
		ctx.Navigate(signInPath + "?reset=done")
		return
	}
	errs := fieldErrors(err, nil)
	switch {
	case errs["token"] != "":
		c.problem = linkProblem
	case errs["password"] != "":
		c.err = errs["password"]
		focus(ctx, "reset-password")
	case client.Code(err) == api.CodeTooManyAttempts || client.Code(err) == api.CodeUnavailable:
		c.problem = message(err)
	default:
		c.problem = refusal(err)
	}
}

func (c *ResetPage) Render() app.UI {
	return publicCard("page-reset", "Choose a new password", "Every session of your account ends; then you sign in with the new password.",
		app.Form().Class("form").Attr("novalidate", true).Aria("busy", c.busy).OnSubmit(func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			c.submit(ctx)
		}).Body(
			app.Div().Class("slot").Body(app.If(c.problem != "", func() app.UI {
				return app.Div().Body(
					alert(c.problem).DataSet("testid", "reset-error"),
					app.P().Class("form-links").Body(app.A().Href(forgotPath).Text("Ask for a new link")),
				)
			})),
			hintedField("reset-password", "New password", passwordLengths+" A passphrase of a few words works well; breached passwords are refused.", c.err,
				app.Input().Type("password").Name("new-password").Required(true).Attr("autocomplete", "new-password").
					Value(c.password).OnInput(func(ctx app.Context, _ app.Event) {
					c.password = ctx.JSSrc().Get("value").String()
					c.err = ""
				})),
			submitButton("reset-submit", "Set password", "Saving…", c.busy),
			app.P().Class("form-links").Body(app.A().Href(signInPath).Text("Back to sign-in")),
		),
	)
}

// ---------- /forgot ----------

// ForgotPage asks for a reset link. The answer never says whether the
// email has an account.
type ForgotPage struct {
	app.Compo

	email   string
	err     string
	problem string
	sent    bool
	busy    bool
}

func (c *ForgotPage) submit(ctx app.Context) {
	if c.busy {
		return
	}
	c.problem, c.err = "", ""
	if !looksLikeEmail(c.email) {
		c.err = "Enter your email address, like name@example.com."
		focus(ctx, "forgot-email")
		return
	}
	c.busy = true
	email := strings.TrimSpace(c.email)
	ctx.Async(func() {
		err := server.ForgotPassword(ctx, email)
		ctx.Dispatch(func(ctx app.Context) {
			c.busy = false
			if err != nil {
				c.problem = message(err)
				return
			}
			c.sent = true
			focus(ctx, "forgot-sent")
		})
	})
}

func (c *ForgotPage) Render() app.UI {
	return publicCard("page-forgot", "Forgot your password?", "Enter your email and we send you a link to choose a new one.",
		app.Div().Class("slot").Body(app.If(c.sent, func() app.UI {
			return app.P().ID("forgot-sent").Class("notice").Role("status").Aria("live", "polite").TabIndex(-1).
				DataSet("testid", "forgot-sent").Text("If this email has an account, a link is on its way. It works for one hour.")
		})),
		app.Form().Class("form").Attr("novalidate", true).Aria("busy", c.busy).OnSubmit(func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			c.submit(ctx)
		}).Body(
			app.Div().Class("slot").Body(app.If(c.problem != "", func() app.UI {
				return alert(c.problem).DataSet("testid", "forgot-error")
			})),
			checkedField("forgot-email", "Email", c.err,
				app.Input().Type("email").Name("email").Required(true).Attr("autocomplete", "username").Attr("spellcheck", "false").
					Value(c.email).OnInput(func(ctx app.Context, _ app.Event) {
					c.email = ctx.JSSrc().Get("value").String()
					c.err = ""
				})),
			submitButton("forgot-submit", "Send me a link", "Sending…", c.busy),
			app.P().Class("form-links").Body(app.A().Href(signInPath).Text("Back to sign-in")),
		),
	)
}
