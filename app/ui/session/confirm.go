package session

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
)

// Confirmer holds a page's pending confirmation, in the one confirmation
// dialog of the page (kit.ConfirmID). A page keeps it in an unexported
// field: go-app sets a component's exported fields from the fresh copy its
// parent renders, which would drop the confirmation on the parent's next
// render.
type Confirmer struct {
	dialog kit.Dialog[kit.Confirmation]
}

// Pending is the confirmation shown; nil when none is.
func (p *Confirmer) Pending() *kit.Confirmation { return p.dialog.Form }

// Ask opens the confirmation; the cancel button has the focus, so that a
// stray Enter does not make the change.
func (p *Confirmer) Ask(ctx app.Context, c *kit.Confirmation) {
	p.dialog.Open(ctx, kit.ConfirmID, c, "confirm-cancel", c.ReturnTo)
}

// CancelConfirm closes the confirmation without making the change.
func (p *Confirmer) CancelConfirm(ctx app.Context) {
	p.dialog.Close(ctx)
}

// Confirmed makes the change; pageCtx is the page's own context, which
// outlives the dialog's buttons.
func (p *Confirmer) Confirmed(pageCtx app.Context) {
	c := p.dialog.Form
	if c == nil || p.dialog.Busy {
		return
	}
	p.dialog.Busy, c.Problem = true, ""
	pageCtx.Async(func() {
		err := c.Run(pageCtx)
		pageCtx.Dispatch(func(ctx app.Context) {
			shown := p.dialog.Form == c
			p.dialog.Answered(ctx, c, err == nil, "")
			switch {
			case !shown:
			case err != nil:
				if !Ended(ctx, err) {
					c.Problem = Refusal(err)
				}
			case c.Done != nil:
				c.Done(ctx)
			}
		})
	})
}

// Dialog is the pending confirmation, if any; pageCtx is the page's own
// context, in which the change runs.
func (p *Confirmer) Dialog(pageCtx app.Context) app.UI {
	c := p.dialog.Form
	if c == nil {
		return nil
	}
	return kit.ConfirmDialog(c, p.dialog.Busy,
		func(app.Context, app.Event) { p.Confirmed(pageCtx) },
		func(ctx app.Context, _ app.Event) { p.CancelConfirm(ctx) })
}
