// Package public holds the pages anyone may open, without the shell:
// accepting an invitation, choosing a new password, asking for a reset link.
package public

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
)

// publicCard lays out a public page like the sign-in page.
func publicCard(testID, title, lead string, body ...app.UI) app.UI {
	return app.Main().ID("main").Class("signin-page").DataSet("testid", testID).Body(
		app.Div().Class("signin-card").Body(
			append([]app.UI{
				kit.Mark("signin-mark"),
				app.H1().Class("signin-title").Text(title),
				app.P().Class("signin-lead").Text(lead),
			}, body...)...,
		),
	)
}

// linkProblem is what the page says about a link that does not work.
const linkProblem = "This link is invalid, has expired or was used already. Ask for a new one."

// linkRefusal reads why the server refused a form sent with a link's
// token: the link's problem, the errors when one of the fields named has
// one, or why the service could not take it. One of the two is set.
func linkRefusal(err error, fields ...string) (problem string, errs map[string]string) {
	errs = session.FieldErrors(err, nil)
	switch {
	case errs["token"] != "":
		return linkProblem, nil
	case slices.ContainsFunc(fields, func(f string) bool { return errs[f] != "" }):
		return "", errs
	case session.Code(err) == api.CodeTooManyAttempts || session.Code(err) == api.CodeUnavailable:
		return session.Message(err), nil
	}
	return session.Refusal(err), nil
}

// tokenOf reads ?token= of the page.
func tokenOf(ctx app.Context) string {
	return ctx.Page().URL().Query().Get("token")
}

// ---------- /invite ----------

// InvitePage accepts an invitation: the page first asks what the link is
// for, then the person names themselves and chooses a password, and is
// signed in.
type InvitePage struct {
	app.Compo

	token string
	// invitation is what the link is for, once checked: the clinic, the
	// email and the role it invites to, and the name the admin typed.
	invitation *api.Invitation
	// dead: the link does not work (used, expired, revoked, never made), so
	// there is nothing to fill in.
	dead bool
	// checkProblem says why the link could not be checked (no network, too
	// many attempts), with a way to try again.
	checkProblem   string
	name, password string
	errors         map[string]string // name, password
	problem        string
	busy           bool
	// me is who is signed in in this browser, if anyone: they may take the
	// invitation with the sign-in they have.
	me          *api.Me
	joinProblem string
}

// OnNav reads the invitation's token from the link, checks what it is for,
// and asks who is signed in already.
func (c *InvitePage) OnNav(ctx app.Context) {
	c.token = tokenOf(ctx)
	c.check(ctx)
	ctx.Async(func() {
		me, err := session.API.Me(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			if err == nil {
				c.me = &me
			}
		})
	})
}

// check asks what the link is for without spending it: a link that does
// not work shows as such before anyone types a password for it.
func (c *InvitePage) check(ctx app.Context) {
	c.checkProblem = ""
	if c.token == "" {
		c.dead = true
		return
	}
	token := c.token
	ctx.Async(func() {
		inv, err := session.API.CheckInvite(ctx, token)
		ctx.Dispatch(func(ctx app.Context) { c.checked(inv, err) })
	})
}

func (c *InvitePage) checked(inv api.Invitation, err error) {
	if err != nil {
		if problem, _ := linkRefusal(err); problem == linkProblem {
			c.dead = true
		} else {
			c.checkProblem = problem
		}
		return
	}
	c.invitation = &inv
	// The admin typed a name; the person keeps it or corrects it.
	if c.name == "" {
		c.name = inv.Name
	}
}

// join takes the invitation as the person signed in: no new password.
func (c *InvitePage) join(ctx app.Context) {
	if c.busy || c.token == "" {
		return
	}
	c.busy, c.joinProblem = true, ""
	token := c.token
	ctx.Async(func() {
		_, err := session.API.JoinInvite(ctx, token)
		ctx.Dispatch(func(ctx app.Context) {
			c.busy = false
			if err == nil {
				session.Leave(ctx, "/")
				return
			}
			c.joinProblem, _ = linkRefusal(err)
			c.dead = c.joinProblem == linkProblem
		})
	})
}

