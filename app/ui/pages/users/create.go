package users

import (
	"strings"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/rules"
)

// ---------- Add a user ----------

type createForm struct {
	name, email, roleID, password string
	setPassword                   bool
	// noLogin adds someone of the team who does not sign in.
	noLogin bool
	errors  map[string]string // name, email, role, password
	problem string
}

// createDialog adds a user, invited by email or with a password set now.
type createDialog struct{ kit.Dialog[createForm] }

var createFields = [][2]string{{"name", "user-name"}, {"email", "user-email"}, {"role", "user-role"}, {"password", "user-password"}}

func (d *createDialog) open(ctx app.Context) {
	d.Open(ctx, "user-dialog", &createForm{}, "user-name", "user-create")
}

// check finds what the page can tell is wrong before the server does.
func (f *createForm) check(r userRules) map[string]string {
	errs := map[string]string{}
	switch n := utf8.RuneCountInString(strings.TrimSpace(f.name)); {
	case n == 0:
		errs["name"] = "Enter the person's name."
	case n > 200:
		errs["name"] = "Keep the name under 200 characters."
	}
	if !kit.LooksLikeEmail(f.email) {
		errs["email"] = "Enter an email address, like name@example.com."
	}
	if f.roleID == "" {
		errs["role"] = "Pick a role."
	} else if no := r.create(r.role(f.roleID), f.email); no != nil {
		errs["role"] = no.Message
	}
	if f.setPassword && !f.noLogin {
		if p := kit.PasswordProblem(f.password); p != "" {
			errs["password"] = p
		}
	}
	return errs
}

// submit adds the user the form describes, when c's rules allow it.
func (d *createDialog) submit(ctx app.Context, c *Page) {
	f := d.Form
	if f == nil || d.Busy {
		return
	}
	f.problem = ""
	if f.errors = f.check(c.rules()); len(f.errors) > 0 {
		kit.FocusFirst(ctx, f.errors, createFields...)
		return
	}
	in := api.CreateUser{Name: strings.TrimSpace(f.name), Email: strings.TrimSpace(f.email), RoleID: f.roleID}
	switch {
	case f.noLogin:
		in.NoLogin = true
	case f.setPassword:
		in.Password = f.password
	}
	d.Busy = true
	ctx.Async(func() {
		u, err := session.API.CreateUser(ctx, in)
		ctx.Dispatch(func(ctx app.Context) { d.created(ctx, f, u, err) })
	})
}

func (d *createDialog) created(ctx app.Context, f *createForm, u api.User, err error) {
	d.Answered(ctx, f, err == nil, "")
	if session.Ended(ctx, err) {
		return
	}
	if err != nil {
		if errs := session.FieldErrors(err, map[string]string{"role_id": "role"}); errs != nil {
			f.errors = errs
			if d.Form == f {
				kit.FocusFirst(ctx, f.errors, createFields...)
			}
		}
		if len(f.errors) == 0 || session.Code(err) != api.CodeInvalidInput {
			f.problem = session.Refusal(err)
		}
		return
	}
	switch u.Status {
	case rules.StatusInvited:
		saved(ctx, "Invitation sent to "+u.Email+". "+u.Name+" is listed under Pending invites until they accept.", true)
	case rules.StatusNoLogin:
		saved(ctx, u.Name+" is added without a login, under Staff without a login. Invite them when they need access.", true)
	default:
		saved(ctx, u.Name+" is added and can sign in now.", true)
	}
}

