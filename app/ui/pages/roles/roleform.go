package roles

import (
	"errors"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// roleForm is the dialog that creates a role or edits one's name,
// description and colour.
type roleForm struct {
	id string // "" when creating
	// was is the role before editing, to send only what changed.
	was                    role.Role
	name, description, hue string
	errors                 map[string]string // by field: name, description, color
	problem                string
	busy                   bool
	returnTo               string
}

const roleDialogID = "role-dialog"

func (c *Page) openCreate(ctx app.Context) {
	if no := rules.Create(rules.ActorFromMe(c.Me), nil); no != nil {
		c.status = no.Message
		return
	}
	c.form = &roleForm{hue: role.Colors[0], returnTo: "role-create"}
	kit.ShowModal(ctx, roleDialogID, "role-name")
}

func (c *Page) openEdit(ctx app.Context, id string) {
	r, ok := c.role(id)
	if !ok {
		return
	}
	if no := rules.Edit(rules.ActorFromMe(c.Me), r.Role); no != nil {
		c.status = no.Message
		return
	}
	c.form = &roleForm{id: id, was: r.Role, name: r.Name, description: r.Description, hue: kit.Color(&r.Role), returnTo: "role-edit-" + id}
	kit.ShowModal(ctx, roleDialogID, "role-name")
}

func (c *Page) closeForm(ctx app.Context) {
	if c.form == nil || c.form.busy {
		return
	}
	returnTo := c.form.returnTo
	c.form = nil
	kit.CloseModal(ctx, roleDialogID, returnTo)
}

// submitRole checks the form as the server would, then saves it.
func (c *Page) submitRole(ctx app.Context) {
	f := c.form
	if f == nil || f.busy {
		return
	}
	f.errors, f.problem = nil, ""
	no := rules.ValidateRole(f.name, f.description, f.hue)
	if no == nil {
		no = rules.NameTaken(c.roles(), f.name, f.id)
		if no != nil {
			no.Fields = map[string]string{"name": no.Message}
		}
	}
	if no != nil {
		f.errors = no.Fields
		kit.FocusFirst(ctx, f.errors, roleFields...)
		return
	}
	name := strings.TrimSpace(f.name)
	if f.id != "" && name == f.was.Name && f.description == f.was.Description && f.hue == f.was.Color {
		c.closeForm(ctx)
		return
	}
	f.busy = true
	c.pending++
	ctx.Async(func() {
		var r api.Role
		var err error
		if f.id == "" {
			r, err = session.API.CreateRole(ctx, api.CreateRole{Name: name, Description: f.description, Color: f.hue})
		} else {
			r, err = session.API.PatchRole(ctx, f.id, f.patch(name))
		}
		ctx.Dispatch(func(ctx app.Context) { c.roleSaved(ctx, f, r, err) })
	})
}

// patch holds only the fields that changed.
func (f *roleForm) patch(name string) api.PatchRole {
	var p api.PatchRole
	if name != f.was.Name {
		p.Name = &name
	}
	if f.description != f.was.Description {
		p.Description = &f.description
	}
	if f.hue != f.was.Color {
		p.Color = &f.hue
	}
	return p
}

func (c *Page) roleSaved(ctx app.Context, f *roleForm, r api.Role, err error) {
	defer c.settled(ctx)
	f.busy = false
	if session.Ended(ctx, err) {
		return
	}
	if err != nil {
		e, _ := errors.AsType[*client.Error](err)
		switch code := client.Code(err); {
		case code == api.CodeNameTaken:
			f.errors = map[string]string{"name": session.Refusal(err)}
		case code == api.CodeInvalidInput && e != nil && len(e.Body.Fields) > 0:
			f.errors = e.Body.Fields
		default:
			f.problem = session.Refusal(err)
		}
		if c.form == f {
			kit.FocusFirst(ctx, f.errors, roleFields...)
		}
		return
	}
	c.putRole(r)
	if f.id == "" {
		c.status = "Role " + r.Name + " created. Give it permissions in the matrix."
	} else {
		c.status = "Role " + r.Name + " saved."
	}
	if c.form == f {
		c.closeForm(ctx)
	}
}

// roleFields are the form's fields, in order, and the control that takes
// the focus for each: the first swatch for the colour.
var roleFields = [][2]string{{"name", "role-name"}, {"description", "role-description"}, {"color", "role-color-" + role.Colors[0]}}

func (c *Page) formDialog() app.UI {
	f := c.form
	title := "New role"
	save := "Create role"
	if f.id != "" {
		title = "Edit " + f.was.Name
		save = "Save changes"
	}
	if f.busy {
		save = "Saving…"
	}
	submit := app.Button().Type("submit").ID("role-save").Class("btn", "btn-primary").DataSet("testid", "role-save").Text(save)
	if f.busy {
		submit = submit.Disabled(true)
	}
	return kit.Modal(roleDialogID, "role-dialog", "role-dialog-title", func(ctx app.Context, _ app.Event) { c.closeForm(ctx) },
		app.Form().Class("form").Aria("busy", f.busy).
			OnSubmit(func(ctx app.Context, e app.Event) {
				e.PreventDefault()
				c.submitRole(c.ctx)
			}).
			Body(
				app.H2().ID("role-dialog-title").Class("dialog-title").Text(title),
				app.If(f.problem != "", func() app.UI { return kit.Alert(f.problem).DataSet("testid", "role-error") }),
				kit.Field{ID: "role-name", Label: "Name", Error: f.errors["name"]}.Input(
					app.Input().Type("text").Name("name").Required(true).Attr("autocomplete", "off").
						Value(f.name).OnInput(func(ctx app.Context, _ app.Event) {
						f.name = ctx.JSSrc().Get("value").String()
						delete(f.errors, "name")
					})),
				kit.Field{ID: "role-description", Label: "Description", Error: f.errors["description"]}.Textarea(
					app.Textarea().Name("description").Rows(3).Attr("value", f.description).
						OnInput(func(ctx app.Context, _ app.Event) {
							f.description = ctx.JSSrc().Get("value").String()
							delete(f.errors, "description")
						})),
				c.colorPicker(f),
				app.Div().Class("dialog-actions").Body(
					app.Button().Type("button").Class("btn", "btn-secondary").DataSet("testid", "role-cancel").
						OnClick(func(ctx app.Context, _ app.Event) { c.closeForm(ctx) }).Text("Cancel"),
					submit,
				),
			),
	)
}

// colorPicker offers the badge colours as swatches, each named.
func (c *Page) colorPicker(f *roleForm) app.UI {
	problem := f.errors["color"]
	return app.FieldSet().Class("field", "swatches").Body(
		app.Legend().Class("label").Text("Badge colour"),
		app.Div().Class("swatch-list").Body(
			app.Range(role.Colors).Slice(func(i int) app.UI {
				hue := role.Colors[i]
				id := "role-color-" + hue
				in := app.Input().Type("radio").Name("role-color").ID(id).Class("swatch-input").DataSet("testid", id).
					Value(hue).Checked(f.hue == hue).
					OnChange(func(app.Context, app.Event) {
						f.hue = hue
						delete(f.errors, "color")
					}, app.EventScope(hue))
				if problem != "" {
					in = in.Aria("describedby", "role-color-error")
				}
				return app.Div().Class("swatch").Body(
					in,
					app.Label().For(id).Class("swatch-label").Body(
						app.Span().Class("swatch-dot", "avatar-"+hue).Aria("hidden", "true"),
						app.Text(colorName(hue)),
					),
				)
			}),
		),
		app.If(problem != "", func() app.UI {
			return app.P().ID("role-color-error").Class("field-error").Text(problem)
		}),
	)
}

func colorName(hue string) string {
	if hue == "" {
		return ""
	}
	return strings.ToUpper(hue[:1]) + hue[1:]
}
