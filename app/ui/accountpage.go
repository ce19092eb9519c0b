package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/plan"
	"github.com/rolesconsole/console/shared/rules"
)

// AccountPage is the account's settings: its name, its plan and the seats
// in use, and its security policy; for super admins, the outbox of emails
// kept while no mail server is configured.
type AccountPage struct {
	app.Compo

	Me api.Me

	ctx      app.Context
	account  api.Account
	plans    []plan.Tier
	roles    []api.Role // nil when they cannot be read
	loaded   bool
	revision int64
	problem  string
	status   string
	loader

	name     string
	nameEdit bool // the name field holds an edit not saved yet
	nameErr  string
	nameBusy bool

	plan        string // the plan chosen in the select
	planBusy    bool
	planProblem string

	policy        account.Policy // the form's copy
	policyEdit    bool
	policyBusy    bool
	policyErrors  map[string]string
	policyProblem string

	mail        []api.MailMessage
	mailLoaded  bool
	mailProblem string
}

type accountData struct {
	account api.Account
	plans   []plan.Tier
	roles   []api.Role
	mail    []api.MailMessage
	// mailErr is kept apart: the rest of the page works without the outbox.
	mailErr error
}

// superAdmin reports whether me holds the super admin role.
func superAdmin(me api.Me) bool {
	return me.Role != nil && me.Role.SuperAdmin
}

// OnMount loads the account.
func (c *AccountPage) OnMount(ctx app.Context) {
	c.ctx = ctx
	c.load(ctx)
}

// OnUpdate refetches when the account changed (a plan changed elsewhere,
// an invitation sent).
func (c *AccountPage) OnUpdate(ctx app.Context) {
	if c.Me.Account.Revision != c.revision {
		c.load(ctx)
	}
}

func (c *AccountPage) load(ctx app.Context) {
	if !c.begin() {
		return
	}
	revision, outbox := c.Me.Account.Revision, superAdmin(c.Me)
	ctx.Async(func() {
		var d accountData
		var err error
		d.account, err = server.Account(ctx)
		if err == nil {
			var plans client.PlanList
			plans, err = server.Plans(ctx)
			d.plans = plans.Items
		}
		if err == nil {
			var roles api.RoleList
			roles, err = server.Roles(ctx)
			if err == nil {
				d.roles = roles.Items
			} else if client.Code(err) == api.CodeForbidden {
				err = nil
			}
		}
		if err == nil && outbox {
			var m api.MailList
			m, d.mailErr = server.Mail(ctx)
			d.mail = m.Items
		}
		ctx.Dispatch(func(ctx app.Context) { c.fetched(ctx, d, err, revision, outbox) })
	})
}

func (c *AccountPage) fetched(ctx app.Context, d accountData, err error, revision int64, outbox bool) {
	// mailErr is only set when err is nil; the page works without the
	// outbox, unless the session ended.
	if sessionEnded(ctx, d.mailErr) {
		c.loading = false
		return
	}
	if !c.landed(ctx, err, &c.problem, c.load) {
		return
	}
	c.account, c.plans, c.roles, c.loaded, c.revision, c.problem = d.account, d.plans, d.roles, true, revision, ""
	// Edits in progress stay; the rest follows the account.
	if !c.nameEdit {
		c.name = d.account.Name
	}
	if !c.policyEdit {
		c.policy = d.account.Policy
	}
	if c.plan == "" || !c.planBusy {
		c.plan = d.account.Plan
	}
	if outbox {
		c.mail, c.mailLoaded, c.mailProblem = d.mail, d.mailErr == nil, ""
		if d.mailErr != nil {
			c.mailProblem = refusal(d.mailErr)
		}
	}
}

// mayManage says why the person may not change the account, or nil.
func (c *AccountPage) mayManage() *rules.Refusal {
	return rules.ManageAccount(rules.ActorFromMe(c.Me))
}

// mayChangePlan says why the person may not change the plan, or nil.
func (c *AccountPage) mayChangePlan() *rules.Refusal {
	return rules.ChangePlan(rules.ActorFromMe(c.Me))
}

