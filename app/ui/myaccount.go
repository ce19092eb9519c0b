package ui

import (
	"net/url"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/shared/api"
)

// MyAccountPage is the signed-in person's own: their name, their
// password, two-factor sign-in, and where they are signed in. While the
// account's policy holds them at enrolment, it shows only enrolment.
type MyAccountPage struct {
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

// OnMount loads the sessions (unless the person must enrol first: the
// server allows nothing else).
func (c *MyAccountPage) OnMount(ctx app.Context) {
	c.ctx = ctx
	c.name = c.Me.User.Name
	if !c.Me.TwoFactor.MustEnroll {
		c.loadSessions(ctx)
	}
}

// OnUpdate follows a new api.Me: the name, unless it is being edited, and
// the sessions once enrolment lets them be read.
func (c *MyAccountPage) OnUpdate(ctx app.Context) {
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
		me, err := server.Me(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			if sessionEnded(ctx, err) || err != nil {
				return
			}
			ctx.SetState(stateMe, me)
		})
	})
}

func (c *MyAccountPage) loadSessions(ctx app.Context) {
	ctx.Async(func() {
		l, err := server.Sessions(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			if sessionEnded(ctx, err) {
				return
			}
			if err != nil {
				c.sessionsErr = message(err)
				return
			}
			c.sessions, c.sessionsLoaded, c.sessionsErr = l.Items, true, ""
		})
	})
}

// ---------- Name ----------

func (c *MyAccountPage) saveName(ctx app.Context) {
	if c.nameBusy {
		return
	}
	name := strings.TrimSpace(c.name)
	if name == "" {
		c.nameErr = "Enter your name."
		focus(ctx, "me-name")
		return
	}
	if name == c.Me.User.Name {
		c.nameEdit = false
		return
	}
	c.nameBusy, c.nameErr = true, ""
	id := c.Me.User.ID
	ctx.Async(func() {
		_, err := server.PatchUser(ctx, id, api.PatchUser{Name: &name})
		ctx.Dispatch(func(ctx app.Context) {
			c.nameBusy = false
			if sessionEnded(ctx, err) {
				return
			}
			if err != nil {
				if errs := fieldErrors(err, nil); errs["name"] != "" {
					c.nameErr = errs["name"]
				} else {
					c.nameErr = refusal(err)
				}
				return
			}
			c.nameEdit = false
			c.status = "Your name is now " + name + "."
			refreshMe(ctx)
		})
	})
}

// ---------- Password ----------

func (c *MyAccountPage) savePassword(ctx app.Context) {
	if c.pwBusy {
		return
	}
	c.pwErrors = map[string]string{}
	if c.current == "" {
		c.pwErrors["current"] = "Enter your current password."
	}
	if p := passwordProblem(c.next); p != "" {
		c.pwErrors["new"] = p
	}
	if len(c.pwErrors) > 0 {
		focusFirst(ctx, c.pwErrors, [2]string{"current", "me-password-current"}, [2]string{"new", "me-password-new"})
		return
	}
	c.pwBusy = true
	in := api.ChangePassword{CurrentPassword: c.current, NewPassword: c.next}
	ctx.Async(func() {
		err := server.ChangePassword(ctx, in)
		ctx.Dispatch(func(ctx app.Context) {
			c.pwBusy = false
			if sessionEnded(ctx, err) {
				return
			}
			if err != nil {
				c.pwErrors = fieldErrors(err, map[string]string{"current_password": "current", "new_password": "new"})
				if len(c.pwErrors) == 0 {
					c.pwErrors = map[string]string{"form": refusal(err)}
				}
				focusFirst(ctx, c.pwErrors, [2]string{"current", "me-password-current"}, [2]string{"new", "me-password-new"})
				return
			}
			c.current, c.next = "", ""
			c.status = "Password changed. Your other sessions were signed out."
			c.loadSessions(ctx)
		})
	})
}

// ---------- Two-factor sign-in ----------

