// Package accounts is "Choose an account": the accounts one sign-in opened,
// the one in use first, each opened without signing in again (with a code
// where the person has two-factor sign-in on there).
package accounts

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
)

// Page lists the accounts and switches to the one chosen.
type Page struct {
	app.Compo

	Me api.Me

	ctx     app.Context
	items   []api.AccountChoice
	loaded  bool
	problem string
	loader  session.Loader

	// busy is the account being opened; codeFor the one that asked for a
	// second factor, and code what was typed.
	busy, codeFor, code string
	switchProblem       string
}

// OnMount loads the accounts.
func (c *Page) OnMount(ctx app.Context) {
	c.ctx = ctx
	c.load(ctx)
}

func (c *Page) load(ctx app.Context) {
	if !c.loader.Begin() {
		return
	}
	ctx.Async(func() {
		l, err := session.API.Accounts(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			if !c.loader.Landed(ctx, err, &c.problem, c.load) {
				return
			}
			c.items, c.loaded, c.problem = l.Items, true, ""
		})
	})
}

// open goes on in the account chosen: the current one as it is, another
// through a switch, after which every page reads the new account afresh.
func (c *Page) open(ctx app.Context, a api.AccountChoice) {
	if a.Current {
		ctx.Navigate("/")
		return
	}
	if c.busy != "" {
		return
	}
	in := api.SwitchAccount{}
	if c.codeFor == a.ID {
		in.Code = strings.Join(strings.Fields(c.code), "")
	}
	c.busy, c.switchProblem = a.ID, ""
	ctx.Async(func() {
		_, err := session.API.SwitchAccount(ctx, a.ID, in)
		ctx.Dispatch(func(ctx app.Context) {
			c.busy = ""
			switch {
			case err == nil:
				session.Leave(ctx, "/")
			case session.Ended(ctx, err):
			case session.Code(err) == api.CodeTOTPRequired && c.codeFor != a.ID:
				// Not a mistake: that account asks for the second factor.
				c.codeFor, c.code = a.ID, ""
				kit.Focus(ctx, "account-code")
			case session.Code(err) == api.CodeTOTPRequired:
				c.switchProblem = "That code did not work. Enter the current code from your authenticator app for " + a.Name + "."
				kit.Focus(ctx, "account-code")
			case session.Code(err) == api.CodeNotFound:
				c.switchProblem = "You can no longer open " + a.Name + "; sign in again to see your accounts."
				c.load(ctx)
			default:
				c.switchProblem = session.Refusal(err)
			}
		})
	})
}

func (c *Page) retry(app.Context, app.Event) {
	c.problem = ""
	c.load(c.ctx)
}

func (c *Page) Render() app.UI {
	return app.Div().Class("page").DataSet("testid", "page-accounts").Body(
		app.Header().Class("page-header").Body(
			app.H1().Class("page-title").Text("Choose an account"),
			app.P().Class("page-lead").Text("Your sign-in opens these accounts. Each has its own roles and rules; you act in one at a time."),
		),
		kit.ProblemSlot(c.problem, c.retry),
		app.Div().Class("slot").Body(app.If(c.switchProblem != "", func() app.UI {
			return kit.Alert(c.switchProblem).DataSet("testid", "accounts-error")
		})),
		app.If(!c.loaded && c.problem == "", func() app.UI {
			return app.P().Class("status").Text("Loading your accounts…")
		}),
		app.Ul().Class("account-choices").DataSet("testid", "account-choices").Body(
			app.Range(c.items).Slice(func(i int) app.UI { return c.choice(c.items[i]) }),
		),
	)
}

func (c *Page) choice(a api.AccountChoice) app.UI {
	label := "Open " + a.Name
	switch {
	case a.Current:
		label = "Continue in " + a.Name
	case c.busy == a.ID:
		label = "Opening " + a.Name + "…"
	}
	open := app.Button().Type("submit").Class("btn", "btn-primary").DataSet("testid", "account-open-"+a.ID).Text(label)
	if c.busy != "" {
		open = open.Disabled(true)
	}
	role := "No role"
	if a.RoleName != "" {
		role = "You are " + a.RoleName
	}
	return app.Li().Class("card", "account-choice").DataSet("testid", "account-choice-"+a.ID).Body(
		app.Form().Class("form").OnSubmit(func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			c.open(ctx, a)
		}, app.EventScope(a.ID)).Body(
			app.H2().Class("card-title").Body(
				app.Text(a.Name),
				app.If(a.Current, func() app.UI {
					return app.Span().Class("badge", "badge-status-active").Text("In use")
				}),
			),
			app.P().Class("card-lead").Text(role),
			app.If(c.codeFor == a.ID, func() app.UI {
				return kit.Field{ID: "account-code", Label: "Code from your authenticator app for " + a.Name}.Input(
					app.Input().Type("text").Name("one-time-code").Attr("autocomplete", "one-time-code").Attr("inputmode", "numeric").
						Value(c.code).OnInput(func(ctx app.Context, _ app.Event) {
						c.code = ctx.JSSrc().Get("value").String()
					}))
			}),
			open,
		),
	)
}
