package myaccount

import (
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
)

// twoFactorFlow is where the person is in turning two-factor sign-in on
// (or off).
type twoFactorFlow struct {
	// enrolment is the secret being set up; nil when not enrolling.
	enrolment *api.TOTPEnrollment
	code      string
	codeErr   string
	// codes are the recovery codes, shown once, until the person says
	// they saved them.
	codes   []string
	busy    bool
	problem string
	// To turn it off: the password, and a current code or a recovery code.
	password   string
	offErr     string
	offCode    string
	offCodeErr string
}

// ---------- Two-factor sign-in ----------

func (c *Page) startEnrolment(ctx app.Context) {
	f := &c.tf
	if f.busy {
		return
	}
	f.busy, f.problem = true, ""
	ctx.Async(func() {
		e, err := session.API.EnrollTOTP(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			f.busy = false
			if session.Ended(ctx, err) {
				return
			}
			if err != nil {
				f.problem = session.Refusal(err)
				return
			}
			f.enrolment, f.code, f.codeErr = &e, "", ""
			kit.Focus(ctx, "totp-code")
		})
	})
}

func (c *Page) cancelEnrolment(ctx app.Context) {
	c.tf = twoFactorFlow{}
	kit.Focus(ctx, "totp-start")
}

func (c *Page) confirmCode(ctx app.Context) {
	f := &c.tf
	if f.busy || f.enrolment == nil {
		return
	}
	code := strings.Join(strings.Fields(f.code), "")
	if len(code) != 6 || strings.Trim(code, "0123456789") != "" {
		f.codeErr = "Enter the 6 digits your authenticator app shows."
		kit.Focus(ctx, "totp-code")
		return
	}
	f.busy, f.codeErr, f.problem = true, "", ""
	ctx.Async(func() {
		rc, err := session.API.ConfirmTOTP(ctx, code)
		ctx.Dispatch(func(ctx app.Context) {
			f.busy = false
			if session.Ended(ctx, err) {
				return
			}
			if err != nil {
				if errs := session.FieldErrors(err, nil); errs["code"] != "" {
					f.codeErr = session.Refusal(err)
					kit.Focus(ctx, "totp-code")
					return
				}
				f.problem = session.Refusal(err)
				return
			}
			f.enrolment, f.code, f.codes = nil, "", rc.RecoveryCodes
			c.status = "Two-factor sign-in is on."
			kit.Focus(ctx, "totp-recovery-title")
			// The codes stay on the page until the person says they saved them.
			refreshMe(ctx)
		})
	})
}

// codesSaved ends enrolment: the codes go from the page for good.
func (c *Page) codesSaved(ctx app.Context) {
	c.tf = twoFactorFlow{}
	refreshMe(ctx)
	kit.Focus(ctx, "totp-title")
}

func (c *Page) turnOff(ctx app.Context) {
	f := &c.tf
	if f.busy {
		return
	}
	f.offErr, f.offCodeErr = "", ""
	if f.password == "" {
		f.offErr = "Enter your password to turn two-factor sign-in off."
	}
	code := strings.Join(strings.Fields(f.offCode), "")
	if code == "" {
		f.offCodeErr = "Enter the code from your authenticator app, or a recovery code."
	}
	if f.offErr != "" || f.offCodeErr != "" {
		kit.FocusFirst(ctx, map[string]string{"password": f.offErr, "code": f.offCodeErr},
			[2]string{"password", "totp-disable-password"}, [2]string{"code", "totp-disable-code"})
		return
	}
	in := api.DisableTOTP{Password: f.password}
	// Six digits are the app's code; anything else is a recovery code.
	if len(code) == 6 && strings.Trim(code, "0123456789") == "" {
		in.Code = code
	} else {
		in.RecoveryCode = code
	}
	f.busy, f.problem = true, ""
	ctx.Async(func() {
		err := session.API.DisableTOTP(ctx, in)
		ctx.Dispatch(func(ctx app.Context) {
			f.busy = false
			if session.Ended(ctx, err) {
				return
			}
			if err != nil {
				if errs := session.FieldErrors(err, nil); errs["password"] != "" {
					f.offErr = session.Refusal(err)
					kit.Focus(ctx, "totp-disable-password")
					return
				} else if errs["code"] != "" {
					f.offCodeErr = session.Refusal(err)
					kit.Focus(ctx, "totp-disable-code")
					return
				}
				f.problem = session.Refusal(err)
				return
			}
			c.tf = twoFactorFlow{}
			c.status = "Two-factor sign-in is off."
			refreshMe(ctx)
			kit.Focus(ctx, "totp-title")
		})
	})
}