func (c *MyAccountPage) startEnrolment(ctx app.Context) {
	f := &c.tf
	if f.busy {
		return
	}
	f.busy, f.problem = true, ""
	ctx.Async(func() {
		e, err := server.EnrollTOTP(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			f.busy = false
			if sessionEnded(ctx, err) {
				return
			}
			if err != nil {
				f.problem = refusal(err)
				return
			}
			f.enrolment, f.code, f.codeErr = &e, "", ""
			focus(ctx, "totp-code")
		})
	})
}

func (c *MyAccountPage) cancelEnrolment(ctx app.Context) {
	c.tf = twoFactorFlow{}
	focus(ctx, "totp-start")
}

func (c *MyAccountPage) confirmCode(ctx app.Context) {
	f := &c.tf
	if f.busy || f.enrolment == nil {
		return
	}
	code := strings.Join(strings.Fields(f.code), "")
	if len(code) != 6 || strings.Trim(code, "0123456789") != "" {
		f.codeErr = "Enter the 6 digits your authenticator app shows."
		focus(ctx, "totp-code")
		return
	}
	f.busy, f.codeErr, f.problem = true, "", ""
	ctx.Async(func() {
		rc, err := server.ConfirmTOTP(ctx, code)
		ctx.Dispatch(func(ctx app.Context) {
			f.busy = false
			if sessionEnded(ctx, err) {
				return
			}
			if err != nil {
				if errs := fieldErrors(err, nil); errs["code"] != "" {
					f.codeErr = refusal(err)
					focus(ctx, "totp-code")
					return
				}
				f.problem = refusal(err)
				return
			}
			f.enrolment, f.code, f.codes = nil, "", rc.RecoveryCodes
			c.status = "Two-factor sign-in is on."
			focus(ctx, "totp-recovery-title")
			// The codes stay on the page until the person says they saved them.
			refreshMe(ctx)
		})
	})
}

// codesSaved ends enrolment: the codes go from the page for good.
func (c *MyAccountPage) codesSaved(ctx app.Context) {
	c.tf = twoFactorFlow{}
	refreshMe(ctx)
	focus(ctx, "totp-title")
}

func (c *MyAccountPage) turnOff(ctx app.Context) {
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
		focusFirst(ctx, map[string]string{"password": f.offErr, "code": f.offCodeErr},
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
		err := server.DisableTOTP(ctx, in)
		ctx.Dispatch(func(ctx app.Context) {
			f.busy = false
			if sessionEnded(ctx, err) {
				return
			}
			if err != nil {
				if errs := fieldErrors(err, nil); errs["password"] != "" {
					f.offErr = refusal(err)
					focus(ctx, "totp-disable-password")
					return
				} else if errs["code"] != "" {
					f.offCodeErr = refusal(err)
					focus(ctx, "totp-disable-code")
					return
				}
				f.problem = refusal(err)
				return
			}
			c.tf = twoFactorFlow{}
			c.status = "Two-factor sign-in is off."
			refreshMe(ctx)
			focus(ctx, "totp-title")
		})
	})
}

// ---------- Sessions ----------

func (c *MyAccountPage) endSession(ctx app.Context, s api.Session) {
	if c.ending[s.ID] {
		return
	}
	if c.ending == nil {
		c.ending = map[string]bool{}
	}
	c.ending[s.ID] = true
	ctx.Async(func() {
		err := server.EndSession(ctx, s.ID, s.Current)
		ctx.Dispatch(func(ctx app.Context) {
			delete(c.ending, s.ID)
			if s.Current && (err == nil || client.Code(err) == api.CodeUnauthenticated) {
				// Signed out here: back to the sign-in page.
				ctx.DelState(stateMe)
				ctx.Navigate(signInPath)
				return
			}
			if sessionEnded(ctx, err) {
				return
			}
			if err != nil && client.Code(err) != api.CodeNotFound {
				c.status = "Signing that session out failed. " + message(err)
				return
			}
			c.status = s.Device + " is signed out."
			focus(ctx, "sessions-title")
			c.loadSessions(ctx)
		})
	})
}

// ---------- Rendering ----------

