package kit

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// modal is a <dialog> that the browser shows modally (see showModal): the
// rest of the page is inert, and Escape fires "cancel", which onClose
// handles. titleID names the heading that labels it.
func modal(id, testID, titleID string, onClose app.EventHandler, body ...app.UI) app.HTMLDialog {
	return app.Dialog().ID(id).Class("dialog").DataSet("testid", testID).
		Aria("labelledby", titleID).Aria("modal", "true").
		On("cancel", onClose).
		Body(body...)
}

// showModal opens the dialog with the given id as a modal once the page
// shows it, and puts the keyboard focus on focusID inside it.
func showModal(ctx app.Context, id, focusID string) {
	ctx.Defer(func(app.Context) {
		d := app.Window().GetElementByID(id)
		if !d.Truthy() {
			return
		}
		if !d.Get("open").Bool() {
			d.Call("showModal")
		}
		if el := app.Window().GetElementByID(focusID); el.Truthy() {
			el.Call("focus")
		}
	})
}

// closeModal closes the dialog (if the browser has not already) before the
// page drops it, and gives the focus back to the control that opened it.
func closeModal(ctx app.Context, id, returnTo string) {
	if d := app.Window().GetElementByID(id); d.Truthy() && d.Get("open").Bool() {
		d.Call("close")
	}
	Focus(ctx, returnTo)
}

// Confirmation asks "are you sure?" before a change that is hard to take
// back: deleting a role, undoing a change.
type Confirmation struct {
	Title string
	Body  string
	// Details are lines under the body, as a list: who keeps what. They
	// may arrive after the dialog opened.
	Details []string
	OK      string // the confirming button's text, a verb: "Delete role"
	// Safe: the change takes nothing away (enable, restore); its button is
	// not painted as a danger.
	Safe bool
	// Run makes the change; it runs off the UI goroutine and its error, if
	// any, is shown in the dialog.
	Run func(app.Context) error
	// Done runs on the UI goroutine once run succeeded.
	Done    func(app.Context)
	Problem string
	// ReturnTo is the id of the control that gets the focus back.
	ReturnTo string
}

const ConfirmID = "confirm-dialog"

// ConfirmDialog renders c, busy while the change is under way; onOK and
// onCancel are the page's handlers.
func ConfirmDialog(c *Confirmation, busy bool, onOK, onCancel app.EventHandler) app.UI {
	tone := "btn-danger"
	if c.Safe {
		tone = "btn-primary"
	}
	ok := app.Button().Type("button").ID("confirm-ok").Class("btn", tone).DataSet("testid", "confirm-ok").OnClick(onOK)
	if busy {
		ok = ok.Disabled(true).Text("Working…")
	} else {
		ok = ok.Text(c.OK)
	}
	return modal(ConfirmID, "confirm-dialog", "confirm-title", onCancel,
		app.H2().ID("confirm-title").Class("dialog-title").Text(c.Title),
		app.P().ID("confirm-body").Class("dialog-text").Text(c.Body),
		app.Div().Class("slot").Body(app.If(len(c.Details) > 0, func() app.UI {
			return app.Ul().ID("confirm-details").Class("dialog-text").DataSet("testid", "confirm-details").Aria("live", "polite").Body(
				app.Range(c.Details).Slice(func(i int) app.UI { return app.Li().Text(c.Details[i]) }),
			)
		})),
		app.Div().Class("slot").Body(app.If(c.Problem != "", func() app.UI { return Alert(c.Problem).DataSet("testid", "confirm-error") })),
		app.Div().Class("dialog-actions").Body(
			app.Button().Type("button").ID("confirm-cancel").Class("btn", "btn-secondary").DataSet("testid", "confirm-cancel").OnClick(onCancel).Text("Cancel"),
			ok,
		),
	).Aria("describedby", "confirm-body confirm-details")
}
