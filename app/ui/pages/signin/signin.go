// Package signin is the sign-in page.
package signin

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
)

// Page is the sign-in page. A code field appears once the server says the
// person's two-factor sign-in needs one; a recovery code may stand in for it.
type Page struct {
	app.Compo

	email, password, code, recovery string
	needCode                        bool
	useRecovery                     bool
	busy                            bool
	// problem is the last attempt's failure, for people; "" when none.
	problem string
	// note is good news brought by the link here (a new password).
	note string
}

// OnNav reads why the person was sent here: ?reset=done after choosing a
// new password.
func (c *Page) OnNav(ctx app.Context) {
	if ctx.Page().URL().Query().Get("reset") == "done" {
		c.note = "Your password is changed. Sign in with the new one."
	}
}

func (c *Page) toggleRecovery(ctx app.Context) {
	c.useRecovery = !c.useRecovery
	c.problem = ""
	if c.useRecovery {
		kit.Focus(ctx, "signin-recovery")
	} else {
		kit.Focus(ctx, "signin-code")
	}
}

func (c *Page) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	c.submit(ctx)
}

func (c *Page) submit(ctx app.Context) {
	if c.busy {
		return
	}
	c.busy, c.problem = true, ""
	req := api.LoginRequest{Email: c.email, Password: c.password}
	if c.needCode && c.useRecovery {
		req.RecoveryCode = strings.TrimSpace(c.recovery)
	} else if c.needCode {
		req.Code = strings.Join(strings.Fields(c.code), "")
	}
	ctx.Async(func() {
		res, err := session.API.Login(ctx, req)
		ctx.Dispatch(func(ctx app.Context) {
			if err == nil {
				// More than one account opened: the person chooses.
				next := "/"
				if len(res.Accounts) > 1 {
					next = session.AccountsPath
				}
				session.Leave(ctx, next)
				return
			}
			askedCode := c.needCode
			c.fail(err)
			if c.needCode && !askedCode {
				kit.Focus(ctx, "signin-code")
			}
		})
	})
}

// fail shows why the attempt failed.
func (c *Page) fail(err error) {
	c.busy = false
	if session.Code(err) == api.CodeTOTPRequired && !c.needCode {
		// Not a mistake: the next step of signing in.
		c.needCode = true
		return
	}
	c.problem = signInMessage(err)
	if session.Code(err) == api.CodeTOTPRequired && c.useRecovery {
		c.problem = "That recovery code did not work. Each code works once; check it, or use a code from your authenticator app."
	}
}

func signInMessage(err error) string {
	switch session.Code(err) {
	case api.CodeInvalidCredentials:
		return "Email or password is wrong."
	case api.CodeTOTPRequired:
		return "That code did not work. Enter the current code from your authenticator app."
	case api.CodeTooManyAttempts, api.CodeUnavailable:
		return session.Message(err)
	}
	return "Signing in failed. Try again."
}

func (c *Page) Render() app.UI {
	errorID := ""
	if c.problem != "" {
		errorID = "signin-error"
	}
	return app.Main().ID("main").Class("signin-page").Body(
		app.Div().Class("signin-card").Body(
			kit.Mark("signin-mark"),
			app.H1().Class("signin-title").Text("Sign in"),
			app.P().Class("signin-lead").Text("Users & Roles console"),
			app.Form().Class("form").DataSet("testid", "signin-form").Aria("busy", c.busy).OnSubmit(c.onSubmit).Body(
				app.If(c.problem != "", func() app.UI {
					return kit.Alert(c.problem).ID(errorID).DataSet("testid", "signin-error")
				}),
				app.If(c.needCode && c.problem == "", func() app.UI {
					text := "Two-factor sign-in is on for you. Enter the 6-digit code from your authenticator app."
					if c.useRecovery {
						text = "Enter one of the recovery codes you saved when you set up two-factor sign-in."
					}
					return app.P().Class("notice").Role("status").Aria("live", "polite").Text(text)
				}),
				app.If(c.note != "" && !c.needCode && c.problem == "", func() app.UI {
					return app.P().Class("notice", "notice-success").Role("status").Aria("live", "polite").
						DataSet("testid", "signin-note").Text(c.note)
				}),
				kit.Field{ID: "signin-email", Label: "Email", Alert: errorID}.Input(
					app.Input().Type("email").Name("email").Required(true).
						Attr("autocomplete", "username").Attr("spellcheck", "false").
						Value(c.email).OnInput(c.ValueTo(&c.email))),
				kit.Field{ID: "signin-password", Label: "Password", Alert: errorID}.Input(
					app.Input().Type("password").Name("password").Required(true).
						Attr("autocomplete", "current-password").
						Value(c.password).OnInput(c.ValueTo(&c.password))),
				app.If(c.needCode && !c.useRecovery, func() app.UI {
					return kit.Field{ID: "signin-code", Label: "Authentication code", Alert: errorID}.Input(
						app.Input().Type("text").Name("code").Required(true).
							Attr("inputmode", "numeric").Attr("autocomplete", "one-time-code").
							Pattern("[0-9 ]{6,7}").MaxLength(7).
							Value(c.code).OnInput(c.ValueTo(&c.code)))
				}),
				app.If(c.needCode && c.useRecovery, func() app.UI {
					return kit.Field{ID: "signin-recovery", Label: "Recovery code", Alert: errorID}.Input(
						app.Input().Type("text").Name("recovery-code").Required(true).
							Attr("autocomplete", "off").Attr("spellcheck", "false").Attr("autocapitalize", "none").
							Value(c.recovery).OnInput(c.ValueTo(&c.recovery)))
				}),
				app.If(c.needCode, func() app.UI {
					text := "Use a recovery code instead"
					if c.useRecovery {
						text = "Use a code from the app instead"
					}
					return app.Button().Type("button").Class("link-button").DataSet("testid", "signin-recovery-toggle").
						OnClick(func(ctx app.Context, _ app.Event) { c.toggleRecovery(ctx) }).Text(text)
				}),
				kit.SubmitButton("signin-submit", "Sign in", "Signing in…", c.busy),
				app.P().Class("form-links").Body(
					app.A().Href(session.ForgotPath).DataSet("testid", "signin-forgot").Text("Forgot password?"),
				),
			),
		),
	)
}
