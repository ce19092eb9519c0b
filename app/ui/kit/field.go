// Package kit holds the widgets and formatters every page builds with:
// the labelled field, alerts and status lines, focus, modal dialogs and the
// confirmation, badges, cards, and dates and counts in people's words. It
// knows no page and no backend: it imports nothing of the app.
package kit

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Field lays out a labelled control, with what assistive tools need to
// tie it to its hint and its error. ID is both the control's id, which the
// label points at, and its test id; the hint, the error and the why-list
// take ID plus "-hint", "-error" and "-why".
type Field struct {
	ID, Label string
	// Class is a class of the field's box, besides "field".
	Class string
	// Hint is a sentence under the control.
	Hint string
	// Error says what is wrong with the value, under the control.
	Error string
	// DescribedBy are the ids of other elements that describe the control,
	// such as why it is disabled.
	DescribedBy []string
	// Alert names a message elsewhere (a form's alert) that says what is
	// wrong: the control is marked invalid and described by it.
	Alert string
	// Why are the sentences saying why some of a select's options are
	// greyed out (the rules' refusals).
	Why []string
}

// Input lays out a text, email, password or number input.
func (f Field) Input(in app.HTMLInput) app.UI {
	return f.layout(dress(f, in, "input"), f.hint(false))
}

// Textarea lays out a text area.
func (f Field) Textarea(t app.HTMLTextarea) app.UI {
	return f.layout(dress(f, t, "input", "textarea"), f.hint(false))
}

// Select lays out a <select>. Its hint follows the option chosen, so it is
// always there and announced as it changes.
func (f Field) Select(s app.HTMLSelect) app.UI {
	return f.layout(dress(f, s, "input", "select"), f.hint(true))
}

// control is what the three kinds of field have alike.
type control[T any] interface {
	ID(format string, v ...any) T
	Class(...string) T
	DataSet(string, any) T
	Aria(string, any) T
}

// dress gives a field's control its id, classes and test id, and says
// whether it is invalid and what describes it.
func dress[T control[T]](f Field, c T, classes ...string) T {
	c = c.ID(f.ID).Class(classes...).DataSet("testid", f.ID)
	if f.invalid() {
		c = c.Aria("invalid", "true")
	}
	if d := f.describedBy(); d != "" {
		c = c.Aria("describedby", d)
	}
	return c
}

func (f Field) invalid() bool { return f.Error != "" || f.Alert != "" }

func (f Field) describedBy() string {
	ids := append([]string(nil), f.DescribedBy...)
	if f.Alert != "" {
		ids = append(ids, f.Alert)
	}
	if f.Hint != "" {
		ids = append(ids, f.ID+"-hint")
	}
	if f.Error != "" {
		ids = append(ids, f.ID+"-error")
	}
	if len(f.Why) > 0 {
		ids = append(ids, f.ID+"-why")
	}
	return strings.Join(ids, " ")
}

// hint is the hint's paragraph; live ones are there even while empty, so
// that what they come to say is announced.
func (f Field) hint(live bool) app.UI {
	p := app.P().ID(f.ID+"-hint").Class("field-hint").DataSet("testid", f.ID+"-hint")
	switch {
	case live:
		return p.Aria("live", "polite").Text(f.Hint)
	case f.Hint != "":
		return p.Text(f.Hint)
	}
	return nil
}

// layout puts the label, the control and what describes it in order. The
// error and the why-list sit in slots of their own, so that one coming and
// going never moves the others: go-app would rebuild them.
func (f Field) layout(control, hint app.UI) app.UI {
	box := app.Div().Class("field")
	if f.Class != "" {
		box = box.Class(f.Class)
	}
	return box.Body(
		app.Label().Class("label").For(f.ID).Text(f.Label),
		control,
		hint,
		app.Div().Class("slot").Body(app.If(f.Error != "", func() app.UI {
			return app.P().ID(f.ID+"-error").Class("field-error").DataSet("testid", f.ID+"-error").Text(f.Error)
		})),
		app.Div().Class("slot").Body(app.If(len(f.Why) > 0, func() app.UI {
			return app.Div().ID(f.ID+"-why").Class("why-box").DataSet("testid", f.ID+"-why").Body(
				app.P().Class("why").Text("Greyed out, and why:"),
				app.Ul().Class("why-list").Body(app.Range(f.Why).Slice(func(i int) app.UI {
					return app.Li().Class("why").Text(f.Why[i])
				})),
			)
		})),
	)
}
