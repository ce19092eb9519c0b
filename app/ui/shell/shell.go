// Package shell wraps every signed-in page: the nav, who is signed in,
// signing out, the two-factor reminder, and the watch that brings a change
// made elsewhere to the page within seconds. Its page table (Pages) is the
// one place that names every signed-in page.
package shell

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
)

// Shell wraps every signed-in page: who is signed in and where, the nav, and
// signing out. It loads api.Me and hands it to the page.
type Shell struct {
	app.Compo

	// Page is the key of the page shown (see Pages).
	Page string

	me api.Me
	// problem says why the last call failed, for people; "" when it worked.
	problem string
	// offline: the last watch found the service unreachable; the connection
	// indicator says so until a call works again.
	offline    bool
	signingOut bool
	// reminderClosed: the person dismissed the two-factor reminder.
	reminderClosed bool
	// menuOpen: on a tablet, the nav is open under the top bar.
	menuOpen bool
	// path is the address of the page last arrived at; "" before the first.
	path string
	// stop ends the watch for changes (see watch); nil when none runs.
	stop chan struct{}
}

// OnMount shows the api.Me already known, if any, then refreshes it.
func (c *Shell) OnMount(ctx app.Context) {
	ctx.ObserveState(session.StateMe, &c.me)
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

// OnNav runs once per arrival at a page, never on a re-render: the focus
// moves to the page's heading, so that a screen reader announces the page
// and the keyboard starts from its top, rather than staying on the nav link.
// The first page of a visit keeps the browser's own start.
func (c *Shell) OnNav(ctx app.Context) {
	if c.arrive(ctx.Page().URL().Path) {
		focusHeading(ctx)
	}
}

// arrive records the page at path and reports whether the person came from
// another one (a link to the page shown, or to a part of it, is no move).
// Arriving closes the tablet's menu: its link has done its job.
func (c *Shell) arrive(path string) bool {
	moved := c.path != "" && path != c.path
	c.path = path
	if moved {
		c.menuOpen = false
	}
	return moved
}

// focusHeading focuses the page's h1 once the page shows it; tabindex -1
// lets a heading take the focus without adding a tab stop.
func focusHeading(ctx app.Context) {
	ctx.Defer(func(app.Context) {
		h := app.Window().Get("document").Call("querySelector", "#main h1")
		if !h.Truthy() {
			return
		}
		h.Call("setAttribute", "tabindex", "-1")
		h.Call("focus")
	})
}

func (c *Shell) refresh(ctx app.Context) {
	ctx.Async(func() {
		me, err := session.API.Me(ctx)
		ctx.Dispatch(func(ctx app.Context) { c.applyMe(ctx, me, err) })
	})
}

func (c *Shell) applyMe(ctx app.Context, me api.Me, err error) {
	switch {
	case err == nil:
		c.me, c.problem, c.offline = me, "", false
		ctx.SetState(session.StateMe, me)
		c.holdAtEnrolment(ctx)
	case client.Code(err) == api.CodeUnauthenticated:
		session.Leave(ctx, session.SignInPath)
	case c.signedIn():
		// The page stays, and its own loads say what failed, once: a
		// banner here would repeat theirs. An unreachable service lights
		// the connection indicator instead.
		if client.Code(err) == api.CodeUnavailable {
			c.offline = true
		}
	default:
		c.problem = session.Message(err)
	}
}

// holdAtEnrolment sends the person to My account while the account's
// policy allows them nothing but two-factor enrolment.
func (c *Shell) holdAtEnrolment(ctx app.Context) {
	if !c.me.TwoFactor.MustEnroll {
		return
	}
	if p, ok := pageByKey(c.Page); !ok || !p.enrolment {
		if me, ok := pageByKey(mePage); ok {
			ctx.Navigate(me.Path)
		}
	}
}

func (c *Shell) signOut(ctx app.Context, _ app.Event) {
	if c.signingOut {
		return
	}
	c.signingOut = true
	ctx.Async(func() {
		err := session.API.Logout(ctx)
		ctx.Dispatch(func(ctx app.Context) { c.signedOut(ctx, err) })
	})
}

func (c *Shell) signedOut(ctx app.Context, err error) {
	c.signingOut = false
	// Unauthenticated: the session had already ended, which is the goal.
	if err != nil && client.Code(err) != api.CodeUnauthenticated {
		c.problem = "Signing out failed. " + session.Message(err)
		return
	}
	session.Leave(ctx, session.SignInPath)
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
	kit.Focus(ctx, "main")
}

// sidebar is the nav: a column down the left on a desktop; on a tablet a
// compact bar that stays at the top, its links behind the menu button.
func (c *Shell) sidebar() app.UI {
	visible := visiblePages(c.me)
	class := []string{"sidebar"}
	if c.menuOpen {
		class = append(class, "sidebar-open")
	}
	return app.Div().Class(class...).DataSet("testid", "sidebar").OnKeyDown(c.onMenuKey).Body(
		app.Div().Class("brand").Body(
			kit.Mark("brand-mark"),
			app.Span().Class("brand-name").Text("Users & Roles"),
		),
		c.menuButton(),
		app.Nav().ID("nav").Class("nav").Aria("label", "Console").DataSet("testid", "nav").Body(
			app.Ul().Class("nav-list").Body(
				app.Range(visible).Slice(func(i int) app.UI {
					if visible[i].unlisted {
						return nil
					}
					return c.navLink(visible[i])
				}),
			),
		),
	)
}

// menuButton opens and closes the nav on a tablet; the desktop's CSS hides
// it, the nav being always in view there.
func (c *Shell) menuButton() app.UI {
	return app.Button().Type("button").ID("nav-toggle").Class("nav-toggle").DataSet("testid", "nav-toggle").
		Aria("expanded", c.menuOpen).Aria("controls", "nav").
		OnClick(c.toggleMenu).
		Body(
			app.Span().Class("nav-toggle-icon").Aria("hidden", "true"),
			app.Span().Text("Menu"),
		)
}

func (c *Shell) toggleMenu(app.Context, app.Event) {
	c.menuOpen = !c.menuOpen
}

// onMenuKey closes the open menu on Escape and gives the focus back to its
// button, as a disclosure does.
func (c *Shell) onMenuKey(ctx app.Context, e app.Event) {
	if c.menuOpen && e.Get("key").String() == "Escape" {
		c.menuOpen = false
		kit.Focus(ctx, "nav-toggle")
	}
}

func (c *Shell) navLink(p Entry) app.UI {
	a := app.A().Class("nav-link").Href(p.Path).DataSet("testid", "nav-"+p.Key).Text(p.label)
	if p.Key == c.Page {
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
			app.If(me.OtherAccounts > 0, func() app.UI {
				return app.A().Class("account-switch").Href(session.AccountsPath).DataSet("testid", "shell-switch-account").
					Aria("label", "Switch account: you are in "+me.Account.Name).Text("Switch account")
			}),
		),
		app.Div().Class("user").Body(
			kit.Avatar(me.User.Name, me.Role),
			app.Div().Class("user-text").Body(
				app.Span().Class("user-name").DataSet("testid", "shell-user-name").Text(me.User.Name),
				kit.RoleBadge(me.Role).DataSet("testid", "shell-user-role"),
			),
		),
		c.connection(),
		c.signOutButton(),
	)
}