func (c *MyAccountPage) Render() app.UI {
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
		statusLine("me-status", c.status),
		app.Div().Class("stack").Body(
			app.Div().Class("slot").Body(app.If(!enrolOnly, func() app.UI {
				return app.Div().Class("cards", "cards-even").Body(c.profileCard(), c.passwordCard())
			})),
			c.twoFactorCard(),
			app.Div().Class("slot").Body(app.If(!enrolOnly, c.sessionsCard)),
		),
	)
}

func (c *MyAccountPage) profileCard() app.UI {
	me := c.Me
	save := app.Button().Type("submit").ID("me-name-save").Class("btn", "btn-secondary").DataSet("testid", "me-name-save")
	if c.nameBusy {
		save = save.Disabled(true).Text("Saving…")
	} else {
		save = save.Text("Save name")
	}
	return card("me-profile", "Profile",
		app.Form().Class("form").OnSubmit(func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			c.saveName(c.ctx)
		}).Body(
			checkedField("me-name", "Name", c.nameErr,
				app.Input().Type("text").Name("name").Required(true).Attr("autocomplete", "name").
					Value(c.name).OnInput(func(ctx app.Context, _ app.Event) {
					c.name = ctx.JSSrc().Get("value").String()
					c.nameEdit, c.nameErr = true, ""
				})),
			save,
		),
		app.Dl().Class("facts", "facts-tight").Body(
			fact("Email", app.Text(me.User.Email)),
			fact("Role", roleBadge(me.Role)),
		),
	)
}

func (c *MyAccountPage) passwordCard() app.UI {
	errs := c.pwErrors
	save := app.Button().Type("submit").ID("me-password-save").Class("btn", "btn-primary").DataSet("testid", "me-password-save")
	if c.pwBusy {
		save = save.Disabled(true).Text("Changing…")
	} else {
		save = save.Text("Change password")
	}
	return card("me-password", "Password",
		app.Form().Class("form").Attr("novalidate", true).OnSubmit(func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			c.savePassword(c.ctx)
		}).Body(
			app.Div().Class("slot").Body(app.If(errs["form"] != "", func() app.UI { return alert(errs["form"]) })),
			// The browser's password manager fills the right fields.
			app.Input().Type("text").Name("username").Class("sr-only").Attr("autocomplete", "username").
				Value(c.Me.User.Email).ReadOnly(true).TabIndex(-1).Aria("hidden", "true"),
			checkedField("me-password-current", "Current password", errs["current"],
				app.Input().Type("password").Name("current-password").Attr("autocomplete", "current-password").
					Value(c.current).OnInput(func(ctx app.Context, _ app.Event) {
					c.current = ctx.JSSrc().Get("value").String()
					delete(c.pwErrors, "current")
				})),
			hintedField("me-password-new", "New password", passwordLengths+" A passphrase of a few words works well; breached passwords are refused.", errs["new"],
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
		return "The account's policy requires it of you by " + longDate(*tf.EnrollBy) + "."
	case tf.Required:
		return "The account's policy requires it of you."
	}
	return "Turn it on to protect your account with a code from your phone as well as your password."
}

func (c *MyAccountPage) twoFactorCard() app.UI {
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
			app.Span().Class("tfa", statusClass).Text(onOff(me.TwoFactor.Enabled)),
			app.Span().Text(twoFactorState(me)),
		),
		app.Div().Class("slot").Body(app.If(f.problem != "", func() app.UI {
			return alert(f.problem).DataSet("testid", "totp-error")
		})),
		body,
	)
}

