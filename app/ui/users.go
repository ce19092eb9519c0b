package ui

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// UsersPage lists who may sign in (seeds 002, 003, 004): a count per role,
// the active users, pending invitations apart, the inactive and the deleted
// ones, each row with the actions shared/rules allow the signed-in person.
type UsersPage struct {
	app.Compo

	Me api.Me

	ctx app.Context

	data     usersData
	loaded   bool
	revision int64
	problem  string
	// status announces the outcome of the last change, politely.
	status string

	// The filters; search waits for typing to pause.
	q, statusFilter, roleFilter string
	typed                       int

	// highlight is the user named by ?user=, shown and focused once loaded;
	// then is what to open for them (?do=role).
	highlight, then string
	// focusAfter gets the focus once the list is fresh again.
	focusAfter string
	openMenu   string // the user whose menu of actions is open

	create    *createForm
	roleForm  *roleChange
	overrides *overridesForm
	reset     *resetForm
	confirmer
	loader
}

// usersData is what one load brings.
type usersData struct {
	// all is every user the person may see: the rules need the whole
	// account (the last super admin).
	all []api.User
	// shown are the users the filters let through; all when none is set.
	shown []api.User
	stats api.UserStats
	// roles is nil when the person may not read roles (no roles.view).
	roles []api.Role
}

// userQuery is the filters as the API takes them.
type userQuery struct{ q, status, role string }

func (q userQuery) empty() bool { return q == userQuery{} }

// OnMount loads the page.
func (c *UsersPage) OnMount(ctx app.Context) {
	c.ctx = ctx
	c.readURL(ctx)
	c.load(ctx)
}

// OnNav runs when the page is (re)opened, /users?user=ID included.
func (c *UsersPage) OnNav(ctx app.Context) {
	c.ctx = ctx
	if c.readURL(ctx) && c.loaded {
		c.showHighlight(ctx)
	}
}

// readURL takes ?user= and ?do=; it reports whether they name someone.
func (c *UsersPage) readURL(ctx app.Context) bool {
	q := ctx.Page().URL().Query()
	c.highlight, c.then = q.Get("user"), q.Get("do")
	return c.highlight != ""
}

// OnUpdate refetches when the account changed, here or elsewhere: every
// change to a user moves the account's revision on.
func (c *UsersPage) OnUpdate(ctx app.Context) {
	if c.Me.Account.Revision != c.revision {
		c.load(ctx)
	}
}

func (c *UsersPage) query() userQuery {
	return userQuery{q: strings.TrimSpace(c.q), status: c.statusFilter, role: c.roleFilter}
}

func (c *UsersPage) load(ctx app.Context) {
	if !c.begin() {
		return
	}
	revision, q := c.Me.Account.Revision, c.query()
	ctx.Async(func() {
		d, err := fetchUsers(ctx, q)
		ctx.Dispatch(func(ctx app.Context) { c.fetched(ctx, d, err, revision) })
	})
}

// fetchUsers reads everything the page shows, with its requests in
// flight at once: on a tablet each round trip is what the page waits for.
func fetchUsers(ctx context.Context, q userQuery) (usersData, error) {
	var d usersData
	var errAll, errShown, errStats, errRoles error
	var roles api.RoleList
	var wg sync.WaitGroup
	wg.Go(func() { d.all, errAll = allUsers(ctx, client.UserQuery{}) })
	if !q.empty() {
		wg.Go(func() { d.shown, errShown = allUsers(ctx, client.UserQuery{Q: q.q, Status: q.status, Role: q.role}) })
	}
	wg.Go(func() { d.stats, errStats = server.UserStats(ctx) })
	wg.Go(func() { roles, errRoles = server.Roles(ctx) })
	wg.Wait()
	if err := errors.Join(errAll, errShown, errStats); err != nil {
		return d, err
	}
	if q.empty() {
		d.shown = d.all
	}
	switch {
	case errRoles == nil:
		d.roles = roles.Items
		if d.roles == nil {
			d.roles = []api.Role{}
		}
	case client.Code(errRoles) != api.CodeForbidden:
		return d, errRoles
	}
	return d, nil
}

// allUsersPath is the first request of allUsers for every user, which the
// server announces with the page (see Preloads).
const allUsersPath = "/users?limit=200"