// twoFactorState is the sentence that says where the person stands.
func twoFactorState(me api.Me) string {
	tf := me.TwoFactor
	switch {
	case tf.Enabled && tf.Required:
		return "The account's policy requires it of you."
	case tf.Enabled:
		return "Signing in asks for a code from your authenticator app."
	case tf.MustEnroll:
		return "Required: set it up now to continue."
	case tf.Required && tf.EnrollBy != nil:
		return "The account's policy requires it of you by " + kit.LongDate(*tf.EnrollBy) + "."
	case tf.Required:
		return "The account's policy requires it of you."
	}
	return "Turn it on to protect your account with a code from your phone as well as your password."
}

func (c *Page) twoFactorCard() app.UI {
	me := c.Me
	f := &c.tf
	var body app.UI
	switch {
	case len(f.codes) > 0:
		body = c.recoveryCodes()
	case f.enrolment != nil:
		body = c.enrolStep()
	case me.TwoFactor.Enabled:
		body = c.turnOffForm()
	default:
		start := app.Button().Type("button").ID("totp-start").Class("btn", "btn-primary").DataSet("testid", "totp-start").
			OnClick(func(app.Context, app.Event) { c.startEnrolment(c.ctx) })
		if f.busy {
			start = start.Disabled(true).Text("Starting…")
		} else {
			start = start.Text("Set up two-factor sign-in")
		}
		body = app.Div().Body(
			app.P().Class("card-text-top").Text("You need an authenticator app on your phone (such as Google Authenticator, Microsoft Authenticator, 1Password or Aegis)."),
			start,
		)
	}
	statusClass := "tfa-off"
	if me.TwoFactor.Enabled {
		statusClass = "tfa-on"
	}
	return app.Section().Class("card").Aria("labelledby", "totp-title").DataSet("testid", "totp").Body(
		app.H2().ID("totp-title").Class("card-title").TabIndex(-1).Text("Two-factor sign-in"),
		app.P().Class("tfa-status").DataSet("testid", "totp-status").Body(
			app.Span().Class("tfa", statusClass).Text(kit.OnOff(me.TwoFactor.Enabled)),
			app.Span().Text(twoFactorState(me)),
		),
		app.Div().Class("slot").Body(app.If(f.problem != "", func() app.UI {
			return kit.Alert(f.problem).DataSet("testid", "totp-error")
		})),
		body,
	)
}

func (c *Page) enrolStep() app.UI {
	f := &c.tf
	e := f.enrolment
	confirm := app.Button().Type("submit").ID("totp-confirm").Class("btn", "btn-primary").DataSet("testid", "totp-confirm")
	if f.busy {
		confirm = confirm.Disabled(true).Text("Checking…")
	} else {
		confirm = confirm.Text("Turn on")
	}
	return app.Div().Class("enrol").Body(
		app.Ol().Class("enrol-steps").Body(
			app.Li().Body(
				app.P().Text("Scan this code with your authenticator app:"),
				app.Img().Class("qr").DataSet("testid", "totp-qr").Src("data:image/png;base64,"+e.QRPNG).
					Alt("QR code to add this account to an authenticator app").Width(200).Height(200),
				app.P().ID("totp-secret-label").Class("hint").Text("Or, if you cannot scan it, type this key into the app:"),
				app.Div().Class("secret-row").Body(
					app.Code().ID("totp-secret").Class("secret").DataSet("testid", "totp-secret").
						Aria("labelledby", "totp-secret-label").Text(e.Secret),
					app.Button().Type("button").Class("btn", "btn-secondary", "btn-small").DataSet("testid", "totp-copy").
						OnClick(func(ctx app.Context, _ app.Event) {
							kit.CopyText(ctx, e.Secret, func(ok bool) {
								if ok {
									c.status = "Key copied."
								} else {
									c.status = "Copying failed: select the key and copy it."
								}
							})
						}).Text("Copy key"),
				),
			),
			app.Li().Body(
				app.Form().Class("form").Attr("novalidate", true).OnSubmit(func(ctx app.Context, ev app.Event) {
					ev.PreventDefault()
					c.confirmCode(c.ctx)
				}).Body(
					kit.Field{ID: "totp-code", Label: "Enter the 6-digit code the app shows", Error: f.codeErr}.Input(
						app.Input().Type("text").Name("one-time-code").Attr("inputmode", "numeric").Attr("autocomplete", "one-time-code").
							Pattern("[0-9 ]{6,7}").MaxLength(7).Required(true).Class("code-input").
							Value(f.code).OnInput(func(ctx app.Context, _ app.Event) {
							f.code = ctx.JSSrc().Get("value").String()
							f.codeErr = ""
						})),
					app.Div().Class("form-actions").Body(
						app.Button().Type("button").Class("btn", "btn-secondary").DataSet("testid", "totp-cancel").
							OnClick(func(app.Context, app.Event) { c.cancelEnrolment(c.ctx) }).Text("Cancel"),
						confirm,
					),
				),
			),
		),
	)
}