func (c *MyAccountPage) enrolStep() app.UI {
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
							copyText(ctx, e.Secret, func(ok bool) {
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
					checkedField("totp-code", "Enter the 6-digit code the app shows", f.codeErr,
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

// copyText puts text on the clipboard; done is told whether it worked.
func copyText(ctx app.Context, text string, done func(bool)) {
	clip := app.Window().Get("navigator").Get("clipboard")
	if !clip.Truthy() {
		done(false)
		return
	}
	var ok, fail app.Func
	ok = app.FuncOf(func(app.Value, []app.Value) any {
		ctx.Dispatch(func(app.Context) { done(true) })
		ok.Release()
		fail.Release()
		return nil
	})
	fail = app.FuncOf(func(app.Value, []app.Value) any {
		ctx.Dispatch(func(app.Context) { done(false) })
		ok.Release()
		fail.Release()
		return nil
	})
	clip.Call("writeText", text).Call("then", ok, fail)
}

// recoveryFile is the codes as a text file, for the download link.
func recoveryFile(me api.Me, codes []string) string {
	text := "Recovery codes for " + me.User.Email + " (" + me.Account.Name + ")\n" +
		"Each works once, instead of a code from your authenticator app.\n\n" + strings.Join(codes, "\n") + "\n"
	return "data:text/plain;charset=utf-8," + url.PathEscape(text)
}

func (c *MyAccountPage) recoveryCodes() app.UI {
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

func (c *MyAccountPage) turnOffForm() app.UI {
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
		checkedField("totp-disable-password", "Your password, to turn it off", f.offErr,
			app.Input().Type("password").Name("password").Attr("autocomplete", "current-password").
				Value(f.password).OnInput(func(ctx app.Context, _ app.Event) {
				f.password = ctx.JSSrc().Get("value").String()
				f.offErr = ""
			})),
		checkedField("totp-disable-code", "Code from your authenticator app, or a recovery code", f.offCodeErr,
			app.Input().Type("text").Name("one-time-code").Attr("autocomplete", "one-time-code").
				MaxLength(32).Value(f.offCode).OnInput(func(ctx app.Context, _ app.Event) {
				f.offCode = ctx.JSSrc().Get("value").String()
				f.offCodeErr = ""
			})),
		off,
	)
}

func (c *MyAccountPage) sessionsCard() app.UI {
	items := c.sessions
	return app.Section().Class("card").Aria("labelledby", "sessions-title").DataSet("testid", "sessions").Body(
		app.H2().ID("sessions-title").Class("card-title").TabIndex(-1).Text("Where you are signed in"),
		app.P().Class("card-lead").Text("Sign out a session you do not recognise, or one on a device you no longer use."),
		app.If(c.sessionsErr != "", func() app.UI { return alert(c.sessionsErr) }),
		app.If(!c.sessionsLoaded && c.sessionsErr == "", func() app.UI {
			return app.P().Class("status").Text("Loading your sessions…")
		}),
		app.Ul().Class("session-list").Body(
			app.Range(items).Slice(func(i int) app.UI { return c.sessionRow(items[i]) }),
		),
	)
}

func (c *MyAccountPage) sessionRow(s api.Session) app.UI {
	device := s.Device
	if device == "" {
		device = "Unknown device"
	}
	end := app.Button().Type("button").ID("session-end-"+s.ID).Class("btn", "btn-secondary", "btn-small").
		DataSet("testid", "session-end-"+s.ID)
	label := "Sign out " + device
	if s.Current {
		label = "Sign out this device"
	}
	if c.ending[s.ID] {
		end = end.Disabled(true).Text("Signing out…")
	} else {
		end = end.Aria("label", label).OnClick(func(app.Context, app.Event) { c.endSession(c.ctx, s) }, app.EventScope(s.ID)).Text("Sign out")
	}
	return app.Li().Class("session").DataSet("testid", "session-"+s.ID).Body(
		app.Div().Class("session-text").Body(
			app.P().Class("session-device").Body(
				app.Text(device),
				app.If(s.Current, func() app.UI { return app.Span().Class("tag", "tag-done").Text("This device") }),
			),
			app.P().Class("session-meta").Body(
				app.Span().Text("IP "+s.IP),
				app.Span().Class("audit-sep").Aria("hidden", "true").Text("·"),
				app.Span().Text("Signed in "+dateTime(s.CreatedAt)),
				app.Span().Class("audit-sep").Aria("hidden", "true").Text("·"),
				app.Span().Text("Last seen "+dateTime(s.LastSeen)),
			),
		),
		end,
	)
}

// longDate is "4 March 2025" in the browser's time zone.
func longDate(t time.Time) string {
	return t.Local().Format("2 January 2006")
}