func (c *AccountPage) patch(ctx app.Context, in api.PatchAccount, done func(app.Context, api.Account, error)) {
	ctx.Async(func() {
		a, err := server.PatchAccount(ctx, in)
		ctx.Dispatch(func(ctx app.Context) {
			if sessionEnded(ctx, err) {
				return
			}
			if err == nil {
				c.account = a
				// The shell, and every page, follow at once.
				me := c.Me
				me.Account = a
				ctx.SetState(stateMe, me)
			}
			done(ctx, a, err)
		})
	})
}

func (c *AccountPage) saveName(ctx app.Context) {
	if c.nameBusy {
		return
	}
	name := strings.TrimSpace(c.name)
	if name == "" {
		c.nameErr = "Give the account a name."
		focus(ctx, "account-name")
		return
	}
	c.nameBusy, c.nameErr = true, ""
	c.patch(ctx, api.PatchAccount{Name: &name}, func(ctx app.Context, a api.Account, err error) {
		c.nameBusy = false
		if err != nil {
			if errs := fieldErrors(err, nil); errs["name"] != "" {
				c.nameErr = errs["name"]
			} else {
				c.nameErr = refusal(err)
			}
			return
		}
		c.nameEdit, c.name = false, a.Name
		c.status = "The account is now called " + a.Name + "."
	})
}

func (c *AccountPage) savePlan(ctx app.Context) {
	if c.planBusy || c.plan == c.account.Plan {
		return
	}
	if no := c.mayChangePlan(); no != nil {
		c.planProblem = no.Message
		return
	}
	key := c.plan
	c.planBusy, c.planProblem = true, ""
	c.patch(ctx, api.PatchAccount{Plan: &key}, func(ctx app.Context, a api.Account, err error) {
		c.planBusy = false
		if err != nil {
			c.planProblem = refusal(err)
			focus(ctx, "account-plan-select")
			return
		}
		c.plan = a.Plan
		c.status = "Plan changed to " + planName(a.Plan) + ": " + strconv.Itoa(a.Seats.Limit) + " seats."
	})
}

// policyFields maps the API's field names to the form's controls.
var policyFields = map[string]string{
	"two_factor.required":      "account-policy-2fa-none",
	"two_factor.roles":         "account-policy-2fa-roles",
	"two_factor.grace_days":    "account-policy-grace",
	"session_idle_minutes":     "account-policy-idle",
	"session_absolute_minutes": "account-policy-absolute",
}

func (c *AccountPage) savePolicy(ctx app.Context) {
	if c.policyBusy {
		return
	}
	if no := c.mayManage(); no != nil {
		c.policyProblem = no.Message
		return
	}
	c.policyErrors, c.policyProblem = nil, ""
	p := c.policy
	if p.TwoFactor.Required == "" {
		p.TwoFactor.Required = "none"
	}
	if p.TwoFactor.Required != "roles" {
		p.TwoFactor.Roles = nil
	} else if len(p.TwoFactor.Roles) == 0 {
		c.policyErrors = map[string]string{"two_factor.roles": "Choose at least one role, or require two-factor sign-in of everyone."}
		focus(ctx, "account-policy-2fa-roles")
		return
	}
	if p.TwoFactor.Roles == nil {
		p.TwoFactor.Roles = []string{}
	}
	c.policyBusy = true
	c.patch(ctx, api.PatchAccount{Policy: &p}, func(ctx app.Context, a api.Account, err error) {
		c.policyBusy = false
		if err != nil {
			if errs := fieldErrors(err, nil); errs != nil {
				c.policyErrors = errs
				for k, id := range policyFields {
					if errs[k] != "" {
						focus(ctx, id)
						break
					}
				}
			}
			if client.Code(err) != api.CodeInvalidInput || len(c.policyErrors) == 0 {
				c.policyProblem = refusal(err)
			}
			return
		}
		c.policy, c.policyEdit = a.Policy, false
		c.status = "Security policy saved; it applies at once."
	})
}

func (c *AccountPage) retry(app.Context, app.Event) {
	c.problem = ""
	c.load(c.ctx)
}