// connection is the one sign that the service cannot be reached. The live
// region stays in the page, empty while online, so that a screen reader
// announces the moment the text appears.
func (c *Shell) connection() app.UI {
	s := app.Span().Class("connection").Role("status").Aria("live", "polite").DataSet("testid", "connection")
	if !c.offline {
		return s
	}
	return s.Class("connection-offline").Text("Offline — reconnecting…")
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
	case c.me.TwoFactor.MustEnroll && !(ok && p.enrolment):
		// On the way to My account (see holdAtEnrolment): enrolment, here.
		if me, found := pageByKey(mePage); found {
			body = me.Content(c.me)
		}
	case !ok:
		body = notice("This page does not exist.")
	case !p.allows(c.me):
		body = notice("You don't have access to this page. Ask an account admin if you need it.")
	default:
		body = p.Content(c.me)
	}
	return app.Div().Class("content").Body(
		// A slot of its own: an alert appearing must not shift the page,
		// which go-app would then rebuild from scratch.
		app.Div().Class("slot").Body(
			app.If(c.problem != "", func() app.UI { return kit.Alert(c.problem) }),
		),
		app.Div().Class("slot").Body(c.twoFactorNotice()),
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

// twoFactorNotice tells the person what the account's two-factor policy
// asks of them: enrol now (nothing else opens until they do), or by a date,
// in a reminder they may dismiss.
func (c *Shell) twoFactorNotice() app.UI {
	tf := c.me.TwoFactor
	switch {
	case !c.signedIn() || tf.Enabled || !tf.Required:
		return nil
	case tf.MustEnroll:
		return app.Div().Class("banner", "banner-required").Role("alert").DataSet("testid", "twofactor-required").Body(
			app.P().Class("banner-text").Body(
				app.Strong().Text("Two-factor sign-in is required. "),
				app.Text("This account's policy requires it of you and the grace period is over: set it up below to continue."),
			),
		)
	case c.reminderClosed:
		return nil
	}
	by := "soon"
	if tf.EnrollBy != nil {
		by = "by " + kit.LongDate(*tf.EnrollBy)
	}
	return app.Div().Class("banner").Role("status").DataSet("testid", "twofactor-banner").Body(
		app.P().Class("banner-text").Body(
			app.Text("Your account requires two-factor sign-in "+by+". "),
			app.If(c.Page != mePage, func() app.UI {
				return app.A().Href("/me").DataSet("testid", "twofactor-banner-link").Text("Set it up in My account")
			}),
		),
		app.Button().Type("button").Class("btn", "btn-secondary", "btn-small").DataSet("testid", "twofactor-banner-dismiss").
			Aria("label", "Dismiss the two-factor reminder").
			OnClick(func(app.Context, app.Event) { c.reminderClosed = true }).Text("Dismiss"),
	)
}
