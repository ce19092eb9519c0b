package users

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// savedAction is what a dialog raises once its change is saved, with an
// outcome: the page announces it and, when the list changed, reloads.
const savedAction = "users/saved"

type outcome struct {
	status string
	reload bool
}

func saved(ctx app.Context, status string, reload bool) {
	ctx.NewActionWithValue(savedAction, outcome{status: status, reload: reload})
}

func (c *Page) saved(ctx app.Context, a app.Action) {
	o, ok := a.Value.(outcome)
	if !ok {
		return
	}
	c.status = o.status
	if o.reload {
		c.load(ctx)
	}
}