// joinCard offers the signed-in person to take the invitation as they are.
func (c *InvitePage) joinCard() app.UI {
	return app.Div().Class("hint-box").DataSet("testid", "invite-join").Body(
		app.P().Text("You are signed in as "+c.me.User.Email+" in "+c.me.Account.Name+". If the invitation is for this email, take it with the sign-in you have: no new password."),
		app.Div().Class("slot").Body(app.If(c.joinProblem != "", func() app.UI {
			return kit.Alert(c.joinProblem).DataSet("testid", "invite-join-error")
		})),
		app.Button().Type("button").Class("btn", "btn-secondary").DataSet("testid", "invite-join-submit").
			Disabled(c.busy).OnClick(func(ctx app.Context, _ app.Event) { c.join(ctx) }).
			Text("Join as "+c.me.User.Email),
	)
}

// inviteFields are the invitation form's fields and controls, in order.
var inviteFields = [][2]string{{"name", "invite-name"}, {"password", "invite-password"}}

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
	if p := kit.PasswordProblem(c.password); p != "" {
		c.errors["password"] = p
	}
	if len(c.errors) > 0 {
		kit.FocusFirst(ctx, c.errors, inviteFields...)
		return
	}
	c.busy = true
	in := api.AcceptInvite{Token: c.token, Name: strings.TrimSpace(c.name), Password: c.password}
	ctx.Async(func() {
		_, err := session.API.AcceptInvite(ctx, in)
		ctx.Dispatch(func(ctx app.Context) { c.answered(ctx, err) })
	})
}

func (c *InvitePage) answered(ctx app.Context, err error) {
	c.busy = false
	if err == nil {
		// Signed in as someone new: nobody else's api.Me may show.
		session.Leave(ctx, "/")
		return
	}
	var errs map[string]string
	if c.problem, errs = linkRefusal(err, "name", "password"); errs != nil {
		c.errors = errs
		kit.FocusFirst(ctx, c.errors, inviteFields...)
	}
	// Spent or expired since the page checked it: nothing left to fill in.
	c.dead = c.problem == linkProblem
}

func (c *InvitePage) Render() app.UI {
	switch {
	case c.dead:
		return publicCard("page-invite", "This invitation does not work", "An invitation link works once, until it expires.",
			kit.Alert(linkProblem).DataSet("testid", "invite-dead"),
			app.P().Class("form-links").Body(app.A().Href(session.SignInPath).Text("Go to sign-in")),
		)
	case c.invitation == nil:
		lead := "Checking your invitation link…"
		if c.checkProblem != "" {
			lead = "Your invitation link could not be checked."
		}
		return publicCard("page-invite", "Accept your invitation", lead,
			app.Div().Class("slot").Body(app.If(c.checkProblem != "", func() app.UI {
				return app.Div().DataSet("testid", "invite-check-problem").Body(
					kit.Alert(c.checkProblem),
					app.Button().Type("button").Class("btn", "btn-secondary").DataSet("testid", "invite-check-retry").
						OnClick(func(ctx app.Context, _ app.Event) { c.check(ctx) }).Text("Try again"),
				)
			})),
		)
	}
	return publicCard("page-invite", joinTitle(*c.invitation), "Choose how you appear and your password; you are signed in right after.",
		app.Form().Class("form").Attr("novalidate", true).Aria("busy", c.busy).OnSubmit(func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			c.submit(ctx)
		}).Body(
			app.Div().Class("slot").Body(app.If(c.me != nil, c.joinCard)),
			app.Div().Class("slot").Body(app.If(c.problem != "", func() app.UI {
				return app.Div().Body(
					kit.Alert(c.problem).DataSet("testid", "invite-error"),
					app.P().Class("form-links").Body(app.A().Href(session.SignInPath).Text("Go to sign-in")),
				)
			})),
			// The email is the invitation's, not the person's to change;
			// named as the username, password managers file the new
			// password under it.
			kit.Field{ID: "invite-email", Label: "Email", Hint: "The invitation is for this email; you sign in with it."}.Input(
				app.Input().Type("email").Name("email").ReadOnly(true).Attr("autocomplete", "username").
					Value(c.invitation.Email)),
			kit.Field{ID: "invite-name", Label: "Your name", Error: c.errors["name"]}.Input(
				app.Input().Type("text").Name("name").Required(true).Attr("autocomplete", "name").
					Value(c.name).OnInput(func(ctx app.Context, _ app.Event) {
					c.name = ctx.JSSrc().Get("value").String()
					delete(c.errors, "name")
				})),
			kit.Field{ID: "invite-password", Label: "Choose a password", Hint: kit.PasswordLengths + " A passphrase of a few words works well; breached passwords are refused.", Error: c.errors["password"]}.Input(
				app.Input().Type("password").Name("new-password").Required(true).Attr("autocomplete", "new-password").
					Value(c.password).OnInput(func(ctx app.Context, _ app.Event) {
					c.password = ctx.JSSrc().Get("value").String()
					delete(c.errors, "password")
				})),
			kit.SubmitButton("invite-submit", "Accept and sign in", "Signing you in…", c.busy),
		),
	)
}

