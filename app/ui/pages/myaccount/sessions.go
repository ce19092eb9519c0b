package myaccount

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
)

func (c *Page) loadSessions(ctx app.Context) {
	ctx.Async(func() {
		l, err := session.API.Sessions(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			if session.Ended(ctx, err) {
				return
			}
			if err != nil {
				c.sessionsErr = session.Message(err)
				return
			}
			c.sessions, c.sessionsLoaded, c.sessionsErr = l.Items, true, ""
		})
	})
}

// ---------- Sessions ----------

func (c *Page) endSession(ctx app.Context, s api.Session) {
	if c.ending[s.ID] {
		return
	}
	if c.ending == nil {
		c.ending = map[string]bool{}
	}
	c.ending[s.ID] = true
	ctx.Async(func() {
		err := session.API.EndSession(ctx, s.ID, s.Current)
		ctx.Dispatch(func(ctx app.Context) {
			delete(c.ending, s.ID)
			if s.Current && (err == nil || session.Code(err) == api.CodeUnauthenticated) {
				// Signed out here: back to the sign-in page.
				session.Leave(ctx, session.SignInPath)
				return
			}
			if session.Ended(ctx, err) {
				return
			}
			if err != nil && session.Code(err) != api.CodeNotFound {
				c.status = "Signing that session out failed. " + session.Message(err)
				return
			}
			c.status = s.Device + " is signed out."
			kit.Focus(ctx, "sessions-title")
			c.loadSessions(ctx)
		})
	})
}

func (c *Page) sessionsCard() app.UI {
	items := c.sessions
	return app.Section().Class("card").Aria("labelledby", "sessions-title").DataSet("testid", "sessions").Body(
		app.H2().ID("sessions-title").Class("card-title").TabIndex(-1).Text("Where you are signed in"),
		app.P().Class("card-lead").Text("Sign out a session you do not recognise, or one on a device you no longer use."),
		app.If(c.sessionsErr != "", func() app.UI { return kit.Alert(c.sessionsErr) }),
		app.If(!c.sessionsLoaded && c.sessionsErr == "", func() app.UI {
			return app.P().Class("status").Text("Loading your sessions…")
		}),
		app.Ul().Class("session-list").Body(
			app.Range(items).Slice(func(i int) app.UI { return c.sessionRow(items[i]) }),
		),
	)
}

func (c *Page) sessionRow(s api.Session) app.UI {
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
				app.Span().Text("Signed in "+kit.DateTime(s.CreatedAt)),
				app.Span().Class("audit-sep").Aria("hidden", "true").Text("·"),
				app.Span().Text("Last seen "+kit.DateTime(s.LastSeen)),
			),
		),
		end,
	)
}