func (c *AccountPage) Render() app.UI {
	return app.Div().Class("page").DataSet("testid", "page-account").Body(
		app.Header().Class("page-header").Body(
			app.H1().Class("page-title").Text("Account"),
			app.P().Class("page-lead").Text("The account's name, plan and seats, and the security policy that applies to everyone in it."),
		),
		statusLine("account-status", c.status),
		problemSlot(c.problem, c.retry),
		app.Div().Class("slot").Body(
			app.If(!c.loaded && c.problem == "", func() app.UI {
				return app.P().Class("status").Text("Loading the account…")
			}),
			app.If(c.loaded, func() app.UI {
				return app.Div().Class("stack").Body(
					app.Div().Class("cards", "cards-even").Body(c.nameCard(), c.planCard()),
					c.policyCard(),
					app.Div().Class("slot").Body(app.If(superAdmin(c.Me), c.outboxCard)),
				)
			}),
		),
	)
}

func (c *AccountPage) nameCard() app.UI {
	no := c.mayManage()
	a := c.account
	input := app.Input().Type("text").Name("account-name").Required(true).Attr("autocomplete", "organization").
		Value(c.name).OnInput(func(ctx app.Context, _ app.Event) {
		c.name = ctx.JSSrc().Get("value").String()
		c.nameEdit, c.nameErr = true, ""
	})
	save := app.Button().Type("submit").ID("account-name-save").Class("btn", "btn-secondary").DataSet("testid", "account-name-save")
	if no != nil {
		input = input.Disabled(true).Aria("describedby", "account-manage-why")
		save = save.Disabled(true)
	}
	if c.nameBusy {
		save = save.Disabled(true).Text("Saving…")
	} else {
		save = save.Text("Save name")
	}
	return card("account-details", "Details",
		app.Form().Class("form").OnSubmit(func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			c.saveName(c.ctx)
		}).Body(
			checkedField("account-name", "Name", c.nameErr, input),
			save,
		),
		app.Dl().Class("facts", "facts-tight").Body(
			fact("Set up as", app.Text(presetName(a.Preset))),
			fact("Modules", app.Text(moduleNames(a.Modules))),
		),
		app.If(no != nil, func() app.UI {
			return app.P().ID("account-manage-why").Class("why").DataSet("testid", "account-manage-why").Text(no.Message)
		}),
	)
}

func moduleNames(keys []string) string {
	var names []string
	for _, k := range keys {
		names = append(names, readableID(k))
	}
	if len(names) == 0 {
		return "Only the console's own"
	}
	return strings.Join(names, ", ")
}

// seatsBar shows the seats in use against the plan's limit.
func seatsBar(s api.Seats) app.UI {
	text := strconv.Itoa(s.Used) + " of " + strconv.Itoa(s.Limit) + " seats used"
	limit := max(s.Limit, 1)
	classes := []string{"seats-bar"}
	switch {
	case s.Used >= s.Limit:
		classes = append(classes, "seats-full")
	case s.Used*5 >= s.Limit*4:
		classes = append(classes, "seats-high")
	}
	return app.Div().Class("seats").DataSet("testid", "account-seats").Body(
		app.P().ID("account-seats-label").Class("seats-text").Body(
			app.Strong().Text(strconv.Itoa(s.Used)),
			app.Text(" of "+strconv.Itoa(s.Limit)+" seats used"),
		),
		app.Progress().Class(classes...).Max(limit).Value(min(s.Used, limit)).
			Role("progressbar").Aria("labelledby", "account-seats-label").
			Aria("valuemin", 0).Aria("valuemax", s.Limit).Aria("valuenow", s.Used).Aria("valuetext", text).
			Text(text),
		app.P().Class("hint").Text("Active, disabled and invited users hold a seat; revoked and deleted ones do not."),
	)
}

