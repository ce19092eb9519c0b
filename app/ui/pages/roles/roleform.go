package roles

import (
	"slices"
	"strings"
	"unicode"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// roleForm creates a role or edits one's name, description, colour and
// email domains.
type roleForm struct {
	id string // "" when creating
	// was is the role before editing, to send only what changed.
	was                    role.Role
	name, description, hue string
	// domains are the email domains the role is limited to, as typed:
	// comma separated.
	domains string
	errors  map[string]string // by field: name, description, color, domains
	problem string
}

// roleDialog is the role form of page c, in a dialog.
type roleDialog struct{ kit.Dialog[roleForm] }

// openNew opens the form for a new role, when c's person may create one.
func (d *roleDialog) openNew(ctx app.Context, c *Page) {
	if no := rules.Create(c.Me.Actor(), nil); no != nil {
		c.status = no.Message
		return
	}
	d.Open(ctx, "role-dialog", &roleForm{hue: role.Colors[0]}, "role-name", "role-create")
}

// openEdit opens the form on the role id, when c's person may edit it.
func (d *roleDialog) openEdit(ctx app.Context, c *Page, id string) {
	r, ok := c.role(id)
	if !ok {
		return
	}
	if no := rules.Edit(c.Me.Actor(), r.Role); no != nil {
		c.status = no.Message
		return
	}
	f := &roleForm{id: id, was: r.Role, name: r.Name, description: r.Description, hue: kit.Color(&r.Role), domains: strings.Join(r.Domains, ", ")}
	d.Open(ctx, "role-dialog", f, "role-name", "role-edit-"+id)
}

// submit checks the form as the server would, then saves it.
func (d *roleDialog) submit(ctx app.Context, c *Page) {
	f := d.Form
	if f == nil || d.Busy {
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
	domains, noDomains := rules.ValidDomains(strings.FieldsFunc(f.domains, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }))
	if no == nil {
		no = noDomains
	} else if noDomains != nil {
		no.Fields["domains"] = noDomains.Fields["domains"]
	}
	if no != nil {
		f.errors = no.Fields
		kit.FocusFirst(ctx, f.errors, roleFields...)
		return
	}
	if f.domainsRefusal(c) != nil {
		domains = f.was.Domains // greyed out: not the person's to change
	}
	name := strings.TrimSpace(f.name)
	if f.id != "" && name == f.was.Name && f.description == f.was.Description && f.hue == f.was.Color && slices.Equal(domains, f.was.Domains) {
		d.Close(ctx)
		return
	}
	d.Busy = true
	c.pending++
	ctx.Async(func() {
		var r api.Role
		var err error
		if f.id == "" {
			r, err = session.API.CreateRole(ctx, api.CreateRole{Name: name, Description: f.description, Color: f.hue, Domains: domains})
		} else {
			r, err = session.API.PatchRole(ctx, f.id, f.patch(name, domains))
		}
		ctx.Dispatch(func(ctx app.Context) { d.saved(ctx, c, f, r, err) })
	})
}

// patch holds only the fields that changed.
func (f *roleForm) patch(name string, domains []string) api.PatchRole {
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
	if !slices.Equal(domains, f.was.Domains) {
		if domains == nil {
			domains = []string{} // sent, to lift the limit
		}
		p.Domains = &domains
	}
	return p
}

// domainsRefusal is why the person of c may not set the role's email
// domains, nil when they may: creating a role sets them with the rest.
func (f *roleForm) domainsRefusal(c *Page) *rules.Refusal {
	if f.id == "" {
		return rules.Create(c.Me.Actor(), nil)
	}
	return rules.SetDomains(c.Me.Actor(), f.was)
}

func (d *roleDialog) saved(ctx app.Context, c *Page, f *roleForm, r api.Role, err error) {
	defer c.settled(ctx)
	d.Answered(ctx, f, err == nil, "")
	if session.Ended(ctx, err) {
		return
	}
	if err != nil {
		fields := session.FieldErrors(err, nil)
		switch code := session.Code(err); {
		case code == api.CodeNameTaken:
			f.errors = map[string]string{"name": session.Refusal(err)}
		case code == api.CodeInvalidInput && fields != nil:
			f.errors = fields
		default:
			f.problem = session.Refusal(err)
		}
		if d.Form == f {
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
}

// roleFields are the form's fields, in order, and the control that takes
// the focus for each: the first swatch for the colour.
var roleFields = [][2]string{{"name", "role-name"}, {"description", "role-description"}, {"color", "role-color-" + role.Colors[0]}, {"domains", "role-domains"}}

// render shows the form of c; its handlers ask c what holds when they run.
func (d *roleDialog) render(c *Page) app.UI {
	f := d.Form
	title := "New role"
	save := "Create role"
	if f.id != "" {
		title = "Edit " + f.was.Name
		save = "Save changes"
	}
	return d.Modal("role-dialog", "role-dialog-title",
		app.Form().Class("form").Aria("busy", d.Busy).
			OnSubmit(func(ctx app.Context, e app.Event) {
				e.PreventDefault()
				d.submit(c.ctx, c)
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
				colorPicker(f),
				domainsField(f, f.domainsRefusal(c)),
				app.Div().Class("dialog-actions").Body(
					d.Cancel("role-cancel"),
					d.Submit("role-save", save, "Saving…"),
				),
			),
	)
}

// domainsField is the email domains the role is limited to, greyed out
// with the rule's sentence when no says the person may not set them.
func domainsField(f *roleForm, no *rules.Refusal) app.UI {
	field := kit.Field{ID: "role-domains", Label: "Limited to email domains", Error: f.errors["domains"],
		Hint: "Comma separated, like example.com. Only people with an email at one of them may be given the role; leave empty for anyone. Who holds it already keeps it."}
	in := app.Input().Type("text").Name("domains").Attr("autocomplete", "off").Attr("spellcheck", "false").
		Value(f.domains).OnInput(func(ctx app.Context, _ app.Event) {
		f.domains = ctx.JSSrc().Get("value").String()
		delete(f.errors, "domains")
	})
	if no != nil {
		field.Why = []string{no.Message}
		in = in.Disabled(true)
	}
	return field.Input(in)
}

// colorPicker offers the badge colours as swatches, each named.
func colorPicker(f *roleForm) app.UI {
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
