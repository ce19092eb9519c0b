package kit

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Alert is an error message that assistive tools announce as it appears.
func Alert(text string) app.HTMLP {
	return app.P().Class("alert").Role("alert").Aria("live", "assertive").Text(text)
}

// StatusLine announces the outcome of the page's last action, politely.
func StatusLine(testid, text string) app.UI {
	return app.P().Class("status-line").Role("status").Aria("live", "polite").DataSet("testid", testid).Text(text)
}

// ProblemSlot says why the page could not load, with a way to try again.
// It is a slot of its own, so that it coming and going never moves the
// parts after it: go-app would rebuild them, open dialogs included.
func ProblemSlot(problem string, retry app.EventHandler) app.UI {
	return app.Div().Class("slot").Body(
		app.If(problem != "", func() app.UI {
			return app.Div().Body(
				Alert(problem),
				app.Button().Type("button").Class("btn", "btn-secondary").OnClick(retry).Text("Try again"),
			)
		}),
	)
}
