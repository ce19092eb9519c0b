// Package hello is the page of the minimal go-app app: its wasm registers
// it to render, and the bench registers it to serve it prerendered, as the
// console's server does its own pages.
package hello

import "github.com/maxence-charriere/go-app/v10/pkg/app"

type hello struct{ app.Compo }

func (h *hello) Render() app.UI {
	return app.H1().Attr("data-testid", "hello").Text("Hello")
}

// Register routes the page at /.
func Register() {
	app.Route("/", func() app.Composer { return &hello{} })
}
