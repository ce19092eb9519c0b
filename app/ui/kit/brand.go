package kit

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Mark is the console's icon, as decoration next to its name: an empty
// element with the icon as CSS background, which screen readers skip. (An
// <img> would need alt="", which go-app drops.)
func Mark(class string) app.UI {
	return app.Span().Class("mark", class)
}