// allUsers pages through GET /users.
func allUsers(ctx context.Context, q client.UserQuery) ([]api.User, error) {
	q.Limit = 200
	out := []api.User{}
	for {
		page, err := server.Users(ctx, q)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if page.NextCursor == "" || len(page.Items) == 0 {
			return out, nil
		}
		q.Cursor = page.NextCursor
	}
}

func (c *UsersPage) fetched(ctx app.Context, d usersData, err error, revision int64) {
	if !c.landed(ctx, err, &c.problem, c.load) {
		return
	}
	first := !c.loaded
	c.data, c.loaded, c.revision, c.problem = d, true, revision, ""
	if c.focusAfter != "" {
		focus(ctx, c.focusAfter)
		c.focusAfter = ""
	}
	if first && c.highlight != "" {
		c.showHighlight(ctx)
	}
}

// showHighlight brings the highlighted user's row into view with the focus,
// and opens what ?do= asks for.
func (c *UsersPage) showHighlight(ctx app.Context) {
	u, ok := c.user(c.highlight)
	if !ok {
		c.status = "That user is not in the list any more."
		return
	}
	focus(ctx, "user-row-"+u.ID)
	if c.then == doRole {
		c.then = ""
		c.openRole(ctx, u.ID, "user-row-"+u.ID)
	}
}

func (c *UsersPage) retry(ctx app.Context, _ app.Event) {
	c.problem = ""
	c.load(c.ctx)
}

// user finds a user of the account by id.
func (c *UsersPage) user(id string) (api.User, bool) {
	i := slices.IndexFunc(c.data.all, func(u api.User) bool { return u.ID == id })
	if i < 0 {
		return api.User{}, false
	}
	return c.data.all[i], true
}

// rules judges actions against the whole account as loaded.
func (c *UsersPage) rules() userRules {
	return newUserRules(c.Me, c.data.roles, c.data.all)
}

// Search and filters.

func (c *UsersPage) onSearch(ctx app.Context, _ app.Event) {
	c.q = ctx.JSSrc().Get("value").String()
	c.typed++
	typed := c.typed
	ctx.After(300*time.Millisecond, func(ctx app.Context) {
		if typed == c.typed {
			c.load(c.ctx)
		}
	})
}

func (c *UsersPage) onSearchSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	c.typed++
	c.load(c.ctx)
}

func (c *UsersPage) setFilter(ctx app.Context, status, roleID string) {
	c.statusFilter, c.roleFilter = status, roleID
	c.load(ctx)
}

func (c *UsersPage) Render() app.UI {
	r := c.rules()
	return app.Div().Class("page").DataSet("testid", "page-users").Body(
		app.Header().Class("page-header", "page-header-row").Body(
			app.Div().Body(
				app.H1().Class("page-title").Text("Users"),
				app.P().Class("page-lead").Text("Who can sign in, with which role. Pending invitations, disabled and revoked logins and deleted users are listed apart."),
				app.If(c.Me.Account.Seats.Limit > 0, func() app.UI {
					s := c.Me.Account.Seats
					return app.P().Class("page-meta").DataSet("testid", "users-seats").
						Text(strconv.Itoa(s.Used) + " of " + strconv.Itoa(s.Limit) + " seats in use (active, disabled and invited users hold one).")
				}),
			),
			c.createButton(r),
		),
		statusLine("users-status", c.status),
		problemSlot(c.problem, c.retry),
		app.Div().Class("slot").Body(
			app.If(!c.loaded && c.problem == "", func() app.UI {
				return app.P().Class("status").Text("Loading users…")
			}),
			app.If(c.loaded, func() app.UI { return c.lists(r) }),
		),
		app.Div().Class("slot").Body(app.If(c.create != nil, func() app.UI { return c.createDialog(r) })),
		app.Div().Class("slot").Body(app.If(c.roleForm != nil, func() app.UI { return c.roleDialog(r) })),
		app.Div().Class("slot").Body(app.If(c.overrides != nil, func() app.UI { return c.overridesDialog(r) })),
		app.Div().Class("slot").Body(app.If(c.reset != nil, func() app.UI { return c.resetDialog() })),
		app.If(c.confirm != nil, func() app.UI {
			return confirmDialog(c.confirm, func(app.Context, app.Event) { c.confirmed(c.ctx) }, func(ctx app.Context, _ app.Event) { c.cancelConfirm(ctx) })
		}),
	)
}

