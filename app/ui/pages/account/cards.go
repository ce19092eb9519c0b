package account

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/shared/api"
)

func (c *Page) nameCard() app.UI {
	no := c.mayManage()
	a := c.account
	input := app.Input().Type("text").Name("account-name").Required(true).Attr("autocomplete", "organization").
		Value(c.name).OnInput(func(ctx app.Context, _ app.Event) {
		c.name = ctx.JSSrc().Get("value").String()
		c.nameEdit, c.nameErr = true, ""
	})
	save := app.Button().Type("submit").ID("account-name-save").Class("btn", "btn-secondary").DataSet("testid", "account-name-save")
	if no != nil {
		input = input.Disabled(true).Aria("describedby", "account-manage-why")
		save = save.Disabled(true)
	}
	if c.nameBusy {
		save = save.Disabled(true).Text("Saving…")
	} else {
		save = save.Text("Save name")
	}
	return kit.Card("account-details", "Details",
		app.Form().Class("form").OnSubmit(func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			c.saveName(c.ctx)
		}).Body(
			kit.Field{ID: "account-name", Label: "Name", Error: c.nameErr}.Input(
				input),
			save,
		),
		app.Dl().Class("facts", "facts-tight").Body(
			kit.Fact("Set up as", app.Text(kit.PresetName(a.Preset))),
			kit.Fact("Modules", app.Text(moduleNames(a.Modules))),
		),
		app.If(no != nil, func() app.UI {
			return app.P().ID("account-manage-why").Class("why").DataSet("testid", "account-manage-why").Text(no.Message)
		}),
	)
}

func moduleNames(keys []string) string {
	var names []string
	for _, k := range keys {
		names = append(names, kit.ReadableID(k))
	}
	if len(names) == 0 {
		return "Only the console's own"
	}
	return strings.Join(names, ", ")
}

// seatsBar shows the seats in use against the plan's limit.
func seatsBar(s api.Seats) app.UI {
	text := strconv.Itoa(s.Used) + " of " + strconv.Itoa(s.Limit) + " seats used"
	limit := max(s.Limit, 1)
	classes := []string{"seats-bar"}
	switch {
	case s.Used >= s.Limit:
		classes = append(classes, "seats-full")
	case s.Used*5 >= s.Limit*4:
		classes = append(classes, "seats-high")
	}
	return app.Div().Class("seats").DataSet("testid", "account-seats").Body(
		app.P().ID("account-seats-label").Class("seats-text").Body(
			app.Strong().Text(strconv.Itoa(s.Used)),
			app.Text(" of "+strconv.Itoa(s.Limit)+" seats used"),
		),
		app.Progress().Class(classes...).Max(limit).Value(min(s.Used, limit)).
			Role("progressbar").Aria("labelledby", "account-seats-label").
			Aria("valuemin", 0).Aria("valuemax", s.Limit).Aria("valuenow", s.Used).Aria("valuetext", text).
			Text(text),
		app.P().Class("hint").Text("Active, disabled and invited users hold a seat; revoked and deleted ones do not."),
	)
}

func (c *Page) planCard() app.UI {
	no := c.mayChangePlan()
	a := c.account
	if a.Plan == "" {
		// The server shows the plan only to those who may view billing.
		return kit.Card("account-plan", "Seats",
			app.P().Class("seats-text").DataSet("testid", "account-seats").Body(
				app.Strong().Text(strconv.Itoa(a.Seats.Used)), app.Text(" seats in use"),
			),
			app.P().Class("hint").DataSet("testid", "account-plan-hidden").Text("The plan and its seat limit are shown to those who may view billing."),
		)
	}
	sel := app.Select().OnChange(func(ctx app.Context, _ app.Event) {
		c.plan = ctx.JSSrc().Get("value").String()
		c.planProblem = ""
	}).
		Body(app.Range(c.plans).Slice(func(i int) app.UI {
			t := c.plans[i]
			text := t.Name + " — " + strconv.Itoa(t.Seats) + " seats"
			if t.Key == a.Plan {
				text += " (current)"
			}
			return app.Option().Value(t.Key).Selected(c.plan == t.Key).Text(text)
		}))
	save := app.Button().Type("submit").ID("account-plan-save").Class("btn", "btn-primary").DataSet("testid", "account-plan-save")
	field := kit.Field{ID: "account-plan-select", Label: "Plan"}
	if no != nil {
		sel = sel.Disabled(true)
		save = save.Disabled(true)
		field.DescribedBy = []string{"account-plan-why"}
	}
	if c.planProblem != "" {
		field.Alert = "account-plan-error"
	}
	switch {
	case c.planBusy:
		save = save.Disabled(true).Text("Changing…")
	case c.plan == a.Plan:
		save = save.Disabled(true).Text("Change plan")
	default:
		save = save.Text("Change plan")
	}
	return kit.Card("account-plan", "Plan and seats",
		seatsBar(a.Seats),
		app.Form().Class("form").OnSubmit(func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			c.savePlan(c.ctx)
		}).Body(
			field.Select(sel),
			save,
		),
		app.Div().Class("slot").Body(app.If(c.planProblem != "", func() app.UI {
			return kit.Alert(c.planProblem).ID("account-plan-error").DataSet("testid", "account-plan-error")
		})),
		app.If(no != nil, func() app.UI {
			return app.P().ID("account-plan-why").Class("why").DataSet("testid", "account-plan-why").Text(no.Message)
		}),
	)
}
