package users

import (
	"slices"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// roleOptions are a role <select>'s options, the current role marked; a
// role the rules refuse stays in the list, greyed out, with the rule in a
// word (the sentence is under the select).
func roleOptions(choices []roleChoice, selected string) []app.UI {
	out := make([]app.UI, len(choices))
	for i, ch := range choices {
		text := ch.role.Name
		if ch.current {
			text += " (current)"
		}
		o := app.Option().Value(ch.role.ID).Selected(selected == ch.role.ID)
		if ch.no != nil {
			o = o.Disabled(true).Title(ch.no.Message).Text(text + " (" + unavailableWord(ch.no) + ")")
		} else {
			o = o.Text(text)
		}
		out[i] = o
	}
	return out
}

// unavailableWord is a refused role's rule, in a word or two.
func unavailableWord(no *rules.Refusal) string {
	switch no.Code {
	case api.CodeRoleCapReached:
		return "full"
	case api.CodeSeatLimitReached:
		return "no seat free"
	case api.CodeLadderDemotion:
		return "down the ladder"
	case api.CodeEscalation:
		return "not yours to give"
	case api.CodeInvalidInput:
		// The one rule of a choice on input: the role's email domains.
		return "not for this email"
	}
	return "not available"
}

// reasons are the distinct sentences of the refused choices, in order.
func reasons(choices []roleChoice) []string {
	var out []string
	for _, ch := range choices {
		if ch.no != nil && !slices.Contains(out, ch.no.Message) {
			out = append(out, ch.no.Message)
		}
	}
	return out
}

// describe is a role's description for people.
func describe(r role.Role) string {
	switch {
	case r.Description != "":
		return r.Description
	case r.SuperAdmin:
		return "Full access to everything, always."
	}
	return "No description."
}
