// Package kit holds the widgets and formatters every page builds with:
// the labelled field, alerts and status lines, focus, modal dialogs and the
// confirmation, badges, cards, and dates and counts in people's words. It
// knows no page and no backend: it imports nothing of the app.
package kit

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Field lays out a labelled control. id is both the control's id, which the
// label points at, and its test id. errorID, when not "", names the message
// that says what is wrong: the control is then marked invalid and described
// by it for assistive tools.
func Field(id, label, errorID string, input app.HTMLInput) app.UI {
	input = input.ID(id).Class("input").DataSet("testid", id)
	if errorID != "" {
		input = input.Aria("invalid", "true").Aria("describedby", errorID)
	}
	return app.Div().Class("field").Body(
		app.Label().Class("label").For(id).Text(label),
		input,
	)
}

// CheckedField is a labelled input with its own error message under it.
func CheckedField(id, label, problem string, input app.HTMLInput) app.UI {
	errorID := id + "-error"
	input = input.ID(id).Class("input").DataSet("testid", id)
	if problem != "" {
		input = input.Aria("invalid", "true").Aria("describedby", errorID)
	}
	return app.Div().Class("field").Body(
		app.Label().Class("label").For(id).Text(label),
		input,
		app.If(problem != "", func() app.UI {
			return app.P().ID(errorID).Class("field-error").DataSet("testid", errorID).Text(problem)
		}),
	)
}

// HintedSelect is a labelled <select> with a hint under it, its error, and
// why some of its options are greyed out (the rules' sentences).
func HintedSelect(id, label, hint, problem string, why []string, sel app.HTMLSelect) app.UI {
	describedBy := []string{}
	if hint != "" {
		describedBy = append(describedBy, id+"-hint")
	}
	sel = sel.ID(id).Class("input", "select").DataSet("testid", id)
	if problem != "" {
		describedBy = append(describedBy, id+"-error")
		sel = sel.Aria("invalid", "true")
	}
	if len(why) > 0 {
		describedBy = append(describedBy, id+"-why")
	}
	if len(describedBy) > 0 {
		sel = sel.Aria("describedby", strings.Join(describedBy, " "))
	}
	return app.Div().Class("field").Body(
		app.Label().Class("label").For(id).Text(label),
		sel,
		app.P().ID(id+"-hint").Class("field-hint").DataSet("testid", id+"-hint").Aria("live", "polite").Text(hint),
		app.Div().Class("slot").Body(app.If(problem != "", func() app.UI {
			return app.P().ID(id+"-error").Class("field-error").DataSet("testid", id+"-error").Text(problem)
		})),
		app.Div().Class("slot").Body(app.If(len(why) > 0, func() app.UI {
			return app.Div().ID(id+"-why").Class("why-box").DataSet("testid", id+"-why").Body(
				app.P().Class("why").Text("Greyed out, and why:"),
				app.Ul().Class("why-list").Body(app.Range(why).Slice(func(i int) app.UI {
					return app.Li().Class("why").Text(why[i])
				})),
			)
		})),
	)
}

// HintedField is CheckedField with a hint under the control.
func HintedField(id, label, hint, problem string, input app.HTMLInput) app.UI {
	describedBy := id + "-hint"
	input = input.ID(id).Class("input").DataSet("testid", id)
	if problem != "" {
		input = input.Aria("invalid", "true")
		describedBy += " " + id + "-error"
	}
	return app.Div().Class("field").Body(
		app.Label().Class("label").For(id).Text(label),
		input.Aria("describedby", describedBy),
		app.P().ID(id+"-hint").Class("field-hint").DataSet("testid", id+"-hint").Text(hint),
		app.If(problem != "", func() app.UI {
			return app.P().ID(id+"-error").Class("field-error").DataSet("testid", id+"-error").Text(problem)
		}),
	)
}
