package account

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/rules"
)

// policyFields are the API's field names of the policy and the form's
// controls, in the form's order.
var policyFields = [][2]string{
	{"two_factor.required", "account-policy-2fa-none"},
	{"two_factor.roles", "account-policy-2fa-roles"},
	{"two_factor.grace_days", "account-policy-grace"},
	{"session_idle_minutes", "account-policy-idle"},
	{"session_absolute_minutes", "account-policy-absolute"},
}

func (c *Page) savePolicy(ctx app.Context) {
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
		kit.Focus(ctx, "account-policy-2fa-roles")
		return
	}
	if p.TwoFactor.Roles == nil {
		p.TwoFactor.Roles = []string{}
	}
	c.policyBusy = true
	c.patch(ctx, api.PatchAccount{Policy: &p}, func(ctx app.Context, a api.Account, err error) {
		c.policyBusy = false
		if err != nil {
			if errs := session.FieldErrors(err, nil); errs != nil {
				c.policyErrors = errs
				kit.FocusFirst(ctx, errs, policyFields...)
			}
			if session.Code(err) != api.CodeInvalidInput || len(c.policyErrors) == 0 {
				c.policyProblem = session.Refusal(err)
			}
			return
		}
		c.policy, c.policyEdit = a.Policy, false
		c.status = "Security policy saved; it applies at once."
	})
}

func (c *Page) policyCard() app.UI {
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
		return kit.Field{ID: id, Label: label, Hint: hint, Error: errs[errKey]}.Input(
			in)
	}
	// Relaxing a protection is a super admin's alone: say so before Save.
	limits := c.account.SessionLimits
	var relax *rules.Refusal
	if no == nil {
		next := c.policy
		if next.TwoFactor.Required == "" {
			next.TwoFactor.Required = "none"
		}
		relax = rules.ChangePolicy(c.Me.Actor(), c.account.Policy, next, limits)
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
				return kit.Alert(c.policyProblem).DataSet("testid", "account-policy-error")
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
								return app.P().Class("why").Text(rules.Needs("Listing the roles", "roles.view").Message)
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
									app.Label().For(id).Class("pick-label").Body(kit.RoleBadge(&rr)),
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
