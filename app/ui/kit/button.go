package kit

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// SubmitButton is a form's submit button, "busy" while it works. Disabled
// only when true: prerendered HTML would read disabled="false" as disabled.
func SubmitButton(testID, text, busyText string, busy bool) app.UI {
	b := app.Button().Type("submit").Class("btn", "btn-primary", "btn-block").DataSet("testid", testID)
	if busy {
		return b.Disabled(true).Text(busyText)
	}
	return b.Text(text)
}
