package kit

import (
	"slices"
	"strings"
	"unicode"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/shared/role"
)

// Color is the role's badge colour, grey for none or an unknown one, so that
// a class always exists in console.css.
func Color(r *role.Role) string {
	if r == nil || !slices.Contains(role.Colors, r.Color) {
		return "grey"
	}
	return r.Color
}

// RoleBadge shows a role's name in its colour; the colour is never the only
// cue, the name is always written. A badge stays one line: a long name
// ("Glovora Account Manager") is cut short on screen, and the tooltip has it
// whole; the text itself stays whole for screen readers.
func RoleBadge(r *role.Role) app.HTMLSpan {
	name := "No role"
	if r != nil {
		name = r.Name
	}
	return app.Span().Class("badge", "badge-"+Color(r)).Title(name).Text(name)
}

// Avatar shows a person's initials, tinted by their role. Screen readers
// skip it: the name is always written next to it.
func Avatar(name string, r *role.Role) app.UI {
	return app.Span().Class("avatar", "avatar-"+Color(r)).Aria("hidden", "true").Text(initials(name))
}

// initials of the first and last words of name: "Ada King Lovelace" → "AL".
func initials(name string) string {
	words := strings.Fields(name)
	if len(words) == 0 {
		return "?"
	}
	first := []rune(words[0])[0]
	if len(words) == 1 {
		return string(unicode.ToUpper(first))
	}
	last := []rune(words[len(words)-1])[0]
	return string(unicode.ToUpper(first)) + string(unicode.ToUpper(last))
}