func (c *AccountPage) planCard() app.UI {
	no := c.mayChangePlan()
	a := c.account
	if a.Plan == "" {
		// The server shows the plan only to those who may view billing.
		return card("account-plan", "Seats",
			app.P().Class("seats-text").DataSet("testid", "account-seats").Body(
				app.Strong().Text(strconv.Itoa(a.Seats.Used)), app.Text(" seats in use"),
			),
			app.P().Class("hint").DataSet("testid", "account-plan-hidden").Text("The plan and its seat limit are shown to those who may view billing."),
		)
	}
	sel := app.Select().ID("account-plan-select").Class("input", "select").DataSet("testid", "account-plan-select").
		OnChange(func(ctx app.Context, _ app.Event) {
			c.plan = ctx.JSSrc().Get("value").String()
			c.planProblem = ""
		}).
		Body(app.Range(c.plans).Slice(func(i int) app.UI {
			t := c.plans[i]
			text := t.Name + " — " + strconv.Itoa(t.Seats) + " seats"
			if t.Key == a.Plan {
				text += " (current)"
			}
			return app.Option().Value(t.Key).Selected(c.plan == t.Key).Text(text)
		}))
	save := app.Button().Type("submit").ID("account-plan-save").Class("btn", "btn-primary").DataSet("testid", "account-plan-save")
	describedBy := []string{}
	if no != nil {
		sel = sel.Disabled(true)
		save = save.Disabled(true)
		describedBy = append(describedBy, "account-plan-why")
	}
	if c.planProblem != "" {
		describedBy = append(describedBy, "account-plan-error")
		sel = sel.Aria("invalid", "true")
	}
	if len(describedBy) > 0 {
		sel = sel.Aria("describedby", strings.Join(describedBy, " "))
	}
	switch {
	case c.planBusy:
		save = save.Disabled(true).Text("Changing…")
	case c.plan == a.Plan:
		save = save.Disabled(true).Text("Change plan")
	default:
		save = save.Text("Change plan")
	}
	return card("account-plan", "Plan and seats",
		seatsBar(a.Seats),
		app.Form().Class("form").OnSubmit(func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			c.savePlan(c.ctx)
		}).Body(
			app.Div().Class("field").Body(
				app.Label().Class("label").For("account-plan-select").Text("Plan"),
				sel,
			),
			save,
		),
		app.Div().Class("slot").Body(app.If(c.planProblem != "", func() app.UI {
			return alert(c.planProblem).ID("account-plan-error").DataSet("testid", "account-plan-error")
		})),
		app.If(no != nil, func() app.UI {
			return app.P().ID("account-plan-why").Class("why").DataSet("testid", "account-plan-why").Text(no.Message)
		}),
	)
}

