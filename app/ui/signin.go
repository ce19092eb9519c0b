package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/shared/api"
)

// SignIn is the sign-in page. A code field appears once the server says the
// person's two-factor sign-in needs one.
type SignIn struct {
	app.Compo

	email, password, code string
	needCode              bool
	busy                  bool
	// problem is the last attempt's failure, for people; "" when none.
	problem string
}

func (c *SignIn) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	c.submit(ctx)
}

func (c *SignIn) submit(ctx app.Context) {
	if c.busy {
		return
	}
	c.busy, c.problem = true, ""
	req := api.LoginRequest{Email: c.email, Password: c.password, Code: c.code}
	ctx.Async(func() {
		_, err := server.Login(ctx, req)
		ctx.Dispatch(func(ctx app.Context) {
			if err == nil {
				ctx.DelState(stateMe)
				ctx.Navigate("/")
				return
			}
			askedCode := c.needCode
			c.fail(err)
			if c.needCode && !askedCode {
				focus(ctx, "signin-code")
			}
		})
	})
}

// fail shows why the attempt failed.
func (c *SignIn) fail(err error) {
	c.busy = false
	if client.Code(err) == api.CodeTOTPRequired && !c.needCode {
		// Not a mistake: the next step of signing in.
		c.needCode = true
		return
	}
	c.problem = signInMessage(err)
}

func signInMessage(err error) string {
	switch client.Code(err) {
	case api.CodeInvalidCredentials:
		return "Email or password is wrong."
	case api.CodeTOTPRequired:
		return "That code did not work. Enter the current code from your authenticator app."
	case api.CodeTooManyAttempts, api.CodeUnavailable:
		return message(err)
	}
	return "Signing in failed. Try again."
}

func (c *SignIn) Render() app.UI {
	errorID := ""
	if c.problem != "" {
		errorID = "signin-error"
	}
	return app.Main().ID("main").Class("signin-page").Body(
		app.Div().Class("signin-card").Body(
			mark("signin-mark"),
			app.H1().Class("signin-title").Text("Sign in"),
			app.P().Class("signin-lead").Text("Users & Roles console"),
			app.Form().Class("form").DataSet("testid", "signin-form").Aria("busy", c.busy).OnSubmit(c.onSubmit).Body(
				app.If(c.problem != "", func() app.UI {
					return alert(c.problem).ID(errorID).DataSet("testid", "signin-error")
				}),
				app.If(c.needCode && c.problem == "", func() app.UI {
					return app.P().Class("notice").Role("status").Aria("live", "polite").
						Text("Two-factor sign-in is on for you. Enter the 6-digit code from your authenticator app.")
				}),
				field("signin-email", "Email", errorID,
					app.Input().Type("email").Name("email").Required(true).
						Attr("autocomplete", "username").Attr("spellcheck", "false").
						Value(c.email).OnInput(c.ValueTo(&c.email))),
				field("signin-password", "Password", errorID,
					app.Input().Type("password").Name("password").Required(true).
						Attr("autocomplete", "current-password").
						Value(c.password).OnInput(c.ValueTo(&c.password))),
				app.If(c.needCode, func() app.UI {
					return field("signin-code", "Authentication code", errorID,
						app.Input().Type("text").Name("code").Required(true).
							Attr("inputmode", "numeric").Attr("autocomplete", "one-time-code").
							Pattern("[0-9]{6}").MaxLength(6).
							Value(c.code).OnInput(c.ValueTo(&c.code)))
				}),
				c.submitButton(),
			),
		),
	)
}

func (c *SignIn) submitButton() app.UI {
	b := app.Button().Type("submit").Class("btn", "btn-primary", "btn-block").DataSet("testid", "signin-submit")
	if c.busy {
		// Only when true: prerendered HTML would read disabled="false" as disabled.
		return b.Disabled(true).Text("Signing in…")
	}
	return b.Text("Sign in")
}
