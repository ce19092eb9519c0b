package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// loader runs a page's fetches one at a time. A fetch asked for while one
// is under way runs once that one is back, rather than alongside it, so
// that an older answer never lands after a newer one.
type loader struct {
	loading bool
	again   bool
}

// begin reports whether a fetch may begin now; if one is under way, it
// notes that another is wanted and reports false.
func (l *loader) begin() bool {
	if l.loading {
		l.again = true
		return false
	}
	l.loading, l.again = true, false
	return true
}

// landed ends the fetch and reports whether its result is to be applied:
// not when the session ended (sessionEnded went to sign-in), nor when
// another fetch was asked for meanwhile (reload runs it now), nor when it
// failed (problem gets the message).
func (l *loader) landed(ctx app.Context, err error, problem *string, reload func(app.Context)) bool {
	l.loading = false
	switch {
	case sessionEnded(ctx, err):
		return false
	case l.again:
		reload(ctx)
		return false
	case err != nil:
		*problem = message(err)
		return false
	}
	return true
}

// statusLine announces the outcome of the page's last action, politely.
func statusLine(testid, text string) app.UI {
	return app.P().Class("status-line").Role("status").Aria("live", "polite").DataSet("testid", testid).Text(text)
}

// problemSlot says why the page could not load, with a way to try again.
// It is a slot of its own, so that it coming and going never moves the
// parts after it: go-app would rebuild them, open dialogs included.
func problemSlot(problem string, retry app.EventHandler) app.UI {
	return app.Div().Class("slot").Body(
		app.If(problem != "", func() app.UI {
			return app.Div().Body(
				alert(problem),
				app.Button().Type("button").Class("btn", "btn-secondary").OnClick(retry).Text("Try again"),
			)
		}),
	)
}
