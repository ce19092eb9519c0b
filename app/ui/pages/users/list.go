package users

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

func (c *Page) Render() app.UI {
	r := c.rules()
	return app.Div().Class("page").DataSet("testid", "page-users").Body(
		app.Header().Class("page-header", "page-header-row").Body(
			app.Div().Body(
				app.H1().Class("page-title").Text("Users"),
				app.P().Class("page-lead").Text("Who can sign in, with which role. Pending invitations, disabled and revoked logins and deleted users are listed apart."),
				app.If(c.Me.Account.Seats.Limit > 0, func() app.UI {
					return app.P().Class("page-meta").DataSet("testid", "users-seats").
						Text(strconv.Itoa(c.seatsUsed()) + " of " + strconv.Itoa(c.Me.Account.Seats.Limit) + " seats in use (active, disabled and invited users hold one).")
				}),
			),
			c.createButton(r),
		),
		kit.StatusLine("users-status", c.status),
		kit.ProblemSlot(c.problem, c.retry),
		app.Div().Class("slot").Body(
			app.If(!c.loaded && c.problem == "", func() app.UI {
				return app.P().Class("status").Text("Loading users…")
			}),
			app.If(c.loaded, func() app.UI { return c.lists(r) }),
		),
		app.Div().Class("slot").Body(app.If(c.create.Form != nil, func() app.UI { return c.create.render(c, r) })),
		app.Div().Class("slot").Body(app.If(c.roleForm.Form != nil, func() app.UI { return c.roleForm.render(c, r) })),
		app.Div().Class("slot").Body(app.If(c.overrides.Form != nil, func() app.UI { return c.overrides.render(c, r) })),
		app.Div().Class("slot").Body(app.If(c.reset.Form != nil, func() app.UI { return c.reset.render(c) })),
		c.confirmer.Dialog(c.ctx),
	)
}

// createButton opens the add-user dialog, or says why the person may not:
// adding users is not theirs, or every seat is taken.
func (c *Page) createButton(r userRules) app.UI {
	b := app.Button().Type("button").ID("user-create").Class("btn", "btn-primary").DataSet("testid", "user-create")
	no := rules.CreateUser(r.actor)
	if no == nil {
		no = r.seats.Free()
	}
	if no == nil {
		return app.Div().Class("header-actions").Body(b.OnClick(func(app.Context, app.Event) { c.create.open(c.ctx) }).Text("Add user"))
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

func (c *Page) sections() []section {
	var active, pending, inactive, noLogin, deleted []api.User
	for _, u := range c.data.shown {
		switch u.Status {
		case rules.StatusActive:
			active = append(active, u)
		case rules.StatusInvited:
			pending = append(pending, u)
		case rules.StatusDisabled, rules.StatusRevoked:
			inactive = append(inactive, u)
		case rules.StatusNoLogin:
			noLogin = append(noLogin, u)
		case rules.StatusDeleted:
			deleted = append(deleted, u)
		}
	}
	return []section{
		{"active", "Active users", "Signed up and able to sign in.", "active-section", active},
		{"pending", "Pending invites", "Invited, not signed up yet: no access, and not counted per role above. Each holds a seat.", "pending-section", pending},
		{"inactive", "Inactive", "Disabled logins keep their seat and role; revoked ones free the seat and can be invited again.", "inactive-section", inactive},
		{"nologin", "Staff without a login", "On the team but not signing in: no seat, no password. Invite them when they need access.", "nologin-section", noLogin},
		{"deleted", "Restore staff", "Deleted users. Restore them, or delete them for good.", "deleted-section", deleted},
	}
}

func (c *Page) lists(r userRules) app.UI {
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

// statsCard counts active users per role, in the account's role order, and
// pending invitations last and apart: an invited person holds a seat but no
// access until they accept.
func (c *Page) statsCard() app.UI {
	stats := c.roleStats()
	return app.Section().Class("card").Aria("labelledby", "users-stats-title").Body(
		app.H2().ID("users-stats-title").Class("card-title").Text("Active users per role"),
		app.Ul().Class("stats").DataSet("testid", "users-stats").Body(
			app.Range(stats).Slice(func(i int) app.UI {
				s := stats[i]
				ro := s.role
				return app.Li().Class("stat", "stat-"+kit.Color(&ro)).DataSet("testid", "stat-role-"+ro.ID).Body(
					app.Span().Class("stat-count").Text(strconv.Itoa(s.count)),
					app.Span().Class("stat-label").Body(kit.RoleBadge(&ro)),
				)
			}),
			app.Li().Class("stat", "stat-pending").DataSet("testid", "stat-pending").Body(
				app.Span().Class("stat-count").Text(strconv.Itoa(c.data.stats.PendingInvites)),
				app.Span().Class("stat-label").Body(app.Span().Class("badge", "badge-amber").Text("Pending invites")),
			),
		),
	)
}

// roleStat is one role's count of active users.
type roleStat struct {
	role  role.Role
	count int
}

// roleStats are the counts in the account's role order, the roles as the
// person may read them (by id alone without roles.view).
func (c *Page) roleStats() []roleStat {
	r := c.rules()
	stats := make([]roleStat, 0, len(c.data.stats.RoleOrder))
	for _, id := range c.data.stats.RoleOrder {
		stats = append(stats, roleStat{r.role(id), c.data.stats.ByRole[id]})
	}
	return stats
}

func (c *Page) toolbar() app.UI {
	roles := c.data.roles
	return app.Form().Class("toolbar").Role("search").Aria("label", "Users").OnSubmit(c.onSearchSubmit).Body(
		kit.Field{ID: "users-search", Label: "Search", Class: "toolbar-search"}.Input(
			app.Input().Type("search").Name("q").Placeholder("Name or email").Attr("autocomplete", "off").Attr("spellcheck", "false").
				Value(c.q).OnInput(c.onSearch)),
		kit.Field{ID: "users-filter-status", Label: "Status"}.Select(
			app.Select().OnChange(func(ctx app.Context, _ app.Event) {
				c.setFilter(c.ctx, ctx.JSSrc().Get("value").String(), c.roleFilter)
			}).
				Body(app.Range(statusFilters).Slice(func(i int) app.UI {
					f := statusFilters[i]
					return app.Option().Value(f[0]).Selected(c.statusFilter == f[0]).Text(f[1])
				}))),
		kit.Field{ID: "users-filter-role", Label: "Role"}.Select(
			app.Select().OnChange(func(ctx app.Context, _ app.Event) {
				c.setFilter(c.ctx, c.statusFilter, ctx.JSSrc().Get("value").String())
			}).
				Body(
					app.Option().Value("").Selected(c.roleFilter == "").Text("All roles"),
					app.Range(roles).Slice(func(i int) app.UI {
						return app.Option().Value(roles[i].ID).Selected(c.roleFilter == roles[i].ID).Text(roles[i].Name)
					}),
				)),
	)
}

var statusFilters = [][2]string{
	{"", "All statuses"},
	{rules.StatusActive, "Active"},
	{rules.StatusInvited, "Pending invite"},
	{rules.StatusDisabled, "Disabled"},
	{rules.StatusRevoked, "Revoked"},
	{rules.StatusNoLogin, "No login"},
	{rules.StatusDeleted, "Deleted"},
}

func (c *Page) sectionCard(r userRules, s section) app.UI {
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