func (c *AccountPage) policyCard() app.UI {
	no := c.mayManage()
	p := &c.policy
	required := p.TwoFactor.Required
	if required == "" {
		required = "none"
	}
	edited := func() {
		c.policyEdit = true
		c.policyProblem = ""
	}
	errs := c.policyErrors
	radio := func(value, label string) app.UI {
		id := "account-policy-2fa-" + value
		return app.Div().Class("check-field").Body(
			app.Input().Type("radio").Name("two-factor").ID(id).Class("check-input").DataSet("testid", id).Value(value).
				Checked(required == value).Disabled(no != nil).
				OnChange(func(app.Context, app.Event) {
					p.TwoFactor.Required = value
					edited()
				}, app.EventScope(value)),
			app.Label().For(id).Class("check-label").Text(label),
		)
	}
	check := func(id, label, hint string, on bool, set func(bool)) app.UI {
		return app.Div().Class("check-field").Body(
			app.Input().Type("checkbox").ID(id).Class("check-input").DataSet("testid", id).
				Checked(on).Disabled(no != nil).Aria("describedby", id+"-hint").
				OnChange(func(ctx app.Context, _ app.Event) {
					set(ctx.JSSrc().Get("checked").Bool())
					edited()
				}),
			app.Div().Body(
				app.Label().For(id).Class("check-label").Text(label),
				app.P().ID(id+"-hint").Class("field-hint").Text(hint),
			),
		)
	}
	number := func(id, label, hint, errKey string, v int, set func(int), maxV int) app.UI {
		in := app.Input().Type("number").Name(id).Min(0).Max(maxV).Attr("inputmode", "numeric").
			Value(strconv.Itoa(v)).Disabled(no != nil).
			OnInput(func(ctx app.Context, _ app.Event) {
				n, err := strconv.Atoi(strings.TrimSpace(ctx.JSSrc().Get("value").String()))
				if err != nil {
					n = -1
				}
				set(n)
				delete(c.policyErrors, errKey)
				edited()
			})
		return hintedField(id, label, hint, errs[errKey], in)
	}
	// Relaxing a protection is a super admin's alone: say so before Save.
	limits := c.account.SessionLimits
	var relax *rules.Refusal
	if no == nil {
		next := c.policy
		if next.TwoFactor.Required == "" {
			next.TwoFactor.Required = "none"
		}
		relax = rules.ChangePolicy(rules.ActorFromMe(c.Me), c.account.Policy, next, limits)
	}
	save := app.Button().Type("submit").ID("account-policy-save").Class("btn", "btn-primary").DataSet("testid", "account-policy-save")
	switch {
	case no != nil:
		save = save.Disabled(true).Text("Save policy")
	case relax != nil:
		save = save.Disabled(true).Aria("describedby", "account-policy-relax").Text("Save policy")
	case c.policyBusy:
		save = save.Disabled(true).Text("Saving…")
	default:
		save = save.Text("Save policy")
	}
	roles := c.roles
	return app.Section().Class("card").Aria("labelledby", "account-policy-title").DataSet("testid", "account-policy").Body(
		app.H2().ID("account-policy-title").Class("card-title").Text("Security policy"),
		app.If(no != nil, func() app.UI {
			return app.P().Class("notice").DataSet("testid", "account-policy-reason").Text("You can see the policy but not change it. " + no.Message)
		}),
		app.Form().Class("form").Attr("novalidate", true).OnSubmit(func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			c.savePolicy(c.ctx)
		}).Body(
			app.Div().Class("slot").Body(app.If(c.policyProblem != "", func() app.UI {
				return alert(c.policyProblem).DataSet("testid", "account-policy-error")
			})),
			app.Div().Class("slot").Body(app.If(relax != nil, func() app.UI {
				return app.P().ID("account-policy-relax").Class("why").DataSet("testid", "account-policy-relax").Text(relax.Message)
			})),
			app.Div().Class("policy-grid").Body(
				app.FieldSet().Class("field", "choices").Body(
					app.Legend().Class("label").Text("Two-factor sign-in"),
					radio("none", "Optional: each person decides"),
					radio("all", "Required of everyone"),
					radio("roles", "Required of the roles chosen below"),
					app.Div().Class("slot").Body(app.If(required == "roles", func() app.UI {
						return app.FieldSet().ID("account-policy-2fa-roles").Class("role-picks").TabIndex(-1).Body(
							app.Legend().Class("sr-only").Text("Roles that must use two-factor sign-in"),
							app.If(roles == nil, func() app.UI {
								return app.P().Class("why").Text("The roles cannot be listed: that needs the permission roles.view.")
							}),
							app.Range(roles).Slice(func(i int) app.UI {
								ro := roles[i]
								id := "account-policy-2fa-role-" + ro.ID
								rr := ro.Role
								return app.Div().Class("pick").Body(
									app.Input().Type("checkbox").ID(id).Class("pick-input").DataSet("testid", id).
										Checked(slices.Contains(p.TwoFactor.Roles, ro.ID)).Disabled(no != nil).
										OnChange(func(ctx app.Context, _ app.Event) {
											p.TwoFactor.Roles = slices.DeleteFunc(slices.Clone(p.TwoFactor.Roles), func(x string) bool { return x == ro.ID })
											if ctx.JSSrc().Get("checked").Bool() {
												p.TwoFactor.Roles = append(p.TwoFactor.Roles, ro.ID)
											}
											delete(c.policyErrors, "two_factor.roles")
											edited()
										}, app.EventScope(ro.ID)),
									app.Label().For(id).Class("pick-label").Body(roleBadge(&rr)),
								)
							}),
							app.If(errs["two_factor.roles"] != "", func() app.UI {
								return app.P().Class("field-error").Text(errs["two_factor.roles"])
							}),
						)
					})),
					app.Div().Class("slot").Body(app.If(required != "none", func() app.UI {
						return number("account-policy-grace", "Grace period (days)", "How long people have to set it up, from when the requirement starts; 0 to 90.",
							"two_factor.grace_days", p.TwoFactor.GraceDays, func(n int) { p.TwoFactor.GraceDays = n }, 90)
					})),
				),
				app.Div().Body(
					app.FieldSet().Class("field", "choices").Body(
						app.Legend().Class("label").Text("Roles and permissions"),
						check("account-policy-ladder", "Promotion only (the ladder)", "Roles only move up; to move someone down, delete them and add them again.",
							p.Ladder, func(on bool) { p.Ladder = on }),
						check("account-policy-overrides", "Per-user permissions", "Grant or deny a permission to one person, on top of their role.",
							p.Overrides, func(on bool) { p.Overrides = on }),
					),
					app.FieldSet().Class("field", "choices").Body(
						app.Legend().Class("label").Text("Sessions"),
						number("account-policy-idle", "Sign out after being idle (minutes)", "0 keeps the server's limit; at most "+strconv.Itoa(limits.IdleMinutes)+".",
							"session_idle_minutes", p.SessionIdleMinutes, func(n int) { p.SessionIdleMinutes = n }, limits.IdleMinutes),
						number("account-policy-absolute", "Longest session (minutes)", "0 keeps the server's limit; at most "+strconv.Itoa(limits.AbsoluteMinutes)+".",
							"session_absolute_minutes", p.SessionAbsoluteMinutes, func(n int) { p.SessionAbsoluteMinutes = n }, limits.AbsoluteMinutes),
					),
					app.FieldSet().Class("field", "choices").Body(
						app.Legend().Class("label").Text("Passwords"),
						number("account-policy-password-min", "Shortest new password (characters)",
							fmt.Sprintf("0 keeps the default of %d; %d to %d. Breached passwords are refused whatever the length.",
								account.DefaultPasswordMinLength, account.PasswordMinLengthFloor, account.PasswordMinLengthCeiling),
							"password_min_length", p.PasswordMinLength, func(n int) { p.PasswordMinLength = n }, account.PasswordMinLengthCeiling),
					),
				),
			),
			save,
		),
	)
}

