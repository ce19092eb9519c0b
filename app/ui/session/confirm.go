package session

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
)

// Confirmer holds a page's pending confirmation; pages embed it.
type Confirmer struct {
	Confirm *kit.Confirmation
}

// Ask opens the confirmation; the cancel button has the focus, so that a
// stray Enter does not make the change.
func (p *Confirmer) Ask(ctx app.Context, c *kit.Confirmation) {
	p.Confirm = c
	kit.ShowModal(ctx, kit.ConfirmID, "confirm-cancel")
}

// CancelConfirm closes the confirmation without making the change.
func (p *Confirmer) CancelConfirm(ctx app.Context) {
	if p.Confirm == nil || p.Confirm.Busy {
		return
	}
	returnTo := p.Confirm.ReturnTo
	p.Confirm = nil
	kit.CloseModal(ctx, kit.ConfirmID, returnTo)
}

// Confirmed makes the change; pageCtx is the page's own context, which
// outlives the dialog's buttons.
func (p *Confirmer) Confirmed(pageCtx app.Context) {
	c := p.Confirm
	if c == nil || c.Busy {
		return
	}
	c.Busy, c.Problem = true, ""
	pageCtx.Async(func() {
		err := c.Run(pageCtx)
		pageCtx.Dispatch(func(ctx app.Context) {
			c.Busy = false
			if p.Confirm != c {
				return
			}
			if err != nil {
				if Ended(ctx, err) {
					return
				}
				c.Problem = Refusal(err)
				return
			}
			p.Confirm = nil
			kit.CloseModal(ctx, kit.ConfirmID, c.ReturnTo)
			if c.Done != nil {
				c.Done(ctx)
			}
		})
	})
}

// Dialog is the pending confirmation, if any; pageCtx is the page's own
// context, in which the change runs.
func (p *Confirmer) Dialog(pageCtx app.Context) app.UI {
	if p.Confirm == nil {
		return nil
	}
	return kit.ConfirmDialog(p.Confirm,
		func(app.Context, app.Event) { p.Confirmed(pageCtx) },
		func(ctx app.Context, _ app.Event) { p.CancelConfirm(ctx) })
}
