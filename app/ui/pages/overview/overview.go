// Package overview is the signed-in home: the account and one's access.
package overview

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/shared/api"
)

// Page is Overview, the signed-in home: the account, and what the person signed in
// may do in it and why.
type Page struct {
	app.Compo

	Me api.Me
}

func (c *Page) Render() app.UI {
	return app.Div().Class("page").DataSet("testid", "overview").Body(
		app.Header().Class("page-header").Body(
			app.H1().Class("page-title").Text("Overview"),
			app.P().Class("page-lead").Text(greeting(c.Me.User.Name)),
		),
		app.Div().Class("cards").Body(
			c.accountCard(),
			c.accessCard(),
		),
	)
}

func greeting(name string) string {
	if first, _, _ := strings.Cut(strings.TrimSpace(name), " "); first != "" {
		return "Welcome, " + first + ". Here is your account and what you can do in it."
	}
	return "Here is your account and what you can do in it."
}

func (c *Page) accountCard() app.UI {
	a := c.Me.Account
	return kit.Card("account", "Account",
		app.Dl().Class("facts").Body(
			kit.Fact("Name", app.Text(a.Name)),
			app.If(a.Plan != "", func() app.UI { return kit.Fact("Plan", app.Text(kit.PlanName(a.Plan))) }),
			app.If(a.Seats.Limit > 0, func() app.UI {
				return kit.Fact("Seats", app.Text(strconv.Itoa(a.Seats.Used)+" of "+strconv.Itoa(a.Seats.Limit)+" in use"))
			}).Else(func() app.UI {
				return kit.Fact("Seats", app.Text(strconv.Itoa(a.Seats.Used)+" in use"))
			}),
			kit.Fact("Set up as", app.Text(kit.PresetName(a.Preset))),
			kit.Fact("Two-factor requirement", app.Text(twoFactorPolicy(a.Policy.TwoFactor.Required))),
		),
	)
}

func twoFactorPolicy(required string) string {
	switch required {
	case "all":
		return "Required for everyone"
	case "roles":
		return "Required for some roles"
	}
	return "Optional"
}

func (c *Page) accessCard() app.UI {
	me := c.Me
	return kit.Card("access", "Your access",
		app.Dl().Class("facts").Body(
			kit.Fact("Role", kit.RoleBadge(me.Role)),
			kit.Fact("Email", app.Text(me.User.Email)),
			kit.Fact("Two-factor sign-in", app.Text(kit.OnOff(me.User.TOTPEnabled))),
		),
		app.P().Class("card-text").Text(roleExplanation(me)),
		app.H3().Class("card-subtitle").Text("What you can do"),
		permissionList(me.Permissions),
	)
}

// roleExplanation says in a sentence where the person's permissions come from.
func roleExplanation(me api.Me) string {
	switch {
	case me.Role == nil:
		return "You have no role yet, so you hold no permissions. Ask an account admin to give you one."
	case me.Role.SuperAdmin:
		return "As " + me.Role.Name + " you have full access to everything, always: every module and every action, now and as modules are added."
	case me.Role.Description != "":
		return me.Role.Description
	}
	return "Your permissions come from the " + me.Role.Name + " role."
}

// permissionList shows the permissions grouped by module.
func permissionList(ids []string) app.UI {
	groups := groupGrants(ids)
	if len(groups) == 0 {
		return app.P().Class("empty").DataSet("testid", "overview-permissions").Text("You hold no permissions.")
	}
	ownOnly := false
	for _, g := range groups {
		for _, a := range g.actions {
			ownOnly = ownOnly || a.own
		}
	}
	return app.Div().Class("permissions").DataSet("testid", "overview-permissions").Body(
		app.Range(groups).Slice(func(i int) app.UI {
			g := groups[i]
			return app.Div().Class("perm-group").Body(
				app.H4().Class("perm-module").Text(g.module),
				app.Ul().Class("chips").Aria("label", g.module).Body(
					app.Range(g.actions).Slice(func(j int) app.UI {
						a := g.actions[j]
						if a.own {
							return app.Li().Class("chip", "chip-own").Text(a.name + " (own only)")
						}
						return app.Li().Class("chip").Text(a.name)
					}),
				),
			)
		}),
		app.If(ownOnly, func() app.UI {
			return app.P().Class("hint").Text("“own only”: only on the records you created.")
		}),
	)
}