// createButton opens the add-user dialog, or says why the person may not:
// adding users is not theirs, or every seat is taken.
func (c *UsersPage) createButton(r userRules) app.UI {
	b := app.Button().Type("button").ID("user-create").Class("btn", "btn-primary").DataSet("testid", "user-create")
	no := rules.CreateUser(r.actor)
	if no == nil {
		no = r.seats.Free()
	}
	if no == nil {
		return app.Div().Class("header-actions").Body(b.OnClick(func(app.Context, app.Event) { c.openCreate(c.ctx) }).Text("Add user"))
	}
	return app.Div().Class("header-actions").Body(
		b.Disabled(true).Aria("describedby", "user-create-why").Text("Add user"),
		app.P().ID("user-create-why").Class("why").Text(no.Message),
	)
}

// section is one list of the page.
type section struct {
	key, title, lead, testID string
	users                    []api.User
}

func (c *UsersPage) sections() []section {
	var active, pending, inactive, deleted []api.User
	for _, u := range c.data.shown {
		switch u.Status {
		case rules.StatusActive:
			active = append(active, u)
		case rules.StatusInvited:
			pending = append(pending, u)
		case rules.StatusDisabled, rules.StatusRevoked:
			inactive = append(inactive, u)
		case rules.StatusDeleted:
			deleted = append(deleted, u)
		}
	}
	return []section{
		{"active", "Active users", "Signed up and able to sign in.", "active-section", active},
		{"pending", "Pending invites", "Invited, not signed up yet: no access, and not counted per role above. Each holds a seat.", "pending-section", pending},
		{"inactive", "Inactive", "Disabled logins keep their seat and role; revoked ones free the seat and can be invited again.", "inactive-section", inactive},
		{"deleted", "Restore staff", "Deleted users. Restore them, or delete them for good.", "deleted-section", deleted},
	}
}

func (c *UsersPage) lists(r userRules) app.UI {
	secs := c.sections()
	// Without users.manage nothing can change: one line says so.
	readOnly := ""
	if no := rules.Lifecycle(r.actor, r.actorID, rules.ActDisable, rules.Target{Status: rules.StatusActive}); no != nil && no.Code == api.CodeForbidden {
		readOnly = "You can see the users but not change them. " + no.Message
	}
	total := 0
	for _, s := range secs {
		total += len(s.users)
	}
	return app.Div().Class("stack").Body(
		c.statsCard(),
		app.Section().Class("card").Aria("labelledby", "users-list-title").Body(
			app.H2().ID("users-list-title").Class("sr-only").Text("Find users"),
			c.toolbar(),
			app.If(readOnly != "", func() app.UI {
				return app.P().Class("why", "toolbar-why").DataSet("testid", "users-reason").Text(readOnly)
			}),
		),
		app.Div().Class("slot").Body(app.If(total == 0, func() app.UI {
			return app.P().Class("notice").DataSet("testid", "users-none").Text("No user matches the search and filters.")
		})),
		app.Range(secs).Slice(func(i int) app.UI {
			s := secs[i]
			// The active list always has its place; the others when they have someone.
			show := len(s.users) > 0 || (s.key == "active" && total > 0 && (c.statusFilter == "" || c.statusFilter == rules.StatusActive))
			return app.Div().Class("slot").Body(app.If(show, func() app.UI { return c.sectionCard(r, s) }))
		}),
	)
}

// statsCard counts active users per role, pending invitations apart (seed 002).
func (c *UsersPage) statsCard() app.UI {
	type stat struct {
		role  role.Role
		count int
	}
	var stats []stat
	r := c.rules()
	if c.data.roles != nil {
		for _, ro := range c.data.roles {
			stats = append(stats, stat{ro.Role, c.data.stats.ByRole[ro.ID]})
		}
	} else {
		ids := make([]string, 0, len(c.data.stats.ByRole))
		for id := range c.data.stats.ByRole {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			stats = append(stats, stat{r.role(id), c.data.stats.ByRole[id]})
		}
	}
	pending := c.data.stats.PendingInvites
	return app.Section().Class("card").Aria("labelledby", "users-stats-title").Body(
		app.H2().ID("users-stats-title").Class("card-title").Text("Active users per role"),
		app.Div().Class("stats-row").Body(
			app.Ul().Class("stats").DataSet("testid", "users-stats").Body(
				app.Range(stats).Slice(func(i int) app.UI {
					s := stats[i]
					ro := s.role
					return app.Li().Class("stat", "stat-"+color(&ro)).DataSet("testid", "stat-role-"+ro.ID).Body(
						app.Span().Class("stat-count").Text(strconv.Itoa(s.count)),
						app.Span().Class("stat-label").Body(roleBadge(&ro)),
					)
				}),
			),
			app.Div().Class("stat", "stat-pending").DataSet("testid", "stat-pending").Body(
				app.Span().Class("stat-count").Text(strconv.Itoa(pending)),
				app.Span().Class("stat-label").Body(app.Span().Class("badge", "badge-amber").Text("Pending invites")),
			),
		),
	)
}

