package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// field lays out a labelled control. id is both the control's id, which the
// label points at, and its test id. errorID, when not "", names the message
// that says what is wrong: the control is then marked invalid and described
// by it for assistive tools.
func field(id, label, errorID string, input app.HTMLInput) app.UI {
	input = input.ID(id).Class("input").DataSet("testid", id)
	if errorID != "" {
		input = input.Aria("invalid", "true").Aria("describedby", errorID)
	}
	return app.Div().Class("field").Body(
		app.Label().Class("label").For(id).Text(label),
		input,
	)
}

// alert is an error message that assistive tools announce as it appears.
func alert(text string) app.HTMLP {
	return app.P().Class("alert").Role("alert").Aria("live", "assertive").Text(text)
}

// focus moves the keyboard focus to the element with the given id once the
// page shows it.
func focus(ctx app.Context, id string) {
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID(id); el.Truthy() {
			el.Call("focus")
		}
	})
}