func (c *AccountPage) outboxCard() app.UI {
	items := c.mail
	return app.Section().Class("card").Aria("labelledby", "outbox-title").DataSet("testid", "outbox").Body(
		app.H2().ID("outbox-title").Class("card-title").Text("Outbox"),
		app.P().Class("card-lead").Text("No mail server is configured, so the emails the console sends (invitations, password resets, reminders) are kept here, newest first. Only super admins see them: they hold sign-in links."),
		app.If(c.mailProblem != "", func() app.UI { return alert(c.mailProblem) }),
		app.If(c.mailLoaded && len(items) == 0, func() app.UI {
			return app.P().Class("empty").Text("No email kept. With a mail server configured, emails go out and none are kept.")
		}),
		app.Ol().Class("mail-list").Body(
			app.Range(items).Slice(func(i int) app.UI {
				m := items[i]
				return app.Li().Class("mail").DataSet("testid", "outbox-item-"+m.ID).Body(
					app.Div().Class("mail-head").Body(
						app.P().Class("mail-subject").Text(m.Subject),
						app.P().Class("mail-meta").Body(
							app.Span().Text("To "+m.To),
							app.Span().Class("audit-sep").Aria("hidden", "true").Text("·"),
							app.Time().DateTime(m.At.UTC().Format("2006-01-02T15:04:05Z")).Text(dateTime(m.At)),
						),
					),
					app.Div().Class("mail-text").Body(linkify(m.Text)...),
				)
			}),
		),
	)
}

// linkify writes text with its web addresses as links.
func linkify(text string) []app.UI {
	var out []app.UI
	for text != "" {
		start := urlStart(text)
		if start < 0 {
			out = append(out, app.Text(text))
			break
		}
		end := start + strings.IndexAny(text[start:]+" ", " \t\r\n<>\"")
		link := strings.TrimRight(text[start:end], ".,;:)")
		if start > 0 {
			out = append(out, app.Text(text[:start]))
		}
		out = append(out, app.A().Href(link).Class("mail-link").Text(link))
		text = text[start+len(link):]
	}
	return out
}

// urlStart is where the first http(s) address of text starts, or -1.
func urlStart(text string) int {
	i, j := strings.Index(text, "http://"), strings.Index(text, "https://")
	switch {
	case i < 0:
		return j
	case j < 0:
		return i
	}
	return min(i, j)
}