// joinTitle says where the invitation leads, in the account's own words.
func joinTitle(inv api.Invitation) string {
	if inv.Role == "" {
		return "Join " + inv.Account
	}
	return "Join " + inv.Account + " as " + inv.Role
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
	if c.err = kit.PasswordProblem(c.password); c.err != "" {
		kit.Focus(ctx, "reset-password")
		return
	}
	c.busy = true
	in := api.NewPassword{Token: c.token, Password: c.password}
	ctx.Async(func() {
		err := session.API.NewPassword(ctx, in)
		ctx.Dispatch(func(ctx app.Context) { c.answered(ctx, err) })
	})
}

func (c *ResetPage) answered(ctx app.Context, err error) {
	c.busy = false
	if err == nil {
		session.Leave(ctx, session.SignInPath+"?reset=done")
		return
	}
	var errs map[string]string
	if c.problem, errs = linkRefusal(err, "password"); errs != nil {
		c.err = errs["password"]
		kit.Focus(ctx, "reset-password")
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
					kit.Alert(c.problem).DataSet("testid", "reset-error"),
					app.P().Class("form-links").Body(app.A().Href(session.ForgotPath).Text("Ask for a new link")),
				)
			})),
			kit.Field{ID: "reset-password", Label: "New password", Hint: kit.PasswordLengths + " A passphrase of a few words works well; breached passwords are refused.", Error: c.err}.Input(
				app.Input().Type("password").Name("new-password").Required(true).Attr("autocomplete", "new-password").
					Value(c.password).OnInput(func(ctx app.Context, _ app.Event) {
					c.password = ctx.JSSrc().Get("value").String()
					c.err = ""
				})),
			kit.SubmitButton("reset-submit", "Set password", "Saving…", c.busy),
			app.P().Class("form-links").Body(app.A().Href(session.SignInPath).Text("Back to sign-in")),
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
	if !kit.LooksLikeEmail(c.email) {
		c.err = "Enter your email address, like name@example.com."
		kit.Focus(ctx, "forgot-email")
		return
	}
	c.busy = true
	email := strings.TrimSpace(c.email)
	ctx.Async(func() {
		err := session.API.ForgotPassword(ctx, email)
		ctx.Dispatch(func(ctx app.Context) {
			c.busy = false
			if err != nil {
				c.problem = session.Message(err)
				return
			}
			c.sent = true
			kit.Focus(ctx, "forgot-sent")
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
				return kit.Alert(c.problem).DataSet("testid", "forgot-error")
			})),
			kit.Field{ID: "forgot-email", Label: "Email", Error: c.err}.Input(
				app.Input().Type("email").Name("email").Required(true).Attr("autocomplete", "username").Attr("spellcheck", "false").
					Value(c.email).OnInput(func(ctx app.Context, _ app.Event) {
					c.email = ctx.JSSrc().Get("value").String()
					c.err = ""
				})),
			kit.SubmitButton("forgot-submit", "Send me a link", "Sending…", c.busy),
			app.P().Class("form-links").Body(app.A().Href(session.SignInPath).Text("Back to sign-in")),
		),
	)
}
