package ui

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
	focus(ctx, returnTo)
}

// confirmation asks "are you sure?" before a change that is hard to take
// back: deleting a role, undoing a change.
type confirmation struct {
	title string
	body  string
	// details are lines under the body, as a list: who keeps what. They
	// may arrive after the dialog opened.
	details []string
	ok      string // the confirming button's text, a verb: "Delete role"
	// safe: the change takes nothing away (enable, restore); its button is
	// not painted as a danger.
	safe bool
	// run makes the change; it runs off the UI goroutine and its error, if
	// any, is shown in the dialog.
	run func(app.Context) error
	// done runs on the UI goroutine once run succeeded.
	done    func(app.Context)
	busy    bool
	problem string
	// returnTo is the id of the control that gets the focus back.
	returnTo string
}

const confirmID = "confirm-dialog"

// confirmDialog renders c; onOK and onCancel are the page's handlers.
func confirmDialog(c *confirmation, onOK, onCancel app.EventHandler) app.UI {
	tone := "btn-danger"
	if c.safe {
		tone = "btn-primary"
	}
	ok := app.Button().Type("button").ID("confirm-ok").Class("btn", tone).DataSet("testid", "confirm-ok").OnClick(onOK)
	if c.busy {
		ok = ok.Disabled(true).Text("Working…")
	} else {
		ok = ok.Text(c.ok)
	}
	return modal(confirmID, "confirm-dialog", "confirm-title", onCancel,
		app.H2().ID("confirm-title").Class("dialog-title").Text(c.title),
		app.P().ID("confirm-body").Class("dialog-text").Text(c.body),
		app.Div().Class("slot").Body(app.If(len(c.details) > 0, func() app.UI {
			return app.Ul().ID("confirm-details").Class("dialog-text").DataSet("testid", "confirm-details").Aria("live", "polite").Body(
				app.Range(c.details).Slice(func(i int) app.UI { return app.Li().Text(c.details[i]) }),
			)
		})),
		app.Div().Class("slot").Body(app.If(c.problem != "", func() app.UI { return alert(c.problem).DataSet("testid", "confirm-error") })),
		app.Div().Class("dialog-actions").Body(
			app.Button().Type("button").ID("confirm-cancel").Class("btn", "btn-secondary").DataSet("testid", "confirm-cancel").OnClick(onCancel).Text("Cancel"),
			ok,
		),
	).Aria("describedby", "confirm-body confirm-details")
}

// confirmer holds a page's pending confirmation; pages embed it.
type confirmer struct {
	confirm *confirmation
}

// ask opens the confirmation; the cancel button has the focus, so that a
// stray Enter does not make the change.
func (p *confirmer) ask(ctx app.Context, c *confirmation) {
	p.confirm = c
	showModal(ctx, confirmID, "confirm-cancel")
}

// cancelConfirm closes the confirmation without making the change.
func (p *confirmer) cancelConfirm(ctx app.Context) {
	if p.confirm == nil || p.confirm.busy {
		return
	}
	returnTo := p.confirm.returnTo
	p.confirm = nil
	closeModal(ctx, confirmID, returnTo)
}

// confirmed makes the change; pageCtx is the page's own context, which
// outlives the dialog's buttons.
func (p *confirmer) confirmed(pageCtx app.Context) {
	c := p.confirm
	if c == nil || c.busy {
		return
	}
	c.busy, c.problem = true, ""
	pageCtx.Async(func() {
		err := c.run(pageCtx)
		pageCtx.Dispatch(func(ctx app.Context) {
			c.busy = false
			if p.confirm != c {
				return
			}
			if err != nil {
				if sessionEnded(ctx, err) {
					return
				}
				c.problem = refusal(err)
				return
			}
			p.confirm = nil
			closeModal(ctx, confirmID, c.returnTo)
			if c.done != nil {
				c.done(ctx)
			}
		})
	})
}