// render shows the form of c; its handlers ask c what holds when they run.
func (d *createDialog) render(c *Page, r userRules) app.UI {
	f := d.Form
	save := "Send invitation"
	if f.setPassword || f.noLogin {
		save = "Add user"
	}
	// Roles the server would refuse stay in the list, greyed out.
	choices := r.createChoices(f.email)
	hint := "The role decides what they can do."
	if f.roleID != "" {
		hint = describe(r.role(f.roleID))
	}
	return d.Modal("user-dialog", "user-dialog-title",
		app.Form().Class("form").Aria("busy", d.Busy).Attr("novalidate", true).
			OnSubmit(func(ctx app.Context, e app.Event) {
				e.PreventDefault()
				d.submit(c.ctx, c)
			}).
			Body(
				app.H2().ID("user-dialog-title").Class("dialog-title").Text("Add a user"),
				app.P().Class("dialog-text").Text("They get an email invitation to choose their own password, unless you set one now."),
				app.Div().Class("slot").Body(app.If(f.problem != "", func() app.UI {
					return kit.Alert(f.problem).DataSet("testid", "user-dialog-error")
				})),
				kit.Field{ID: "user-name", Label: "Name", Error: f.errors["name"]}.Input(
					app.Input().Type("text").Name("name").Required(true).Attr("autocomplete", "off").
						Value(f.name).OnInput(func(ctx app.Context, _ app.Event) {
						f.name = ctx.JSSrc().Get("value").String()
						delete(f.errors, "name")
					})),
				kit.Field{ID: "user-email", Label: "Email", Error: f.errors["email"]}.Input(
					app.Input().Type("email").Name("email").Required(true).Attr("autocomplete", "off").Attr("spellcheck", "false").
						Value(f.email).OnInput(func(ctx app.Context, _ app.Event) {
						f.email = ctx.JSSrc().Get("value").String()
						delete(f.errors, "email")
					})),
				kit.Field{ID: "user-role", Label: "Role", Hint: hint, Error: f.errors["role"], Why: reasons(choices)}.Select(
					app.Select().Name("role").Required(true).
						OnChange(func(ctx app.Context, _ app.Event) {
							f.roleID = ctx.JSSrc().Get("value").String()
							delete(f.errors, "role")
						}).
						Body(append([]app.UI{app.Option().Value("").Selected(f.roleID == "").Text("Choose a role")},
							roleOptions(choices, f.roleID)...)...)),
				app.Div().Class("check-field").Body(
					app.Input().Type("checkbox").ID("user-nologin-toggle").Class("check-input").DataSet("testid", "user-nologin-toggle").
						Checked(f.noLogin).Aria("describedby", "user-nologin-toggle-hint").OnChange(func(ctx app.Context, _ app.Event) {
						f.noLogin = ctx.JSSrc().Get("checked").Bool()
						delete(f.errors, "password")
					}),
					app.Div().Body(
						app.Label().For("user-nologin-toggle").Class("check-label").Text("No login: on the team, does not sign in"),
						app.P().ID("user-nologin-toggle-hint").Class("field-hint").Text("No seat and no password; invite them later when they need access."),
					),
				),
				app.Div().Class("slot").Body(app.If(!f.noLogin, func() app.UI {
					return app.Div().Class("check-field").Body(
						app.Input().Type("checkbox").ID("user-password-toggle").Class("check-input").DataSet("testid", "user-password-toggle").
							Checked(f.setPassword).OnChange(func(ctx app.Context, _ app.Event) {
							f.setPassword = ctx.JSSrc().Get("checked").Bool()
							delete(f.errors, "password")
						}),
						app.Label().For("user-password-toggle").Class("check-label").Text("Set a password now instead of emailing an invitation"),
					)
				})),
				app.Div().Class("slot").Body(
					app.If(f.setPassword && !f.noLogin, func() app.UI {
						return kit.Field{ID: "user-password", Label: "Password", Hint: kit.PasswordLengths + " They can sign in at once; give them the password in person.", Error: f.errors["password"]}.Input(
							app.Input().Type("password").Name("new-password").Attr("autocomplete", "new-password").
								Value(f.password).OnInput(func(ctx app.Context, _ app.Event) {
								f.password = ctx.JSSrc().Get("value").String()
								delete(f.errors, "password")
							}))
					}),
					app.If(!f.setPassword && !f.noLogin, func() app.UI {
						return app.P().Class("hint-box").DataSet("testid", "user-invite-note").
							Text(inviteNote(c.Me.Account.InviteTTLHours))
					}),
				),
				app.Div().Class("dialog-actions").Body(
					d.Cancel("user-cancel"),
					d.Submit("user-save", save, "Saving…"),
				),
			),
	)
}

// inviteNote says what an invitation does, for as long as the server lets
// its link work (INVITE_TTL).
func inviteNote(hours int) string {
	lasts := "until the date shown under Pending invites"
	switch {
	case hours > 0 && hours%24 == 0:
		lasts = "for " + kit.CountText(hours/24, "day", "days")
	case hours > 0:
		lasts = "for " + kit.CountText(hours, "hour", "hours")
	}
	return "An invitation goes to the email above. The link in it works " + lasts + "; they hold a seat meanwhile."
}