func (c *UsersPage) toolbar() app.UI {
	roles := c.data.roles
	return app.Form().Class("toolbar").Role("search").Aria("label", "Users").OnSubmit(c.onSearchSubmit).Body(
		app.Div().Class("field", "toolbar-search").Body(
			app.Label().Class("label").For("users-search").Text("Search"),
			app.Input().Type("search").ID("users-search").Class("input").DataSet("testid", "users-search").
				Name("q").Placeholder("Name or email").Attr("autocomplete", "off").Attr("spellcheck", "false").
				Value(c.q).OnInput(c.onSearch),
		),
		app.Div().Class("field").Body(
			app.Label().Class("label").For("users-filter-status").Text("Status"),
			app.Select().ID("users-filter-status").Class("input", "select").DataSet("testid", "users-filter-status").
				OnChange(func(ctx app.Context, _ app.Event) {
					c.setFilter(c.ctx, ctx.JSSrc().Get("value").String(), c.roleFilter)
				}).
				Body(app.Range(statusFilters).Slice(func(i int) app.UI {
					f := statusFilters[i]
					return app.Option().Value(f[0]).Selected(c.statusFilter == f[0]).Text(f[1])
				})),
		),
		app.Div().Class("field").Body(
			app.Label().Class("label").For("users-filter-role").Text("Role"),
			app.Select().ID("users-filter-role").Class("input", "select").DataSet("testid", "users-filter-role").
				OnChange(func(ctx app.Context, _ app.Event) {
					c.setFilter(c.ctx, c.statusFilter, ctx.JSSrc().Get("value").String())
				}).
				Body(
					app.Option().Value("").Selected(c.roleFilter == "").Text("All roles"),
					app.Range(roles).Slice(func(i int) app.UI {
						return app.Option().Value(roles[i].ID).Selected(c.roleFilter == roles[i].ID).Text(roles[i].Name)
					}),
				),
		),
	)
}

var statusFilters = [][2]string{
	{"", "All statuses"},
	{rules.StatusActive, "Active"},
	{rules.StatusInvited, "Pending invite"},
	{rules.StatusDisabled, "Disabled"},
	{rules.StatusRevoked, "Revoked"},
	{rules.StatusDeleted, "Deleted"},
}

func (c *UsersPage) sectionCard(r userRules, s section) app.UI {
	titleID := s.key + "-title"
	return app.Section().Class("card", "users-section").Aria("labelledby", titleID).DataSet("testid", s.testID).Body(
		app.H2().ID(titleID).Class("card-title").Body(
			app.Text(s.title),
			app.Span().Class("count").Text(strconv.Itoa(len(s.users))),
		),
		app.P().Class("card-lead").Text(s.lead),
		app.If(len(s.users) == 0, func() app.UI {
			return app.P().Class("empty").Text("No one here.")
		}),
		app.Ul().Class("user-list").Body(
			app.Range(s.users).Slice(func(i int) app.UI { return c.userRow(r, s.users[i]) }),
		),
	)
}

// statusBadge says where a user stands; invitations in amber (seed 002).
func statusBadge(u api.User) app.HTMLSpan {
	b := app.Span().DataSet("testid", "user-status-"+u.ID)
	switch u.Status {
	case rules.StatusActive:
		return b.Class("badge", "badge-status-active").Text("Active")
	case rules.StatusInvited:
		if u.InviteExpired {
			return b.Class("badge", "badge-expired").Text("Invite expired")
		}
		return b.Class("badge", "badge-amber").Text("Pending invite")
	case rules.StatusDisabled:
		return b.Class("badge", "badge-status-off").Text("Disabled")
	case rules.StatusRevoked:
		return b.Class("badge", "badge-status-off").Text("Revoked")
	case rules.StatusDeleted:
		return b.Class("badge", "badge-status-off").Text("Deleted")
	}
	return b.Class("badge", "badge-status-off").Text(u.Status)
}

