package roles

import (
	"slices"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// Page is "Roles & Permissions": the permission matrix, whose toggles
// save at once, the roles themselves (create, edit, delete), a side-by-side
// comparison and a card per role. What the signed-in person may not change
// is greyed out with the reason shared/rules gives, the one the server
// would answer.
type Page struct {
	app.Compo

	Me api.Me

	// ctx is the page's own context: answers are dispatched through it, since
	// the control that asked may have left the page by then.
	ctx app.Context

	matrix api.Matrix
	loaded bool
	// revision is the account's revision when the shown matrix was asked for.
	revision int64
	loading  bool
	// again: a fresher matrix is due once the fetch or the changes in
	// flight are done.
	again bool
	// changes counts the changes this page made; a fetch that started
	// before one of them answered may predate it, and is dropped.
	changes int
	pending int
	problem string
	// status announces the outcome of the last change, politely.
	status string

	collapsed map[string]bool      // module key → rows hidden
	cells     map[string]cellState // cellKey → outcome of its last change

	prefs matrixPrefs
	query string // the permission search
	// active is the element of the grid last in focus, its one tab stop;
	// col is the column the arrow keys keep through a module's heading.
	active string
	col    int
	keys   app.Func  // the grid's keyboard listener
	keysOn app.Value // on the page's element

	compare comparison

	form      roleDialog
	confirmer session.Confirmer
}

// OnMount loads the matrix.
func (c *Page) OnMount(ctx app.Context) {
	c.ctx = ctx
	ctx.Handle(presetReset, c.presetReset)
	c.loadPrefs(ctx)
	c.listenKeys()
	c.load(ctx)
}

// OnUpdate runs when the shell hands over a new api.Me: a change to the
// account (here or in another browser) moves its revision on.
func (c *Page) OnUpdate(ctx app.Context) {
	if c.Me.Account.Revision != c.revision {
		c.load(ctx)
	}
}

func (c *Page) load(ctx app.Context) {
	if c.loading || c.pending > 0 {
		c.again = true
		return
	}
	c.loading, c.again = true, false
	revision, changes := c.Me.Account.Revision, c.changes
	ctx.Async(func() {
		m, err := session.API.Matrix(ctx)
		ctx.Dispatch(func(ctx app.Context) { c.fetched(ctx, m, err, revision, changes) })
	})
}

func (c *Page) fetched(ctx app.Context, m api.Matrix, err error, revision int64, changes int) {
	c.loading = false
	switch {
	case session.Ended(ctx, err):
		return
	case c.again || changes != c.changes || c.pending > 0:
		// Something changed since this copy was asked for, or is changing:
		// it may not show it. Ask again, once nothing is in flight.
		c.load(ctx)
		return
	case err != nil:
		c.problem = session.Message(err)
		return
	}
	if m.Grants == nil {
		m.Grants = map[string][]string{}
	}
	c.matrix, c.loaded, c.revision, c.problem = m, true, revision, ""
}

// settled is called as each change answers.
func (c *Page) settled(ctx app.Context) {
	c.pending--
	c.changes++
	if c.pending == 0 && c.again {
		c.load(ctx)
	}
}

func (c *Page) retry(ctx app.Context, _ app.Event) {
	c.problem = ""
	c.load(c.ctx)
}

// role finds a role of the matrix by id.
func (c *Page) role(id string) (api.Role, bool) {
	i := slices.IndexFunc(c.matrix.Roles, func(r api.Role) bool { return r.ID == id })
	if i < 0 {
		return api.Role{}, false
	}
	return c.matrix.Roles[i], true
}

// putRole takes a role as the server answered it.
func (c *Page) putRole(r api.Role) {
	if c.matrix.Grants == nil {
		c.matrix.Grants = map[string][]string{}
	}
	c.matrix.Grants[r.ID] = slices.Clone(r.Permissions)
	if i := slices.IndexFunc(c.matrix.Roles, func(x api.Role) bool { return x.ID == r.ID }); i >= 0 {
		c.matrix.Roles[i] = r
		return
	}
	c.matrix.Roles = append(c.matrix.Roles, r)
}

func (c *Page) dropRole(id string) {
	c.matrix.Roles = slices.DeleteFunc(c.matrix.Roles, func(r api.Role) bool { return r.ID == id })
	delete(c.matrix.Grants, id)
	delete(c.compare.picked, id)
}

func (c *Page) roles() []role.Role {
	out := make([]role.Role, len(c.matrix.Roles))
	for i, r := range c.matrix.Roles {
		out[i] = r.Role
	}
	return out
}

func (c *Page) Render() app.UI {
	a := c.Me.Actor()
	return app.Div().Class("page").DataSet("testid", "page-roles").Body(
		app.Header().Class("page-header", "page-header-row").Body(
			app.Div().Body(
				app.H1().Class("page-title").Text("Roles & Permissions"),
				app.P().Class("page-lead").Text("Decide what each role can do. Changes save as you make them and apply at once to everyone who holds the role."),
			),
			c.createButton(a),
		),
		kit.StatusLine("roles-status", c.status),
		// Every part sits in a slot of its own, so that one appearing never
		// shifts the others: go-app would rebuild them, open dialogs included.
		kit.ProblemSlot(c.problem, c.retry),
		app.Div().Class("slot").Body(
			app.If(!c.loaded && c.problem == "", func() app.UI {
				return app.P().Class("status").Text("Loading roles…")
			}),
			app.If(c.loaded, func() app.UI {
				return app.Div().Class("stack").Body(
					c.matrixCard(a),
					&DriftView{Me: c.Me, Matrix: copyMatrix(c.matrix)},
					c.roleCards(a),
					c.compare.card(c.matrix),
				)
			}),
		),
		app.If(c.form.Form != nil, func() app.UI { return c.form.render(c) }),
		c.confirmer.Dialog(c.ctx),
	)
}

// createButton opens the new-role dialog, or says why the person may not.
func (c *Page) createButton(a rules.Actor) app.UI {
	b := app.Button().Type("button").ID("role-create").Class("btn", "btn-primary").DataSet("testid", "role-create")
	no := rules.Create(a, nil)
	if no == nil {
		return app.Div().Class("header-actions").Body(b.OnClick(func(app.Context, app.Event) { c.form.openNew(c.ctx, c) }).Text("New role"))
	}
	return app.Div().Class("header-actions").Body(
		b.Disabled(true).Aria("describedby", "role-create-why").Text("New role"),
		app.P().ID("role-create-why").Class("why").Text(no.Message),
	)
}

// roleCards describes each role (who holds it, its limits, what it is
// for), with its edit and delete buttons.
func (c *Page) roleCards(a rules.Actor) app.UI {
	roles := c.matrix.Roles
	// Without the permissions, the buttons are left out and one line says why.
	var cannot []string
	if no := rules.Edit(a, role.Role{}); no != nil {
		cannot = append(cannot, no.Message)
	}
	if no := rules.Delete(a, role.Role{}); no != nil && no.Code == api.CodeForbidden {
		cannot = append(cannot, no.Message)
	}
	return app.Section().Class("card").Aria("labelledby", "roles-title").Body(
		app.H2().ID("roles-title").Class("card-title").Text("Roles"),
		app.If(len(cannot) > 0, func() app.UI {
			return app.P().Class("why").DataSet("testid", "roles-reason").Text(strings.Join(cannot, " "))
		}),
		app.Ul().Class("role-cards").Body(
			app.Range(roles).Slice(func(i int) app.UI { return c.roleCard(a, roles[i]) }),
		),
	)
}

func (c *Page) roleCard(a rules.Actor, r api.Role) app.UI {
	desc := r.Description
	if desc == "" {
		desc = "No description yet."
	}
	var facts []string
	facts = append(facts, holdersText(r.Holders))
	if r.MaxHolders > 0 {
		facts = append(facts, "at most "+strconv.Itoa(r.MaxHolders))
	}
	if len(r.Domains) > 0 {
		facts = append(facts, "only for emails at "+strings.Join(r.Domains, ", "))
	}
	if r.SuperAdmin {
		facts = append(facts, "always full access")
	}
	if r.System {
		facts = append(facts, "comes with the account")
	}
	rr := r.Role
	return app.Li().Class("role-card").DataSet("testid", "role-card-"+r.ID).Body(
		app.H3().Class("role-card-title").Body(kit.RoleBadge(&rr)),
		app.P().Class("role-card-facts").Text(strings.Join(facts, " · ")),
		app.P().Class("role-card-text").Text(desc),
		c.roleActions(a, r),
	)
}

func (c *Page) roleActions(a rules.Actor, r api.Role) app.UI {
	edit := rules.Edit(a, r.Role)
	del := rules.Delete(a, r.Role)
	showDelete := del == nil || del.Code != api.CodeForbidden
	if edit != nil && !showDelete {
		return nil
	}
	id := r.ID
	editID, deleteID, whyID := "role-edit-"+id, "role-delete-"+id, "role-delete-why-"+id
	deleteButton := app.Button().Type("button").ID(deleteID).Class("btn", "btn-secondary", "btn-small").DataSet("testid", deleteID)
	if del == nil {
		deleteButton = deleteButton.OnClick(func(app.Context, app.Event) { c.askDelete(c.ctx, id) }, app.EventScope(id))
	} else {
		deleteButton = deleteButton.Disabled(true).Aria("describedby", whyID)
	}
	return app.Div().Class("role-card-actions").Body(
		app.If(edit == nil, func() app.UI {
			return app.Button().Type("button").ID(editID).Class("btn", "btn-secondary", "btn-small").DataSet("testid", editID).
				Aria("label", "Edit "+r.Name).
				OnClick(func(app.Context, app.Event) { c.form.openEdit(c.ctx, c, id) }, app.EventScope(id)).Text("Edit")
		}),
		app.If(showDelete, func() app.UI { return deleteButton.Aria("label", "Delete "+r.Name).Text("Delete") }),
		app.If(del != nil && showDelete, func() app.UI {
			return app.P().ID(whyID).Class("why").Text(del.Message)
		}),
	)
}

// askDelete confirms deleting a role, saying who loses it.
func (c *Page) askDelete(ctx app.Context, id string) {
	r, ok := c.role(id)
	if !ok {
		return
	}
	if no := rules.Delete(c.Me.Actor(), r.Role); no != nil {
		c.status = no.Message
		return
	}
	conf := &kit.Confirmation{
		Title: "Delete the role “" + r.Name + "”?",
		Body:  losersText(r.Holders),
		OK:    "Delete role",
		Run:   func(ctx app.Context) error { return session.API.DeleteRole(ctx, id) },
		Done: func(ctx app.Context) {
			c.dropRole(id)
			c.changes++
			c.status = "Role " + r.Name + " deleted."
			// Its delete button is gone with it.
			kit.Focus(ctx, "role-create")
		},
		ReturnTo: "role-delete-" + id,
	}
	c.confirmer.Ask(ctx, conf)
	c.keptOverrides(ctx, conf, id)
}

// keptOverrides lists, in the confirmation, the role's users who keep
// per-user overrides once it is gone, and what they keep: the deletion
// takes the role, not the overrides.
func (c *Page) keptOverrides(ctx app.Context, conf *kit.Confirmation, roleID string) {
	if !c.Me.Actor().Subject.Can("users.view") {
		conf.Details = []string{"Its users keep any per-user overrides they have. " + rules.Needs("Seeing who they are", "users.view").Message}
		return
	}
	conf.Details = []string{"Looking for per-user overrides its users keep…"}
	ctx.Async(func() {
		users, err := session.AllUsers(ctx, session.UserQuery{Role: roleID})
		ctx.Dispatch(func(ctx app.Context) {
			if session.Ended(ctx, err) || c.confirmer.Pending() != conf {
				return
			}
			conf.Details = overridesKept(users, err)
		})
	})
}

// overridesKept says who keeps which overrides: a line per user with any.
func overridesKept(users []api.User, err error) []string {
	if err != nil {
		return []string{"Its users keep any per-user overrides they have; they could not be listed: " + session.Message(err)}
	}
	var out []string
	for _, u := range users {
		if kit.HasOverrides(u.Overrides) {
			name := u.Name
			if name == "" {
				name = u.Email
			}
			out = append(out, name+" keeps per-user overrides: "+kit.OverridesText(u.Overrides)+".")
		}
	}
	if len(out) == 0 && len(users) > 0 {
		return []string{"None of its users has per-user overrides."}
	}
	return out
}

// losersText says how many people a deletion leaves without a role.
func losersText(holders int) string {
	switch holders {
	case 0:
		return "No one holds this role, so no one loses access."
	case 1:
		return "1 user will be left without a role: they keep their login but lose every permission the role gave them."
	}
	return strconv.Itoa(holders) + " users will be left without a role: they keep their logins but lose every permission the role gave them."
}

func holdersText(n int) string {
	if n == 0 {
		return "No holders"
	}
	return kit.CountText(n, "holder", "holders")
}

// copyMatrix is m apart from the page's own copy, which changes in place.
func copyMatrix(m api.Matrix) api.Matrix {
	m.Roles = slices.Clone(m.Roles)
	grants := make(map[string][]string, len(m.Grants))
	for id, g := range m.Grants {
		grants[id] = slices.Clone(g)
	}
	m.Grants = grants
	return m
}
