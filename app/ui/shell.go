package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/shared/api"
)

// Shell wraps every signed-in page: who is signed in and where, the nav, and
// signing out. It loads api.Me and hands it to the page.
type Shell struct {
	app.Compo

	// Page is the key of the page shown (see pages).
	Page string

	me api.Me
	// problem says why the last call failed, for people; "" when it worked.
	problem    string
	signingOut bool
	// stop ends the watch for changes (see live.go); nil when none runs.
	stop chan struct{}
}

// OnMount shows the api.Me already known, if any, then refreshes it.
func (c *Shell) OnMount(ctx app.Context) {
	ctx.ObserveState(stateMe, &c.me)
	c.refresh(ctx)
	if livePolling {
		c.watch(ctx, pollEvery)
	}
}

// OnUpdate runs when navigation reuses the shell for another page: what the
// person may do can have changed since, so the nav follows.
func (c *Shell) OnUpdate(ctx app.Context) {
	c.refresh(ctx)
}

func (c *Shell) refresh(ctx app.Context) {
	ctx.Async(func() {
		me, err := server.Me(ctx)
		ctx.Dispatch(func(ctx app.Context) { c.applyMe(ctx, me, err) })
	})
}

func (c *Shell) applyMe(ctx app.Context, me api.Me, err error) {
	switch {
	case err == nil:
		c.me, c.problem = me, ""
		ctx.SetState(stateMe, me)
	case client.Code(err) == api.CodeUnauthenticated:
		ctx.DelState(stateMe)
		ctx.Navigate(signInPath)
	default:
		c.problem = message(err)
	}
}

func (c *Shell) signOut(ctx app.Context, _ app.Event) {
	if c.signingOut {
		return
	}
	c.signingOut = true
	ctx.Async(func() {
		err := server.Logout(ctx)
		ctx.Dispatch(func(ctx app.Context) { c.signedOut(ctx, err) })
	})
}

func (c *Shell) signedOut(ctx app.Context, err error) {
	c.signingOut = false
	// Unauthenticated: the session had already ended, which is the goal.
	if err != nil && client.Code(err) != api.CodeUnauthenticated {
		c.problem = "Signing out failed. " + message(err)
		return
	}
	ctx.DelState(stateMe)
	ctx.Navigate(signInPath)
}

func (c *Shell) signedIn() bool {
	return c.me.User.ID != ""
}

func (c *Shell) Render() app.UI {
	return app.Div().Class("shell").DataSet("testid", "shell").Body(
		app.A().Class("skip-link").Href("#main").OnClick(skipToMain).Text("Skip to main content"),
		c.sidebar(),
		app.If(c.signedIn(), c.topbar),
		app.Main().ID("main").Class("main").TabIndex(-1).Body(c.content()),
	)
}

// skipToMain moves the focus, not only the scroll position, to the content:
// go-app handles the link itself and would only scroll.
func skipToMain(ctx app.Context, _ app.Event) {
	focus(ctx, "main")
}

func (c *Shell) sidebar() app.UI {
	visible := visiblePages(c.me)
	return app.Div().Class("sidebar").Body(
		app.Div().Class("brand").Body(
			mark("brand-mark"),
			app.Span().Class("brand-name").Text("Users & Roles"),
		),
		app.Nav().Class("nav").Aria("label", "Console").DataSet("testid", "nav").Body(
			app.Ul().Class("nav-list").Body(
				app.Range(visible).Slice(func(i int) app.UI { return c.navLink(visible[i]) }),
			),
		),
	)
}

func (c *Shell) navLink(p page) app.UI {
	a := app.A().Class("nav-link").Href(p.path).DataSet("testid", "nav-"+p.key).Text(p.label)
	if p.key == c.Page {
		a = a.Aria("current", "page")
	}
	return app.Li().Body(a)
}

func (c *Shell) topbar() app.UI {
	me := c.me
	return app.Header().Class("topbar").Body(
		app.Div().Class("account").Body(
			app.Span().Class("account-label").Text("Account"),
			app.Span().Class("account-name").DataSet("testid", "shell-account-name").Text(me.Account.Name),
		),
		app.Div().Class("user").Body(
			avatar(me.User.Name, me.Role),
			app.Div().Class("user-text").Body(
				app.Span().Class("user-name").DataSet("testid", "shell-user-name").Text(me.User.Name),
				roleBadge(me.Role).DataSet("testid", "shell-user-role"),
			),
		),
		c.signOutButton(),
	)
}

func (c *Shell) signOutButton() app.UI {
	b := app.Button().Type("button").Class("btn", "btn-secondary").DataSet("testid", "signout").OnClick(c.signOut)
	if c.signingOut {
		// Only when true: prerendered HTML would read disabled="false" as disabled.
		return b.Disabled(true).Text("Signing out…")
	}
	return b.Text("Sign out")
}

func (c *Shell) content() app.UI {
	var body app.UI
	p, ok := pageByKey(c.Page)
	switch {
	case !c.signedIn() && c.problem == "":
		body = app.P().Class("status").Role("status").Aria("live", "polite").Text("Loading your console…")
	case !c.signedIn():
		body = app.Button().Type("button").Class("btn", "btn-secondary").OnClick(c.retry).Text("Try again")
	case !ok:
		body = notice("This page does not exist.")
	case !p.allows(c.me):
		body = notice("You don't have access to this page. Ask an account admin if you need it.")
	default:
		body = p.content(c.me)
	}
	return app.Div().Class("content").Body(
		// A slot of its own: an alert appearing must not shift the page,
		// which go-app would then rebuild from scratch.
		app.Div().Class("slot").Body(
			app.If(c.problem != "", func() app.UI { return alert(c.problem) }),
		),
		body,
	)
}

func (c *Shell) retry(ctx app.Context, _ app.Event) {
	c.problem = ""
	c.refresh(ctx)
}

func notice(text string) app.UI {
	return app.P().Class("notice").Text(text)
}