// lockoutState says in the confirmation whether, and until when, failed
// sign-ins keep the user waiting now.
func (c *UsersPage) lockoutState(ctx app.Context, conf *confirmation, id, name string) {
	conf.details = []string{"Checking for failed sign-ins…"}
	ctx.Async(func() {
		u, err := server.User(ctx, id)
		ctx.Dispatch(func(ctx app.Context) {
			if sessionEnded(ctx, err) || c.confirm != conf {
				return
			}
			switch {
			case err != nil:
				conf.details = []string{"Whether sign-ins wait now could not be read: " + message(err)}
			case u.LockedUntil != nil:
				conf.details = []string{"Sign-ins from new browsers wait until " + dateTime(*u.LockedUntil) + "."}
			default:
				conf.details = []string{"No sign-in waits now: " + name + " can sign in."}
			}
		})
	})
}

// userFacts are the row's details after the name.
func userFacts(u api.User) []app.UI {
	var out []app.UI
	switch u.Status {
	case rules.StatusInvited:
		out = append(out, app.Span().Class("fact-item").Text("Invited "+shortDate(u.CreatedAt)))
		if u.InviteExpiresAt != nil && !u.InviteExpired {
			out = append(out, app.Span().Class("fact-item").Text("Link works until "+shortDate(*u.InviteExpiresAt)))
		}
	case rules.StatusDeleted, rules.StatusRevoked:
		out = append(out, app.Span().Class("fact-item").Text(lastSignIn(u)))
	default:
		if u.TOTPEnabled {
			out = append(out, app.Span().Class("tfa", "tfa-on").DataSet("testid", "user-2fa-"+u.ID).Text("2FA on"))
		} else {
			out = append(out, app.Span().Class("tfa", "tfa-off").DataSet("testid", "user-2fa-"+u.ID).Text("2FA off"))
		}
		out = append(out, app.Span().Class("fact-item").Text(lastSignIn(u)))
	}
	return out
}

func lastSignIn(u api.User) string {
	if u.LastLoginAt == nil {
		return "Never signed in"
	}
	return "Last sign-in " + dateTime(*u.LastLoginAt)
}

// shortDate is "4 Mar 2025" in the browser's time zone.
func shortDate(t time.Time) string {
	return t.Local().Format("2 Jan 2006")
}

// dateTime is "4 Mar 2025, 09:30" in the browser's time zone.
func dateTime(t time.Time) string {
	return t.Local().Format("2 Jan 2006, 15:04")
}

func (c *UsersPage) userRow(r userRules, u api.User) app.UI {
	ro := r.role(u.RoleID)
	var rp *role.Role
	if u.RoleID != "" {
		rp = &ro
	}
	primary, more := r.rowActions(u)
	name := u.Name
	if name == "" {
		name = u.Email
	}
	classes := []string{"user-row"}
	if u.ID == c.highlight {
		classes = append(classes, "user-row-highlight")
	}
	// Why controls are disabled, written once per row.
	reasons := &rowReasons{id: "user-why-" + u.ID}
	for _, a := range append(slices.Clone(primary), more...) {
		if a.no != nil {
			reasons.add(a.no.Message)
		}
	}
	facts := userFacts(u)
	return app.Li().ID("user-row-"+u.ID).Class(classes...).DataSet("testid", "user-row-"+u.ID).TabIndex(-1).Body(
		app.Div().Class("user-who").Body(
			avatar(name, rp),
			app.Div().Class("user-ident").Body(
				app.Span().Class("user-row-name").Body(
					app.Text(name),
					app.If(u.ID == c.Me.User.ID, func() app.UI { return app.Span().Class("tag", "you-tag").Text("You") }),
				),
				app.Span().Class("user-row-email").Text(u.Email),
			),
		),
		app.Div().Class("user-facts").Body(
			roleBadge(rp).DataSet("testid", "user-role-"+u.ID),
			statusBadge(u),
			app.If(hasOverrides(u.Overrides), func() app.UI { return overridesBadge(u) }),
			app.Range(facts).Slice(func(i int) app.UI { return facts[i] }),
		),
		c.rowActions(u, name, primary, more, reasons),
		app.If(len(reasons.list) > 0, func() app.UI {
			return app.Ul().Class("user-why").Body(
				app.Range(reasons.list).Slice(func(i int) app.UI {
					return app.Li().ID(reasons.id + "-" + strconv.Itoa(i)).Class("why").Text(reasons.list[i])
				}),
			)
		}),
	)
}

