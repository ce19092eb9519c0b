package kit

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Dialog is one of a page's modal forms, F, while it is open. It opens as
// a modal with the focus inside it, stays open while a save is under way,
// and gives the focus back to the control it was opened from.
type Dialog[F any] struct {
	// Form is the form shown; nil while the dialog is closed.
	Form *F
	// Busy: a save is under way, and the dialog waits for its answer.
	Busy     bool
	id       string
	returnTo string
}

// Open shows f in the <dialog> with the given id, the focus on focusID;
// returnTo is the control the focus goes back to.
func (d *Dialog[F]) Open(ctx app.Context, id string, f *F, focusID, returnTo string) {
	d.Form, d.Busy, d.id, d.returnTo = f, false, id, returnTo
	showModal(ctx, id, focusID)
}

// Close closes the dialog without saving; not while a save is under way.
func (d *Dialog[F]) Close(ctx app.Context) {
	if d.Form == nil || d.Busy {
		return
	}
	d.Form = nil
	closeModal(ctx, d.id, d.returnTo)
}

// Answered ends the save of f. Once it worked (saved), the dialog closes and
// the focus goes to returnTo, or back where it came from when "". A form
// no longer shown is left alone.
func (d *Dialog[F]) Answered(ctx app.Context, f *F, saved bool, returnTo string) {
	d.Busy = false
	if !saved || d.Form != f {
		return
	}
	if returnTo == "" {
		returnTo = d.returnTo
	}
	d.Form = nil
	closeModal(ctx, d.id, returnTo)
}

// Modal renders the open dialog around body; Escape closes it, as Close.
func (d *Dialog[F]) Modal(testID, titleID string, body ...app.UI) app.HTMLDialog {
	return modal(d.id, testID, titleID, func(ctx app.Context, _ app.Event) { d.Close(ctx) }, body...)
}

// Cancel is the dialog's cancel button.
func (d *Dialog[F]) Cancel(testID string) app.UI {
	return app.Button().Type("button").ID(testID).Class("btn", "btn-secondary").DataSet("testid", testID).
		OnClick(func(ctx app.Context, _ app.Event) { d.Close(ctx) }).Text("Cancel")
}

// Submit is the dialog's submit button, disabled with busyText while busy.
func (d *Dialog[F]) Submit(id, text, busyText string) app.HTMLButton {
	b := app.Button().Type("submit").ID(id).Class("btn", "btn-primary").DataSet("testid", id)
	if d.Busy {
		return b.Disabled(true).Text(busyText)
	}
	return b.Text(text)
}
