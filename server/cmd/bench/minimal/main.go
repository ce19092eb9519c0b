// Command minimal is the reference page of `make bench`: the smallest
// go-app page, built like the console's wasm, that the console's size and
// time to interactive are compared with.
package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

type hello struct{ app.Compo }

func (h *hello) Render() app.UI {
	return app.H1().Attr("data-testid", "hello").Text("Hello")
}

func main() {
	app.Route("/", func() app.Composer { return &hello{} })
	app.RunWhenOnBrowser()
}