// rowReasons numbers a row's distinct reasons for disabled controls.
type rowReasons struct {
	id   string
	list []string
}

func (r *rowReasons) add(msg string) string {
	i := slices.Index(r.list, msg)
	if i < 0 {
		i = len(r.list)
		r.list = append(r.list, msg)
	}
	return r.id + "-" + strconv.Itoa(i)
}

func (c *UsersPage) rowActions(u api.User, name string, primary, more []userAction, reasons *rowReasons) app.UI {
	id := u.ID
	moreID, menuID := "user-more-"+id, "user-menu-"+id
	open := c.openMenu == id
	button := func(a userAction, returnTo string, classes ...string) app.UI {
		testID := "user-action-" + a.key + "-" + id
		b := app.Button().Type("button").ID(testID).Class(append([]string{"btn", "btn-small"}, classes...)...).
			DataSet("testid", testID).Aria("label", a.label+": "+name).Text(a.label)
		if a.no != nil {
			return b.Disabled(true).Aria("describedby", reasons.add(a.no.Message))
		}
		key := a.key
		return b.OnClick(func(app.Context, app.Event) { c.start(c.ctx, id, key, returnTo) }, app.EventScope(id, key))
	}
	menu := app.Div().ID(menuID).Class("user-menu").DataSet("testid", menuID).
		OnKeyDown(func(ctx app.Context, e app.Event) {
			if e.Get("key").String() == "Escape" {
				c.openMenu = ""
				focus(ctx, moreID)
			}
		}, app.EventScope(id)).
		Body(app.Range(more).Slice(func(i int) app.UI {
			return button(more[i], moreID, "btn-menu")
		}))
	if !open {
		menu = menu.Hidden(true)
	}
	return app.Div().Class("user-actions").Body(
		app.Range(primary).Slice(func(i int) app.UI {
			return button(primary[i], "user-action-"+primary[i].key+"-"+id, "btn-secondary")
		}),
		app.If(len(more) > 0, func() app.UI {
			return app.Div().Class("menu-wrap").Body(
				app.Button().Type("button").ID(moreID).Class("btn", "btn-secondary", "btn-small", "menu-toggle").
					DataSet("testid", moreID).Aria("expanded", open).Aria("controls", menuID).
					Aria("label", "More actions: "+name).
					OnClick(func(ctx app.Context, _ app.Event) {
						if c.openMenu == id {
							c.openMenu = ""
							return
						}
						c.openMenu = id
						// The first enabled action takes the focus.
						ctx.Defer(func(app.Context) {
							if b := app.Window().Get("document").Call("querySelector", "#"+menuID+" button:not(:disabled)"); b.Truthy() {
								b.Call("focus")
							}
						})
					}, app.EventScope(id)).
					Body(app.Text("More"), app.Span().Class("chevron").Aria("hidden", "true")),
				menu,
			)
		}),
	)
}

// start begins an action on a user: a dialog, or a confirmation. The
// rules are asked again: the list may have changed since it was drawn.
func (c *UsersPage) start(ctx app.Context, id, key, returnTo string) {
	c.openMenu = ""
	u, ok := c.user(id)
	if !ok {
		return
	}
	r := c.rules()
	primary, more := r.rowActions(u)
	actions := append(slices.Clone(primary), more...)
	i := slices.IndexFunc(actions, func(a userAction) bool { return a.key == key })
	if i < 0 {
		return
	}
	if a := actions[i]; a.no != nil {
		c.status = a.no.Message
		return
	}
	switch key {
	case actRole:
		c.openRole(ctx, id, returnTo)
	case actOverrides:
		c.openOverrides(ctx, id, returnTo)
	case rules.ActReset:
		c.openReset(ctx, id, returnTo)
	default:
		c.askAct(ctx, u, key)
	}
}

