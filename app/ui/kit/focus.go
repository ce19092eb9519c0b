package kit

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Focus moves the keyboard focus to the element with the given id once the
// page shows it.
func Focus(ctx app.Context, id string) {
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID(id); el.Truthy() {
			el.Call("focus")
		}
	})
}

// FocusFirst puts the focus on the first of ids that has an error.
func FocusFirst(ctx app.Context, errs map[string]string, fields ...[2]string) {
	for _, f := range fields {
		if errs[f[0]] != "" {
			Focus(ctx, f[1])
			return
		}
	}
}

// Select moves the focus to the text field with the given id once the page
// shows it, its whole value selected: for the person to copy it themselves
// where the clipboard refuses.
func Select(ctx app.Context, id string) {
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID(id); el.Truthy() {
			el.Call("focus")
			el.Call("select")
		}
	})
}