// recoveryFile is the codes as a text file, for the download link.
func recoveryFile(me api.Me, codes []string) string {
	text := "Recovery codes for " + me.User.Email + " (" + me.Account.Name + ")\n" +
		"Each works once, instead of a code from your authenticator app.\n\n" + strings.Join(codes, "\n") + "\n"
	return "data:text/plain;charset=utf-8," + url.PathEscape(text)
}

func (c *Page) recoveryCodes() app.UI {
	codes := c.tf.codes
	return app.Div().Class("recovery").Body(
		app.H3().ID("totp-recovery-title").Class("card-subtitle").TabIndex(-1).Text("Your recovery codes"),
		app.P().Class("notice").Text("Keep these somewhere safe, away from your phone. Each works once to sign in without your authenticator app. They are shown only now."),
		app.Ol().Class("codes").DataSet("testid", "totp-recovery-codes").Aria("labelledby", "totp-recovery-title").Body(
			app.Range(codes).Slice(func(i int) app.UI { return app.Li().Body(app.Code().Text(codes[i])) }),
		),
		app.Div().Class("form-actions", "form-actions-start").Body(
			app.A().Class("btn", "btn-secondary").DataSet("testid", "totp-download").
				Href(recoveryFile(c.Me, codes)).Download("recovery-codes.txt").Text("Download"),
			app.Button().Type("button").Class("btn", "btn-primary").DataSet("testid", "totp-done").
				OnClick(func(app.Context, app.Event) { c.codesSaved(c.ctx) }).Text("I saved them"),
		),
	)
}

func (c *Page) turnOffForm() app.UI {
	f := &c.tf
	me := c.Me
	if me.TwoFactor.Required {
		return app.P().Class("why").DataSet("testid", "totp-required").
			Text("The account's policy requires two-factor sign-in of you, so it stays on. If you lost your device, an admin can reset it.")
	}
	off := app.Button().Type("submit").ID("totp-disable").Class("btn", "btn-danger").DataSet("testid", "totp-disable")
	if f.busy {
		off = off.Disabled(true).Text("Turning off…")
	} else {
		off = off.Text("Turn off")
	}
	return app.Form().Class("form", "inline-form").Attr("novalidate", true).OnSubmit(func(ctx app.Context, e app.Event) {
		e.PreventDefault()
		c.turnOff(c.ctx)
	}).Body(
		kit.Field{ID: "totp-disable-password", Label: "Your password, to turn it off", Error: f.offErr}.Input(
			app.Input().Type("password").Name("password").Attr("autocomplete", "current-password").
				Value(f.password).OnInput(func(ctx app.Context, _ app.Event) {
				f.password = ctx.JSSrc().Get("value").String()
				f.offErr = ""
			})),
		kit.Field{ID: "totp-disable-code", Label: "Code from your authenticator app, or a recovery code", Error: f.offCodeErr}.Input(
			app.Input().Type("text").Name("one-time-code").Attr("autocomplete", "one-time-code").
				MaxLength(32).Value(f.offCode).OnInput(func(ctx app.Context, _ app.Event) {
				f.offCode = ctx.JSSrc().Get("value").String()
				f.offCodeErr = ""
			})),
		off,
	)
}