// askAct confirms a change to a user's sign-in, naming them and saying
// what it does.
func (c *UsersPage) askAct(ctx app.Context, u api.User, key string) {
	name := u.Name
	if name == "" {
		name = u.Email
	}
	id := u.ID
	conf := &confirmation{returnTo: "user-row-" + id}
	act := func(ctx app.Context) error {
		_, err := server.Act(ctx, id, key)
		return err
	}
	conf.run = act
	var done string
	switch key {
	case rules.ActRevoke:
		if u.Status == rules.StatusInvited {
			conf.title, conf.ok = "Cancel the invitation to "+name+"?", "Cancel invitation"
			conf.body = "The link in the invitation email to " + u.Email + " stops working at once and the seat is freed. You can invite " + name + " again later."
			done = "Invitation to " + name + " cancelled."
		} else {
			conf.title, conf.ok = "Revoke access for "+name+"?", "Revoke access"
			conf.body = name + " will immediately lose their login. Their profile stays and they can be re-invited later."
			done = name + " can no longer sign in."
		}
	case rules.ActDisable:
		conf.title, conf.ok = "Disable "+name+"?", "Disable"
		conf.body = name + " is signed out at once and cannot sign in until enabled again. They keep their role and their seat."
		done = name + " is disabled."
	case rules.ActEnable:
		conf.title, conf.ok, conf.safe = "Enable "+name+"?", "Enable", true
		conf.body = name + " can sign in again, with their role."
		done = name + " is enabled."
	case rules.ActInvite:
		conf.title, conf.ok, conf.safe = "Send "+name+" a new invitation?", "Send invitation", true
		conf.body = "A new link goes to " + u.Email + "; any earlier link stops working."
		if u.Status == rules.StatusRevoked {
			conf.body += " " + name + " takes a seat again, as a pending invite."
		}
		done = "Invitation sent to " + u.Email + "."
	case rules.ActDelete:
		conf.title, conf.ok = "Delete "+name+"?", "Delete"
		conf.body = name + " loses their login at once and moves to Restore staff, from where you can restore them or delete them for good."
		conf.run = func(ctx app.Context) error { return server.DeleteUser(ctx, id, false) }
		done = name + " moved to Restore staff."
	case rules.ActRestore:
		conf.title, conf.ok, conf.safe = "Restore "+name+"?", "Restore", true
		conf.body = name + " comes back with the status they had before deletion, taking a seat again if that status holds one."
		done = name + " is restored."
	case rules.ActPurge:
		conf.title, conf.ok = "Delete "+name+" for good?", "Delete for good"
		conf.body = name + " and their login are removed permanently. This cannot be undone."
		conf.run = func(ctx app.Context) error { return server.DeleteUser(ctx, id, true) }
		conf.returnTo = "users-search"
		done = name + " is deleted for good."
	case actReset2FA:
		conf.title, conf.ok = "Reset two-factor sign-in for "+name+"?", "Reset two-factor"
		conf.body = name + " signs in with their password alone until they set two-factor sign-in up again. Do this when they lost their device."
		conf.run = func(ctx app.Context) error { return server.Reset2FA(ctx, id) }
		done = "Two-factor sign-in of " + name + " is reset."
	case actSessions:
		conf.title, conf.ok = "Sign "+name+" out everywhere?", "Sign out everywhere"
		conf.body = "Every session of " + name + " ends at once, on every device. They can sign in again."
		conf.run = func(ctx app.Context) error { return server.EndUserSessions(ctx, id) }
		done = name + " is signed out everywhere."
	case actLockout:
		conf.title, conf.ok, conf.safe = "Let "+name+" sign in now?", "Clear lockout", true
		conf.body = "Wrong passwords typed for " + u.Email + " in browsers " + name + " has not signed in with make each further try there wait, longer each time; browsers they use keep working. Clearing forgets those failures, so " + name + " can sign in at once from anywhere."
		conf.run = func(ctx app.Context) error { return server.ClearLockout(ctx, id) }
		done = name + " can sign in at once from any browser."
	default:
		return
	}
	conf.done = func(ctx app.Context) {
		c.status = done
		c.focusAfter = conf.returnTo
		c.load(ctx)
	}
	c.ask(ctx, conf)
	if key == actLockout {
		c.lockoutState(ctx, conf, id, name)
	}
}
