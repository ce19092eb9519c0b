// Package account is the Account page: name, plan and seats, security
// policy, modules, and the outbox.
package account

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/plan"
	"github.com/rolesconsole/console/shared/rules"
)

// Page is the account's settings: its name, its plan and the seats
// in use, and its security policy; for super admins, the outbox of emails
// kept while no mail server is configured.
type Page struct {
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
	loader   session.Loader

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

	modules        []string // the form's copy
	modulesEdit    bool
	modulesBusy    bool
	modulesProblem string

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

// OnMount loads the account.
func (c *Page) OnMount(ctx app.Context) {
	c.ctx = ctx
	c.load(ctx)
}

// OnUpdate refetches when the account changed (a plan changed elsewhere,
// an invitation sent).
func (c *Page) OnUpdate(ctx app.Context) {
	if c.Me.Account.Revision != c.revision {
		c.load(ctx)
	}
}

func (c *Page) load(ctx app.Context) {
	if !c.loader.Begin() {
		return
	}
	revision, outbox := c.Me.Account.Revision, session.ReadsOutbox(c.Me)
	ctx.Async(func() {
		var d accountData
		var err error
		d.account, err = session.API.Account(ctx)
		if err == nil {
			plans, perr := session.API.Plans(ctx)
			d.plans, err = plans.Items, perr
		}
		if err == nil {
			var roles api.RoleList
			roles, err = session.API.Roles(ctx)
			if err == nil {
				d.roles = roles.Items
			} else if session.Code(err) == api.CodeForbidden {
				err = nil
			}
		}
		if err == nil && outbox {
			var m api.MailList
			m, d.mailErr = session.API.Mail(ctx)
			d.mail = m.Items
		}
		ctx.Dispatch(func(ctx app.Context) { c.fetched(ctx, d, err, revision, outbox) })
	})
}

func (c *Page) fetched(ctx app.Context, d accountData, err error, revision int64, outbox bool) {
	// mailErr is only set when err is nil; the page works without the
	// outbox, unless the session ended.
	if session.Ended(ctx, d.mailErr) {
		c.loader.Loading = false
		return
	}
	if !c.loader.Landed(ctx, err, &c.problem, c.load) {
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
	if !c.modulesEdit {
		c.modules = d.account.Modules
	}
	if c.plan == "" || !c.planBusy {
		c.plan = d.account.Plan
	}
	if outbox {
		c.mail, c.mailLoaded, c.mailProblem = d.mail, d.mailErr == nil, ""
		if d.mailErr != nil {
			c.mailProblem = session.Refusal(d.mailErr)
		}
	}
}

// mayManage says why the person may not change the account, or nil.
func (c *Page) mayManage() *rules.Refusal {
	return rules.ManageAccount(c.Me.Actor())
}

// mayChangePlan says why the person may not change the plan, or nil.
func (c *Page) mayChangePlan() *rules.Refusal {
	return rules.ChangePlan(c.Me.Actor())
}

func (c *Page) patch(ctx app.Context, in api.PatchAccount, done func(app.Context, api.Account, error)) {
	ctx.Async(func() {
		a, err := session.API.PatchAccount(ctx, in)
		ctx.Dispatch(func(ctx app.Context) {
			if session.Ended(ctx, err) {
				return
			}
			if err == nil {
				c.account = a
				// The shell, and every page, follow at once.
				me := c.Me
				me.Account = a
				ctx.SetState(session.StateMe, me)
			}
			done(ctx, a, err)
		})
	})
}

func (c *Page) saveName(ctx app.Context) {
	if c.nameBusy {
		return
	}
	name := strings.TrimSpace(c.name)
	if name == "" {
		c.nameErr = "Give the account a name."
		kit.Focus(ctx, "account-name")
		return
	}
	c.nameBusy, c.nameErr = true, ""
	c.patch(ctx, api.PatchAccount{Name: &name}, func(ctx app.Context, a api.Account, err error) {
		c.nameBusy = false
		if err != nil {
			c.nameErr = session.FieldRefusal(err, "name")
			return
		}
		c.nameEdit, c.name = false, a.Name
		c.status = "The account is now called " + a.Name + "."
	})
}

func (c *Page) savePlan(ctx app.Context) {
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
			c.planProblem = session.Refusal(err)
			kit.Focus(ctx, "account-plan-select")
			return
		}
		c.plan = a.Plan
		c.status = "Plan changed to " + kit.PlanName(a.Plan) + ": " + strconv.Itoa(a.Seats.Limit) + " seats."
	})
}

func (c *Page) retry(app.Context, app.Event) {
	c.problem = ""
	c.load(c.ctx)
}

func (c *Page) Render() app.UI {
	return app.Div().Class("page").DataSet("testid", "page-account").Body(
		app.Header().Class("page-header").Body(
			app.H1().Class("page-title").Text("Account"),
			app.P().Class("page-lead").Text("The account's name, plan and seats, and the security policy that applies to everyone in it."),
		),
		kit.StatusLine("account-status", c.status),
		kit.ProblemSlot(c.problem, c.retry),
		app.Div().Class("slot").Body(
			app.If(!c.loaded && c.problem == "", func() app.UI {
				return app.P().Class("status").Text("Loading the account…")
			}),
			app.If(c.loaded, func() app.UI {
				return app.Div().Class("stack").Body(
					app.Div().Class("cards", "cards-even").Body(c.nameCard(), c.planCard()),
					c.policyCard(),
					c.modulesCard(),
					app.Div().Class("slot").Body(app.If(session.ReadsOutbox(c.Me), c.outboxCard)),
				)
			}),
		),
	)
}
