package users

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/rules"
)

// Page is Users: who may sign in. A count per role, the active users, the
// pending invitations apart, the inactive and the deleted ones, each row
// with the actions shared/rules allow the signed-in person.
type Page struct {
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
	// linkShown is the user whose invitation link shows in a field, for
	// copying by hand: the clipboard refused it.
	linkShown string

	// The dialogs, one per change; each raises savedAction once saved.
	create    createDialog
	roleForm  roleDialog
	overrides overridesDialog
	reset     resetDialog
	confirmer session.Confirmer
	loader    session.Loader
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
	// inviteLinks are the working links of pending invitations, by user,
	// from the outbox: for those who may read it, when mail is kept there.
	inviteLinks map[string]string
}

// userQuery is the filters as the API takes them.
type userQuery struct{ q, status, role string }

func (q userQuery) empty() bool { return q == userQuery{} }

// OnMount loads the page.
func (c *Page) OnMount(ctx app.Context) {
	c.ctx = ctx
	ctx.Handle(savedAction, c.saved)
	c.readURL(ctx)
	c.load(ctx)
}

// OnNav runs when the page is (re)opened, /users?user=ID included.
func (c *Page) OnNav(ctx app.Context) {
	c.ctx = ctx
	if c.readURL(ctx) && c.loaded {
		c.showHighlight(ctx)
	}
}

// readURL takes ?user= and ?do=; it reports whether they name someone.
func (c *Page) readURL(ctx app.Context) bool {
	q := ctx.Page().URL().Query()
	c.highlight, c.then = q.Get("user"), q.Get("do")
	return c.highlight != ""
}

// OnUpdate refetches when the account changed, here or elsewhere: every
// change to a user moves the account's revision on.
func (c *Page) OnUpdate(ctx app.Context) {
	if c.Me.Account.Revision != c.revision {
		c.load(ctx)
	}
}

func (c *Page) query() userQuery {
	return userQuery{q: strings.TrimSpace(c.q), status: c.statusFilter, role: c.roleFilter}
}

func (c *Page) load(ctx app.Context) {
	if !c.loader.Begin() {
		return
	}
	revision, q, outbox := c.Me.Account.Revision, c.query(), session.ReadsOutbox(c.Me)
	ctx.Async(func() {
		d, err := fetchUsers(ctx, q, outbox)
		ctx.Dispatch(func(ctx app.Context) { c.fetched(ctx, d, err, revision) })
	})
}

// fetchUsers reads everything the page shows, with its requests in
// flight at once: on a tablet each round trip is what the page waits for.
// outbox says whether to read the invitation links there.
func fetchUsers(ctx context.Context, q userQuery, outbox bool) (usersData, error) {
	var d usersData
	var errAll, errShown, errStats, errRoles error
	var roles api.RoleList
	var wg sync.WaitGroup
	wg.Go(func() { d.all, errAll = session.AllUsers(ctx, session.UserQuery{}) })
	if !q.empty() {
		wg.Go(func() {
			d.shown, errShown = session.AllUsers(ctx, session.UserQuery{Q: q.q, Status: q.status, Role: q.role})
		})
	}
	wg.Go(func() { d.stats, errStats = session.API.UserStats(ctx) })
	wg.Go(func() { roles, errRoles = session.API.Roles(ctx) })
	wg.Wait()
	if err := errors.Join(errAll, errShown, errStats); err != nil {
		return d, err
	}
	if q.empty() {
		d.shown = d.all
	}
	// The invitation links are read after the list, and only where it has
	// a pending invitation to copy: no first read of the page (the server
	// announces those, see ui.Preloads). Without the outbox the page works
	// the same, with nothing to copy.
	if outbox && slices.ContainsFunc(d.all, func(u api.User) bool { return u.Status == rules.StatusInvited && !u.InviteExpired }) {
		if box, err := session.API.Mail(ctx); err == nil {
			d.inviteLinks = inviteLinks(box.Items)
		}
	}
	switch {
	case errRoles == nil:
		d.roles = roles.Items
		if d.roles == nil {
			d.roles = []api.Role{}
		}
	case session.Code(errRoles) != api.CodeForbidden:
		return d, errRoles
	}
	return d, nil
}

// inviteLinks takes each user's newest invitation from the outbox (newest
// first): a new invitation replaces the link of the one before.
func inviteLinks(mail []api.MailMessage) map[string]string {
	out := map[string]string{}
	for _, m := range mail {
		if _, seen := out[m.InviteFor]; m.InviteFor != "" && m.InviteLink != "" && !seen {
			out[m.InviteFor] = m.InviteLink
		}
	}
	return out
}

func (c *Page) fetched(ctx app.Context, d usersData, err error, revision int64) {
	if !c.loader.Landed(ctx, err, &c.problem, c.load) {
		return
	}
	first := !c.loaded
	c.data, c.loaded, c.revision, c.problem = d, true, revision, ""
	if c.focusAfter != "" {
		kit.Focus(ctx, c.focusAfter)
		c.focusAfter = ""
	}
	if first && c.highlight != "" {
		c.showHighlight(ctx)
	}
}

// showHighlight brings the highlighted user's row into view with the focus,
// and opens what ?do= asks for.
func (c *Page) showHighlight(ctx app.Context) {
	u, ok := c.user(c.highlight)
	if !ok {
		c.status = "That user is not in the list any more."
		return
	}
	kit.Focus(ctx, "user-row-"+u.ID)
	if c.then == session.DoRole {
		c.then = ""
		c.roleForm.open(ctx, u, "user-row-"+u.ID)
	}
}

func (c *Page) retry(ctx app.Context, _ app.Event) {
	c.problem = ""
	c.load(c.ctx)
}

// user finds a user of the account by id.
func (c *Page) user(id string) (api.User, bool) {
	i := slices.IndexFunc(c.data.all, func(u api.User) bool { return u.ID == id })
	if i < 0 {
		return api.User{}, false
	}
	return c.data.all[i], true
}

// rules judges actions against the whole account as loaded.
func (c *Page) rules() userRules {
	return newUserRules(c.Me, c.data.roles, c.data.all, c.data.stats, c.seatsUsed())
}

// seatsUsed counts the seats in use from the answer that brought the
// list, so that the seat line and the list change together (after adding
// someone, /me would follow later); before the first list, /me's count.
func (c *Page) seatsUsed() int {
	if !c.loaded {
		return c.Me.Account.Seats.Used
	}
	return c.data.stats.SeatsUsed
}

// Search and filters.

func (c *Page) onSearch(ctx app.Context, _ app.Event) {
	c.q = ctx.JSSrc().Get("value").String()
	c.typed++
	typed := c.typed
	ctx.After(300*time.Millisecond, func(ctx app.Context) {
		if typed == c.typed {
			c.load(c.ctx)
		}
	})
}

func (c *Page) onSearchSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	c.typed++
	c.load(c.ctx)
}

func (c *Page) setFilter(ctx app.Context, status, roleID string) {
	c.statusFilter, c.roleFilter = status, roleID
	c.load(ctx)
}
