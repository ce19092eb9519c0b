package kit

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Card is a titled panel; key makes the title's id, which labels the panel.
func Card(key, title string, body ...app.UI) app.UI {
	id := key + "-title"
	return app.Section().Class("card").Aria("labelledby", id).Body(
		append([]app.UI{app.H2().ID(id).Class("card-title").Text(title)}, body...)...,
	)
}

func Fact(term string, value app.UI) app.UI {
	return app.Div().Class("fact").Body(
		app.Dt().Text(term),
		app.Dd().Body(value),
	)
}
