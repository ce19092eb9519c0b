package roles

import (
	"slices"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// A cell is one button, of one width whatever the action: a press moves it
// on to the next level the actor may choose. It stays focusable when
// locked (aria-disabled), so that the arrow keys never skip a cell, and
// a press on it says why it is locked.

// shortNames are the levels as a cell shows them; an action that cannot
// be limited to own records is simply on or off.
var shortNames = [...]string{levelOff: "Off", levelOwn: "Own", levelAll: "All"}

// pressed is the cell's aria-pressed: half pressed for own records.
var pressed = [...]string{levelOff: "false", levelOwn: "mixed", levelAll: "true"}

// next is the level a press moves the cell to: the following one the actor
// may choose, in the order Off, Own records, All records; when none may
// be chosen, the following one, whose refusal the press then shows.
func (v cellView) next() level {
	ls := v.levels()
	i := slices.Index(ls, v.level)
	for n := 1; n < len(ls); n++ {
		if l := ls[(i+n+len(ls))%len(ls)]; v.refused[l] == nil {
			return l
		}
	}
	return ls[(i+1+len(ls))%len(ls)]
}

func (c *Page) cell(v cellView, g grid) app.UI {
	roleID, base := v.role.ID, v.base
	id := cellID(roleID, base)
	stateID := "matrix-cell-state-" + roleID + "-" + base
	levelID := "matrix-cell-level-" + roleID + "-" + base
	state := c.cells[cellKey(roleID, base)]

	describedBy := stateID
	switch {
	case g.readOnly:
		describedBy = "matrix-reason " + stateID
	case v.why != nil:
		describedBy = g.reasons.id(v.why.Message) + " " + stateID
	}
	names := shortNames
	if g.alone {
		names = levelNames // one column has room for the words
	}
	shown := "On"
	if v.action.OwnScope {
		// Half pressed alone would not say what it means.
		describedBy = levelID + " " + describedBy
		shown = names[v.level]
	}
	if v.level == levelOff {
		shown = names[levelOff]
	}
	to := v.next()
	btn := app.Button().Type("button").ID(id).Class("cell-btn", "cell-"+levelValues[v.level]).DataSet("testid", id).
		DataSet("level", levelValues[v.level]).TabIndex(g.tabIndex(id)).
		Aria("pressed", pressed[v.level]).Aria("describedby", describedBy).
		OnClick(func(app.Context, app.Event) {
			c.active = id
			c.setLevel(c.ctx, roleID, base, to)
		}, app.EventScope(roleID, base, levelValues[to])).
		Body(
			// The name is "<role>: <permission>"; the level is the state.
			app.Span().Class("sr-only").Text(v.role.Name+": "+v.module.Name+", "+v.action.Name),
			app.Span().Class("cell-level").Aria("hidden", "true").Text(shown),
			// The slot keeps every cell's text in one place, padlock or not.
			app.Span().Class("lock-slot").Aria("hidden", "true").Body(app.If(v.role.Locked || (v.disabled && !g.readOnly), lock)),
		)
	if v.disabled {
		btn = btn.Aria("disabled", "true")
	}

	classes := []string{"matrix-cell", "cell-" + levelValues[v.level]}
	if v.disabled {
		classes = append(classes, "cell-disabled")
	}
	return app.Td().Class(classes...).Body(
		btn,
		app.If(v.action.OwnScope, func() app.UI {
			return app.Span().ID(levelID).Class("sr-only").Text(levelNames[v.level])
		}),
		app.Span().ID(stateID).Class("cell-state", "cell-state-"+state.status).DataSet("testid", stateID).
			Aria("live", "polite").Text(state.text),
	)
}
